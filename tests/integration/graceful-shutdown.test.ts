// SIGTERM under load loses nothing: real backend and worker processes take tickets from concurrent clients; the
// backend is sent SIGTERM mid-load (it drains the requests in hand, closes the consoles' sockets, lets the relay
// finish) and started again, then the worker is sent SIGTERM with jobs running (it finishes them) and started again.
// Every request the backend accepted got its answer, and every ticket exists once and is routed once.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { io as connect } from 'socket.io-client';
import { CSRF_HEADER } from '@kck/contracts';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { parseConfig } from '../../backend/src/platform/config.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { freePort, startProcess, waitForHttp, type RunningProcess } from '../support/processes.ts';
import { sleep } from '../support/waiting.ts';

let environment: IsolatedEnvironment;
let db: DataSource;
let routing: Queue;
let backend: RunningProcess | undefined;
let worker: RunningProcess | undefined;
let backendPort: number;
let workerPort: number;

const startBackend = async () => {
  backend = startProcess('backend/src/main.ts', {
    ...environment.env,
    PORT: String(backendPort),
    HOST: '127.0.0.1',
    CONSOLE_DIST: '',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  });
  await waitForHttp(`http://127.0.0.1:${backendPort}/health/ready`, 60_000, backend);
};

const startWorker = async () => {
  worker = startProcess('worker/src/main.ts', {
    ...environment.env,
    WORKER_CONCURRENCY: '4',
    WORKER_METRICS_PORT: String(workerPort),
    LOG_LEVEL: 'warn',
    SMTP_URL: '',
  });
  await waitForHttp(`http://127.0.0.1:${workerPort}/health/ready`, 60_000, worker);
};

/** Sends SIGTERM and resolves with the exit code once the process is gone. */
const terminate = (proc: RunningProcess) =>
  new Promise<number | null>((resolve) => {
    proc.child.once('exit', (code) => resolve(code));
    proc.child.kill('SIGTERM');
  });

beforeAll(async () => {
  environment = await createIsolatedEnvironment('shutdown');
  db = createDataSource(environment.databaseUrl, 2);
  await db.initialize();
  routing = new Queue('routing', {
    connection: { url: parseConfig(process.env).REDIS_URL },
    prefix: bullPrefix(environment.redisPrefix),
  });
  [backendPort, workerPort] = await Promise.all([freePort(), freePort()]);
  await Promise.all([startBackend(), startWorker()]);
}, 120_000);

afterAll(async () => {
  await backend?.stop();
  await worker?.stop();
  await routing?.close();
  await db?.destroy();
  await environment?.drop();
});

interface Outcome {
  title: string;
  status: number;
  id?: string;
  startedAt: number;
  endedAt: number;
}

