// The least any implementation of issue 4's intake does per ticket, with no application code, in two processes like
// backend and worker. bench:intake measures it beside the floor, to show how much of the gap is the required steps.
//
// SKELETON_ROLE=server: a bare node:http server that writes the ticket and its outbox row in one statement; a relay
// in the same process that moves committed outbox rows onto a BullMQ queue in batches (claim, bulk add, stamp), woken
// in-process after each commit; and a Socket.IO server that passes each routed ticket's id to its clients.
// SKELETON_ROLE=worker: a BullMQ worker that makes one UPDATE per job and publishes the ticket's id to the server.
import { createServer } from 'node:http';
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import { Server } from 'socket.io';
import { createRedis } from '@kck/backend/platform/redis';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The tables the skeleton writes; made by the benchmark before either process starts. */
export const SKELETON_TABLES = `
  CREATE TABLE skeleton_ticket (id bigserial PRIMARY KEY, title text NOT NULL, description text NOT NULL,
                                status text NOT NULL DEFAULT 'new', created_at timestamptz DEFAULT now());
  CREATE TABLE skeleton_outbox (id bigserial PRIMARY KEY, payload jsonb NOT NULL, published_at timestamptz);
  CREATE INDEX skeleton_outbox_unpublished ON skeleton_outbox (id) WHERE published_at IS NULL`;

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

  // The relay: one pass at a time on its own connection, as the platform's; its stamps need not wait for the disk.
  const relayConnection = new pg.Client({ connectionString: env('DATABASE_URL') });
  await relayConnection.connect();
  await relayConnection.query('SET synchronous_commit = off');
  let running = false;
  let again = false;
  const relayPass = async (): Promise<number> => {
    await relayConnection.query('BEGIN');
    const { rows } = await relayConnection.query<{ id: string; payload: { ticketId: string } }>(
      `SELECT id, payload FROM skeleton_outbox WHERE published_at IS NULL ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length > 0) {
      await queue.addBulk(
        rows.map((r) => ({ name: 'route', data: r.payload, opts: { jobId: `o${r.id}`, removeOnComplete: true } })),
      );
      await relayConnection.query(`UPDATE skeleton_outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
    }
    await relayConnection.query('COMMIT');
    return rows.length;
  };
  const wakeRelay = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    void (async () => {
      do {
        again = false;
        while ((await relayPass()) === 200);
      } while (again);
    })()
      .catch((err: unknown) => {
        // A relay that stopped would leave the benchmark waiting: end the process, and the benchmark says so.
        console.error('skeleton relay failed', err);
        process.exit(1);
      })
      .finally(() => (running = false));
  };

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
        wakeRelay();
        const answer = JSON.stringify({ id: rows[0]!.id });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  const io = new Server(http, { transports: ['websocket'] });
  const subscriber = createRedis(env('REDIS_URL'), 'worker');
  await subscriber.subscribe(routedChannel(env('REDIS_PREFIX')));
  subscriber.on('message', (_channel, id: string) => io.emit(SKELETON_EVENT, id));
  http.listen(Number(env('SKELETON_PORT')), '127.0.0.1');
  process.on('SIGTERM', () => {
    void io.close();
    subscriber.disconnect();
    void Promise.all([queue.close(), pool.end(), relayConnection.end()]).then(() => process.exit(0));
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

if (process.env.SKELETON_ROLE === 'server') void server();
else if (process.env.SKELETON_ROLE === 'worker') void worker();
