// DK-03's triage inbox: claims, bulk moves, saved filters, and who is looking at which ticket. Moves answer with
// the tickets as they are now; they go into the cache at once, and the lists refetch.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  BulkTriageRequest,
  BulkTriageResult,
  ClaimTicketRequest,
  CreateSavedFilterRequest,
  Role,
  SavedFilterDto,
  SavedFilterView,
  TicketDto,
  TicketViewer,
  TicketViewersMessage,
  TicketViewersReply,
  UpdateSavedFilterRequest,
} from '@kck/contracts';
import type { ConsoleSocket } from '../realtime/socket';
import { http, isApiError } from './http';
import { ticketKeys, triageKeys } from './query-keys';
import { applyTicketUpdate } from './tickets.api';

/** On a 409 someone else moved or claimed a ticket meanwhile: show where things stand now. */
function refreshAfterConflict(queryClient: QueryClient, error: unknown, ticketIds: readonly string[]): void {
  if (!isApiError(error) || error.status !== 409) return;
  for (const id of ticketIds) void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
  void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
}

export function useClaimTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ClaimTicketRequest & { id: string }) =>
      http.post<TicketDto>(`/api/triage/tickets/${encodeURIComponent(id)}/claim`, body),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
    onError: (error, { id }) => refreshAfterConflict(queryClient, error, [id]),
  });
}

export function useReleaseTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<TicketDto>(`/api/triage/tickets/${encodeURIComponent(id)}/release`, {}),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
    onError: (error, id) => refreshAfterConflict(queryClient, error, [id]),
  });
}

export function useBulkTriage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkTriageRequest) => http.post<BulkTriageResult>('/api/triage/bulk', body),
    onSuccess: (result) => {
      for (const ticket of result.tickets) applyTicketUpdate(queryClient, ticket);
    },
    onError: (error, body) => refreshAfterConflict(queryClient, error, body.ticketIds),
  });
}

export function useSavedFilters(view: SavedFilterView) {
  return useQuery({
    queryKey: triageKeys.savedFilters(view),
    queryFn: ({ signal }) => http.get<SavedFilterDto[]>('/api/saved-filters', { view }, signal),
  });
}

export function useSaveFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateSavedFilterRequest) => http.post<SavedFilterDto>('/api/saved-filters', body),
    onSuccess: (saved) => queryClient.invalidateQueries({ queryKey: triageKeys.savedFilters(saved.view) }),
  });
}

export function useUpdateSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateSavedFilterRequest & { id: string }) =>
      http.patch<SavedFilterDto>(`/api/saved-filters/${encodeURIComponent(id)}`, body),
    onSuccess: (saved) => queryClient.invalidateQueries({ queryKey: triageKeys.savedFilters(saved.view) }),
  });
}

export function useDeleteSavedFilter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (filter: SavedFilterDto) => http.delete<void>(`/api/saved-filters/${encodeURIComponent(filter.id)}`),
    onSuccess: (_nothing, filter) => queryClient.invalidateQueries({ queryKey: triageKeys.savedFilters(filter.view) }),
  });
}

/** Ticket id → who has it open now, everyone included (the screens leave the user out). */
export type ViewersByTicket = Readonly<Record<string, readonly TicketViewer[]>>;

/** Roles the server tells about every ticket's viewers (their inbox marks them); others hear only watched tickets. */
const INBOX_ROLES: readonly Role[] = ['triage', 'admin'];

function setViewers(queryClient: QueryClient, messages: readonly TicketViewersMessage[], replace: boolean): void {
  queryClient.setQueryData<ViewersByTicket>(triageKeys.viewers(), (old) => {
    const next: Record<string, readonly TicketViewer[]> = replace ? {} : { ...old };
    for (const { ticketId, viewers } of messages) {
      if (viewers.length > 0) next[ticketId] = viewers;
      else delete next[ticketId];
    }
    return next;
  });
}

/**
 * Keeps the viewers map up to date from the socket: the whole picture on every connect (for DK-03), then each
 * change as it comes. removeAllListeners in useRealtime detaches it with the rest.
 */
export function attachViewerUpdates(socket: ConsoleSocket, queryClient: QueryClient, role: Role): void {
  // Nobody may be looking at the inbox for a while; what the socket said must still be there when someone does.
  queryClient.setQueryDefaults(triageKeys.viewers(), { gcTime: Infinity });
  socket.on('ticket.viewers', (message) => setViewers(queryClient, [message], false));
  if (!INBOX_ROLES.includes(role)) return;
  socket.on('connect', () => {
    socket.emit('ticket.viewers.list', (reply: TicketViewersReply) => {
      if (reply.ok) setViewers(queryClient, reply.tickets, true);
    });
  });
}

/** Who has each ticket open now, as the socket last said. */
export function useTicketViewers(): ViewersByTicket {
  const viewers = useQuery<ViewersByTicket>({
    queryKey: triageKeys.viewers(),
    queryFn: () => ({}),
    initialData: {},
    enabled: false,
    staleTime: Infinity,
  });
  return viewers.data;
}
