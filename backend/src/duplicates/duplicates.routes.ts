// HTTP for duplicates at intake: similar open tickets for staff while they type a report, how many residents
// reported a matter, and for the residents' form the public search and "add my voice" (limited like the form).
import { randomBytes, randomInt } from 'node:crypto';
import type { Request } from 'express';
import type { z } from 'zod';
import {
  publicSimilarQuery,
  publicTicketParams,
  publicVoiceRequest,
  similarTicketsQuery,
  ticketIdParams,
  ticketNumberOf,
  type FieldError,
  type PublicVoiceCreatedDto,
  type TicketReportersDto,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { validationFailed } from '../platform/errors.ts';
import { defineRoute } from '../platform/http/route.ts';
import { PublicRateLimits, type PublicLimit } from '../public-intake/public-rate-limits.ts';
import { statusUrl } from '../public-intake/status-links.ts';
import { TICKET_READERS } from '../tickets/tickets.policy.ts';
import { publicSimilarReports, similarTickets, ticketReporters } from './duplicates.queries.ts';
import { addVoice } from './voices.service.ts';

/** Who enters reports (call panel, DK-03, KP-02) or oversees intake: they see what is already reported. */
export const SIMILAR_READERS = ['agent', 'triage', 'supervisor', 'admin', 'mayor_office'] as const;

/** The same field paths as defineRoute's, for a body parsed after the honeypot check. */
function parseBody<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const fields: FieldError[] = parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  throw validationFailed(fields);
}

export function duplicateRoutes({ db, config, logger, redis }: BackendContext) {
  // The same Redis counters as the rest of the public API (same key prefix): a client's reads and writes add up.
  let limits: PublicRateLimits | undefined;
  const limit = (kind: PublicLimit, req: Request) =>
    (limits ??= new PublicRateLimits(redis, config, logger)).consume(kind, req);

  return [
    defineRoute(
      { method: 'get', path: '/api/tickets/similar', roles: SIMILAR_READERS, query: similarTicketsQuery },
      ({ query }) => similarTickets(db, query, config),
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/reporters', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }): Promise<TicketReportersDto> => ticketReporters(db, actor, params.id),
    ),
    defineRoute(
      { method: 'get', path: '/api/public/similar-reports', roles: 'public', query: publicSimilarQuery },
      async ({ req, query }) => {
        await limit('reads', req);
        return publicSimilarReports(db, query, config);
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/public/tickets/:ref/voices',
        roles: 'public',
        params: publicTicketParams,
        status: 201,
      },
      async ({ req, params }): Promise<PublicVoiceCreatedDto> => {
        await limit('writes', req);
        const raw = (req.body ?? {}) as Record<string, unknown>;
        // As on the report route: a bot that fills the hidden field is answered as if all went well; nothing is written.
        if (typeof raw.website === 'string' && raw.website.trim() !== '') {
          logger.warn(
            { address: req.ip, userAgent: req.get('user-agent')?.slice(0, 200), honeypot: raw.website.slice(0, 100) },
            'web-form honeypot filled on a voice: answered as a success, nothing written',
          );
          const number = `KCK/${new Date().getFullYear()}/${String(randomInt(1, 1_000_000)).padStart(6, '0')}`;
          const token = randomBytes(32).toString('base64url');
          return {
            number,
            token,
            statusUrl: statusUrl(config.PUBLIC_URL, number, token),
            mainNumber: ticketNumberOf(params.ref),
            reporters: 2,
          };
        }
        const body = parseBody(publicVoiceRequest, raw);
        return addVoice(db, logger, params.ref, body, {
          publicUrl: config.PUBLIC_URL,
          maxPhotos: config.PUBLIC_MAX_PHOTOS,
        });
      },
    ),
  ];
}