/** One POST on a connection of its own: a refused connection means the backend never took the request. */
function postTicket(client: TestClient, body: object): Promise<{ status: number; body: { id?: string } }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: backendPort,
        path: '/api/tickets',
        method: 'POST',
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(data),
          cookie: client.cookie ?? '',
          [CSRF_HEADER]: client.csrfToken ?? '',
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : {} }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('SIGTERM to the backend and the worker under load', () => {
  it('answers every accepted request, finishes running jobs, and loses or doubles no ticket', async () => {
    const agent = await signedIn(`http://127.0.0.1:${backendPort}`, 'agent');
    const categoryId = await routedCategory(db, 'ZDMK');
    const outcomes: Outcome[] = [];
    /** Requests whose connection broke after the backend took them; each must have created no ticket. */
    const broken: string[] = [];
    const refused = { count: 0 };
    let loading = true;

    const client = async (n: number) => {
      for (let i = 0; loading; i++) {
        const title = `Obciążenie ${n}-${i}`;
        for (;;) {
          const startedAt = Date.now();
          try {
            const res = await postTicket(agent, {
              type: 'problem',
              channel: 'phone',
              categoryId,
              title,
              description: 'Test łagodnego zatrzymania',
            });
            outcomes.push({ title, status: res.status, id: res.body.id, startedAt, endedAt: Date.now() });
            break;
          } catch (err) {
            const code = (err as NodeJS.ErrnoException).code;
            if (code === 'ECONNREFUSED') refused.count++;
            else {
              // The connection broke: only acceptable if the backend never handled the request (no ticket).
              broken.push(title);
              await sleep(500);
              const [row] = await db.query(`SELECT count(*)::int AS n FROM ticket WHERE title = $1`, [title]);
              if (row.n > 0) break;
            }
            await sleep(100);
          }
        }
      }
    };

    const socket = connect(`http://127.0.0.1:${backendPort}`, {
      extraHeaders: { cookie: agent.cookie! },
      transports: ['websocket'],
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    let socketClosedAt: number | undefined;
    socket.once('disconnect', () => (socketClosedAt = Date.now()));

    const clients = Promise.all([0, 1, 2, 3, 4, 5].map(client));
    await sleep(2000);

    // 1. The backend, with requests in hand.
    const backendKilledAt = Date.now();
    const backendExit = await terminate(backend!);
    const backendGoneAt = Date.now();
    expect(backendExit, backend!.output.join('\n')).toBe(0);
    expect(socketClosedAt).toBeDefined();
    expect(socketClosedAt!).toBeLessThanOrEqual(backendGoneAt);
    await startBackend();
    await sleep(1000);

    // 2. The worker, while it runs routing jobs.
    let running: string[] = [];
    for (let i = 0; i < 500 && running.length === 0; i++) {
      running = (await routing.getActive()).map((job) => job.id!);
      if (running.length === 0) await sleep(10);
    }
    expect(running.length).toBeGreaterThan(0);
    const workerExit = await terminate(worker!);
    expect(workerExit, worker!.output.join('\n')).toBe(0);
    // Finished by the worker that was stopping: not left to stall (the lock is 30 s and no other worker runs).
    for (const id of running) {
      const job = await routing.getJob(id);
      expect(await job?.getState(), `job ${id}`).toBe('completed');
    }
    await sleep(1000);
    await startWorker();
    await sleep(1500);
    loading = false;
    await clients;
    socket.disconnect();

    // Every answered request was a 201; some were in hand when SIGTERM came and were still answered.
    expect(outcomes.filter((o) => o.status !== 201)).toEqual([]);
    expect(outcomes.filter((o) => o.startedAt < backendKilledAt && o.endedAt > backendKilledAt).length).toBeGreaterThan(
      0,
    );
    expect(refused.count).toBeGreaterThan(0);
    // A broken connection must never hide a ticket the backend created: that would be an accepted request unanswered.
    const created = (await db.query(`SELECT id, title FROM ticket WHERE title LIKE 'Obciążenie %'`)) as {
      id: string;
      title: string;
    }[];
    const hidden = created.filter((t) => broken.includes(t.title) && !outcomes.some((o) => o.title === t.title));
    expect(hidden).toEqual([]);
    // No ticket lost or doubled.
    expect(created).toHaveLength(outcomes.length);
    expect(new Set(created.map((t) => t.title)).size).toBe(created.length);
    expect(new Set(created.map((t) => t.id))).toEqual(new Set(outcomes.map((o) => o.id)));

    // Every ticket routed exactly once, and the outbox empty: nothing the backend accepted was left behind.
    const ids = created.map((t) => t.id);
    let routed: { ticket_id: string; n: number }[] = [];
    for (let i = 0; i < 300; i++) {
      routed = await db.query(
        `SELECT ticket_id, count(*)::int AS n FROM ticket_event
          WHERE ticket_id = ANY($1::uuid[]) AND kind = 'ticket.routed' GROUP BY ticket_id`,
        [ids],
      );
      if (routed.length === ids.length) break;
      await sleep(100);
    }
    expect(routed).toHaveLength(ids.length);
    expect(routed.every((r) => r.n === 1)).toBe(true);
    const [outbox] = await db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    expect(outbox.n).toBe(0);

    // The new worker's own port: readiness and its job counters.
    const metrics = await fetch(`http://127.0.0.1:${workerPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/kck_worker_jobs_total\{[^}]*queue="routing"[^}]*outcome="completed"/);
  }, 180_000);
});
