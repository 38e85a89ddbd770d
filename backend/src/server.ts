// Wires one backend process: PostgreSQL, Redis connections, queues, search, HTTP + Socket.IO and
// the outbox relay, and takes them down in order. Used by main.ts, the tests and the benchmarks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import { createDataSource } from './platform/db.ts';
import { createRedis, whenReady } from './platform/redis.ts';
import { closeQueues, createQueues, deliveryJobOptions } from './platform/queues.ts';
import { OutboxRelay } from './platform/outbox/outbox.relay.ts';
import { createSocketServer, type RealtimeServer } from './platform/realtime/socket-server.ts';
import { fanOutEvents } from './platform/realtime/fan-out.ts';
import { RELAY_FACTS, RELAY_SKIPS } from './relay-skips.ts';
import { sessionLimits } from './auth/sessions.ts';
import { createSearchEngine, initSearchEngine } from './knowledge/search-engines.ts';
import { SearchLog } from './knowledge/search-log.service.ts';
import { KNOWLEDGE_INDEX_JOB_OPTIONS } from './knowledge/knowledge-index.job.ts';
import { buildApp } from './app.ts';
import { ProcessMetrics } from './platform/metrics.ts';
import type { Lifecycle } from './platform/health.ts';
import { startNumberingSweep } from './tickets/ticket-number.ts';
import { startIncidentWatcher, type IncidentWatcher } from './incidents/incident-watcher.ts';
import type { BackendContext } from './context.ts';

export interface BackendServer {
  ctx: BackendContext;
  http: Server;
  io: RealtimeServer;
  relay: OutboxRelay;
  /** The incident register's watcher of dependencies; undefined when INCIDENT_AUTO_OPEN_AFTER_MS is 0. */
  incidentWatcher: IncidentWatcher | undefined;
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  metrics: ProcessMetrics;
  /** `draining` turns true when close() starts: /health/ready answers 503 from then on. */
  lifecycle: Lifecycle;
  close(): Promise<void>;
}

export interface BackendServerOptions {
  /** Start the outbox relay (default true); tests that drive it by hand pass false. */
  relay?: boolean;
  /** Refuse to start while migrations are pending (default true). */
  requireMigrated?: boolean;
}

export async function startBackendServer(
  config: Config,
  logger: Logger,
  options: BackendServerOptions = {},
): Promise<BackendServer> {
  const db = createDataSource(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  await db.initialize();
  if (options.requireMigrated !== false && (await db.showMigrations())) {
    await db.destroy();
    throw new Error('The database has migrations that have not run; run `npm run migrate` first');
  }
  const redis = createRedis(config.REDIS_URL, 'command');
  const producer = createRedis(config.REDIS_URL, 'producer');
  const socketRedis = createRedis(config.REDIS_URL, 'socket');
  await Promise.all([whenReady(redis), whenReady(producer)]);
  const queues = createQueues(producer, config.REDIS_PREFIX, logger, {
    delivery: deliveryJobOptions(config),
    'knowledge-index': KNOWLEDGE_INDEX_JOB_OPTIONS,
  });
  const search = createSearchEngine(config, logger);
  await initSearchEngine(db, search.engine, logger);
  const metrics = new ProcessMetrics('backend', logger.child({ component: 'metrics' }));
  const lifecycle: Lifecycle = { draining: false };
  const searchLog = new SearchLog(db, logger.child({ component: 'search-log' }));
  const ctx: BackendContext = {
    config,
    db,
    redis,
    queues,
    search: metrics.countSearches(search.engine),
    searchEngines: search.engines,
    searchLog,
    logger,
  };

  const http = createServer(buildApp(ctx, { operations: { metrics, lifecycle } }));
  // While draining, answers close their connection, so keep-alive clients open their next one elsewhere.
  http.prependListener('request', (_req, res) => {
    if (lifecycle.draining) res.setHeader('Connection', 'close');
  });
  const io = createSocketServer(http, {
    db,
    redis: socketRedis,
    redisPrefix: config.REDIS_PREFIX,
    limits: sessionLimits(config),
  });
  const relayLogger = logger.child({ component: 'outbox-relay' });
  const relay = new OutboxRelay(queues, relayLogger, {
    databaseUrl: config.DATABASE_URL,
    pollMs: config.OUTBOX_POLL_MS,
    fanOut: (jobs) => fanOutEvents(db, io, relayLogger, jobs),
    facts: RELAY_FACTS,
    skip: RELAY_SKIPS,
  });
  metrics.watchQueues(queues);
  metrics.watchOutbox(db);
  metrics.watchSockets(() => io.engine.clientsCount);
  if (options.relay !== false) await relay.start();
  const stopNumberingSweep = startNumberingSweep(db, logger, 10_000);
  // In the backend, not the worker: it must notice Redis and the queues failing too.
  const incidentWatcher = startIncidentWatcher(ctx, logger.child({ component: 'incident-watcher' }));
  await new Promise<void>((resolve) => http.listen(config.PORT, config.HOST, resolve));
  const { port } = http.address() as AddressInfo;

  return {
    ctx,
    http,
    io,
    relay,
    incidentWatcher,
    url: `http://${config.HOST}:${port}`,
    metrics,
    lifecycle,
    async close() {
      // Stop taking work first: Socket.IO disconnects the consoles (they reconnect to another process and catch
      // up) and closes the listener; requests in hand are answered, with the relay still moving their events.
      lifecycle.draining = true;
      http.closeIdleConnections();
      const drained = new Promise((resolve) => io.close(() => resolve(undefined)));
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve('late'), config.SHUTDOWN_TIMEOUT_MS);
      });
      if ((await Promise.race([drained, late])) === 'late') {
        logger.warn({ timeoutMs: config.SHUTDOWN_TIMEOUT_MS }, 'requests still open at shutdown; closing them');
        http.closeAllConnections();
        await drained;
      }
      clearTimeout(timer);
      // Then the relay finishes its pass (rows it did not claim wait in PostgreSQL for the next process).
      stopNumberingSweep();
      await incidentWatcher?.stop();
      await relay.stop();
      await closeQueues(queues);
      await searchLog.close();
      await search.close();
      await db.destroy();
      for (const client of [ctx.redis, producer, socketRedis]) client.disconnect();
    },
  };
}
