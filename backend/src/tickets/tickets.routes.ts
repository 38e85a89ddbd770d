// HTTP for tickets: list, read, create, route by hand, accept, resolve; and the missed-events feed.
import {
  acceptTicketRequest,
  closeTicketRequest,
  reasonedMoveRequest,
  startTicketRequest,
  createTicketRequest,
  missedEventsQuery,
  resolveTicketRequest,
  routeTicketRequest,
  ticketIdParams,
  ticketListQuery,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { recordContactView } from '../access-log/access-log.service.ts';
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
import { TICKET_CREATORS, TICKET_READERS, TICKET_ROUTERS, TRIAGE_ACTORS, UNIT_ACTORS } from './tickets.policy.ts';

export function ticketRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/tickets', roles: TICKET_READERS, query: ticketListQuery },
      // Lists leave the reporter's contact out (tickets.presenter.ts withoutContact).
      ({ actor, query }) => listTickets(db, actor, query),
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id', roles: TICKET_READERS, params: ticketIdParams },
      async ({ actor, params, req }) => {
        const detail = await getTicketDetail(db, actor, params.id);
        // The reporter's contact is personal data: who saw it goes to the access log (issue 9).
        await recordContactView(db, actor, detail, req.ip);
        return detail;
      },
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets', roles: TICKET_CREATORS, body: createTicketRequest, status: 201 },
      ({ actor, body }) => createTicket(db, actor, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/route',
        roles: TICKET_ROUTERS,
        params: ticketIdParams,
        body: routeTicketRequest,
      },
      ({ actor, params, body }) => routeTicketByHand(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/accept',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: acceptTicketRequest,
      },
      ({ actor, params, body }) => acceptTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/resolve',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: resolveTicketRequest,
      },
      ({ actor, params, body }) => resolveTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/start',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: startTicketRequest,
      },
      ({ actor, params, body }) => startTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/return',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: reasonedMoveRequest,
      },
      ({ actor, params, body }) => returnTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/reject',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: reasonedMoveRequest,
      },
      ({ actor, params, body }) => rejectTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/reopen',
        roles: ['agent', ...TRIAGE_ACTORS],
        params: ticketIdParams,
        body: reasonedMoveRequest,
      },
      ({ actor, params, body }) => reopenTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/close',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: closeTicketRequest,
      },
      ({ actor, params, body }) => closeTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/events', roles: TICKET_READERS, query: missedEventsQuery },
      ({ actor, query }) => listMissedEvents(db, actor, query.after),
    ),
  ];
}
