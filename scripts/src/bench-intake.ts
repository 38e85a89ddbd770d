// Benchmark of ticket intake: POST /api/tickets through the real stack, backend and worker as separate
// processes, until the unit's Socket.IO client hears the ticket routed: at saturation, then at a steady 200/s (issue 4's target) or below;
// against the bare floor measured in this run.
// Usage: npm run bench:intake -- [tickets=2000] [concurrency=16]. The last line of output is JSON.
import { Agent, request as httpRequest } from 'node:http';
import pg from 'pg';
import { Queue } from 'bullmq';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { bullPrefix, createRedis, whenReady } from '@kck/backend/platform/redis';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { TestClient } from '@kck/backend/test-support/test-client';
import { CSRF_HEADER, type ServerToClientEvents, type TicketDto } from '@kck/contracts';
import type { Socket } from 'socket.io-client';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { measureSkeleton } from './bench-intake-skeleton.ts';
import {
  clearRedisPrefix,
  runEnvironment,
  connectConsole,
  cpuSnapshot,
  freePort,
  percentile,
  round,
  runConcurrently,
  startProcess,
  stopChild,
  syscallSnapshot,
  waitForHealth,
  waitUntilHeard,
} from './bench-support.ts';

const total = Number(process.argv[2] ?? 2000);
/** Issue 4's rate: tickets per second routed with a p95 under 150 ms. */
const TARGET_RATE = 200;
const concurrency = Number(process.argv[3] ?? 16);

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

/** The Redis server's process, for its CPU time (it runs on this machine, as PostgreSQL does). */
async function redisPid(redisUrl: string): Promise<number> {
  const redis = createRedis(redisUrl, 'command');
  await whenReady(redis);
  const info = await redis.info('server');
  redis.disconnect();
  return Number(/^process_id:(\d+)/m.exec(info)?.[1]);
}

