// Starts one BullMQ Worker per queue of contracts' QUEUES, each job parsed with the shared schema.
// Used by the worker process and by integration tests, which run it in-process.
import { Worker } from 'bullmq';
import { outboxJob, QUEUES, type QueueName } from '@kck/contracts';
import type { DataSource } from 'typeorm';
import type { Config } from '@kck/backend/platform/config';
import type { Logger } from '@kck/backend/platform/logger';
import { bullPrefix, createRedis, whenReady, type Redis } from '@kck/backend/platform/redis';
import { createMailTransport } from '@kck/backend/notifications/mail-transport';
import { CONSUMERS, type ConsumerDeps } from './consumers.ts';
import { closeEmitter, createEmitter } from './emitter.ts';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(
  deps: ConsumerDeps & { connection: Redis; redisPrefix: string; concurrency: number; lockMs?: number },
): RunningWorkers {
  const workers = (Object.values(QUEUES) as QueueName[]).map((queue) => {
    const worker = new Worker(
      queue,
      async (job) => {
        // attemptsMade counts the attempts already failed, so this one is attemptsMade + 1.
        await CONSUMERS[queue](deps, outboxJob.parse(job.data), {
          attempt: job.attemptsMade + 1,
          maxAttempts: job.opts.attempts ?? 1,
        });
      },
      {
        connection: deps.connection,
        prefix: bullPrefix(deps.redisPrefix),
        concurrency: deps.concurrency,
        // A worker that dies mid-job stops renewing its lock; after lockMs the job is stalled and runs again elsewhere.
        ...(deps.lockMs ? { lockDuration: deps.lockMs, stalledInterval: deps.lockMs } : {}),
      },
    );
    worker.on('failed', (job, err) =>
      deps.logger.warn(
        { queue, jobId: job?.id, attempts: job?.attemptsMade, err: String(err) },
        'job failed; BullMQ retries it with backoff',
      ),
    );
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
 * Everything a worker process runs besides its database: the Redis connections, the emitter and the
 * BullMQ workers. The worker's main, the integration tests and the benchmark start the same thing.
 */
export async function startWorkerRuntime(config: Config, db: DataSource, logger: Logger): Promise<RunningWorkers> {
  const connection = createRedis(config.REDIS_URL, 'worker');
  const emitterRedis = createRedis(config.REDIS_URL, 'socket');
  await whenReady(connection);
  const emitter = createEmitter(emitterRedis, config.REDIS_PREFIX);
  const mail = createMailTransport(config);
  const running = startWorkers({
    db,
    emitter,
    logger,
    mail,
    deliveryTimeoutMs: config.DELIVERY_TIMEOUT_MS,
    connection,
    redisPrefix: config.REDIS_PREFIX,
    concurrency: config.WORKER_CONCURRENCY,
    lockMs: config.WORKER_LOCK_MS,
  });
  return {
    workers: running.workers,
    async close() {
      await running.close();
      await closeEmitter(emitter);
      mail.close();
      connection.disconnect();
      emitterRedis.disconnect();
    },
  };
}
