// HTTP for units with their own systems: the admin's integration settings, and the unit API their systems
// call with a per-unit token to accept, comment on and resolve their tickets (by number or id).
import { z } from 'zod';
import {
  acceptTicketRequest,
  resolveTicketRequest,
  unitCommentRequest,
  unitIntegrationRequest,
  type TicketDto,
} from '@kck/contracts';
import type { DataSource } from 'typeorm';
import type { BackendContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { defineRoute } from '../platform/http/route.ts';
import { notFound } from '../platform/errors.ts';
import { acceptTicket, lockTicket, resolveTicket } from '../tickets/tickets.service.ts';
import { insertComment } from '../workspace/comments.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';
import { putUnitIntegration, rotateUnitApiToken } from './unit-integrations.service.ts';
import { UNIT_API_PREFIX } from './unit-token.middleware.ts';

const unitParams = z.object({ id: z.uuid('id must be a unit id') });
/** Express decodes `KCK%2F2026%2F000123` to the number; a unit that kept our id may send that instead. */
const ticketParams = z.object({
  ticket: z.union([z.uuid(), z.string().regex(/^KCK\/\d{4}\/\d{6}$/)], {
    error: 'a ticket number (URL-encoded, KCK%2F2026%2F000123) or a ticket id',
  }),
});

/** Another unit's ticket, or one that does not exist, is 404 either way (lockTicket checks the scope). */
async function ticketIdFor(db: DataSource, ref: string): Promise<string> {
  if (!ref.startsWith('KCK/')) return ref;
  const rows: { id: string }[] = await db.query(`SELECT id FROM ticket WHERE number = $1`, [ref]);
  if (!rows[0]) throw notFound('Ticket');
  return rows[0].id;
}

/** A note from the unit's system, in the history and live in the consoles; the status stays as it is. */
async function commentOnTicket(db: DataSource, actor: Actor, id: string, text: string): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    // An internal comment like a person's: staff read it, the resident never does.
    await insertComment(em, ticket.id, 'internal', actor.id, text);
    return getTicket(em, null, id);
  });
}

export function deliveryRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'put',
        path: '/api/units/:id/integration',
        roles: ['admin'],
        params: unitParams,
        body: unitIntegrationRequest,
      },
      ({ params, body }) => putUnitIntegration(db, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/units/:id/integration/rotate-token', roles: ['admin'], params: unitParams },
      ({ params }) => rotateUnitApiToken(db, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: `${UNIT_API_PREFIX}/tickets/:ticket/accept`,
        roles: 'unit_token',
        params: ticketParams,
        body: acceptTicketRequest,
      },
      async ({ actor, params, body }) => acceptTicket(db, actor, await ticketIdFor(db, params.ticket), body),
    ),
    defineRoute(
      {
        method: 'post',
        path: `${UNIT_API_PREFIX}/tickets/:ticket/comment`,
        roles: 'unit_token',
        params: ticketParams,
        body: unitCommentRequest,
      },
      async ({ actor, params, body }) => commentOnTicket(db, actor, await ticketIdFor(db, params.ticket), body.text),
    ),
    defineRoute(
      {
        method: 'post',
        path: `${UNIT_API_PREFIX}/tickets/:ticket/resolve`,
        roles: 'unit_token',
        params: ticketParams,
        body: resolveTicketRequest,
      },
      async ({ actor, params, body }) => resolveTicket(db, actor, await ticketIdFor(db, params.ticket), body),
    ),
  ];
}
