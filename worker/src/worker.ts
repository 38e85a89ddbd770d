// Starts one BullMQ Worker per queue of contracts' QUEUES, each job parsed with the shared schema.
// Used by the worker process and by integration tests, which run it in-process.
import { Worker } from 'bullmq';
import { outboxJob, QUEUES, type QueueName } from '@kck/contracts';
import { bullPrefix, type Redis } from '@kck/backend/platform/redis';
import { CONSUMERS, type ConsumerDeps } from './consumers.ts';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

export function startWorkers(
  deps: ConsumerDeps & { connection: Redis; redisPrefix: string; concurrency: number },
): RunningWorkers {
  const workers = (Object.values(QUEUES) as QueueName[]).map((queue) => {
    const worker = new Worker(
      queue,
      async (job) => {
        await CONSUMERS[queue](deps, outboxJob.parse(job.data));
      },
      { connection: deps.connection, prefix: bullPrefix(deps.redisPrefix), concurrency: deps.concurrency },
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
