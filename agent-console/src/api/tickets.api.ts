// Tickets (zgłoszenia): lists per view, the detail with its history, and the status moves.
// Moves answer with the new TicketDto; we write it into the cache at once and let lists refetch.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  AcceptTicketRequest,
  closeTicketRequest,
  CreateTicketRequest,
  ReasonedMoveRequest,
  ResolveTicketRequest,
  RouteTicketRequest,
  startTicketRequest,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { http, isApiError } from './http';
import { ticketKeys, type TicketListParams } from './query-keys';

export const fetchTickets = (params: TicketListParams, signal?: AbortSignal) =>
  http.get<TicketDto[]>(
    '/api/tickets',
    {
      view: params.view,
      status: params.status,
      limit: params.limit,
      unitId: params.unitId,
      statuses: params.statuses?.join(','),
      overdue: params.overdue,
      notPickedUp: params.notPickedUp,
      deliveryFailed: params.deliveryFailed,
      sort: params.sort,
      assignee: params.assignee,
      dueSoon: params.dueSoon,
      escalated: params.escalated,
      channel: params.channel,
      categoryId: params.categoryId,
      districtId: params.districtId,
      olderThanDays: params.olderThanDays,
      claim: params.claim,
      q: params.q,
      createdFrom: params.createdFrom,
      createdTo: params.createdTo,
      type: params.type,
    },
    signal,
  );

export const fetchTicket = (id: string, signal?: AbortSignal) =>
  http.get<TicketDetailDto>(`/api/tickets/${encodeURIComponent(id)}`, undefined, signal);

export function useTickets(params: TicketListParams, options: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: ticketKeys.list(params),
    queryFn: ({ signal }) => fetchTickets(params, signal),
    refetchInterval: options.refetchInterval,
  });
}

/** What a screen can still say about a ticket that left the user's sight. */
export interface GoneTicket {
  number: string | null;
  /** Where it went, when this user moved it (a ticket.removed message does not say). */
  unitCode: string | null;
}

/** Set once the ticket left this user's sight; asking for it again would only answer 404. */
export function useTicketGone(id: string | null | undefined): GoneTicket | null {
  const gone = useQuery<GoneTicket | null>({
    queryKey: ticketKeys.gone(id ?? ''),
    queryFn: () => null,
    initialData: null,
    enabled: false,
  });
  return id ? gone.data : null;
}

export function useTicket(id: string | null | undefined) {
  const gone = useTicketGone(id);
  return useQuery({
    queryKey: ticketKeys.detail(id ?? ''),
    queryFn: ({ signal }) => fetchTicket(id ?? '', signal),
    enabled: Boolean(id) && !gone,
  });
}

/**
 * Puts a newer version of a ticket into the cache: the detail (keeping its history until the refetch
 * brings the new event) and every list that already shows it. Older versions never overwrite newer ones.
 */
export function applyTicketUpdate(queryClient: QueryClient, ticket: TicketDto): void {
  // A ticket that comes back (routed to the unit again) may be read again.
  if (queryClient.getQueryData(ticketKeys.gone(ticket.id))) queryClient.setQueryData(ticketKeys.gone(ticket.id), null);
  // Updates carry no reporter's contact (only the detail's logged read does): the detail keeps the one it read.
  queryClient.setQueryData<TicketDetailDto>(ticketKeys.detail(ticket.id), (old) =>
    old && old.version <= ticket.version ? { ...old, ...ticket, reporter: old.reporter } : old,
  );
  queryClient.setQueriesData<TicketDto[]>({ queryKey: ticketKeys.lists() }, (old) =>
    old?.map((row) => (row.id === ticket.id && row.version <= ticket.version ? ticket : row)),
  );
  // Lists may need to gain or lose the ticket (a status filter, a unit queue): only the server knows.
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) });
}

/**
 * The ticket left this user's sight (returned to DK-03, rerouted to another unit): drop it from lists and
 * forget its detail. `moved` is the ticket as the user's own move left it, when that is how it went.
 */
export function applyTicketRemoval(queryClient: QueryClient, ticketId: string, moved?: TicketDto): void {
  const known = queryClient.getQueryData<TicketDetailDto>(ticketKeys.detail(ticketId));
  // The socket's ticket.removed follows the user's own return: keep what that already told us.
  const previous = queryClient.getQueryData<GoneTicket | null>(ticketKeys.gone(ticketId));
  // Marked before the detail goes, so a screen still showing it renders "gone" instead of refetching a 404.
  const gone: GoneTicket = {
    number: moved?.number ?? previous?.number ?? known?.number ?? null,
    unitCode: moved?.unitCode ?? previous?.unitCode ?? null,
  };
  queryClient.setQueryData<GoneTicket | null>(ticketKeys.gone(ticketId), gone);
  queryClient.setQueriesData<TicketDto[]>({ queryKey: ticketKeys.lists() }, (old) =>
    old?.filter((row) => row.id !== ticketId),
  );
  queryClient.removeQueries({ queryKey: ticketKeys.detail(ticketId) });
}

/** One endpoint per move, named after the verb; each takes the ticket `version` the user saw. */
export type TicketMove =
  | { action: 'route'; body: RouteTicketRequest }
  | { action: 'accept'; body: AcceptTicketRequest }
  | { action: 'start'; body: ReturnType<typeof startTicketRequest.parse> }
  | { action: 'resolve'; body: ResolveTicketRequest }
  | { action: 'return' | 'reject' | 'reopen'; body: ReasonedMoveRequest }
  | { action: 'close'; body: ReturnType<typeof closeTicketRequest.parse> };
export type TicketAction = TicketMove['action'];

/**
 * Moves one ticket. `stillVisible` says whether the user may still read the moved ticket (a unit user
 * does not after returning it): if not, it leaves the cache instead of being refetched into a 404.
 * On a 409 the ticket changed under the user: refetch it so the screen shows where it stands now.
 */
export function useTicketMove(id: string, stillVisible: (ticket: TicketDto) => boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (move: TicketMove) =>
      http.post<TicketDto>(`/api/tickets/${encodeURIComponent(id)}/${move.action}`, move.body),
    onSuccess: (ticket) => {
      if (stillVisible(ticket)) applyTicketUpdate(queryClient, ticket);
      else applyTicketRemoval(queryClient, ticket.id, ticket);
    },
    onError: (error) => {
      if (!isApiError(error) || error.status !== 409) return;
      void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketRequest) => http.post<TicketDto>('/api/tickets', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}
