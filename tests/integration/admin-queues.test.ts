// The admin's queue view through the API: a routing job that fails for real (its ticket does not exist) shows
// in the counts and the failed list, and can be retried. Own database and Redis prefix, so counts are exact.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import {
  JOB_NAMES,
  QUEUES,
  type AdminFailedJobsDto,
  type AdminQueuesDto,
  type AdminRetriedJobDto,
  type ErrorBody,
  type OutboxJob,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let admin: TestClient;
let failing: Job;
const missingTicketId = randomUUID();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForState(job: Job, state: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if ((await job.getState()) === state) return;
    await sleep(50);
  }
  throw new Error(`job ${job.id} never reached ${state}`);
}

beforeAll(async () => {
  environment = await createIsolatedEnvironment('queues');
  backend = await startTestBackend({ config: { ...environment.env, SMTP_URL: '' } });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  admin = await signedIn(backend.url, 'admin');

  // Valid for the outbox schema, but the ticket does not exist: routing throws, and with one attempt it fails.
  const data: OutboxJob = {
    outboxId: '999999999',
    event: 'ticket.created',
    payload: { ticketId: missingTicketId, seq: 1 },
  };
  failing = await backend.ctx.queues.routing.add(JOB_NAMES.routing, data, {
    jobId: `admin-queues-${randomUUID()}`,
    attempts: 1,
  });
  await waitForState(failing, 'failed');
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await environment?.drop();
});

describe('GET /api/admin/queues', () => {
  it('counts the jobs of every queue by state', async () => {
    const res = await admin.get<AdminQueuesDto>('/api/admin/queues');
    expect(res.status).toBe(200);
    expect(res.body.queues.map((q) => q.name).sort()).toEqual(Object.values(QUEUES).sort());
    const routing = res.body.queues.find((q) => q.name === 'routing')!;
    expect(routing.counts).toMatchObject({ failed: 1, active: 0, waiting: 0 });
    expect(Object.keys(routing.counts).sort()).toEqual(['active', 'completed', 'delayed', 'failed', 'waiting']);
  });

  it('is for admins only', async () => {
    const agent = await signedIn(backend.url, 'agent');
    expect((await agent.get<ErrorBody>('/api/admin/queues')).status).toBe(403);
    expect((await agent.get<ErrorBody>('/api/admin/queues/routing/failed')).status).toBe(403);
    expect((await agent.post<ErrorBody>(`/api/admin/queues/routing/jobs/${failing.id}/retry`)).status).toBe(403);
  });
});

describe('GET /api/admin/queues/:queue/failed', () => {
  it('lists the failed job with its reason, ticket and attempts', async () => {
    const res = await admin.get<AdminFailedJobsDto>('/api/admin/queues/routing/failed?limit=10');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(1);
    const job = res.body.jobs.find((j) => j.id === failing.id);
    expect(job).toMatchObject({
      name: JOB_NAMES.routing,
      event: 'ticket.created',
      ticketId: missingTicketId,
      attemptsMade: 1,
    });
    expect(job!.failedReason).toMatch(/not found/i);
    expect(Date.parse(job!.finishedOn!)).toBeGreaterThanOrEqual(Date.parse(job!.timestamp));
  });

  it('answers 400 naming an unknown queue', async () => {
    const res = await admin.get<ErrorBody>('/api/admin/queues/nope/failed');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('nope');
    expect(res.body.error.fields?.[0]?.path).toBe('params.queue');
  });

  it('answers 400 for a bad limit', async () => {
    expect((await admin.get('/api/admin/queues/routing/failed?limit=0')).status).toBe(400);
  });
});

describe('POST /api/admin/queues/:queue/jobs/:id/retry', () => {
  it('answers 404 for an unknown job', async () => {
    const res = await admin.post<ErrorBody>('/api/admin/queues/routing/jobs/no-such-job/retry');
    expect(res.status).toBe(404);
  });

  it('answers 409 for a job that is not failed', async () => {
    const later = await backend.ctx.queues.routing.add(
      JOB_NAMES.routing,
      { outboxId: '999999998', event: 'ticket.created', payload: { ticketId: randomUUID(), seq: 1 } },
      { jobId: `admin-queues-delayed-${randomUUID()}`, delay: 3_600_000 },
    );
    const res = await admin.post<ErrorBody>(`/api/admin/queues/routing/jobs/${later.id}/retry`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('delayed');
    await later.remove();
  });

  it('retries a failed job: it leaves the failed state and runs again', async () => {
    const res = await admin.post<AdminRetriedJobDto>(`/api/admin/queues/routing/jobs/${failing.id}/retry`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ queue: 'routing', id: failing.id });
    expect(res.body.state).not.toBe('failed');

    // The ticket still does not exist, so it fails again: one more attempt made.
    const job = (await backend.ctx.queues.routing.getJob(failing.id!))!;
    await waitForState(job, 'failed');
    for (let i = 0; i < 100 && (await backend.ctx.queues.routing.getJob(failing.id!))!.attemptsMade < 2; i++) {
      await sleep(50);
    }
    const list = await admin.get<AdminFailedJobsDto>('/api/admin/queues/routing/failed');
    expect(list.body.jobs.find((j) => j.id === failing.id)?.attemptsMade).toBe(2);
  });
});
