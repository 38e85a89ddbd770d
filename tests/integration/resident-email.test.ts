// Residents hear back by e-mail, through the real path (API → outbox → BullMQ → worker → SMTP) into an
// in-process SMTP server (smtp-server), whose arrivals are parsed with mailparser: once per ticket and kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Job, Queue } from 'bullmq';
import pg from 'pg';
import { outboxJobId, STATUS_TOKEN_HEADER, type OutboxJob, type TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { createMailTransport } from '../../backend/src/notifications/mail-transport.ts';
import { handleNotifyResidentJob } from '../../backend/src/notifications/notify-resident.job.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { sleep, waitForStatus } from '../support/waiting.ts';

const logger = createLogger('test-mail', 'silent');
const RESIDENT = 'mieszkanka@example.org';

/*
 * This file runs on a database and Redis prefix of its own. On the shared ones, the workers and outbox relays
 * of test files running in parallel (started without SMTP_URL) would take these jobs and record the mail as
 * skipped, and this file's worker would mail other files' residents.
 */
let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let agent: TestClient;
let roads: TestClient;
let notifications: Queue<OutboxJob>;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('mail');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  backend = await startTestBackend({
    config: {
      ...environment.env,
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      // Backend and worker share this pool, and one test holds several notification transactions waiting.
      DATABASE_POOL_SIZE: '10',
    },
  });
  notifications = new Queue<OutboxJob>('notifications', {
    connection: { url: backend.ctx.config.REDIS_URL },
    prefix: bullPrefix(environment.redisPrefix),
  });
  worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
  agent = await signedIn(backend.url, 'agent');
  roads = await signedIn(backend.url, 'drogi');
});

