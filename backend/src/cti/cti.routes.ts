// HTTP for telephony: the webhook a call-centre system posts call events to (our format with a Bearer token,
// or the generic PBX-bridge format with the token in the path), and the admin API for systems and extensions.
import type { Request } from 'express';
import { z } from 'zod';
import {
  createTelephonySystemRequest,
  ctiEventRequest,
  genericCtiEventRequest,
  setPhoneExtensionRequest,
  telephonySystemIdParams,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { unauthenticated, validationFailed } from '../platform/errors.ts';
import { defineRoute } from '../platform/http/route.ts';
import { readGenericCtiBody } from './cti-body.ts';
import { fromGenericEvent, fromKckEvent } from './cti-events.ts';
import { receiveCtiEvent } from './cti.service.ts';
import {
  createTelephonySystem,
  GENERIC_CTI_PATH,
  listTelephonySystems,
  revokeTelephonySystem,
  setPhoneExtension,
  systemForToken,
} from './telephony-systems.service.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const WRONG_TOKEN = 'Missing, unknown or revoked telephony system token';

/** Every bad field at once, as defineRoute reports them; the body is parsed only after the token is checked. */
function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  throw validationFailed(
    parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(body)',
      message: issue.message,
    })),
  );
}

async function systemOf(ctx: BackendContext, token: string | undefined): Promise<string> {
  const system = token ? await systemForToken(ctx.db, token) : undefined;
  if (!system) throw unauthenticated(WRONG_TOKEN);
  return system.id;
}

const bearer = (req: Request) => BEARER.exec(req.get('authorization') ?? '')?.[1];

export function ctiRoutes(ctx: BackendContext) {
  const { db } = ctx;
  return [
    // Telephony systems are not staff: they prove themselves with their token, checked in the handler.
    defineRoute({ method: 'post', path: '/api/cti/events', roles: 'public', status: 202 }, async ({ req }) => {
      const systemId = await systemOf(ctx, bearer(req));
      const input = parseBody(ctiEventRequest, req.body);
      return receiveCtiEvent(db, systemId, 'kck', fromKckEvent(input), req.body);
    }),
    defineRoute(
      {
        method: 'post',
        path: `${GENERIC_CTI_PATH}/:token`,
        roles: 'public',
        params: z.object({ token: z.string().max(200) }),
        status: 202,
      },
      async ({ req, params }) => {
        const systemId = await systemOf(ctx, params.token);
        const body = await readGenericCtiBody(req);
        const input = parseBody(genericCtiEventRequest, body);
        return receiveCtiEvent(db, systemId, 'generic', fromGenericEvent(input, new Date()), body);
      },
    ),
    defineRoute({ method: 'get', path: '/api/cti/systems', roles: ['admin'] }, async () => listTelephonySystems(db)),
    defineRoute(
      { method: 'post', path: '/api/cti/systems', roles: ['admin'], body: createTelephonySystemRequest, status: 201 },
      ({ actor, body }) => createTelephonySystem(db, actor, body.name),
    ),
    defineRoute(
      { method: 'post', path: '/api/cti/systems/:id/revoke', roles: ['admin'], params: telephonySystemIdParams },
      ({ params }) => revokeTelephonySystem(db, params.id),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/users/:id/phone-extension',
        roles: ['admin'],
        params: z.object({ id: z.uuid('id must be a user id') }),
        body: setPhoneExtensionRequest,
      },
      ({ params, body }) => setPhoneExtension(db, params.id, body.phoneExtension),
    ),
  ];
}
