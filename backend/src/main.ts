// The backend process: configuration, PostgreSQL, Redis, search, HTTP + Socket.IO, the outbox relay.
// Stops cleanly on SIGTERM/SIGINT so no request or outbox pass is cut in half.
import { createServer } from 'node:http';
import { config, ConfigError } from './platform/config.ts';
import { createLogger } from './platform/logger.ts';
import { createDataSource } from './platform/db.ts';
import { createRedis, whenReady } from './platform/redis.ts';
import { closeQueues, createQueues } from './platform/queues.ts';
import { OutboxRelay } from './platform/outbox/outbox.relay.ts';
import { createSocketServer } from './platform/realtime/socket-server.ts';
import { sessionLimits } from './auth/sessions.ts';
import { createSearchEngine } from './knowledge/search-engines.ts';
import { buildApp } from './app.ts';
import type { BackendContext } from './context.ts';

async function main() {
  const cfg = config();
  const logger = createLogger('backend');
  const db = createDataSource(cfg.DATABASE_URL, cfg.DATABASE_POOL_SIZE);
  await db.initialize();
  if (await db.showMigrations()) {
    logger.fatal('The database has migrations that have not run; run `npm run migrate` first');
    process.exit(1);
  }
  const redis = createRedis(cfg.REDIS_URL, 'command');
  const producer = createRedis(cfg.REDIS_URL, 'producer');
  const socketRedis = createRedis(cfg.REDIS_URL, 'socket');
  await whenReady(producer);
  const queues = createQueues(producer, cfg.REDIS_PREFIX, logger);
  const search = createSearchEngine(cfg, logger);
  const ctx: BackendContext = { config: cfg, db, redis, queues, search: search.engine, logger };

  const http = createServer(buildApp(ctx));
  const io = createSocketServer(http, {
    db,
    redis: socketRedis,
    redisPrefix: cfg.REDIS_PREFIX,
    limits: sessionLimits(cfg),
  });
  const relay = new OutboxRelay(db, queues, logger.child({ component: 'outbox-relay' }), {
    databaseUrl: cfg.DATABASE_URL,
    pollMs: cfg.OUTBOX_POLL_MS,
  });
  await relay.start();
  await new Promise<void>((resolve) => http.listen(cfg.PORT, cfg.HOST, resolve));
  logger.info({ url: cfg.PUBLIC_URL, port: cfg.PORT }, 'backend listening');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'backend stopping');
    await new Promise((resolve) => io.close(() => resolve(undefined)));
    await relay.stop();
    await closeQueues(queues);
    await search.close();
    await db.destroy();
    for (const client of [redis, producer, socketRedis]) client.disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('backend failed to start:', err);
  process.exit(1);
});
