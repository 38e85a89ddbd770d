// KP-02's matters addressed to the Mayor: the list with its filters, one matter beside its ticket, registration.
// A registration refetches the ticket lists (the matters' list among them); live updates do the rest.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MayorMatterDto, MayorMatterListParams, RegisterMayorMatterRequest } from '@kck/contracts';
import { http, isApiError } from './http';
import { mayorMatterKeys, ticketKeys } from './query-keys';

export function useMayorMatters(params: MayorMatterListParams) {
  return useQuery({
    queryKey: mayorMatterKeys.list(params),
    queryFn: ({ signal }) => http.get<MayorMatterDto[]>('/api/mayor-matters', { ...params }, signal),
  });
}

/** The matter behind a ticket of channel `mayor`; null for one written before matters were registered. */
export function useMayorMatter(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: mayorMatterKeys.detail(ticketId),
    queryFn: async ({ signal }) => {
      try {
        return await http.get<MayorMatterDto>(`/api/mayor-matters/${encodeURIComponent(ticketId)}`, undefined, signal);
      } catch (error) {
        if (isApiError(error) && error.status === 404) return null;
        throw error;
      }
    },
    enabled,
  });
}

export function useRegisterMayorMatter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegisterMayorMatterRequest) => http.post<MayorMatterDto>('/api/mayor-matters', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
  });
}
