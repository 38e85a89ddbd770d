// The floor bench:public compares against: the steps of a public report with no application code (no Express,
// TypeORM, zod or services), in two processes like backend and worker. FLOOR_ROLE=server: a bare node:http server;
// FLOOR_ROLE=worker: bare BullMQ workers. FLOOR_STEPS says which steps they take:
// - `same` (the floor): each step the issue asks of every report, done the shortest way. The server counts the
//   request against the address's hourly limit in Redis, reads the body (JSON or form-encoded) and, in one
//   statement, writes the ticket with its number, the hash of its private link and its deadline, its intake record,
//   its `created` history event and an outbox row; a relay moves committed outbox rows onto two queues (routing and
//   the acknowledgement), so that no report is lost between its commit and the queue. The routing worker, in one
//   statement, gives the ticket the unit of its category's rule and writes its `routed` event, adds the deadline's
//   reminder and escalation as delayed jobs, and publishes the id, which the server passes to its Socket.IO clients
//   (how the platform makes a ticket visible in triage). The acknowledgement worker records the notice (e-mail is
//   off in the benchmark, as the platform's: it records the notice as skipped).
// - `bare` (a reference, the floor until November 2026): the three rows in a transaction, one job added by the
//   request itself after the commit, one UPDATE in the worker, the id heard on Redis. bench:email's floor uses this
//   worker too.
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import pg from 'pg';
import { Queue, Worker } from 'bullmq';
import { createRedis } from '@kck/backend/platform/redis';
import { passToSocketClients, startBareRelay } from './bench-support.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

/** The tables the floor writes; made by the benchmark before either process starts. */
export const FLOOR_TABLES = `
  CREATE TABLE floor_ticket (id bigserial PRIMARY KEY, number text UNIQUE, title text NOT NULL, description text NOT NULL,
                             email text, category text, token_hash text, due_at timestamptz, unit text,
                             status text NOT NULL DEFAULT 'new', created_at timestamptz DEFAULT now());
  CREATE SEQUENCE floor_number;
  CREATE TABLE floor_intake (id text PRIMARY KEY, ticket_id bigint NOT NULL, payload jsonb);
  CREATE TABLE floor_event (id bigserial PRIMARY KEY, ticket_id bigint NOT NULL, kind text NOT NULL,
                            created_at timestamptz DEFAULT now());
  CREATE TABLE floor_outbox (id bigserial PRIMARY KEY, payload jsonb, published_at timestamptz);
  CREATE INDEX floor_outbox_unpublished ON floor_outbox (id) WHERE published_at IS NULL;
  CREATE TABLE floor_rule (category text PRIMARY KEY, unit text NOT NULL);
  CREATE TABLE floor_notice (ticket_id bigint NOT NULL, kind text NOT NULL, status text NOT NULL,
                             PRIMARY KEY (ticket_id, kind))`;

export const FLOOR_QUEUE = 'floor-route';
const ACKNOWLEDGE_QUEUE = 'floor-acknowledge';
const ALERTS_QUEUE = 'floor-alerts';
export const floorChannel = (redisPrefix: string) => `${redisPrefix}:floor-heard`;
/** The event the `same` floor's Socket.IO clients hear, with the ticket's id. */
export const FLOOR_EVENT = 'routed';
/** The floor's deadline: calendar days (the platform counts Polish working days). */
const DEADLINE_DAYS = 14;
const HOUR_S = 3600;

type Body = Record<string, unknown>;

function steps(): 'same' | 'bare' {
  const value = process.env.FLOOR_STEPS ?? 'bare';
  if (value !== 'same' && value !== 'bare') throw new Error(`FLOOR_STEPS is same or bare, not ${value}`);
  return value;
}

