// The worker process: consumes the BullMQ queues (routing, e-mail, deliveries to units, assignment,
// deadlines) with the backend's handlers. Stops after finishing the jobs in hand.
import { config, ConfigError } from '@kck/backend/platform/config';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createRedis } from '@kck/backend/platform/redis';
import { ProcessMetrics } from '@kck/backend/platform/metrics';
import type { Lifecycle } from '@kck/backend/platform/health';
import { startWorkerRuntime } from './worker.ts';
import { startOperationsServer, type OperationsServer } from './operations-server.ts';

async function main() {
  const cfg = config();
  const logger = createLogger('worker');
  const db = createDataSource(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE);
  await db.initialize();
  const running = await startWorkerRuntime(cfg, db, logger);
  logger.info({ queues: running.workers.map((w) => w.name) }, 'worker consuming');
  const metrics = new ProcessMetrics('worker', logger.child({ component: 'metrics' }));
  metrics.countJobs(running.workers);
  const lifecycle: Lifecycle = { draining: false };
  let operations: OperationsServer | undefined;
  // A command connection of its own for readiness: the workers' connections block on their queues.
  const probeRedis = cfg.WORKER_METRICS_PORT === null ? undefined : createRedis(cfg.REDIS_URL, 'command');
  if (cfg.WORKER_METRICS_PORT !== null && probeRedis) {
    operations = await startOperationsServer({
      host: cfg.HOST,
      port: cfg.WORKER_METRICS_PORT,
      metrics,
      metricsToken: cfg.METRICS_TOKEN,
      lifecycle,
      probes: { postgres: () => db.query('SELECT 1'), redis: () => probeRedis.ping() },
    });
    logger.info({ listening: operations.url }, 'worker metrics and health listening');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    lifecycle.draining = true;
    // BullMQ's close takes no new jobs and waits for the running ones; past the limit they are left to stall
    // and be taken over by another worker after WORKER_LOCK_MS.
    setTimeout(() => {
      logger.error({ timeoutMs: cfg.SHUTDOWN_TIMEOUT_MS }, 'jobs still running at the shutdown limit; exiting');
      process.exit(1);
    }, cfg.SHUTDOWN_TIMEOUT_MS).unref();
    try {
      await running.close();
      await operations?.close();
      probeRedis?.disconnect();
      await db.destroy();
      logger.info('worker stopped');
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'worker stopping failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('worker failed to start:', err);
  process.exit(1);
});
