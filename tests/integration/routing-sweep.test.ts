// A routing job that Redis lost (it crashed after taking the job and before writing it to disk) must not leave its
// ticket in `new` for ever: the worker's routing sweep publishes the ticket.created row again and the ticket is
// routed, once. The loss is made by removing the job from its queue; the run has its own database and Redis prefix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { outboxJobId, type TicketDetailDto, type TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { startProcess, type RunningProcess } from '../support/processes.ts';
import { sleep } from '../support/waiting.ts';

let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningProcess | undefined;
let routing: Queue;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('sweep');
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

describe('a ticket whose routing job was lost', () => {
  it('is published again by the routing sweep and routed exactly once', async () => {
    const agent = await signedIn(backend.url, 'agent', environment.databaseUrl);
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
      title: 'Zgłoszenie, którego zadanie routingu zginęło',
      description: 'Redis padł zaraz po przyjęciu zadania.',
    });
    expect(created.status).toBe(201);

    // The relay publishes it; then the job is gone, as if Redis had lost it.
    let outbox: { id: string; published_at: Date | null } | undefined;
    for (let i = 0; i < 100 && !outbox?.published_at; i++) {
      await sleep(100);
      [outbox] = await backend.ctx.db.query(
        `SELECT id::text AS id, published_at FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
        [created.body.id],
      );
    }
    expect(outbox?.published_at).toBeTruthy();
    expect(await routing.remove(outboxJobId(outbox!.id))).toBe(1);
    expect(await routing.getJob(outboxJobId(outbox!.id))).toBeUndefined();

    worker = startProcess('worker/src/main.ts', {
      ...environment.env,
      LOG_LEVEL: 'silent',
      SMTP_URL: '',
      ROUTING_SWEEP_EVERY_MS: '1000',
      ROUTING_SWEEP_AFTER_MS: '1000',
    });
    let detail: TicketDetailDto | undefined;
    for (let i = 0; i < 300 && detail?.status !== 'routed'; i++) {
      await sleep(100);
      detail = (await agent.get<TicketDetailDto>(`/api/tickets/${created.body.id}`)).body;
    }
    expect(detail?.status).toBe('routed');
    expect(detail?.unitCode).toBe('ZDMK');

    // Later sweeps find nothing stuck: the ticket is routed once, however long the worker runs.
    await sleep(2500);
    const events = (await agent.get<TicketDetailDto>(`/api/tickets/${created.body.id}`)).body.events;
    expect(events.filter((e) => e.kind === 'ticket.routed')).toHaveLength(1);
  }, 90_000);
});