async function server() {
  const floorSteps = steps();
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: Number(env('FLOOR_POOL')) });
  const bull = { connection: createRedis(env('REDIS_URL'), 'producer'), prefix: `${env('REDIS_PREFIX')}:bull` };
  const routing = new Queue(FLOOR_QUEUE, bull);
  const acknowledge = new Queue(ACKNOWLEDGE_QUEUE, bull);
  const limits = createRedis(env('REDIS_URL'), 'command');
  const relay =
    floorSteps === 'same'
      ? await startBareRelay(env('DATABASE_URL'), [routing, acknowledge], 'floor_outbox')
      : undefined;
  const title = (body: Body) => String(body.description).slice(0, 120);
  const intakeId = (body: Body, ticketId?: string) => String(body.submissionId ?? body.device_id ?? ticketId);

  /** The floor: the hourly limit, then one statement, then the relay is woken. */
  const writeThrough = async (body: Body, address: string): Promise<string> => {
    const key = `${env('REDIS_PREFIX')}:limit:${address}`;
    const [[, count]] = (await limits.multi().incr(key).expire(key, HOUR_S, 'NX').exec()) as [[null, number]];
    if (count > Number(env('FLOOR_REPORTS_PER_HOUR'))) throw new Error('over the hourly limit');
    const tokenHash = createHash('sha256').update(randomBytes(32)).digest('hex');
    const dueAt = new Date(Date.now() + DEADLINE_DAYS * 24 * HOUR_S * 1000);
    const { rows } = await pool.query<{ id: string }>(
      `WITH t AS (INSERT INTO floor_ticket (number, title, description, email, category, token_hash, due_at)
                  VALUES ('KCK/' || nextval('floor_number'), $1, $2, $3, $4, $5, $6) RETURNING id),
            i AS (INSERT INTO floor_intake (id, ticket_id, payload) SELECT $7, id, $8 FROM t),
            e AS (INSERT INTO floor_event (ticket_id, kind) SELECT id, 'created' FROM t RETURNING id, ticket_id)
       INSERT INTO floor_outbox (payload) SELECT jsonb_build_object('id', ticket_id::text, 'seq', id) FROM e
       RETURNING payload->>'id' AS id`,
      [
        title(body),
        body.description,
        body.email ?? null,
        String(body.categoryId ?? body.service_code),
        tokenHash,
        dueAt,
        intakeId(body),
        body,
      ],
    );
    relay!.wake();
    return rows[0]!.id;
  };
  /** The bare reference: a transaction of three statements, then the job. */
  const writeBare = async (body: Body): Promise<string> => {
    const client = await pool.connect();
    let id: string;
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO floor_ticket (title, description, email) VALUES ($1, $2, $3) RETURNING id`,
        [title(body), body.description, body.email ?? null],
      );
      id = rows[0]!.id;
      await client.query(`INSERT INTO floor_intake (id, ticket_id, payload) VALUES ($1, $2, $3)`, [
        intakeId(body, id),
        id,
        body,
      ]);
      await client.query(`INSERT INTO floor_outbox (payload) VALUES ($1)`, [{ id }]);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await routing.add('route', { id }, { removeOnComplete: true });
    return id;
  };

  const http = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const body: Body = req.headers['content-type']?.startsWith('application/json')
          ? (JSON.parse(text) as Body)
          : Object.fromEntries(new URLSearchParams(text));
        const id =
          floorSteps === 'same'
            ? await writeThrough(body, req.socket.remoteAddress ?? 'unknown')
            : await writeBare(body);
        const answer = JSON.stringify({ id });
        res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
        res.end(answer);
      })().catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
  });
  const sockets =
    floorSteps === 'same'
      ? await passToSocketClients(http, env('REDIS_URL'), floorChannel(env('REDIS_PREFIX')), FLOOR_EVENT)
      : undefined;
  http.listen(Number(env('FLOOR_PORT')), '127.0.0.1');
  process.on('SIGTERM', () => {
    if (!sockets) http.close();
    limits.disconnect();
    void Promise.all([sockets?.close(), relay?.close(), routing.close(), acknowledge.close(), pool.end()]).then(() =>
      process.exit(0),
    );
  });
}

async function worker() {
  const floorSteps = steps();
  const pool = new pg.Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  const publisher = createRedis(env('REDIS_URL'), 'command');
  const channel = floorChannel(env('REDIS_PREFIX'));
  const bull = { prefix: `${env('REDIS_PREFIX')}:bull`, concurrency: Number(env('FLOOR_WORKER_CONCURRENCY')) };
  const alerts = new Queue(ALERTS_QUEUE, {
    connection: createRedis(env('REDIS_URL'), 'producer'),
    prefix: bull.prefix,
  });

  /** The unit of the category's rule, the `routed` event, the deadline's two alerts. */
  const route = async (id: string) => {
    const { rows } = await pool.query<{ due_at: Date }>(
      `WITH t AS (UPDATE floor_ticket t SET status = 'routed', unit = r.unit FROM floor_rule r
                   WHERE t.id = $1 AND t.status = 'new' AND r.category = t.category RETURNING t.id, t.due_at)
       INSERT INTO floor_event (ticket_id, kind) SELECT id, 'routed' FROM t RETURNING (SELECT due_at FROM t)`,
      [id],
    );
    const dueAt = rows[0]?.due_at;
    if (!dueAt) return;
    const now = Date.now();
    const until = dueAt.getTime() - now;
    await alerts.addBulk([
      { name: 'alert', data: { id, kind: 'reminder' }, opts: { jobId: `${id}-r`, delay: until / 2 } },
      { name: 'alert', data: { id, kind: 'escalation' }, opts: { jobId: `${id}-e`, delay: until } },
    ]);
  };
  const consumers = [
    new Worker<{ id: string }>(
      FLOOR_QUEUE,
      async (job) => {
        if (floorSteps === 'same') await route(job.data.id);
        else await pool.query(`UPDATE floor_ticket SET status = 'routed' WHERE id = $1`, [job.data.id]);
        await publisher.publish(channel, job.data.id);
      },
      { ...bull, connection: createRedis(env('REDIS_URL'), 'worker') },
    ),
  ];
  if (floorSteps === 'same')
    consumers.push(
      new Worker<{ id: string }>(
        ACKNOWLEDGE_QUEUE,
        async (job) => {
          await pool.query(
            `INSERT INTO floor_notice (ticket_id, kind, status) VALUES ($1, 'acknowledgement', 'skipped')
             ON CONFLICT DO NOTHING`,
            [job.data.id],
          );
        },
        { ...bull, connection: createRedis(env('REDIS_URL'), 'worker') },
      ),
    );
  process.on('SIGTERM', () => {
    void Promise.all([...consumers.map((c) => c.close()), alerts.close(), pool.end()]).then(() => {
      publisher.disconnect();
      process.exit(0);
    });
  });
}

if (process.env.FLOOR_ROLE === 'server') void server();
else if (process.env.FLOOR_ROLE === 'worker') void worker();
