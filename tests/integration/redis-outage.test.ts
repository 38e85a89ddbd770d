// Redis stops while tickets are being written, then comes back: no ticket is lost and each is routed
// exactly once. The test runs its own redis-server (append-only file on, as in docker-compose) so
// stopping it disturbs no other test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';

let redisDir: string;
let redisPort: number;
let redis: ChildProcess | undefined;
let backend: TestBackend;
let worker: RunningWorkers;
let agent: TestClient;

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--appendonly', 'yes', '--dir', redisDir, '--save', ''],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    const probe = spawn('redis-cli', ['-p', String(redisPort), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const answer = await new Promise<string>((resolve) => {
      let out = '';
      probe.stdout!.on('data', (d) => (out += d));
      probe.once('exit', () => resolve(out.trim()));
    });
    if (answer === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(): Promise<void> {
  const process = redis;
  redis = undefined;
  if (!process || process.exitCode !== null) return;
  await new Promise((resolve) => {
    process.once('exit', resolve);
    process.kill('SIGTERM'); // redis writes its append-only file on the way out
  });
}

beforeAll(async () => {
  redisDir = await mkdtemp(path.join(tmpdir(), 'kck-redis-'));
  redisPort = await freePort();
  await startRedis();
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  // A job the outage caught while a worker held it (its completion could not be written) runs again once its lock
  // runs out: 2 s here rather than the default 30 s, so that the wait below covers it.
  backend = await startTestBackend({ config: { REDIS_URL: redisUrl, OUTBOX_POLL_MS: '200', WORKER_LOCK_MS: '2000' } });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  agent = await signedIn(backend.url, 'agent');
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await stopRedis();
  await rm(redisDir, { recursive: true, force: true });
});

async function createTickets(count: number, label: string): Promise<string[]> {
  const categoryId = await routedCategory(backend.ctx.db, 'ZDMK');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId,
      title: `${label} ${i}`,
      description: 'Zgłoszenie w czasie awarii Redis',
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}

async function routingEvents(ids: string[]): Promise<Map<string, number>> {
  const rows: { ticket_id: string; n: number }[] = await backend.ctx.db.query(
    `SELECT ticket_id, count(*)::int AS n FROM ticket_event
      WHERE ticket_id = ANY($1::uuid[]) AND kind IN ('ticket.routed', 'ticket.sent_to_triage') GROUP BY ticket_id`,
    [ids],
  );
  return new Map(rows.map((r) => [r.ticket_id, r.n]));
}

describe('when Redis stops while tickets are written and then starts again', () => {
  it('routes every ticket exactly once', async () => {
    const before = await createTickets(5, 'Przed awarią');
    await stopRedis();
    // The API keeps answering: tickets and their events wait in PostgreSQL's outbox.
    const during = await createTickets(10, 'W czasie awarii');
    const [{ waiting }] = await backend.ctx.db.query(
      `SELECT count(*)::int AS waiting FROM outbox WHERE published_at IS NULL AND payload->>'ticketId' = ANY($1::text[])`,
      [during],
    );
    expect(waiting).toBe(10);
    await new Promise((r) => setTimeout(r, 500));
    await startRedis();
    const after = await createTickets(5, 'Po awarii');

    const all = [...before, ...during, ...after];
    let events = new Map<string, number>();
    for (let i = 0; i < 400 && events.size < all.length; i++) {
      await new Promise((r) => setTimeout(r, 100));
      events = await routingEvents(all);
    }
    expect(events.size).toBe(all.length);
    expect([...events.values()].every((n) => n === 1)).toBe(true);
    const statuses: { status: string }[] = await backend.ctx.db.query(
      `SELECT status FROM ticket WHERE id = ANY($1::uuid[])`,
      [all],
    );
    expect(statuses.every((t) => t.status === 'routed')).toBe(true);
  }, 90_000);
});
