// Deadline policies (terminy): the list analysts and admins read and edit. Every save refetches the list, so
// the stamps (who, when) and the order stay the server's.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DeadlinePolicyDto, DeadlinePolicyRequest } from '@kck/contracts';
import { http } from './http';
import { deadlinePolicyKeys } from './query-keys';

export function useDeadlinePolicies() {
  return useQuery({
    queryKey: deadlinePolicyKeys.all(),
    queryFn: ({ signal }) => http.get<DeadlinePolicyDto[]>('/api/deadline-policies', undefined, signal),
  });
}

/** Creates a policy (no id) or replaces an existing one, `active` included. */
export function useSaveDeadlinePolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: DeadlinePolicyRequest }) =>
      id
        ? http.put<DeadlinePolicyDto>(`/api/deadline-policies/${encodeURIComponent(id)}`, body)
        : http.post<DeadlinePolicyDto>('/api/deadline-policies', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadlinePolicyKeys.all() }),
  });
}
