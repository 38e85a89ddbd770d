// HTTP for DK-03's answer to a ticket the unit's system never received: deliver again, or mark it passed on.
import { clearDeliveryFailedRequest, redeliverTicketRequest, ticketIdParams } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { TRIAGE_ACTORS } from '../tickets/tickets.policy.ts';
import { clearDeliveryFailed, redeliverTicket } from './redelivery.service.ts';

export function redeliveryRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/delivery/retry',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: redeliverTicketRequest,
      },
      ({ actor, params, body }) => redeliverTicket(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/delivery/passed-on',
        roles: TRIAGE_ACTORS,
        params: ticketIdParams,
        body: clearDeliveryFailedRequest,
      },
      ({ actor, params, body }) => clearDeliveryFailed(db, actor, params.id, body),
    ),
  ];
}
