// Calls recorded by hotline agents; a saved call may have created tickets, so ticket lists refresh too.
// The request is checked in the browser with the contracts' own zod schema before it is sent.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallDto, RecordCallRequest } from '@kck/contracts';
import { http } from './http';
import { analyticsKeys, callKeys, ticketKeys } from './query-keys';

export function useMyCalls(limit = 20) {
  return useQuery({
    queryKey: callKeys.mine(limit),
    queryFn: ({ signal }) => http.get<CallDto[]>('/api/calls', { view: 'mine', limit }, signal),
  });
}

export function useRecordCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordCallRequest) => http.post<CallDto>('/api/calls', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: callKeys.all() });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.today() });
    },
  });
}
