// The worker process: consumes the BullMQ queues (routing, e-mail, deliveries to units, assignment,
// deadlines) with the backend's handlers. Stops after finishing the jobs in hand.
import { config, ConfigError } from '@kck/backend/platform/config';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { startWorkerRuntime } from './worker.ts';

async function main() {
  const cfg = config();
  const logger = createLogger('worker');
  const db = createDataSource(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE);
  await db.initialize();
  const running = await startWorkerRuntime(cfg, db, logger);
  logger.info({ queues: running.workers.map((w) => w.name) }, 'worker consuming');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker stopping');
    await running.close();
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('worker failed to start:', err);
  process.exit(1);
});