async function main() {
  const { databaseUrl, config } = runEnvironment('bench');
  const logger = createLogger('bench', 'silent');

  console.log(`intake benchmark: ${total} tickets, ${concurrency} at once, database ${databaseUrl.pathname.slice(1)}`);
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, concurrency + 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);

  // Backend and worker as separate processes, as deployed: each gets its own event loop.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    MEILI_URL: '',
    LOG_LEVEL: 'warn',
    CONSOLE_DIST: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    OUTBOX_POLL_MS: '200',
    DATABASE_POOL_SIZE: String(concurrency + 4),
    WORKER_CONCURRENCY: '8',
    SMTP_URL: '',
  };
  const children = ['backend/src/main.ts', 'worker/src/main.ts'].map((entry) => startProcess(entry, env));
  let unit: Socket<ServerToClientEvents> | undefined;

  try {
    await waitForHealth(url);
    const agent = new TestClient(url);
    await agent.login('agent', 'Krakow2026!');
    const roads = new TestClient(url);
    await roads.login('drogi', 'Krakow2026!');
    unit = await connectConsole(url, roads.cookie!);
    // When the unit hears of each ticket: the latency that matters to the people waiting for it.
    const heardAt = new Map<string, number>();
    unit.on('ticket.changed', (message) => {
      if (message.kind === 'ticket.routed' && !heardAt.has(message.ticket.id))
        heardAt.set(message.ticket.id, performance.now());
    });

    const [{ id: categoryId }] = await db.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
    );
    const body = (i: number) => ({
      type: 'problem',
      channel: 'phone',
      categoryId,
      title: `Dziura nr ${i}`,
      description: 'Dziura w jezdni, benchmark.',
    });
    // The load generator shares the two cores with what it measures: plain node:http with keep-alive costs it
    // a fraction of what fetch does. Same cookie and CSRF header as the console.
    const keepAlive = new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
    const createTicket = (i: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify(body(i));
        const req = httpRequest(
          `${url}/api/tickets`,
          {
            method: 'POST',
            agent: keepAlive,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              cookie: agent.cookie!,
              [CSRF_HEADER]: agent.csrfToken!,
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              if (res.statusCode !== 201) reject(new Error(`POST /api/tickets answered ${res.statusCode}: ${text}`));
              else resolve((JSON.parse(text) as TicketDto).id);
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    const warmup = Math.min(50, Math.ceil(total / 10));
    await runConcurrently(warmup, concurrency, async (i) => void (await createTicket(i)));

    // 1. Saturation: as many tickets as `concurrency` clients can push; the sustained rate.
    // CPU time per ticket is measured too: unlike the rate, it hardly moves when other work shares the cores.
    // Every process the run keeps busy, this load generator and Redis included: their sum is what the two cores
    // can give, so it says how far the rate could go on a quiet machine.
    const pids = {
      backend: [children[0]!.pid!],
      worker: [children[1]!.pid!],
      postgres: (
        (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as { pid: number }[]
      ).map((r) => r.pid),
      redis: [await redisPid(config.REDIS_URL)],
      load: [process.pid],
    };
    const [cpuBefore, callsBefore] = await Promise.all([cpuSnapshot(pids), syscallSnapshot(pids)]);
    const sentAt = new Map<string, number>();
    const started = performance.now();
    const latencies = await runConcurrently(total, concurrency, async (i) => {
      const before = performance.now();
      const id = await createTicket(i);
      sentAt.set(id, before);
    });
    const intakeSeconds = (performance.now() - started) / 1000;
    const { latencies: endToEnd, lastHeard } = await waitUntilHeard(sentAt, heardAt, "the unit's socket");
    const [cpuAfter, callsAfter] = await Promise.all([cpuSnapshot(pids), syscallSnapshot(pids)]);
    const cpuPerTicket = (part: keyof typeof pids) => round((cpuAfter[part] - cpuBefore[part]) / total);
    const syscallsPerTicket = (part: keyof typeof pids) =>
      round(
        (callsAfter[part].reads + callsAfter[part].writes - callsBefore[part].reads - callsBefore[part].writes) / total,
      );
    const routedPerSecond = total / ((lastHeard - started) / 1000);

    // 2. A steady load (open loop: requests leave on a clock, not when the last one returned), so the latency is
    // the system's and not the queue's in front of it. Issue 4's target is a p95 at 200/s, so that is the rate
    // whenever saturation reached it; below that, 70 % of what was sustained.
    const pacedRate = routedPerSecond >= TARGET_RATE ? TARGET_RATE : Math.max(1, Math.floor(0.7 * routedPerSecond));
    const paced = new Map<string, number>();
    const pacedStarted = performance.now();
    await Promise.all(
      Array.from({ length: total }, async (_, i) => {
        const at = pacedStarted + (i * 1000) / pacedRate;
        await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
        const before = performance.now();
        paced.set(await createTicket(total + i), before);
      }),
    );
    const { latencies: pacedEndToEnd } = await waitUntilHeard(paced, heardAt, "the unit's socket");

    const floor = await measureFloor(config.DATABASE_URL, config.REDIS_URL, config.REDIS_PREFIX, total, concurrency);
    const skeleton = await measureSkeleton(config, total, concurrency);
    const figures = {
      bench: 'intake',
      tickets: total,
      concurrency,
      tickets_per_s: round(total / intakeSeconds),
      routed_per_s: round(routedPerSecond),
      request_p50_ms: round(percentile(latencies, 50)),
      request_p95_ms: round(percentile(latencies, 95)),
      to_unit_p50_ms: round(percentile(endToEnd, 50)),
      to_unit_p95_ms: round(percentile(endToEnd, 95)),
      to_unit_p99_ms: round(percentile(endToEnd, 99)),
      paced_rate_per_s: pacedRate,
      paced_to_unit_p50_ms: round(percentile(pacedEndToEnd, 50)),
      paced_to_unit_p95_ms: round(percentile(pacedEndToEnd, 95)),
      paced_to_unit_p99_ms: round(percentile(pacedEndToEnd, 99)),
      floor_tickets_per_s: round(floor),
      floor_ratio: round(floor / routedPerSecond),
      skeleton_tickets_per_s: round(skeleton),
      skeleton_floor_ratio: round(floor / skeleton),
      skeleton_ratio: round(skeleton / routedPerSecond),
      cpu_ms_per_ticket_backend: cpuPerTicket('backend'),
      cpu_ms_per_ticket_worker: cpuPerTicket('worker'),
      cpu_ms_per_ticket_postgres: cpuPerTicket('postgres'),
      cpu_ms_per_ticket_redis: cpuPerTicket('redis'),
      cpu_ms_per_ticket_load: cpuPerTicket('load'),
      syscalls_per_ticket_backend: syscallsPerTicket('backend'),
      syscalls_per_ticket_worker: syscallsPerTicket('worker'),
    };
    console.log(
      `POST /api/tickets: ${figures.tickets_per_s}/s, p50 ${figures.request_p50_ms} ms, p95 ${figures.request_p95_ms} ms`,
    );
    console.log(
      `at saturation, routed and heard by the unit: ${figures.routed_per_s}/s; create request → unit's socket event`,
    );
    console.log(
      `  p50 ${figures.to_unit_p50_ms} ms, p95 ${figures.to_unit_p95_ms} ms, p99 ${figures.to_unit_p99_ms} ms`,
    );
    console.log(
      `at a steady ${pacedRate}/s: create request → unit's socket event p50 ${figures.paced_to_unit_p50_ms} ms, ` +
        `p95 ${figures.paced_to_unit_p95_ms} ms, p99 ${figures.paced_to_unit_p99_ms} ms`,
    );
    console.log(
      `CPU per ticket at saturation: backend ${figures.cpu_ms_per_ticket_backend} ms, worker ` +
        `${figures.cpu_ms_per_ticket_worker} ms, PostgreSQL ${figures.cpu_ms_per_ticket_postgres} ms, Redis ` +
        `${figures.cpu_ms_per_ticket_redis} ms, this load generator ${figures.cpu_ms_per_ticket_load} ms`,
    );
    console.log(
      `reads and writes to sockets per ticket: backend ${figures.syscalls_per_ticket_backend}, worker ` +
        `${figures.syscalls_per_ticket_worker}`,
    );
    console.log(
      `floor (two inserts in a transaction + BullMQ add): ${figures.floor_tickets_per_s}/s → ratio ${figures.floor_ratio}`,
    );
    console.log(
      `skeleton (issue 4's required steps, no application code: HTTP, ticket and outbox row in one statement, a relay ` +
        `to BullMQ, a worker's UPDATE, a Socket.IO event): ${figures.skeleton_tickets_per_s}/s, itself ` +
        `${figures.skeleton_floor_ratio}× the floor; this platform at ${figures.skeleton_ratio}× the skeleton`,
    );
    console.log(JSON.stringify(figures));
    keepAlive.destroy();
  } finally {
    unit?.disconnect();
    await Promise.all(children.map(stopChild));
    await search.close();
    await db.destroy();
    const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
    await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
