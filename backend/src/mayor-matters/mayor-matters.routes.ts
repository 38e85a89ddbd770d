// HTTP for KP-02's matters: KP-02 (and admins) register them; KP-02, supervisors and admins list them with their
// deadlines; anyone who may read a matter's ticket reads its matter (the unit sees the Mayor's deadline too).
import { mayorMatterListQuery, registerMayorMatterRequest, ticketIdParams } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { TICKET_READERS } from '../tickets/tickets.policy.ts';
import { getMayorMatter, listMayorMatters } from './mayor-matters.queries.ts';
import { registerMayorMatter } from './mayor-matters.service.ts';

const REGISTRARS = ['mayor_office', 'admin'] as const;
const LIST_READERS = ['mayor_office', 'supervisor', 'admin'] as const;

export function mayorMatterRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'get', path: '/api/mayor-matters', roles: LIST_READERS, query: mayorMatterListQuery },
      ({ actor, query }) => listMayorMatters(db, actor, query),
    ),
    defineRoute(
      { method: 'post', path: '/api/mayor-matters', roles: REGISTRARS, body: registerMayorMatterRequest, status: 201 },
      ({ actor, body }) => registerMayorMatter(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/mayor-matters/:id', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }) => getMayorMatter(db, actor, params.id),
    ),
  ];
}
