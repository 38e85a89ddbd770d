// Deadline reminders and escalations through the real path (API -> outbox -> `deadlines` planner -> delayed
// jobs in `deadline-alerts`): planned within office hours, removed while the ticket waits for the resident or
// once it is resolved, moved with the due date; the alert consumer, run twice, records and mails once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from 'bullmq';
import { deadlineAlertJobId, type DeadlineAlertJob, type TicketDetailDto, type TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { createMailTransport } from '../../backend/src/notifications/mail-transport.ts';
import { clampToOfficeHours } from '../../backend/src/deadlines/working-days.ts';
import { handleDeadlineAlertJob } from '../../backend/src/deadlines/deadline-alert.job.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { sleep } from '../support/waiting.ts';

const logger = createLogger('test-deadlines', 'silent');

/*
 * A database and Redis prefix of this file's own: the shared run's workers would otherwise plan (and run)
 * these alert jobs too, and the jobs counted here would not be only ours.
 */
let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let inbox: SmtpInbox;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let greenery: TestClient;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('deadlines');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  backend = await startTestBackend({ config: { ...environment.env, DATABASE_POOL_SIZE: '10' } });
  worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
  [agent, triage, roads, greenery] = await signedInAll(backend.url, 'agent', 'triage', 'drogi', 'zielen');
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

const alerts = () => backend.ctx.queues['deadline-alerts'];

async function reportUrgentPothole(): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await entryId(backend.ctx.db, 'category', 'roads.pothole'),
    title: 'Głęboka wyrwa na pasie ruchu',
    description: 'Samochody omijają ją, wjeżdżając na przeciwny pas.',
    priority: 'urgent',
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function ticket(id: string): Promise<TicketDetailDto> {
  return (await triage.get<TicketDetailDto>(`/api/tickets/${id}`)).body;
}

/** Waits until the ticket's alert job of this kind satisfies `check` (null: there is none). */
async function alertJob(
  ticketId: string,
  kind: DeadlineAlertJob['kind'],
  check: (job: Job<DeadlineAlertJob> | undefined, state: string | null) => boolean,
): Promise<{ job: Job<DeadlineAlertJob> | undefined; state: string | null }> {
  for (let i = 0; i < 150; i++) {
    const job = (await alerts().getJob(deadlineAlertJobId(ticketId, kind))) as Job<DeadlineAlertJob> | undefined;
    const state = job ? await job.getState() : null;
    if (check(job, state)) return { job, state };
    await sleep(100);
  }
  throw new Error(`the ${kind} job of ${ticketId} never reached the expected state`);
}

const delayedFor = (dueAt: string | null) => (job: Job<DeadlineAlertJob> | undefined, state: string | null) =>
  state === 'delayed' && job?.data.dueAt === dueAt;
const gone = (job: Job<DeadlineAlertJob> | undefined) => job === undefined;
const runsAt = (job: Job<DeadlineAlertJob>) => new Date(job.timestamp + job.delay);

describe('a routed ticket with a deadline', () => {
  it('gets a reminder and an escalation as delayed jobs within office hours, which follow every change', async () => {
    const created = await reportUrgentPothole();
    for (let i = 0; i < 100 && (await ticket(created.id)).status !== 'routed'; i++) await sleep(100);
    const routed = await ticket(created.id);
    expect(routed).toMatchObject({ status: 'routed', unitCode: 'ZDMK' });

    const reminder = (await alertJob(created.id, 'reminder', delayedFor(routed.dueAt))).job!;
    const escalation = (await alertJob(created.id, 'escalation', delayedFor(routed.dueAt))).job!;
    expect((await alerts().getDelayed()).map((j) => j.id)).toEqual(
      expect.arrayContaining([reminder.id, escalation.id]),
    );
    // Never at night or on a holiday; the reminder before the deadline, the escalation not before it.
    for (const job of [reminder, escalation]) expect(clampToOfficeHours(runsAt(job))).toEqual(runsAt(job));
    expect(runsAt(reminder).getTime()).toBeLessThan(new Date(routed.dueAt!).getTime());
    expect(runsAt(escalation).getTime()).toBeGreaterThanOrEqual(new Date(routed.dueAt!).getTime() - 1000);

    // Waiting for the resident: no alerts while the clock stands still.
    const paused = await roads.post<TicketDto>(`/api/tickets/${created.id}/wait-for-resident`, {
      question: 'Na którym pasie jest wyrwa?',
      version: routed.version,
    });
    expect(paused.status).toBe(200);
    await alertJob(created.id, 'reminder', gone);
    await alertJob(created.id, 'escalation', gone);

    // Resumed: the alerts come back for the moved due date.
    await backend.ctx.db.query(`UPDATE ticket SET waiting_since = now() - interval '3 days' WHERE id = $1`, [
      created.id,
    ]);
    const resumed = await roads.post<TicketDto>(`/api/tickets/${created.id}/resume`, { answer: 'Na prawym.' });
    expect(resumed.status).toBe(200);
    expect(resumed.body.dueAt).not.toBe(routed.dueAt);
    const moved = (await alertJob(created.id, 'escalation', delayedFor(resumed.body.dueAt))).job!;
    expect(runsAt(moved).getTime()).toBeGreaterThan(runsAt(escalation).getTime());
    await alertJob(created.id, 'reminder', delayedFor(resumed.body.dueAt));

    // Rerouted to another unit: planned again for the new unit.
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${created.id}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZZM'),
      reason: 'Wyrwę spowodował korzeń drzewa',
    });
    expect(rerouted.status).toBe(200);
    await alertJob(created.id, 'escalation', (job, state) => state === 'delayed' && job!.timestamp > moved.timestamp);

    // Resolved: nothing left to remind of.
    expect((await greenery.post(`/api/tickets/${created.id}/accept`, {})).status).toBe(200);
    const resolved = await greenery.post<TicketDto>(`/api/tickets/${created.id}/resolve`, {
      answer: 'Korzeń usunięty, wyrwa załatana.',
    });
    expect(resolved.status).toBe(200);
    await alertJob(created.id, 'reminder', gone);
    await alertJob(created.id, 'escalation', gone);
  });
});

