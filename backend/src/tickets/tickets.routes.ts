// HTTP for tickets: list, read, create, route by hand, accept, resolve; and the missed-events feed.
import { z } from 'zod';
import {
  acceptTicketRequest,
  closeTicketRequest,
  reasonedMoveRequest,
  startTicketRequest,
  createTicketRequest,
  missedEventsQuery,
  resolveTicketRequest,
  routeTicketRequest,
  ticketListQuery,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { getTicketDetail, listMissedEvents, listTickets } from './tickets.queries.ts';
import {
  acceptTicket,
  closeTicket,
  createTicket,
  rejectTicket,
  reopenTicket,
  resolveTicket,
  returnTicket,
  routeTicketByHand,
  startTicket,
} from './tickets.service.ts';
import { TICKET_CREATORS, TICKET_READERS } from './tickets.policy.ts';

const idParams = z.object({ id: z.uuid('id must be a ticket id') });

/** Who may ask for each move; the lifecycle table then checks the move itself. */
const UNIT = ['unit_staff', 'admin'] as const;
const TRIAGE = ['triage', 'admin'] as const;

export function ticketRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/tickets', roles: TICKET_READERS, query: ticketListQuery },
      ({ actor, query }) => listTickets(db, actor, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id', roles: TICKET_READERS, params: idParams },
      ({ actor, params }) => getTicketDetail(db, actor, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets', roles: TICKET_CREATORS, body: createTicketRequest, status: 201 },
      ({ actor, body }) => createTicket(db, actor, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/route',
        roles: TRIAGE,
        params: idParams,
        body: routeTicketRequest,
      },
      ({ actor, params, body }) => routeTicketByHand(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/accept',
        roles: UNIT,
        params: idParams,
        body: acceptTicketRequest,
      },
      ({ actor, params, body }) => acceptTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/resolve',
        roles: UNIT,
        params: idParams,
        body: resolveTicketRequest,
      },
      ({ actor, params, body }) => resolveTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/start', roles: UNIT, params: idParams, body: startTicketRequest },
      ({ actor, params, body }) => startTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/return', roles: UNIT, params: idParams, body: reasonedMoveRequest },
      ({ actor, params, body }) => returnTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/reject', roles: TRIAGE, params: idParams, body: reasonedMoveRequest },
      ({ actor, params, body }) => rejectTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/reopen',
        roles: ['agent', ...TRIAGE],
        params: idParams,
        body: reasonedMoveRequest,
      },
      ({ actor, params, body }) => reopenTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/close', roles: TRIAGE, params: idParams, body: closeTicketRequest },
      ({ actor, params, body }) => closeTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/events', roles: TICKET_READERS, query: missedEventsQuery },
      ({ actor, query }) => listMissedEvents(db, actor, query.after),
    ),
  ];
}
