// HTTP for tickets: list, read, create, route by hand, accept, resolve; and the missed-events feed.
import { z } from 'zod';
import {
  acceptTicketRequest,
  createTicketRequest,
  missedEventsQuery,
  resolveTicketRequest,
  routeTicketRequest,
  ticketListQuery,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { getTicketDetail, listMissedEvents, listTickets } from './tickets.queries.ts';
import { acceptTicket, createTicket, resolveTicket, routeTicketByHand } from './tickets.service.ts';
import { TICKET_CREATORS, TICKET_READERS } from './tickets.policy.ts';

const idParams = z.object({ id: z.uuid('id must be a ticket id') });

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
        roles: ['triage', 'admin'],
        params: idParams,
        body: routeTicketRequest,
      },
      ({ actor, params, body }) => routeTicketByHand(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/accept',
        roles: ['unit_staff', 'admin'],
        params: idParams,
        body: acceptTicketRequest,
      },
      ({ actor, params, body }) => acceptTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/resolve',
        roles: ['unit_staff', 'admin'],
        params: idParams,
        body: resolveTicketRequest,
      },
      ({ actor, params, body }) => resolveTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/events', roles: TICKET_READERS, query: missedEventsQuery },
      ({ actor, query }) => listMissedEvents(db, actor, query.after),
    ),
  ];
}