afterAll(async () => {
  await notifications?.close();
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

async function reportPothole(email?: string): Promise<TicketDto> {
  const { db } = backend.ctx;
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await entryId(db, 'category', 'roads.pothole'),
    address: 'ul. Królewska 20',
    title: 'Dziura w jezdni przed przystankiem',
    description: 'Głęboka dziura przy krawężniku.',
    reporter: { name: 'Anna Nowak', phone: '+48 600 100 200', ...(email ? { email } : {}) },
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** The `notifications` job the outbox relay queued for a ticket's event, once it is queued. */
async function queuedJob(ticketId: string, event: 'ticket.created' | 'ticket.resolved'): Promise<Job<OutboxJob>> {
  for (let i = 0; i < 150; i++) {
    const rows: { id: string }[] = await backend.ctx.db.query(
      `SELECT id FROM outbox WHERE event = $1 AND payload->>'ticketId' = $2 AND published_at IS NOT NULL`,
      [event, ticketId],
    );
    const job = rows[0] && (await Job.fromId<OutboxJob>(notifications, outboxJobId(rows[0].id)));
    if (job) return job;
    await sleep(100);
  }
  throw new Error(`no notifications job for ${event} of ${ticketId}`);
}

async function waitUntilCompleted(jobId: string): Promise<Job<OutboxJob>> {
  for (let i = 0; i < 300; i++) {
    const job = await Job.fromId<OutboxJob>(notifications, jobId);
    if ((await job?.getState()) === 'completed') return job!;
    await sleep(50);
  }
  throw new Error(`job ${jobId} did not complete`);
}

async function notificationRows(ticketId: string) {
  const rows: { kind: string; status: string; attempts: number; message_id: string | null; sent_at: Date | null }[] =
    await backend.ctx.db.query(
      `SELECT kind, status, attempts, message_id, sent_at FROM notification WHERE ticket_id = $1 ORDER BY kind`,
      [ticketId],
    );
  return rows;
}

/** How many private status links acknowledgement e-mails of this ticket carried (only their hashes are kept). */
async function emailLinkCount(ticketId: string): Promise<number> {
  const rows: { n: number }[] = await backend.ctx.db.query(
    `SELECT count(*)::int AS n FROM ticket_status_link WHERE ticket_id = $1 AND issued_for = 'email'`,
    [ticketId],
  );
  return rows[0]!.n;
}

describe('e-mail to the reporter', () => {
  it('acknowledges a ticket with its number when the agent recorded the e-mail', async () => {
    const ticket = await reportPothole(RESIDENT);
    const [mail] = await inbox.waitForAbout(ticket.number, 1);

    expect(mail!.to).toMatchObject({ value: [{ address: RESIDENT }] });
    expect(mail!.from?.value[0]).toMatchObject({ address: 'kck@um.krakow.pl', name: 'Krakowskie Centrum Kontaktu' });
    expect(mail!.subject).toBe(`Przyjęliśmy zgłoszenie ${ticket.number} / Your report ${ticket.number} was received`);
    expect(mail!.text).toContain(`pod numerem ${ticket.number}: „Dziura w jezdni przed przystankiem”`);
    expect(mail!.text).toContain('English: we have received your report');
    expect(mail!.html).toContain(ticket.number);
    expect(mail!.messageId).toBe(`<ticket-${ticket.id}-ticket_acknowledged@kck>`);

    // The server has the mail a moment before the worker commits 'sent'.
    await waitUntilCompleted((await queuedJob(ticket.id, 'ticket.created')).id!);
    expect(await notificationRows(ticket.id)).toEqual([
      {
        kind: 'ticket_acknowledged',
        status: 'sent',
        attempts: 1,
        message_id: `<ticket-${ticket.id}-ticket_acknowledged@kck>`,
        sent_at: expect.any(Date),
      },
    ]);
  });

  it('has the private status link of the acknowledgement working before the mail is handed over', async () => {
    const address = 'od-razu@example.org';
    const pages: number[] = [];
    // While the worker waits for the SMTP server's answer, the resident (or a mail scanner) opens the link.
    inbox.beforeAccept = async (mail) => {
      const link = /\/zgloszenie\/(KCK-\d{4}-\d{6})\?token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '');
      if (!link || !inbox.isTo(mail, address)) return;
      const page = await fetch(`${backend.url}/api/public/tickets/${link[1]}`, {
        headers: { [STATUS_TOKEN_HEADER]: link[2]! },
      });
      pages.push(page.status);
    };
    try {
      const ticket = await reportPothole(address);
      await inbox.waitForAbout(ticket.number, 1);
      expect(pages).toEqual([200]);
      expect(await emailLinkCount(ticket.id)).toBe(1);
    } finally {
      inbox.beforeAccept = undefined;
    }
  });

  it("sends the unit's answer when the unit resolves it, without internal comments or staff names", async () => {
    const ticket = await reportPothole(RESIDENT);
    await inbox.waitForAbout(ticket.number, 1);
    await waitForStatus(agent, ticket.id, 'routed');

    const accepted = await roads.post(`/api/tickets/${ticket.id}/accept`, { comment: 'Wewnętrzne: brygada nr 3' });
    expect(accepted.status).toBe(200);
    const resolved = await roads.post(`/api/tickets/${ticket.id}/resolve`, {
      answer: 'Ubytek w jezdni załatano 23 listopada.',
    });
    expect(resolved.status).toBe(200);

    const mails = await inbox.waitForAbout(ticket.number, 2);
    const answer = mails.find((m) => m.messageId === `<ticket-${ticket.id}-ticket_answered@kck>`)!;
    expect(answer.subject).toBe(
      `Odpowiedź w sprawie zgłoszenia ${ticket.number} / Answer to your report ${ticket.number}`,
    );
    expect(answer.to).toMatchObject({ value: [{ address: RESIDENT }] });
    expect(answer.text).toContain('Odpowiedź (Zarząd Dróg Miasta Krakowa):\nUbytek w jezdni załatano 23 listopada.');
    expect(answer.text).toContain('„Dziura w jezdni przed przystankiem”');
    expect(answer.html).toContain('Ubytek w jezdni załatano 23 listopada.');
    const staff: { display_name: string }[] = await backend.ctx.db.query(
      `SELECT display_name FROM app_user WHERE login = 'drogi'`,
    );
    for (const secret of ['brygada', staff[0]!.display_name, 'Dorota']) {
      expect(answer.text, secret).not.toContain(secret);
      expect(answer.html, secret).not.toContain(secret);
    }
    await waitUntilCompleted((await queuedJob(ticket.id, 'ticket.resolved')).id!);
    expect((await notificationRows(ticket.id)).map((r) => [r.kind, r.status])).toEqual([
      ['ticket_acknowledged', 'sent'],
      ['ticket_answered', 'sent'],
    ]);
  });

  it('sends nothing for a ticket without an e-mail address, and queues no job for it', async () => {
    const ticket = await reportPothole();
    // The relay published the event but left out the notifications job (RELAY_SKIPS): nobody to write to.
    await expect
      .poll(async () => {
        const rows: { id: string }[] = await backend.ctx.db.query(
          `SELECT id FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1 AND published_at IS NOT NULL`,
          [ticket.id],
        );
        return rows[0]?.id ?? null;
      })
      .not.toBeNull();
    const [row]: { id: string }[] = await backend.ctx.db.query(
      `SELECT id FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
      [ticket.id],
    );
    expect(await Job.fromId(notifications, outboxJobId(row!.id))).toBeUndefined();
    // The consumer, given such a job anyway, finds no one to write to.
    const mail = createMailTransport(backend.ctx.config);
    const job: OutboxJob = { outboxId: row!.id, event: 'ticket.created', payload: { ticketId: ticket.id, seq: 1 } };
    expect(await handleNotifyResidentJob(backend.ctx.db, mail, logger, job)).toBe('no_email');
    mail.close();

    expect(inbox.about(ticket.number)).toEqual([]);
    expect(await notificationRows(ticket.id)).toEqual([]);
  });
});

describe('a notification job delivered more than once', () => {
  it('sends one e-mail when the same job is queued again under another id and run again by hand', async () => {
    const ticket = await reportPothole(RESIDENT);
    await inbox.waitForAbout(ticket.number, 1);
    const job = await queuedJob(ticket.id, 'ticket.created');

    // The same outbox row queued a second time (as after a lost job id), then once more by hand.
    const again = await notifications.add('notify-resident', job.data, { jobId: `again-${job.id}` });
    await waitUntilCompleted(again.id!);
    const mail = createMailTransport(backend.ctx.config);
    expect(await handleNotifyResidentJob(backend.ctx.db, mail, logger, job.data)).toBe('already_sent');
    mail.close();

    await sleep(300);
    expect(inbox.about(ticket.number)).toHaveLength(1);
    expect((await notificationRows(ticket.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    // The runs that found it sent issued no status link of their own: the one mail carries the one link.
    expect(await emailLinkCount(ticket.id)).toBe(1);
  });

  it('sends one e-mail when deliveries run at the same time, and the job completes after a worker restart', async () => {
    // No worker: the job waits in the queue, as it does while a killed worker is down.
    await worker!.close();
    worker = undefined;
    const ticket = await reportPothole(RESIDENT);
    const job = await queuedJob(ticket.id, 'ticket.created');
    expect(await job.getState()).toBe('waiting');

    // A worker caught mid-send holding the notification row; when it dies, PostgreSQL rolls its transaction
    // back as its connection closes, and the row is as before: pending.
    const dying = new pg.Client({ connectionString: environment.databaseUrl });
    await dying.connect();
    await dying.query(`INSERT INTO notification (ticket_id, kind, recipient) VALUES ($1, 'ticket_acknowledged', $2)`, [
      ticket.id,
      RESIDENT,
    ]);
    await dying.query('BEGIN');
    await dying.query(`SELECT 1 FROM notification WHERE ticket_id = $1 FOR UPDATE`, [ticket.id]);

    // Three deliveries at once: two by hand, and the restarted worker's.
    const mail = createMailTransport(backend.ctx.config);
    const byHand = [1, 2].map(() => handleNotifyResidentJob(backend.ctx.db, mail, logger, job.data));
    worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
    await sleep(300);
    expect(inbox.about(ticket.number)).toEqual([]);
    await dying.end(); // the kill

    const outcomes = await Promise.all(byHand);
    await waitUntilCompleted(job.id!);
    mail.close();
    await sleep(300);
    expect(inbox.about(ticket.number)).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'sent').length).toBeLessThanOrEqual(1);
    expect(outcomes.every((o) => o === 'sent' || o === 'already_sent')).toBe(true);
    expect((await notificationRows(ticket.id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    const history: { n: number }[] = await backend.ctx.db.query(
      `SELECT count(*)::int AS n FROM ticket_event WHERE ticket_id = $1 AND kind = 'ticket.created'`,
      [ticket.id],
    );
    expect(history[0]!.n).toBe(1);
  });
});

describe('with e-mail switched off (no SMTP_URL)', () => {
  it('records the acknowledgement as skipped in one row however often the job runs, and issues no link', async () => {
    // No worker: the job waits in the queue, so only the runs below handle it.
    await worker!.close();
    worker = undefined;
    try {
      const ticket = await reportPothole(RESIDENT);
      const job = await queuedJob(ticket.id, 'ticket.created');
      const off = createMailTransport({ SMTP_URL: '', MAIL_FROM: 'kck@example.org' });
      const together = await Promise.all(
        [1, 2].map(() => handleNotifyResidentJob(backend.ctx.db, off, logger, job.data)),
      );
      expect(together).toContain('skipped');
      expect(await handleNotifyResidentJob(backend.ctx.db, off, logger, job.data)).toBe('already_skipped');
      expect(await notificationRows(ticket.id)).toEqual([
        expect.objectContaining({ kind: 'ticket_acknowledged', status: 'skipped', attempts: 0, sent_at: null }),
      ]);
      expect(await emailLinkCount(ticket.id)).toBe(0);

      // A row an earlier try left failed (e-mail was on then) is closed as skipped; a sent one is left as it is.
      const failed = await reportPothole(RESIDENT);
      await backend.ctx.db.query(
        `INSERT INTO notification (ticket_id, kind, recipient, status, attempts) VALUES ($1, 'ticket_acknowledged', $2, 'failed', 1)`,
        [failed.id, RESIDENT],
      );
      const failedJob = await queuedJob(failed.id, 'ticket.created');
      expect(await handleNotifyResidentJob(backend.ctx.db, off, logger, failedJob.data)).toBe('skipped');
      expect((await notificationRows(failed.id))[0]).toMatchObject({ status: 'skipped', attempts: 1 });
      await backend.ctx.db.query(`UPDATE notification SET status = 'sent', sent_at = now() WHERE ticket_id = $1`, [
        failed.id,
      ]);
      expect(await handleNotifyResidentJob(backend.ctx.db, off, logger, failedJob.data)).toBe('already_sent');
      expect((await notificationRows(failed.id))[0]).toMatchObject({ status: 'sent' });
      off.close();

      // The worker, with e-mail on, then finds the row skipped: the resident gets nothing later by surprise.
      worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
      await waitUntilCompleted(job.id!);
      await sleep(300);
      expect(inbox.about(ticket.number)).toEqual([]);
    } finally {
      worker ??= await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
    }
  });
});

describe('when the SMTP server is down', () => {
  it('records the failure, BullMQ retries with backoff, and the e-mail arrives once the server is up', async () => {
    await inbox.stop();
    try {
      const ticket = await reportPothole(RESIDENT);
      for (let i = 0; ; i++) {
        const [row] = await notificationRows(ticket.id);
        if (row?.status === 'failed') break;
        if (i > 200) throw new Error('the first attempt was not recorded as failed');
        await sleep(50);
      }
      const [failed] = await backend.ctx.db.query(`SELECT last_error FROM notification WHERE ticket_id = $1`, [
        ticket.id,
      ]);
      expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
      expect(inbox.about(ticket.number)).toEqual([]);

      await inbox.start();
      const [mail] = await inbox.waitForAbout(ticket.number, 1);
      expect(mail!.messageId).toBe(`<ticket-${ticket.id}-ticket_acknowledged@kck>`);

      const job = await waitUntilCompleted((await queuedJob(ticket.id, 'ticket.created')).id!);
      expect(job.attemptsMade).toBeGreaterThanOrEqual(2);
      const [row] = await notificationRows(ticket.id);
      expect(row).toMatchObject({ status: 'sent', message_id: mail!.messageId });
      expect(row!.attempts).toBeGreaterThanOrEqual(2);
      await sleep(300);
      expect(inbox.about(ticket.number)).toHaveLength(1);
    } finally {
      await inbox.start().catch(() => undefined);
    }
  });
});
