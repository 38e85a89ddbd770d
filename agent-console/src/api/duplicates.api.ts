// Duplicates at intake, staff side: open tickets like the report being typed (asked again as it changes, the last
// answer kept on screen meanwhile) and how many residents reported a ticket's matter.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SimilarSearch, SimilarTicketDto, TicketReportersDto } from '@kck/contracts';
import { http } from './http';
import { ticketKeys } from './query-keys';

export const similarKeys = {
  all: () => [...ticketKeys.all(), 'similar'] as const,
  search: (search: SimilarSearch | null) => [...ticketKeys.all(), 'similar', search] as const,
};

/** Under the ticket's detail key: whatever refreshes the detail (a merge, a socket event) refreshes the count. */
export const reportersKey = (id: string) => [...ticketKeys.detail(id), 'reporters'] as const;

export function useSimilarTickets(search: SimilarSearch | null) {
  return useQuery({
    queryKey: similarKeys.search(search),
    queryFn: ({ signal }) => http.get<SimilarTicketDto[]>('/api/tickets/similar', { ...search }, signal),
    enabled: search !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export function useTicketReporters(id: string) {
  return useQuery({
    queryKey: reportersKey(id),
    queryFn: ({ signal }) =>
      http.get<TicketReportersDto>(`/api/tickets/${encodeURIComponent(id)}/reporters`, undefined, signal),
  });
}
