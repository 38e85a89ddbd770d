// HTTP for Open311 GeoReport v2 under /open311/v2/ (public reads; POST with an API key) and for the admins who issue
// and revoke the clients' keys. Each Open311 path ends in `.json` or `.xml`, which picks the answer's format.
import type { Request } from 'express';
import {
  createOpen311ClientRequest,
  open311ClientIdParams,
  OPEN311_FORMATS,
  OPEN311_PREFIX,
  open311LocaleQuery,
  type Open311Format,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { AppError, notFound, validationFailed } from '../platform/errors.ts';
import { issueOpen311Client, listOpen311Clients, revokeOpen311Client } from './open311-clients.service.ts';
import { Open311Limits } from './open311-rate-limit.ts';
import { listRequestUpdates } from './open311-updates.service.ts';
import { sendList, sendServiceDefinition, sendServices } from './open311.presenter.ts';
import {
  checkKeyAndService,
  createRequest,
  getRequest,
  listRequests,
  listServices,
  resolveToken,
  serviceDefinition,
  type Locale,
} from './open311.service.ts';
import type { UrlencodedBody } from './open311-form.ts';

/** `.json` or `.xml`; any other ending is a path we do not serve. */
export function formatOf(req: Request): Open311Format {
  const format = String(req.params.format ?? '');
  if (!(OPEN311_FORMATS as readonly string[]).includes(format)) throw notFound(`Nothing at ${req.path}`);
  return format as Open311Format;
}

function localeOf(req: Request): Locale {
  const parsed = open311LocaleQuery.safeParse({ locale: req.query.locale });
  if (!parsed.success) throw validationFailed([{ path: 'locale', message: 'locale is pl or en' }]);
  return parsed.data.locale ?? 'pl';
}

const ADMINS = ['admin'] as const;

export function open311Routes(ctx: BackendContext) {
  const { db } = ctx;
  const limits = new Open311Limits(ctx.redis, ctx.config);
  const path = (rest: string) => `${OPEN311_PREFIX}/${rest}`;

  return [
    defineRoute({ method: 'get', path: path('services.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      sendServices(res, format, await listServices(db, localeOf(req)));
    }),
    defineRoute({ method: 'get', path: path('services/:code.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      sendServiceDefinition(res, format, await serviceDefinition(db, String(req.params.code), localeOf(req)));
    }),
    defineRoute({ method: 'get', path: path('requests.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      sendList(res, format, 'service_requests', 'request', await listRequests(db, req.query, localeOf(req)));
    }),
    defineRoute({ method: 'post', path: path('requests.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      await limits.consumeAddress(req.ip ?? 'unknown');
      const body = (req.body ?? {}) as UrlencodedBody;
      const apiKey = typeof body.api_key === 'string' ? body.api_key.trim() : undefined;
      const serviceCode = typeof body.service_code === 'string' ? body.service_code.trim() : undefined;
      const { key, prefetched } = await checkKeyAndService(db, apiKey, serviceCode);
      if (!key.ok)
        throw new AppError(
          403,
          'forbidden',
          key.reason === 'missing'
            ? 'api_key is required to submit a service request'
            : key.reason === 'revoked'
              ? 'api_key has been revoked'
              : 'api_key is not valid',
        );
      await limits.consumeKey(key.clientId);
      const created = await createRequest({ db, logger: ctx.logger, clientId: key.clientId, prefetched }, body);
      sendList(res, format, 'service_requests', 'request', [created], 201);
    }),
    defineRoute({ method: 'get', path: path('requests/:id.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      const request = await getRequest(db, String(req.params.id), localeOf(req));
      sendList(res, format, 'service_requests', 'request', [request]);
    }),
    defineRoute({ method: 'get', path: path('tokens/:token.:format'), roles: 'public' }, async ({ req, res }) => {
      const format = formatOf(req);
      sendList(res, format, 'service_requests', 'request', [await resolveToken(db, String(req.params.token))]);
    }),
    // FixMyStreet's extension: the reports' public steps in a window of time (open311-updates.service.ts).
    defineRoute(
      { method: 'get', path: path('servicerequestupdates.:format'), roles: 'public' },
      async ({ req, res }) => {
        const format = formatOf(req);
        const updates = await listRequestUpdates(db, req.query);
        sendList(res, format, 'service_request_updates', 'request_update', updates);
      },
    ),

    defineRoute({ method: 'get', path: '/api/open311/clients', roles: ADMINS }, () => listOpen311Clients(db)),
    defineRoute(
      { method: 'post', path: '/api/open311/clients', roles: ADMINS, body: createOpen311ClientRequest, status: 201 },
      ({ actor, body }) => issueOpen311Client(db, actor, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/open311/clients/:id/revoke', roles: ADMINS, params: open311ClientIdParams },
      ({ actor, params }) => revokeOpen311Client(db, actor, params.id),
    ),
  ];
}
