// The admin's view of the BullMQ queues: job counts per queue, the failed jobs of one queue, and retrying one.
// Our own small page instead of bull-board, whose UI needs inline scripts our Content-Security-Policy forbids.
import { z } from 'zod';
import { QUEUES, type QueueName } from '../queues.ts';

export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;
export type QueueJobState = (typeof QUEUE_JOB_STATES)[number];

const QUEUE_NAMES = Object.values(QUEUES) as [QueueName, ...QueueName[]];
const queueName = z.enum(QUEUE_NAMES, {
  error: (issue) => `Unknown queue "${String(issue.input)}"; one of ${QUEUE_NAMES.join(', ')}`,
});

export const adminQueueParams = z.object({ queue: queueName });
export type AdminQueueParams = z.infer<typeof adminQueueParams>;

/** A BullMQ job id of ours (e.g. `outbox-42`); never contains `/`. */
export const adminQueueJobParams = z.object({ queue: queueName, id: z.string().min(1).max(200) });
export type AdminQueueJobParams = z.infer<typeof adminQueueJobParams>;

export const adminFailedJobsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
export type AdminFailedJobsQuery = z.infer<typeof adminFailedJobsQuery>;

export interface AdminQueueDto {
  name: QueueName;
  counts: Record<QueueJobState, number>;
}

export interface AdminQueuesDto {
  /** When the counts were read (ISO). */
  at: string;
  queues: AdminQueueDto[];
}

export interface AdminFailedJobDto {
  id: string;
  name: string;
  /** The domain event of the outbox row the job came from, when the job carries one. */
  event: string | null;
  ticketId: string | null;
  attemptsMade: number;
  failedReason: string | null;
  /** When the last attempt failed (ISO), or null if BullMQ did not record it. */
  finishedOn: string | null;
  /** When the job was added (ISO). */
  timestamp: string;
}

export interface AdminFailedJobsDto {
  queue: QueueName;
  /** All failed jobs of the queue; `jobs` holds the newest `limit` of them. */
  total: number;
  jobs: AdminFailedJobDto[];
}

export interface AdminRetriedJobDto {
  queue: QueueName;
  id: string;
  /** The job's state right after the retry (usually `waiting`, or already `active`). */
  state: string;
}
