// HTTP for deadlines: pause a ticket's clock while the unit waits for the resident, and resume it.
import { z } from 'zod';
import { resumeTicketRequest, waitForResidentRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { resumeTicket, waitForResident } from './deadlines.service.ts';

const idParams = z.object({ id: z.uuid('id must be a ticket id') });
const UNIT = ['unit_staff', 'admin'] as const;

export function deadlineRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/wait-for-resident',
        roles: UNIT,
        params: idParams,
        body: waitForResidentRequest,
      },
      ({ actor, params, body }) => waitForResident(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/tickets/:id/resume', roles: UNIT, params: idParams, body: resumeTicketRequest },
      ({ actor, params, body }) => resumeTicket(db, actor, params.id, body),
    ),
  ];
}
