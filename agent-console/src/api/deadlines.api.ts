// Deadlines: pause a ticket's clock while the unit waits for the resident, and resume it.
// Like the status moves, each answers with the new TicketDto, which goes into the cache at once.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ResumeTicketRequest, TicketDto, WaitForResidentRequest } from '@kck/contracts';
import { http, isApiError } from './http';
import { ticketKeys } from './query-keys';
import { applyTicketUpdate } from './tickets.api';

export type ClockCommand =
  { action: 'wait-for-resident'; body: WaitForResidentRequest } | { action: 'resume'; body: ResumeTicketRequest };

export function useTicketClock(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: ClockCommand) =>
      http.post<TicketDto>(`/api/tickets/${encodeURIComponent(id)}/${command.action}`, command.body),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
    onError: (error) => {
      // Someone changed the ticket meanwhile: show where it stands now.
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}
