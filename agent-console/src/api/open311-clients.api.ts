// Open311 clients (apps and partners' systems that send reports over GeoReport v2): admins issue a key per client,
// shown once in the answer that issued it, and revoke keys.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateOpen311ClientRequest, IssuedOpen311ClientDto, Open311ClientDto } from '@kck/contracts';
import { http } from './http';
import { open311ClientKeys } from './query-keys';

export function useOpen311Clients() {
  return useQuery({
    queryKey: open311ClientKeys.all(),
    queryFn: ({ signal }) => http.get<Open311ClientDto[]>('/api/open311/clients', undefined, signal),
  });
}

export function useIssueOpen311Client() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOpen311ClientRequest) => http.post<IssuedOpen311ClientDto>('/api/open311/clients', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: open311ClientKeys.all() }),
  });
}

export function useRevokeOpen311Client() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<Open311ClientDto>(`/api/open311/clients/${encodeURIComponent(id)}/revoke`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: open311ClientKeys.all() }),
  });
}
