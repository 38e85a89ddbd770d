// The incident register: the open incidents every console's banner shows, the register and one incident for its
// keepers, and their commands. `incident.changed` on the socket refetches whatever of it is on screen.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type {
  IncidentActionRequest,
  IncidentCreateRequest,
  IncidentDetailDto,
  IncidentEditRequest,
  IncidentListDto,
  IncidentListQuery,
  IncidentNoticeRequest,
  IncidentResolveRequest,
  IncidentSystemDto,
  IncidentSystemListDto,
  IncidentSystemRequest,
} from '@kck/contracts';
import type { ConsoleSocket } from '../realtime/socket';
import { http } from './http';

export const incidentKeys = {
  all: () => ['incidents'] as const,
  open: () => ['incidents', 'open'] as const,
  list: (query: IncidentListQuery) => ['incidents', 'list', query] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  systems: () => ['incidents', 'systems'] as const,
};

const incidentPath = (id: string, action = '') =>
  `/api/incidents/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function useOpenIncidents() {
  return useQuery({
    queryKey: incidentKeys.open(),
    queryFn: ({ signal }) => http.get<IncidentListDto>('/api/incidents/open', undefined, signal),
    // The socket says when it changes; the interval only covers a console that missed a message while away.
    staleTime: 60_000,
    refetchInterval: 5 * 60_000,
  });
}

export function useIncidents(query: IncidentListQuery) {
  return useQuery({
    queryKey: incidentKeys.list(query),
    queryFn: ({ signal }) => http.get<IncidentListDto>('/api/incidents', { ...query }, signal),
    placeholderData: (previous) => previous,
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: incidentKeys.detail(id),
    queryFn: ({ signal }) => http.get<IncidentDetailDto>(incidentPath(id), undefined, signal),
  });
}

export function useIncidentSystems() {
  return useQuery({
    queryKey: incidentKeys.systems(),
    queryFn: ({ signal }) => http.get<IncidentSystemListDto>('/api/incident-systems', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export const refreshIncidents = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: incidentKeys.all() }, { cancelRefetch: false });

/** A command answers with the incident as it now is: shown at once, and the lists refetched. */
function useIncidentCommand<V>(run: (vars: V) => Promise<IncidentDetailDto>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentKeys.detail(incident.id), incident);
      refreshIncidents(queryClient);
    },
    // A 409 means someone saved meanwhile: show what they saved.
    onError: () => refreshIncidents(queryClient),
  });
}

export const useOpenIncident = () =>
  useIncidentCommand((body: IncidentCreateRequest) => http.post<IncidentDetailDto>('/api/incidents', body));

export const useEditIncident = () =>
  useIncidentCommand(({ id, body }: { id: string; body: IncidentEditRequest }) =>
    http.put<IncidentDetailDto>(incidentPath(id), body),
  );

export const useResolveIncident = () =>
  useIncidentCommand(({ id, body }: { id: string; body: IncidentResolveRequest }) =>
    http.post<IncidentDetailDto>(incidentPath(id, 'resolve'), body),
  );

export const useRecordIncidentAction = () =>
  useIncidentCommand(({ id, body }: { id: string; body: IncidentActionRequest }) =>
    http.post<IncidentDetailDto>(incidentPath(id, 'actions'), body),
  );

export const useRecordIncidentNotice = () =>
  useIncidentCommand(({ id, body }: { id: string; body: IncidentNoticeRequest }) =>
    http.post<IncidentDetailDto>(incidentPath(id, 'notices'), body),
  );

export function useSaveIncidentSystem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: IncidentSystemRequest }) =>
      id
        ? http.put<IncidentSystemDto>(`/api/incident-systems/${encodeURIComponent(id)}`, body)
        : http.post<IncidentSystemDto>('/api/incident-systems', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incidentKeys.systems() }),
  });
}

/** Subscribes the cache to `incident.changed`; after a reconnect, reads everything again (messages are not replayed). */
export function attachIncidentUpdates(socket: ConsoleSocket, queryClient: QueryClient): () => void {
  const refresh = () => refreshIncidents(queryClient);
  socket.on('incident.changed', refresh);
  socket.on('connect', refresh);
  return () => {
    socket.off('incident.changed', refresh);
    socket.off('connect', refresh);
  };
}
