// HTTP for relations between tickets and the commands beyond plain moves: merge a duplicate, link and
// unlink related tickets, split a report into parts (DK-03), and a unit's decision on an idea.
import {
  ideaDecisionRequest,
  linkTicketRequest,
  mergeTicketRequest,
  splitTicketRequest,
  ticketIdParams,
  unlinkTicketRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { decideIdea } from './idea-decision.service.ts';
import { getTicketRelations, linkTickets, mergeTicket, unlinkTickets } from './ticket-relations.service.ts';
import { splitTicket } from './ticket-split.service.ts';
import { TICKET_READERS, TRIAGE_ACTORS, UNIT_ACTORS } from './tickets.policy.ts';

export function ticketRelationRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/relations', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }) => getTicketRelations(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/merge',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: mergeTicketRequest,
      },
      ({ actor, params, body }) => mergeTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/links',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: linkTicketRequest,
      },
      ({ actor, params, body }) => linkTickets(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/unlink',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: unlinkTicketRequest,
      },
      ({ actor, params, body }) => unlinkTickets(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/split',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: splitTicketRequest,
        status: 201,
      },
      ({ actor, params, body }) => splitTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/idea-decision',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: ideaDecisionRequest,
      },
      ({ actor, params, body }) => decideIdea(db, actor, params.id, body),
    ),
  ];
}
