// The floor bench:public compares against: the same steps as a public report with no application code, in two
// processes like backend and worker. FLOOR_ROLE=server: a bare node:http server that reads the body (JSON or
// form-encoded), writes the ticket, its intake record and an outbox row in one transaction and adds one BullMQ job;
// FLOOR_ROLE=worker: a BullMQ worker that makes one UPDATE per job and publishes the ticket's id on Redis.
import { createServer } from 'node:http';
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import { createRedis } from '@kck/backend/platform/redis';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The tables the floor writes; made by the benchmark before either process starts. */
export const FLOOR_TABLES = `
  CREATE TABLE floor_ticket (id bigserial PRIMARY KEY, title text NOT NULL, description text NOT NULL,
                             email text, status text NOT NULL DEFAULT 'new', created_at timestamptz DEFAULT now());
  CREATE TABLE floor_intake (id text PRIMARY KEY, ticket_id bigint NOT NULL, payload jsonb);
  CREATE TABLE floor_outbox (id bigserial PRIMARY KEY, payload jsonb)`;

export const FLOOR_QUEUE = 'floor-route';
export const floorChannel = (redisPrefix: string) => `${redisPrefix}:floor-heard`;

async function server() {
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(env('FLOOR_POOL')) });
  const queue = new Queue(FLOOR_QUEUE, {
    connection: createRedis(env('REDIS_URL'), 'producer'),
    prefix: `${env('REDIS_PREFIX')}:bull`,
  });
  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body: Record<string, unknown> = req.headers['content-type']?.startsWith('application/json')
          ? (JSON.parse(text) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(text));
        const client = await pool.connect();
        let id: string;
        try {
          await client.query('BEGIN');
          const { rows } = await client.query<{ id: string }>(
            `INSERT INTO floor_ticket (title, description, email) VALUES ($1, $2, $3) RETURNING id`,
            [String(body.description).slice(0, 120), body.description, body.email ?? null],
          );
          id = rows[0]!.id;
          await client.query(`INSERT INTO floor_intake (id, ticket_id, payload) VALUES ($1, $2, $3)`, [
            String(body.submissionId ?? body.device_id ?? id),
            id,
            body,
          ]);
          await client.query(`INSERT INTO floor_outbox (payload) VALUES ($1)`, [{ ticketId: id }]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        await queue.add('route', { id }, { removeOnComplete: true });
        const answer = JSON.stringify({ id });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  http.listen(Number(env('FLOOR_PORT')), '127.0.0.1');
  process.on('SIGTERM', () => {
    http.close();
    void Promise.all([queue.close(), pool.end()]).then(() => process.exit(0));
  });
}

async function worker() {
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  const publisher = createRedis(env('REDIS_URL'), 'command');
  const channel = floorChannel(env('REDIS_PREFIX'));
  const consumer = new Worker<{ id: string }>(
    FLOOR_QUEUE,
    async (job) => {
      await pool.query(`UPDATE floor_ticket SET status = 'routed' WHERE id = $1`, [job.data.id]);
      await publisher.publish(channel, job.data.id);
    },
    {
      connection: createRedis(env('REDIS_URL'), 'worker'),
      prefix: `${env('REDIS_PREFIX')}:bull`,
      concurrency: Number(env('FLOOR_WORKER_CONCURRENCY')),
    },
  );
  process.on('SIGTERM', () => {
    void Promise.all([consumer.close(), pool.end()]).then(() => {
      publisher.disconnect();
      process.exit(0);
    });
  });
}

if (process.env.FLOOR_ROLE === 'server') void server();
else if (process.env.FLOOR_ROLE === 'worker') void worker();
