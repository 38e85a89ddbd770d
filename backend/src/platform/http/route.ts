// defineRoute: the one way to declare an HTTP endpoint. Each route names the roles it allows,
// and its params, query and body schemas; the handler gets parsed input and the actor.
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { FieldError, Role } from '@kck/contracts';
import type { Actor } from '../../auth/actor.ts';
import { forbidden, unauthenticated, validationFailed } from '../errors.ts';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * `public`: no sign-in; `staff`: any signed-in role; otherwise the listed roles only.
 * `unit_token`: a unit's own system with its `Authorization: Bearer` token (unit-token.middleware.ts), acting
 * as that unit's system account; only such routes accept a token, and they accept nothing else.
 */
export type Access = 'public' | 'staff' | 'unit_token' | readonly Role[];

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  path: string;
  roles: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of a successful answer with a body (default 200); a handler returning undefined answers 204. */
  status?: number;
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Access> {
  actor: A extends 'public' ? Actor | undefined : Actor;
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  req: Request;
  res: Response;
}

export interface RouteDefinition {
  method: Method;
  path: string;
  roles: Access;
  handle: (req: Request, res: Response) => Promise<void>;
}

type Any = z.ZodType;

export function defineRoute<
  P extends Any = z.ZodUnknown,
  Q extends Any = z.ZodUnknown,
  B extends Any = z.ZodUnknown,
  const A extends Access = Access,
>(
  spec: RouteSpec<P, Q, B> & { roles: A },
  handler: (input: RouteInput<P, Q, B, A>) => Promise<unknown>,
): RouteDefinition {
  return {
    method: spec.method,
    path: spec.path,
    roles: spec.roles,
    async handle(req, res) {
      const actor = spec.roles === 'unit_token' ? req.unitActor : authorize(spec.roles, req.actor, req.sessionEnded);
      if (!actor && spec.roles === 'unit_token') throw unauthenticated('Missing, unknown or disabled unit API token');
      const fields: FieldError[] = [];
      const params = parsePart(spec.params, req.params, 'params', fields);
      const query = parsePart(spec.query, req.query, 'query', fields);
      const body = parsePart(spec.body, spec.body ? (req.body ?? {}) : undefined, '', fields);
      if (fields.length > 0) throw validationFailed(fields);
      const result = await handler({ actor, params, query, body, req, res } as RouteInput<P, Q, B, A>);
      if (res.headersSent) return;
      if (result === undefined) res.status(204).end();
      else res.status(spec.status ?? 200).json(result);
    },
  };
}

function authorize(
  roles: Exclude<Access, 'unit_token'>,
  actor: Actor | undefined,
  sessionEnded = false,
): Actor | undefined {
  if (roles === 'public') return actor;
  if (!actor) throw unauthenticated(sessionEnded ? 'Your session has expired; sign in again' : undefined);
  if (roles !== 'staff' && !roles.includes(actor.role)) throw forbidden(`Role ${actor.role} may not do this`);
  return actor;
}

function parsePart(schema: Any | undefined, value: unknown, prefix: string, fields: FieldError[]): unknown {
  if (!schema) return value;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    fields.push({ path: path || prefix || '(body)', message: issue.message });
  }
  return undefined;
}

export function mountRoutes(router: Router, routes: RouteDefinition[]): void {
  for (const route of routes) {
    router[route.method](route.path, (req, res, next) => {
      route.handle(req, res).catch(next);
    });
  }
}
