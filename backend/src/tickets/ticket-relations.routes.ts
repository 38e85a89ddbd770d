// HTTP for relations between tickets and the commands beyond plain moves: merge a duplicate, link and
// unlink related tickets, split a report into parts (DK-03), and a unit's decision on an idea.
import { z } from 'zod';
import {
  ideaDecisionRequest,
  linkTicketRequest,
  mergeTicketRequest,
  splitTicketRequest,
  unlinkTicketRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { decideIdea } from './idea-decision.service.ts';
import { getTicketRelations, linkTickets, mergeTicket, unlinkTickets } from './ticket-relations.service.ts';
import { splitTicket } from './ticket-split.service.ts';
import { TICKET_READERS } from './tickets.policy.ts';

const idParams = z.object({ id: z.uuid('id must be a ticket id') });
const TRIAGE = ['triage', 'admin'] as const;
const UNIT = ['unit_staff', 'admin'] as const;

export function ticketRelationRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/relations', roles: TICKET_READERS, params: idParams },
      ({ actor, params }) => getTicketRelations(db, actor, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/merge', roles: TRIAGE, params: idParams, body: mergeTicketRequest },
      ({ actor, params, body }) => mergeTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/links', roles: TRIAGE, params: idParams, body: linkTicketRequest },
      ({ actor, params, body }) => linkTickets(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/unlink', roles: TRIAGE, params: idParams, body: unlinkTicketRequest },
      ({ actor, params, body }) => unlinkTickets(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/split',
        roles: TRIAGE,
        params: idParams,
        body: splitTicketRequest,
        status: 201,
      },
      ({ actor, params, body }) => splitTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/idea-decision',
        roles: UNIT,
        params: idParams,
        body: ideaDecisionRequest,
      },
      ({ actor, params, body }) => decideIdea(db, actor, params.id, body),
    ),
  ];
}
