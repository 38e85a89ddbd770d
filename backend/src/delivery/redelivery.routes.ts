// HTTP for DK-03's answer to a ticket the unit's system never received: deliver again, or mark it passed on.
import { z } from 'zod';
import { clearDeliveryFailedRequest, redeliverTicketRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { clearDeliveryFailed, redeliverTicket } from './redelivery.service.ts';

const idParams = z.object({ id: z.uuid('id must be a ticket id') });
const TRIAGE = ['triage', 'admin'] as const;

export function redeliveryRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/delivery/retry',
        roles: TRIAGE,
        params: idParams,
        body: redeliverTicketRequest,
      },
      ({ actor, params, body }) => redeliverTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/delivery/passed-on',
        roles: TRIAGE,
        params: idParams,
        body: clearDeliveryFailedRequest,
      },
      ({ actor, params, body }) => clearDeliveryFailed(db, actor, params.id, body),
    ),
  ];
}
