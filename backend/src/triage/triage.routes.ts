// HTTP for DK-03's triage inbox: claim and release a ticket, bulk moves, and each person's saved filters.
// The inbox list itself is GET /api/tickets?view=inbox with its filters (tickets.routes.ts).
import {
  bulkTriageRequest,
  claimTicketRequest,
  createSavedFilterRequest,
  releaseTicketRequest,
  savedFilterIdParams,
  savedFilterListQuery,
  ticketIdParams,
  updateSavedFilterRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { TRIAGE_ACTORS } from '../tickets/tickets.policy.ts';
import { bulkTriage } from './triage-bulk.service.ts';
import { claimTicket, releaseTicket } from './triage-claims.service.ts';
import { createSavedFilter, deleteSavedFilter, listSavedFilters, updateSavedFilter } from './saved-filters.service.ts';

export function triageRoutes({ db, config }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/triage/tickets/:id/claim',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: claimTicketRequest,
      },
      ({ actor, params, body }) => claimTicket(db, actor, params.id, body, config.TRIAGE_CLAIM_MINUTES),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/triage/tickets/:id/release',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: releaseTicketRequest,
      },
      ({ actor, params }) => releaseTicket(db, actor, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/triage/bulk', roles: TRIAGE_ACTORS, body: bulkTriageRequest },
      ({ actor, body }) => bulkTriage(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/saved-filters', roles: TRIAGE_ACTORS, query: savedFilterListQuery },
      ({ actor, query }) => listSavedFilters(db, actor, query.view),
    ),
    defineRoute(
      { method: 'post', path: '/api/saved-filters', roles: TRIAGE_ACTORS, body: createSavedFilterRequest, status: 201 },
      ({ actor, body }) => createSavedFilter(db, actor, body),
    ),
    defineRoute(
      {
        method: 'patch',
        path: '/api/saved-filters/:id',
        roles: TRIAGE_ACTORS,
        params: savedFilterIdParams,
        body: updateSavedFilterRequest,
      },
      ({ actor, params, body }) => updateSavedFilter(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'delete', path: '/api/saved-filters/:id', roles: TRIAGE_ACTORS, params: savedFilterIdParams },
      ({ actor, params }) => deleteSavedFilter(db, actor, params.id),
    ),
  ];
}
