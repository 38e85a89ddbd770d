// The admin's view of the job queues in a real browser: every queue with its counts, and a failed job
// (made to fail on purpose) listed with its reason and a retry button.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { outboxJobId, QUEUES, type OutboxJob } from '@kck/contracts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { screenshots, startBrowserStack, type BrowserStack } from '../support/browser-stack.ts';

let stack: BrowserStack;
let routing: Queue<OutboxJob>;
const jobId = outboxJobId(String(900_000_000 + Math.floor(Math.random() * 1_000_000)));

beforeAll(async () => {
  stack = await startBrowserStack();
  routing = new Queue<OutboxJob>('routing', {
    connection: { url: process.env.REDIS_URL! },
    prefix: bullPrefix(process.env.REDIS_PREFIX!),
  });
}, 180_000);

afterAll(async () => {
  await routing?.remove(jobId).catch(() => undefined);
  await routing?.close();
  await stack?.close();
});

describe('the admin queue page', () => {
  it('shows every queue and a failed job with its reason', async () => {
    // A routing job for a ticket that does not exist fails at once (one attempt).
    await routing.add(
      'route-ticket',
      {
        outboxId: jobId.slice('outbox-'.length),
        event: 'ticket.created',
        payload: { ticketId: '00000000-0000-4000-8000-00000000abcd', seq: 1 },
      },
      { jobId, attempts: 1 },
    );
    for (let i = 0; i < 100 && (await routing.getJobState(jobId)) !== 'failed'; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await routing.getJobState(jobId)).toBe('failed');

    const page = await stack.signIn('admin', '/triage');
    await page.goto(`${stack.baseUrl}/queues`);
    await page.getByTestId('queues-table').waitFor();
    for (const queue of Object.values(QUEUES)) {
      await page.locator(`[data-testid="queue-row"][data-queue="${queue}"]`).waitFor();
    }
    const failed = page.locator(`[data-testid="failed-job"][data-job-id="${jobId}"]`);
    await failed.waitFor({ timeout: 15_000 });
    expect(await failed.innerText()).toMatch(/not found/i);
    await page.screenshot({ path: path.join(screenshots, 'admin-queues.png'), fullPage: true });
    expect(stack.consoleErrors).toEqual([]);
  });
});
