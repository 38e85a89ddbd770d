// Benchmark of ticket intake: POST /api/tickets through the real stack (HTTP, sessions, one transaction
// with outbox, relay, BullMQ, routing worker), against the bare floor of the same writes measured in this run.
// Usage: npm run bench:intake -- [tickets=2000] [concurrency=16]. The last line of output is JSON.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Queue } from 'bullmq';
import { parseConfig } from '@kck/backend/platform/config';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { bullPrefix, createRedis, whenReady } from '@kck/backend/platform/redis';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { startBackendServer } from '@kck/backend/server';
import { TestClient } from '@kck/backend/test-support/test-client';
import { startWorkerRuntime } from '@kck/worker/worker';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';

const total = Number(process.argv[2] ?? 2000);
const concurrency = Number(process.argv[3] ?? 16);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const round = (n: number) => Math.round(n * 10) / 10;

async function runConcurrently(count: number, width: number, task: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await task(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

/** The floor: the same two inserts in one transaction, then a BullMQ add, with no application code. */
async function measureFloor(databaseUrl: string, redisUrl: string, prefix: string, count: number, width: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: width });
  await pool.query(`CREATE TEMP TABLE IF NOT EXISTS x (id int)`); // warm the pool
  await pool.query(`CREATE TABLE floor_ticket (id bigserial primary key, title text, created_at timestamptz default now());
                    CREATE TABLE floor_outbox (id bigserial primary key, payload jsonb)`);
  const queue = new Queue('floor', { connection: { url: redisUrl }, prefix: bullPrefix(prefix) });
  const started = performance.now();
  await runConcurrently(count, width, async (i) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(`INSERT INTO floor_ticket (title) VALUES ($1) RETURNING id`, [`t${i}`]);
      await client.query(`INSERT INTO floor_outbox (payload) VALUES ($1)`, [{ ticketId: rows[0].id }]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await queue.add('floor', { i }, { removeOnComplete: true });
  });
  const perSecond = count / ((performance.now() - started) / 1000);
  await queue.obliterate({ force: true });
  await queue.close();
  await pool.end();
  return perSecond;
}

async function main() {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const base = parseConfig(process.env);
  const databaseUrl = new URL(base.DATABASE_URL);
  databaseUrl.pathname = `/kck_bench_${runId}`;
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_PREFIX: `kckbench-${runId}`,
    MEILI_URL: '',
    LOG_LEVEL: 'silent',
    CONSOLE_DIST: '',
  });
  const logger = createLogger('bench', 'silent');

  console.log(`intake benchmark: ${total} tickets, ${concurrency} at once, database ${databaseUrl.pathname.slice(1)}`);
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, concurrency + 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);

  const server = await startBackendServer(
    { ...config, HOST: '127.0.0.1', PORT: 0, OUTBOX_POLL_MS: 200, DATABASE_POOL_SIZE: concurrency + 4 },
    logger,
  );
  const url = server.url;
  const workers = await startWorkerRuntime({ ...config, WORKER_CONCURRENCY: 8 }, db, logger);

  try {
    const agent = new TestClient(url);
    await agent.login('agent', 'Krakow2026!');
    const [{ id: categoryId }] = await db.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
    );
    const warmup = Math.min(50, Math.ceil(total / 10));
    const body = (i: number) => ({
      type: 'problem',
      channel: 'phone',
      categoryId,
      title: `Dziura nr ${i}`,
      description: 'Dziura w jezdni, benchmark.',
    });
    await runConcurrently(warmup, concurrency, async (i) => void (await agent.post('/api/tickets', body(i))));

    const started = performance.now();
    const latencies = await runConcurrently(total, concurrency, async (i) => {
      const res = await agent.post('/api/tickets', body(i));
      if (res.status !== 201) throw new Error(`POST /api/tickets answered ${res.status}: ${JSON.stringify(res.body)}`);
    });
    const intakeSeconds = (performance.now() - started) / 1000;

    // Wait until the worker has routed every ticket, then read created → routed from the history.
    for (;;) {
      const [{ left }] = await db.query(`SELECT count(*)::int AS left FROM ticket WHERE status = 'new'`);
      if (left === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const endToEnd: { ms: number }[] = await db.query(
      `SELECT extract(epoch FROM r.at - c.at) * 1000 AS ms FROM ticket_event c
         JOIN ticket_event r ON r.ticket_id = c.ticket_id AND r.kind = 'ticket.routed'
        WHERE c.kind = 'ticket.created' ORDER BY c.id OFFSET $1`,
      [warmup],
    );
    const e2e = endToEnd.map((r) => Number(r.ms)).sort((a, b) => a - b);
    const floor = await measureFloor(config.DATABASE_URL, config.REDIS_URL, config.REDIS_PREFIX, total, concurrency);

    const figures = {
      bench: 'intake',
      tickets: total,
      concurrency,
      tickets_per_s: round(total / intakeSeconds),
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      routed_p50_ms: round(percentile(e2e, 50)),
      routed_p95_ms: round(percentile(e2e, 95)),
      floor_tickets_per_s: round(floor),
      floor_ratio: round(floor / (total / intakeSeconds)),
    };
    console.log(`POST /api/tickets: ${figures.tickets_per_s}/s, p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms`);
    console.log(`created → routed by the worker: p50 ${figures.routed_p50_ms} ms, p95 ${figures.routed_p95_ms} ms`);
    console.log(
      `floor (two inserts in a transaction + BullMQ add): ${figures.floor_tickets_per_s}/s → ratio ${figures.floor_ratio}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await workers.close();
    await server.close();
    await search.close();
    await db.destroy();
    const admin = new pg.Client({ connectionString: base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
    const redis = createRedis(config.REDIS_URL, 'command');
    await whenReady(redis);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${config.REDIS_PREFIX}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== '0');
    redis.disconnect();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
