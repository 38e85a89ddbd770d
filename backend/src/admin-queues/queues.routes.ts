// HTTP for the admin's view of the job queues: counts, failed jobs, and retrying a failed job.
// Admin only: job data names tickets of every unit, and a retry re-runs side effects (e-mail, webhooks).
import { adminFailedJobsQuery, adminQueueJobParams, adminQueueParams } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { failedJobs, queueCounts, retryFailedJob } from './queues.service.ts';

export function adminQueueRoutes(ctx: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/admin/queues', roles: ['admin'] }, () => queueCounts(ctx.queues)),
    defineRoute(
      {
        method: 'get',
        path: '/api/admin/queues/:queue/failed',
        roles: ['admin'],
        params: adminQueueParams,
        query: adminFailedJobsQuery,
      },
      ({ params, query }) => failedJobs(ctx.queues, params.queue, query.limit),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/admin/queues/:queue/jobs/:id/retry',
        roles: ['admin'],
        params: adminQueueJobParams,
      },
      ({ params }) => retryFailedJob(ctx.queues, params.queue, params.id),
    ),
  ];
}
