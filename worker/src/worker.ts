// Starts one BullMQ Worker per queue of contracts' QUEUES, each job parsed with the shared schema.
// Used by the worker process and by integration tests, which run it in-process.
import { Queue, Worker, type Job } from 'bullmq';
import { JOB_NAMES, QUEUE_JOB_SCHEMAS, QUEUES, rooms, type QueueJob, type QueueName } from '@kck/contracts';
import type { DataSource } from 'typeorm';
import type { Config } from '@kck/backend/platform/config';
import type { Logger } from '@kck/backend/platform/logger';
import { bullPrefix, createRedis, whenReady, type Redis } from '@kck/backend/platform/redis';
import { createMailTransport } from '@kck/backend/notifications/mail-transport';
import { sessionLimits } from '@kck/backend/auth/sessions';
import { DEFAULT_JOB_OPTIONS } from '@kck/backend/platform/queues';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { createAttachmentStore, incomingDir } from '@kck/backend/attachments/attachments.storage';
import { analyticsLimits } from '@kck/backend/analytics/figures.service';
import { CONSUMERS, type ConsumerDeps } from './consumers.ts';
import { createWorkerEmitter } from './emitter.ts';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Parses a job with its queue's schema and hands it to that queue's consumer. */
function consume<Q extends QueueName>(queue: Q, deps: ConsumerDeps, job: Job): Promise<void> {
  const data = QUEUE_JOB_SCHEMAS[queue].parse(job.data) as QueueJob<Q>;
  // attemptsMade counts the attempts already failed, so this one is attemptsMade + 1.
  return CONSUMERS[queue](deps, data, {
    attempt: job.attemptsMade + 1,
    maxAttempts: job.opts.attempts ?? 1,
    jobId: job.id,
  });
}

export function startWorkers(
  deps: ConsumerDeps & {
    connection: Redis;
    redisPrefix: string;
    concurrency: number;
    lockMs?: number;
  },
): RunningWorkers {
  const workers = (Object.values(QUEUES) as QueueName[]).map((queue) => {
    const worker = new Worker(queue, (job) => consume(queue, deps, job), {
      connection: deps.connection,
      prefix: bullPrefix(deps.redisPrefix),
      concurrency: deps.concurrency,
      // A worker that dies mid-job stops renewing its lock; after lockMs the job is stalled and runs again elsewhere.
      ...(deps.lockMs ? { lockDuration: deps.lockMs, stalledInterval: deps.lockMs } : {}),
    });
    worker.on('failed', (job, err) => {
      // BullMQ sets finishedOn only when it moves the job to `failed` rather than back to the queue.
      const final = job?.finishedOn !== undefined;
      deps.logger.warn(
        { queue, jobId: job?.id, attempts: job?.attemptsMade, err: String(err) },
        final ? 'job failed for the last time' : 'job failed; BullMQ retries it with backoff',
      );
      if (final && job.id)
        deps.emitter
          ?.to(rooms.role('admin'))
          .emit('queue.job_failed', { queue, jobId: job.id, failedAt: new Date(job.finishedOn!).toISOString() });
    });
    worker.on('error', (err) => deps.logger.warn({ queue, err: String(err) }, 'worker connection error'));
    return worker;
  });
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}

/**
 * Everything a worker process runs besides its database: the Redis connections, the mail transport and the
 * BullMQ workers. The worker's main, the integration tests and the benchmark start the same thing.
 */
export async function startWorkerRuntime(config: Config, db: DataSource, logger: Logger): Promise<RunningWorkers> {
  const connection = createRedis(config.REDIS_URL, 'worker');
  await whenReady(connection);
  const mail = createMailTransport(config);
  const search = createSearchEngine(config, logger);
  const emitter = await createWorkerEmitter(config.REDIS_URL, config.REDIS_PREFIX);
  const deadlineAlerts = new Queue(QUEUES['deadline-alerts'], {
    connection,
    prefix: bullPrefix(config.REDIS_PREFIX),
    defaultJobOptions: DEFAULT_JOB_OPTIONS,
  });
  // The sweep runs on a schedule kept in Redis: however many workers start, one job per period.
  const sweeps = new Queue(QUEUES['attachment-sweep'], { connection, prefix: bullPrefix(config.REDIS_PREFIX) });
  await sweeps.upsertJobScheduler(
    'attachment-sweep',
    { every: config.ATTACHMENT_SWEEP_EVERY_MS },
    { name: JOB_NAMES['attachment-sweep'], data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
  const rollups = new Queue(QUEUES['analytics-rollups'], { connection, prefix: bullPrefix(config.REDIS_PREFIX) });
  await rollups.upsertJobScheduler(
    'analytics-rollups',
    { every: config.ANALYTICS_REFRESH_EVERY_MS },
    { name: JOB_NAMES['analytics-rollups'], data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
  const retention = new Queue(QUEUES['privacy-retention'], { connection, prefix: bullPrefix(config.REDIS_PREFIX) });
  await retention.upsertJobScheduler(
    'privacy-retention',
    { every: config.PRIVACY_RETENTION_EVERY_MS },
    { name: JOB_NAMES['privacy-retention'], data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
  // A ticket whose routing job Redis lost (a crash before its disk sync) is published again: see routing-sweep.job.ts.
  const routingSweeps = new Queue(QUEUES['routing-sweep'], { connection, prefix: bullPrefix(config.REDIS_PREFIX) });
  await routingSweeps.upsertJobScheduler(
    'routing-sweep',
    { every: config.ROUTING_SWEEP_EVERY_MS },
    { name: JOB_NAMES['routing-sweep'], data: {}, opts: { removeOnComplete: 100, removeOnFail: 1000 } },
  );
  const running = startWorkers({
    db,
    logger,
    routingSweepAfterMs: config.ROUTING_SWEEP_AFTER_MS,
    mail,
    deliveryTimeoutMs: config.DELIVERY_TIMEOUT_MS,
    sessionLimits: sessionLimits(config),
    reportLimits: analyticsLimits(config),
    deadlineAlerts,
    search: search.engine,
    attachments: {
      store: createAttachmentStore(config),
      sweep: { incomingDir: incomingDir(config), graceMs: config.ATTACHMENT_SWEEP_GRACE_MS },
    },
    connection,
    redisPrefix: config.REDIS_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
    emitter,
  });
  return {
    workers: running.workers,
    async close() {
      await running.close();
      await deadlineAlerts.close();
      await sweeps.close();
      await rollups.close();
      await retention.close();
      await routingSweeps.close();
      await search.close();
      await emitter.close();
      mail.close();
      connection.disconnect();
    },
  };
}
