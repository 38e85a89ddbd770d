// A backend wired to the test run's database, Redis prefix and Meilisearch (from the global setup),
// listening on a free port, with the outbox relay and, on request, the worker in-process.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseConfig, type Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { createDataSource } from '../platform/db.ts';
import { createRedis, whenReady, type Redis } from '../platform/redis.ts';
import { closeQueues, createQueues } from '../platform/queues.ts';
import { OutboxRelay } from '../platform/outbox/outbox.relay.ts';
import { createSocketServer, type RealtimeServer } from '../platform/realtime/socket-server.ts';
import { sessionLimits } from '../auth/sessions.ts';
import { createSearchEngine } from '../knowledge/search-engines.ts';
import { buildApp } from '../app.ts';
import type { BackendContext } from '../context.ts';

export interface TestBackend {
  ctx: BackendContext;
  url: string;
  http: Server;
  io: RealtimeServer;
  relay: OutboxRelay;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!process.env.KCK_TEST_RUN_ID) throw new Error('Run tests through vitest: the global setup provides the database');
  return parseConfig({ ...process.env, CONSOLE_DIST: '', ...overrides });
}

export async function startTestBackend(
  options: { config?: Record<string, string>; relay?: boolean } = {},
): Promise<TestBackend> {
  const config = testConfig(options.config);
  const logger = createLogger('test-backend', config.LOG_LEVEL);
  const db = createDataSource(config.DATABASE_URL, 5);
  await db.initialize();
  const redis = createRedis(config.REDIS_URL, 'command');
  const producer = createRedis(config.REDIS_URL, 'producer');
  const socketRedis = createRedis(config.REDIS_URL, 'socket');
  await Promise.all([whenReady(redis), whenReady(producer)]);
  const queues = createQueues(producer, config.REDIS_PREFIX, logger);
  const search = createSearchEngine(config, logger);
  const ctx: BackendContext = { config, db, redis, queues, search: search.engine, logger };
  const http = createServer(buildApp(ctx));
  const io = createSocketServer(http, {
    db,
    redis: socketRedis,
    redisPrefix: config.REDIS_PREFIX,
    limits: sessionLimits(config),
  });
  const relay = new OutboxRelay(db, queues, logger, { databaseUrl: config.DATABASE_URL, pollMs: 200 });
  if (options.relay !== false) await relay.start();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    ctx,
    url,
    http,
    io,
    relay,
    async close() {
      await relay.stop();
      await new Promise((resolve) => io.close(() => resolve(undefined)));
      await closeQueues(queues);
      await search.close();
      await db.destroy();
      for (const client of [redis, producer, socketRedis] as Redis[]) client.disconnect();
    },
  };
}
