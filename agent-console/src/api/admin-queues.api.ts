// The admin's view of the job queues: counts per queue and the failed jobs of one, polled every 10 s,
// and retrying a failed job (which refetches both).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdminFailedJobsDto, AdminQueuesDto, AdminRetriedJobDto, QueueName } from '@kck/contracts';
import { http } from './http';
import { adminQueueKeys } from './query-keys';

const REFETCH_MS = 10_000;

export function useAdminQueues() {
  return useQuery({
    queryKey: adminQueueKeys.counts(),
    queryFn: ({ signal }) => http.get<AdminQueuesDto>('/api/admin/queues', undefined, signal),
    refetchInterval: REFETCH_MS,
  });
}

export function useFailedJobs(queue: QueueName) {
  return useQuery({
    queryKey: adminQueueKeys.failed(queue),
    queryFn: ({ signal }) =>
      http.get<AdminFailedJobsDto>(`/api/admin/queues/${encodeURIComponent(queue)}/failed`, { limit: 50 }, signal),
    refetchInterval: REFETCH_MS,
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queue, id }: { queue: QueueName; id: string }) =>
      http.post<AdminRetriedJobDto>(
        `/api/admin/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}/retry`,
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: adminQueueKeys.all() }),
  });
}
