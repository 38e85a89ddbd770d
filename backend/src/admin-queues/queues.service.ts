// Reads and retries BullMQ jobs for the admin's queue view: counts per queue, failed jobs, one retry.
// Only the `Queue` objects of the backend context are used; no worker runs here.
import type { Job, Queue } from 'bullmq';
import {
  QUEUE_JOB_STATES,
  QUEUES,
  type AdminFailedJobDto,
  type AdminFailedJobsDto,
  type AdminQueuesDto,
  type AdminRetriedJobDto,
  type QueueJobState,
  type QueueName,
} from '@kck/contracts';
import type { Queues } from '../platform/queues.ts';
import { conflict, notFound } from '../platform/errors.ts';

export async function queueCounts(queues: Queues): Promise<AdminQueuesDto> {
  const names = Object.values(QUEUES);
  const counts = await Promise.all(names.map((name) => queues[name].getJobCounts(...QUEUE_JOB_STATES)));
  return {
    at: new Date().toISOString(),
    queues: names.map((name, i) => ({
      name,
      counts: Object.fromEntries(QUEUE_JOB_STATES.map((state) => [state, counts[i]![state] ?? 0])) as Record<
        QueueJobState,
        number
      >,
    })),
  };
}

const iso = (ms: number | undefined): string | null => (ms ? new Date(ms).toISOString() : null);

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function toFailedJob(job: Job): AdminFailedJobDto {
  const data = (job.data ?? {}) as { event?: unknown; payload?: { ticketId?: unknown }; ticketId?: unknown };
  return {
    id: String(job.id),
    name: job.name,
    event: text(data.event),
    ticketId: text(data.payload?.ticketId) ?? text(data.ticketId),
    attemptsMade: job.attemptsMade,
    failedReason: job.failedReason || null,
    finishedOn: iso(job.finishedOn),
    timestamp: new Date(job.timestamp).toISOString(),
  };
}

export async function failedJobs(queues: Queues, name: QueueName, limit: number): Promise<AdminFailedJobsDto> {
  const queue = queues[name];
  const [total, jobs] = await Promise.all([queue.getFailedCount(), queue.getFailed(0, limit - 1)]);
  // getFailed may hold gaps for jobs removed meanwhile.
  return { queue: name, total, jobs: jobs.filter((job): job is Job => Boolean(job)).map(toFailedJob) };
}

export async function retryFailedJob(queues: Queues, name: QueueName, id: string): Promise<AdminRetriedJobDto> {
  const queue: Queue = queues[name];
  const job = await queue.getJob(id);
  if (!job) throw notFound(`Job ${id} in queue ${name}`);
  const state = await job.getState();
  if (state !== 'failed') throw conflict(`Job ${id} in queue ${name} is ${state}, not failed`);
  await job.retry('failed');
  return { queue: name, id, state: await job.getState() };
}
