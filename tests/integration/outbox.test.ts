// The transactional outbox: a ticket written while Redis is unreachable is not lost; its event
// waits in PostgreSQL and reaches the queue once Redis answers, exactly once per queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { outboxJobId, type TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { buildUnit, buildUser, routedCategory } from '../../backend/src/test-support/builders.ts';
import { createRedis, bullPrefix, whenReady } from '../../backend/src/platform/redis.ts';
import { closeQueues, createQueues } from '../../backend/src/platform/queues.ts';
import { OutboxRelay } from '../../backend/src/platform/outbox/outbox.relay.ts';
import { routeNewTicket } from '../../backend/src/routing/routing.service.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
});
afterAll(() => backend?.close());

describe('the outbox relay', () => {
  describe('when Redis is down at the moment a ticket is written', () => {
    it('keeps the event in the outbox and queues it once Redis answers', async () => {
      const { db, config } = backend.ctx;
      const agent = await signedIn(backend.url, 'agent');
      const logger = createLogger('test-relay', 'silent');

      // A relay whose Redis is a closed port: every add fails fast.
      const deadRedis = createRedis('redis://127.0.0.1:1', 'producer', { retryStrategy: () => null });
      const deadQueues = createQueues(deadRedis, config.REDIS_PREFIX, logger);
      const deadRelay = new OutboxRelay(deadQueues, logger, { databaseUrl: config.DATABASE_URL, pollMs: 60_000 });

      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Zapadnięta studzienka',
        description: 'Studzienka kanalizacyjna zapadła się.',
      });
      expect(created.status).toBe(201);
      const rows: { id: string; published_at: Date | null }[] = await db.query(
        `SELECT id, published_at FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
        [created.body.id],
      );
      expect(rows).toHaveLength(1);
      const outboxId = rows[0]!.id;

      expect(await deadRelay.drain()).toBe(0);
      const still = await db.query(`SELECT published_at FROM outbox WHERE id = $1`, [outboxId]);
      expect(still[0].published_at).toBeNull();
      await deadRelay.stop();
      await closeQueues(deadQueues).catch(() => undefined);
      deadRedis.disconnect();

      // Redis is back: the backend's own relay publishes it.
      await backend.relay.drain();
      const published = await db.query(`SELECT published_at FROM outbox WHERE id = $1`, [outboxId]);
      expect(published[0].published_at).not.toBeNull();

      const routing = new Queue('routing', {
        connection: { url: config.REDIS_URL },
        prefix: bullPrefix(config.REDIS_PREFIX),
      });
      const job = await routing.getJob(outboxJobId(outboxId));
      expect(job?.data).toMatchObject({ event: 'ticket.created', payload: { ticketId: created.body.id } });

      // Publishing the same row again (a relay that died before stamping it) does not make a second job.
      await db.query(`UPDATE outbox SET published_at = NULL WHERE id = $1`, [outboxId]);
      await backend.relay.drain();
      const waiting = await routing.getJobs(['waiting', 'active', 'completed', 'failed', 'delayed']);
      expect(waiting.filter((j) => j.data.payload?.ticketId === created.body.id)).toHaveLength(1);
      await routing.close();
    });
  });

  it('rolls back a pass that fails, so the next pass on its connection works', async () => {
    const { db, config } = backend.ctx;
    const agent = await signedIn(backend.url, 'agent');
    const logger = createLogger('test-relay', 'silent');
    // Facts that fail (division by zero) until the toggle table has a row.
    await db.query(`CREATE TABLE IF NOT EXISTS relay_test_toggle (n int)`);
    await db.query(`TRUNCATE relay_test_toggle`);
    const redis = createRedis(config.REDIS_URL, 'producer');
    await whenReady(redis);
    const queues = createQueues(redis, config.REDIS_PREFIX, logger);
    const relay = new OutboxRelay(queues, logger, {
      databaseUrl: config.DATABASE_URL,
      pollMs: 60_000,
      facts: `SELECT 1 / (SELECT count(*)::int FROM relay_test_toggle) AS n`,
    });
    try {
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Przewrócony znak drogowy',
        description: 'Znak leży na chodniku.',
      });
      expect(created.status).toBe(201);
      await expect(relay.drain()).rejects.toThrow(/division by zero/);
      await db.query(`INSERT INTO relay_test_toggle VALUES (1)`);
      expect(await relay.drain()).toBeGreaterThan(0);
      const [row] = await db.query(
        `SELECT published_at FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
        [created.body.id],
      );
      expect(row.published_at).not.toBeNull();
    } finally {
      await relay.stop();
      await closeQueues(queues);
      redis.disconnect();
      await db.query(`DROP TABLE relay_test_toggle`);
    }
  });

  it('queues a job only where its consumer has work to do', async () => {
    const { db, config } = backend.ctx;
    const agent = await signedIn(backend.url, 'agent');
    const triage = await signedIn(backend.url, 'triage');
    const connection = { url: config.REDIS_URL };
    const prefix = bullPrefix(config.REDIS_PREFIX);
    const [notifications, delivery, assignment, deadlines] = [
      'notifications',
      'delivery',
      'assignment',
      'deadlines',
    ].map((name) => new Queue(name, { connection, prefix }));
    const outboxId = async (event: string, ticketId: string) =>
      (
        (await db.query(`SELECT id FROM outbox WHERE event = $1 AND payload->>'ticketId' = $2`, [event, ticketId])) as {
          id: string;
        }[]
      )[0]!.id;
    const jobFor = async (queue: Queue, event: string, ticketId: string) =>
      (await queue.getJob(outboxJobId(await outboxId(event, ticketId)))) ?? null;

    // Two units: one with its own system and round-robin assignment, one working in the console by hand.
    const withSystem = await buildUnit(db);
    const byHand = await buildUnit(db);
    const systemUser = await buildUser(db, { role: 'unit_staff', unitId: withSystem.id });
    await db.query(
      `INSERT INTO unit_integration (unit_id, webhook_url, webhook_secret, api_token_hash, system_user_id)
       VALUES ($1, 'http://127.0.0.1:1/hook', 'secret', $2, $3)`,
      [withSystem.id, `hash-${withSystem.code}`, systemUser.id],
    );
    await db.query(`INSERT INTO unit_assignment (unit_id, mode) VALUES ($1, 'round_robin')`, [withSystem.id]);

    const report = async (email?: string) => {
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Zgłoszenie do sprawdzenia relay',
        description: 'Czy relay pomija zbędne zadania.',
        ...(email ? { reporter: { email } } : {}),
      });
      expect(created.status).toBe(201);
      return created.body;
    };
    const withEmail = await report('mieszkaniec@example.org');
    const withoutEmail = await report();
    await backend.relay.drain();
    // The acknowledgement needs someone to write to.
    expect(await jobFor(notifications!, 'ticket.created', withEmail.id)).not.toBeNull();
    expect(await jobFor(notifications!, 'ticket.created', withoutEmail.id)).toBeNull();

    for (const [ticket, unit] of [
      [withEmail, withSystem],
      [withoutEmail, byHand],
    ] as const) {
      expect((await triage.post(`/api/tickets/${ticket.id}/route`, { unitId: unit.id })).status).toBe(200);
    }
    await backend.relay.drain();
    // Delivery and automatic assignment only for the unit that has a system and round-robin.
    expect(await jobFor(delivery!, 'ticket.routed', withEmail.id)).not.toBeNull();
    expect(await jobFor(assignment!, 'ticket.routed', withEmail.id)).not.toBeNull();
    expect(await jobFor(delivery!, 'ticket.routed', withoutEmail.id)).toBeNull();
    expect(await jobFor(assignment!, 'ticket.routed', withoutEmail.id)).toBeNull();
    // Routed by hand: the deadline planner gets a job. Routed by a rule: the routing job planned it already.
    expect(await jobFor(deadlines!, 'ticket.routed', withoutEmail.id)).not.toBeNull();
    const byRule = await report();
    await backend.relay.drain();
    expect((await routeNewTicket(db, byRule.id)).outcome).toBe('routed');
    await backend.relay.drain();
    expect(await jobFor(deadlines!, 'ticket.routed', byRule.id)).toBeNull();
    // Published all the same: the consoles heard both.
    const unpublished = await db.query(
      `SELECT id FROM outbox WHERE payload->>'ticketId' = ANY($1) AND published_at IS NULL`,
      [[withEmail.id, withoutEmail.id]],
    );
    expect(unpublished).toEqual([]);
    await Promise.all([notifications, delivery, assignment, deadlines].map((queue) => queue!.close()));
  });
});
