// A worker killed in the middle of its jobs: once a worker runs again, every job completes, and each
// ticket is routed exactly once (no duplicate event). The worker is a real process, killed with SIGKILL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { startProcess, type RunningProcess } from '../support/processes.ts';

// Short locks, so a dead worker's jobs are taken over within seconds instead of the default 30 s.
const WORKER_ENV = { WORKER_LOCK_MS: '1500', WORKER_CONCURRENCY: '4', LOG_LEVEL: 'silent', SMTP_URL: '' };

let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningProcess | undefined;
let routing: Queue;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('crash');
  backend = await startTestBackend({ config: environment.env });
  routing = new Queue('routing', {
    connection: { url: backend.ctx.config.REDIS_URL },
    prefix: bullPrefix(environment.redisPrefix),
  });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await routing?.close();
  await backend?.close();
  await environment?.drop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('when the worker is killed in the middle of routing', () => {
  it('finishes every job after a restart, with one routing event per ticket', async () => {
    const agent = await signedIn(backend.url, 'agent');
    const categoryId = await routedCategory(backend.ctx.db, 'ZDMK');
    const ids: string[] = [];
    worker = startProcess('worker/src/main.ts', { ...environment.env, ...WORKER_ENV });

    // Keep tickets coming until the worker has jobs in hand, then kill it without warning. A routing job takes a
    // few milliseconds, so the queue is watched while the tickets are being written, and the worker is killed the
    // moment it holds one; it may still finish between the count and the kill: then start a worker and try again.
    let stalled: string[] = [];
    for (let round = 0; round < 100 && stalled.length === 0; round++) {
      let written = false;
      const sending = Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          agent.post<TicketDto>('/api/tickets', {
            type: 'problem',
            channel: 'phone',
            categoryId,
            title: `Zgłoszenie przed awarią workera ${round}.${i}`,
            description: 'Test awarii procesu workera',
          }),
        ),
      ).finally(() => (written = true));
      let active = 0;
      while (active === 0 && !written) active = await routing.getActiveCount();
      if (active === 0) active = await routing.getActiveCount();
      if (active > 0) {
        worker.child.kill('SIGKILL');
        await worker.stop();
        stalled = (await routing.getActive()).map((job) => job.id!);
        if (stalled.length === 0) worker = startProcess('worker/src/main.ts', { ...environment.env, ...WORKER_ENV });
      }
      ids.push(...(await sending).map((res) => res.body.id));
    }
    expect(stalled.length).toBeGreaterThan(0);

    // More tickets while no worker runs: they wait in the queue.
    for (let i = 0; i < 5; i++) {
      const res = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId,
        title: `Zgłoszenie w czasie awarii workera ${i}`,
        description: 'Test awarii procesu workera',
      });
      ids.push(res.body.id);
    }

    worker = startProcess('worker/src/main.ts', { ...environment.env, ...WORKER_ENV });
    let routed: { ticket_id: string; n: number }[] = [];
    for (let i = 0; i < 300; i++) {
      routed = await backend.ctx.db.query(
        `SELECT ticket_id, count(*)::int AS n FROM ticket_event
          WHERE ticket_id = ANY($1::uuid[]) AND kind = 'ticket.routed' GROUP BY ticket_id`,
        [ids],
      );
      if (routed.length === ids.length) break;
      await sleep(100);
    }
    expect(routed).toHaveLength(ids.length);
    expect(routed.every((r) => r.n === 1)).toBe(true);
    for (const id of stalled) {
      const job = await routing.getJob(id);
      expect(job?.finishedOn, `job ${id} held by the killed worker`).toBeDefined();
    }
  }, 90_000);
});
