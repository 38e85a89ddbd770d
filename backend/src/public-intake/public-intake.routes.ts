// HTTP for residents without an account: the web form (its data, street search, photos, the report) and the status
// page behind a private link (read, message, rating, "not solved"); every route is limited per client address.
// Plus the staff's read of what residents sent on a ticket.
import { randomBytes, randomInt } from 'node:crypto';
import type { Request } from 'express';
import { z } from 'zod';
import {
  publicMessageRequest,
  publicNotSolvedRequest,
  publicRatingRequest,
  publicReportRequest,
  publicTicketParams,
  publicUploadQuery,
  STATUS_TOKEN_HEADER,
  streetSearchQuery,
  ticketIdParams,
  type FieldError,
  type PublicReportCreatedDto,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import { createAttachmentStore, incomingDir } from '../attachments/attachments.storage.ts';
import { validationFailed } from '../platform/errors.ts';
import { defineRoute } from '../platform/http/route.ts';
import { searchStreets } from '../streets/streets.service.ts';
import { TICKET_READERS } from '../tickets/tickets.policy.ts';
import { discardPhoto, receivePhoto, sweepAbandonedPhotos } from './public-photos.ts';
import { publicForm } from './public-form.queries.ts';
import { submitReport } from './public-reports.service.ts';
import { PublicRateLimits } from './public-rate-limits.ts';
import { publicTicketStatus } from './public-status.queries.ts';
import { addResidentMessage, rateAnswer, reportNotSolved } from './resident-actions.service.ts';
import { residentFeedback } from './resident-feedback.queries.ts';
import { statusUrl, ticketOfStatusLink } from './status-links.ts';

/** Abandoned staged photos are looked for at most this often, from the upload route (no job of its own). */
const SWEEP_EVERY_MS = 10 * 60_000;

/** The same field paths as defineRoute's, for a body parsed inside the handler (after the honeypot check). */
function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw validationFailed(fields);
}

const tokenOf = (req: Request): string | undefined => req.get(STATUS_TOKEN_HEADER) || undefined;

export function publicIntakeRoutes({ db, config, logger, redis }: BackendContext) {
  // Built on first use: listing the route table needs neither Redis nor storage.
  let limits: PublicRateLimits | undefined;
  const limit = (kind: 'writes' | 'uploads' | 'reads', req: Request) =>
    (limits ??= new PublicRateLimits(redis, config, logger)).consume(kind, req);
  let store: AttachmentStore | undefined;
  const photos = () => (store ??= createAttachmentStore(config));
  let lastSweep = 0;
  const sweepNowAndThen = () => {
    if (Date.now() - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = Date.now();
    sweepAbandonedPhotos(db, photos(), logger).catch((err: unknown) =>
      logger.warn({ err: String(err) }, 'sweeping abandoned web-form photos failed; the next upload retries'),
    );
  };
  const statusConfig = config;
  const linked = async (req: Request, ref: string) => {
    await limit('reads', req);
    return ticketOfStatusLink(db, ref, tokenOf(req), config.PUBLIC_STATUS_LINK_DAYS);
  };
  const photoLimits = () => ({
    incomingDir: incomingDir(config),
    maxBytes: config.PUBLIC_PHOTO_MAX_BYTES,
    maxPhotos: config.PUBLIC_MAX_PHOTOS,
    scan: { mode: config.CLAMAV_SCAN, logger },
  });

  return [
    defineRoute({ method: 'get', path: '/api/public/form', roles: 'public' }, async ({ req }) => {
      await limit('reads', req);
      return publicForm(db, config);
    }),
    defineRoute(
      { method: 'get', path: '/api/public/streets', roles: 'public', query: streetSearchQuery },
      async ({ req, query }) => {
        await limit('reads', req);
        return searchStreets(db, query.q, Math.min(query.limit, 15));
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/public/uploads', roles: 'public', query: publicUploadQuery, status: 201 },
      async ({ req, query }) => {
        await limit('uploads', req);
        sweepNowAndThen();
        return receivePhoto(db, photos(), req, query.submissionId, photoLimits());
      },
    ),
    defineRoute(
      {
        method: 'delete',
        path: '/api/public/uploads/:id',
        roles: 'public',
        params: z.object({ id: z.uuid('id must be a photo id') }),
        query: publicUploadQuery,
      },
      async ({ req, params, query }) => {
        await limit('reads', req);
        await discardPhoto(db, photos(), query.submissionId, params.id);
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/public/reports', roles: 'public', status: 201 },
      async ({ req }): Promise<PublicReportCreatedDto> => {
        await limit('writes', req);
        const raw = (req.body ?? {}) as Record<string, unknown>;
        // A bot fills every field, the hidden one too: it is answered as if all went well, and nothing is written.
        if (typeof raw.website === 'string' && raw.website.trim() !== '') {
          logger.warn(
            { address: req.ip, userAgent: req.get('user-agent')?.slice(0, 200), honeypot: raw.website.slice(0, 100) },
            'web-form honeypot filled: answered as a success, nothing written',
          );
          const number = `KCK/${new Date().getFullYear()}/${String(randomInt(1, 1_000_000)).padStart(6, '0')}`;
          const token = randomBytes(32).toString('base64url');
          return { number, token, statusUrl: statusUrl(config.PUBLIC_URL, number, token) };
        }
        const body = parseBody(publicReportRequest, raw);
        return submitReport(db, logger, body, { publicUrl: config.PUBLIC_URL, maxPhotos: config.PUBLIC_MAX_PHOTOS });
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/public/tickets/:ref', roles: 'public', params: publicTicketParams },
      async ({ req, res, params }) => {
        const ticket = await linked(req, params.ref);
        res.set('Cache-Control', 'no-store');
        return publicTicketStatus(db, ticket.id, statusConfig);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/public/tickets/:ref/messages',
        roles: 'public',
        params: publicTicketParams,
        body: publicMessageRequest,
        status: 201,
      },
      async ({ req, params, body }) => {
        await limit('writes', req);
        return addResidentMessage(db, await linked(req, params.ref), body, statusConfig);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/public/tickets/:ref/rating',
        roles: 'public',
        params: publicTicketParams,
        body: publicRatingRequest,
        status: 201,
      },
      async ({ req, params, body }) => {
        await limit('writes', req);
        return rateAnswer(db, await linked(req, params.ref), body, statusConfig);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/public/tickets/:ref/not-solved',
        roles: 'public',
        params: publicTicketParams,
        body: publicNotSolvedRequest,
      },
      async ({ req, params, body }) => {
        await limit('writes', req);
        return reportNotSolved(db, await linked(req, params.ref), body, statusConfig);
      },
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/resident-feedback', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }) => residentFeedback(db, actor, params.id),
    ),
  ];
}
