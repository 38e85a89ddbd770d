// The least any implementation of issue 4's intake does per ticket, with no application code, in two processes like
// backend and worker. bench:intake measures it beside the floor, to show how much of the gap is the required steps.
//
// SKELETON_ROLE=server: a bare node:http server that writes the ticket and its outbox row in one statement; a relay
// in the same process that moves committed outbox rows onto a BullMQ queue in batches (claim, bulk add, stamp), woken
// in-process after each commit; and a Socket.IO server that passes each routed ticket's id to its clients.
// SKELETON_ROLE=worker: a BullMQ worker that makes one UPDATE per job and publishes the ticket's id to the server.
import { Agent, createServer, request as httpRequest } from 'node:http';
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import type { Socket } from 'socket.io-client';
import { createRedis } from '@kck/backend/platform/redis';
import {
  connectSocket,
  freePort,
  passToSocketClients,
  runConcurrently,
  runSql,
  startBareRelay,
  startProcess,
  stopChild,
  waitForPort,
  waitUntilHeard,
} from './bench-support.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The tables the skeleton writes; made by the benchmark before either process starts. */
export const SKELETON_TABLES = `
  CREATE TABLE IF NOT EXISTS skeleton_ticket (id bigserial PRIMARY KEY, title text NOT NULL, description text NOT NULL,
                                status text NOT NULL DEFAULT 'new', created_at timestamptz DEFAULT now());
  CREATE TABLE IF NOT EXISTS skeleton_outbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL, published_at timestamptz);
  CREATE INDEX IF NOT EXISTS skeleton_outbox_unpublished ON skeleton_outbox (id) WHERE published_at IS NULL`;

const QUEUE = 'skeleton-route';
const routedChannel = (redisPrefix: string) => `${redisPrefix}:skeleton-routed`;
/** The event the server's Socket.IO clients hear, with the ticket's id. */
export const SKELETON_EVENT = 'routed';

async function server() {
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(env('SKELETON_POOL')) });
  const queue = new Queue(QUEUE, {
    connection: createRedis(env('REDIS_URL'), 'producer'),
    prefix: `${env('REDIS_PREFIX')}:bull`,
  });
  const relay = await startBareRelay(env('DATABASE_URL'), [queue], 'skeleton_outbox');

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { title: string; description: string };
        const { rows } = await pool.query<{ id: string }>(
          `WITH t AS (INSERT INTO skeleton_ticket (title, description) VALUES ($1, $2) RETURNING id)
           INSERT INTO skeleton_outbox (payload) SELECT jsonb_build_object('ticketId', id::text) FROM t
           RETURNING payload->>'ticketId' AS id`,
          [body.title, body.description],
        );
        relay.wake();
        const answer = JSON.stringify({ id: rows[0]!.id });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  const sockets = await passToSocketClients(http, env('REDIS_URL'), routedChannel(env('REDIS_PREFIX')), SKELETON_EVENT);
  http.listen(Number(env('SKELETON_PORT')), '127.0.0.1');
  process.on('SIGTERM', () => {
    void Promise.all([sockets.close(), queue.close(), pool.end(), relay.close()]).then(() => process.exit(0));
  });
}

async function worker() {
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  const publisher = createRedis(env('REDIS_URL'), 'command');
  const channel = routedChannel(env('REDIS_PREFIX'));
  const consumer = new Worker<{ ticketId: string }>(
    QUEUE,
    async (job) => {
      await pool.query(`UPDATE skeleton_ticket SET status = 'routed' WHERE id = $1`, [job.data.ticketId]);
      await publisher.publish(channel, job.data.ticketId);
    },
    {
      connection: createRedis(env('REDIS_URL'), 'worker'),
      prefix: `${env('REDIS_PREFIX')}:bull`,
      concurrency: Number(env('SKELETON_WORKER_CONCURRENCY')),
    },
  );
  process.on('SIGTERM', () => {
    void Promise.all([consumer.close(), pool.end()]).then(() => {
      publisher.disconnect();
      process.exit(0);
    });
  });
}

/**
 * The skeleton measured from a benchmark's process (bench:intake, bench:public): started, driven and stopped,
 * timed as the platform is: tickets per second from the create request until a Socket.IO client hears it routed.
 */
export async function measureSkeleton(
  config: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string },
  count: number,
  width: number,
): Promise<number> {
  await runSql(config.DATABASE_URL, SKELETON_TABLES);
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    SKELETON_PORT: String(port),
    SKELETON_POOL: String(width + 4),
    SKELETON_WORKER_CONCURRENCY: '8',
  };
  const children = ['server', 'worker'].map((role) =>
    startProcess('scripts/src/bench-intake-skeleton.ts', { ...env, SKELETON_ROLE: role }),
  );
  const keepAlive = new Agent({ keepAlive: true, maxSockets: width * 2 });
  let socket: Socket | undefined;
  try {
    await waitForPort(port, 'the skeleton server');
    socket = await connectSocket(`http://127.0.0.1:${port}`);
    const heardAt = new Map<string, number>();
    socket.on(SKELETON_EVENT, (id: string) => heardAt.set(id, performance.now()));
    const post = (i: number): Promise<string> =>
      new Promise((resolve, reject) => {
        const payload = JSON.stringify({ title: `Dziura nr ${i}`, description: 'Dziura w jezdni, benchmark.' });
        const req = httpRequest(
          `http://127.0.0.1:${port}/`,
          {
            method: 'POST',
            agent: keepAlive,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (text += chunk));
            res.on('end', () => {
              if (res.statusCode !== 201) reject(new Error(`skeleton answered ${res.statusCode}: ${text}`));
              else resolve((JSON.parse(text) as { id: string }).id);
            });
          },
        );
        req.on('error', reject);
        req.end(payload);
      });
    await runConcurrently(Math.min(50, Math.ceil(count / 10)), width, async (i) => void (await post(i)));
    const sentAt = new Map<string, number>();
    const started = performance.now();
    await runConcurrently(count, width, async (i) => {
      const before = performance.now();
      sentAt.set(await post(count + i), before);
    });
    const { lastHeard } = await waitUntilHeard(sentAt, heardAt, "the skeleton's client within a minute", 60_000);
    return count / ((lastHeard - started) / 1000);
  } finally {
    socket?.disconnect();
    keepAlive.destroy();
    await Promise.all(children.map(stopChild));
  }
}

if (process.env.SKELETON_ROLE === 'server') void server();
else if (process.env.SKELETON_ROLE === 'worker') void worker();
