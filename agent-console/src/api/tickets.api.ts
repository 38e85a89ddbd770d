// Tickets (zgłoszenia): lists per view, the detail with its history, and the triage and unit commands.
// Commands answer with the new TicketDto; we write it into the cache at once and let lists refetch.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AcceptTicketRequest,
  CreateTicketRequest,
  ResolveTicketRequest,
  RouteTicketRequest,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { http } from './http';
import { ticketKeys, type TicketListParams } from './query-keys';

export const fetchTickets = (params: TicketListParams, signal?: AbortSignal) =>
  http.get<TicketDto[]>('/api/tickets', { view: params.view, status: params.status, limit: params.limit }, signal);

export const fetchTicket = (id: string, signal?: AbortSignal) =>
  http.get<TicketDetailDto>(`/api/tickets/${encodeURIComponent(id)}`, undefined, signal);

export function useTickets(params: TicketListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ signal }) => fetchTickets(params, signal),
    refetchInterval: options.refetchInterval,
  });
}

export function useTicket(id: string | null | undefined) {
  return useQuery({
    queryKey: ticketKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchTicket(id ?? '', signal),
    enabled: Boolean(id),
  });
}

/**
 * Puts a newer version of a ticket into the cache: the detail (keeping its history until the refetch
 * brings the new event) and every list that already shows it. Older versions never overwrite newer ones.
 */
export function applyTicketUpdate(queryClient: QueryClient, ticket: TicketDto): void {
  queryClient.setQueryData<TicketDetailDto>(ticketKeys.detail(ticket.id), (old) =>
    old && old.version <= ticket.version ? { ...old, ...ticket } : old,
  );
  queryClient.setQueriesData<TicketDto[]>({ queryKey: ticketKeys.lists() }, (old) =>
    old?.map((row) => (row.id === ticket.id && row.version <= ticket.version ? ticket : row)),
  );
  // Lists may need to gain or lose the ticket (a status filter, a unit queue): only the server knows.
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
}

/** The ticket left this user's sight (rerouted to another unit): drop it from lists and forget its detail. */
export function applyTicketRemoval(queryClient: QueryClient, ticketId: string): void {
  queryClient.setQueriesData<TicketDto[]>({ queryKey: ticketKeys.lists() }, (old) =>
    old?.filter((row) => row.id !== ticketId),
  );
  queryClient.removeQueries({ queryKey: ticketKeys.detail(ticketId) });
}

function useTicketCommand<Body>(id: string, action: 'route' | 'accept' | 'resolve') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => http.post<TicketDto>(`/api/tickets/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
  });
}

export const useRouteTicket = (id: string) => useTicketCommand<RouteTicketRequest>(id, 'route');
export const useAcceptTicket = (id: string) => useTicketCommand<AcceptTicketRequest>(id, 'accept');
export const useResolveTicket = (id: string) => useTicketCommand<ResolveTicketRequest>(id, 'resolve');

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketRequest) => http.post<TicketDto>('/api/tickets', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}
