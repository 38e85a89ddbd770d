// HTTP for deadlines: pause a ticket's clock while the unit waits for the resident, and resume it.
import { resumeTicketRequest, ticketIdParams, waitForResidentRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { UNIT_ACTORS } from '../tickets/tickets.policy.ts';
import { resumeTicket, waitForResident } from './deadlines.service.ts';

export function deadlineRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/wait-for-resident',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: waitForResidentRequest,
      },
      ({ actor, params, body }) => waitForResident(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/resume',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: resumeTicketRequest,
      },
      ({ actor, params, body }) => resumeTicket(db, actor, params.id, body),
    ),
  ];
}