describe('the alert consumer', () => {
  it('run twice for a missed deadline, records one escalation and sends one e-mail to those above the unit', async () => {
    const { db } = backend.ctx;
    await db.query(
      `UPDATE unit SET contacts = '[{"name": "Sekretariat DK-03", "email": "dk03@example.org"}]' WHERE code = 'DK-03'`,
    );
    // ZDMK's supervisor is told in person; one without an address, or of another unit, is not.
    await db.query(
      `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, email)
       SELECT 'szef-zdmk', 'Szef ZDMK', 'x', 'supervisor', id, 'szef.zdmk@example.org' FROM unit WHERE code = 'ZDMK'
       UNION ALL
       SELECT 'zastepca-zdmk', 'Zastępca ZDMK', 'x', 'supervisor', id, NULL FROM unit WHERE code = 'ZDMK'`,
    );
    const created = await reportUrgentPothole();
    const routed = await triage.post<TicketDto>(`/api/tickets/${created.id}/route`, {
      unitId: await unitId(db, 'ZDMK'),
    });
    expect(routed.status).toBe(200);
    const dueAt = new Date(Date.now() - 3_600_000).toISOString();
    await db.query(`UPDATE ticket SET due_at = $2 WHERE id = $1`, [created.id, dueAt]);

    const mail = createMailTransport({
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      MAIL_FROM: 'KCK <kck@example.org>',
    });
    const job: DeadlineAlertJob = { ticketId: created.id, kind: 'escalation', dueAt };
    expect(await handleDeadlineAlertJob(db, mail, logger, job)).toBe('recorded_and_sent');
    expect(await handleDeadlineAlertJob(db, mail, logger, job)).toBe('already_recorded');
    // A job planned for an earlier due date is stale: the due date moved since.
    expect(await handleDeadlineAlertJob(db, mail, logger, { ...job, dueAt: routed.body.dueAt! })).toBe('stale');
    mail.close();

    const detail = await ticket(created.id);
    const escalations = detail.events.filter((e) => e.kind === 'ticket.escalated');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.changes.escalatedTo!.to).toEqual(['DK-03']);
    expect(detail.escalatedAt).not.toBeNull();
    const rows = await db.query(`SELECT status, recipients FROM deadline_alert WHERE ticket_id = $1`, [created.id]);
    expect(rows).toEqual([{ status: 'sent', recipients: ['dk03@example.org', 'szef.zdmk@example.org'] }]);
    expect(escalations[0]!.changes.supervisors!.to).toEqual(['Szef ZDMK', 'Zastępca ZDMK']);
    const mails = inbox.about(detail.number);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Przekroczony termin');
    expect(JSON.stringify(mails[0]!.to)).toContain('szef.zdmk@example.org');

    const escalated = await triage.get<TicketDto[]>('/api/tickets?escalated=true&limit=200');
    expect(escalated.body.map((t) => t.id)).toContain(created.id);
  });

  it('does not remind of a ticket that waits for the resident', async () => {
    const { db } = backend.ctx;
    const created = await reportUrgentPothole();
    await triage.post(`/api/tickets/${created.id}/route`, { unitId: await unitId(db, 'ZDMK') });
    await roads.post(`/api/tickets/${created.id}/wait-for-resident`, { question: 'Czy wyrwa jest oznakowana?' });
    const current = await ticket(created.id);
    const mail = createMailTransport({ SMTP_URL: '', MAIL_FROM: 'KCK <kck@example.org>' });
    const outcome = await handleDeadlineAlertJob(db, mail, logger, {
      ticketId: created.id,
      kind: 'reminder',
      dueAt: current.dueAt!,
    });
    expect(outcome).toBe('stale');
    expect((await ticket(created.id)).events.some((e) => e.kind === 'ticket.deadline_reminded')).toBe(false);
  });
});
