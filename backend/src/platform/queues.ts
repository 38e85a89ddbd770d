// The BullMQ queues the backend produces into, one per entry of contracts' QUEUES.
// Default job options (retries with backoff, retention) are set here once.
import { Queue, type JobsOptions } from 'bullmq';
import { QUEUES, type QueueName } from '@kck/contracts';
import { bullPrefix, type Redis } from './redis.ts';
import type { Logger } from './logger.ts';
import type { Config } from './config.ts';

export type Queues = Record<QueueName, Queue>;

export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  // Keep finished jobs for a day so the stable job id still deduplicates a re-sent outbox row.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
};

/** Call once `connection` is ready: BullMQ asks the server's version as soon as a queue exists. */
export function createQueues(
  connection: Redis,
  redisPrefix: string,
  logger: Logger,
  /** Per-queue changes to the defaults, e.g. the webhook delivery's own attempts and backoff. */
  jobOptions: Partial<Record<QueueName, JobsOptions>> = {},
): Queues {
  const entries = Object.values(QUEUES).map((name) => {
    const queue = new Queue(name, {
      connection,
      prefix: bullPrefix(redisPrefix),
      defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...jobOptions[name] },
      skipWaitingForReady: true,
    });
    // Redis outages surface here; the outbox relay retries, so a warning is enough.
    queue.on('error', (err) => logger.warn({ queue: name, err: String(err) }, 'queue connection error'));
    return [name, queue] as const;
  });
  return Object.fromEntries(entries) as Queues;
}

/** A unit's webhook retries on its own schedule: the attempts decide when DK-03 is told, so they are configurable. */
export const deliveryJobOptions = (config: Pick<Config, 'DELIVERY_ATTEMPTS' | 'DELIVERY_BACKOFF_MS'>): JobsOptions => ({
  attempts: config.DELIVERY_ATTEMPTS,
  backoff: { type: 'exponential', delay: config.DELIVERY_BACKOFF_MS },
});

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}
