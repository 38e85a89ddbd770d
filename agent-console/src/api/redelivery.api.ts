// DK-03's two answers to a ticket the unit's system never received: deliver again, or mark it passed on.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ClearDeliveryFailedRequest, RedeliverTicketRequest, TicketDto } from '@kck/contracts';
import { http, isApiError } from './http';
import { ticketKeys } from './query-keys';
import { applyTicketUpdate } from './tickets.api';

export type DeliveryRecovery =
  { action: 'retry'; body: RedeliverTicketRequest } | { action: 'passed-on'; body: ClearDeliveryFailedRequest };

export function useDeliveryRecovery(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (recovery: DeliveryRecovery) =>
      http.post<TicketDto>(`/api/tickets/${encodeURIComponent(id)}/delivery/${recovery.action}`, recovery.body),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
    // 409: someone dealt with it first; show the ticket as it is now.
    onError: (error) => {
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}
