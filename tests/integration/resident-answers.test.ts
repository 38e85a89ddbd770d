// The resident answers a unit that waits for them: a message on the status page, or an e-mail reply threaded to the
// ticket, restarts the ticket's clock in the same commit (due date moved by the office time waited, `ticket.resumed`
// with the resident as its author, heard live by the unit). And the mail the platform sends on its own says it is
// automatic (RFC 3834), so out-of-office replies to it do not loop.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Socket } from 'socket.io-client';
import {
  STATUS_TOKEN_HEADER,
  ticketRefOf,
  type PublicReportCreatedDto,
  type PublicTicketStatusDto,
  type ServerToClientEvents,
  type TicketDetailDto,
  type TicketDto,
  type TicketEventDto,
} from '@kck/contracts';
import { startTestBackend, testConfig, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { dueAfterPause } from '../../backend/src/deadlines/deadline-times.ts';
import { startEmailIntake, type RunningEmailIntake } from '../../backend/src/email-intake/email-intake.ts';
import { readInboundMail } from '../../backend/src/email-intake/inbound-mail.ts';
import { automatedReason } from '../../backend/src/email-intake/mail-classifier.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { nextTicketMessage, socketFor } from '../support/sockets.ts';
import { waitForStatus } from '../support/waiting.ts';

const logger = createLogger('test-resident-answers', 'silent');
const KCK = 'kck@um.krakow.pl';
const RESIDENT = 'maria.wisniewska@example.org';
/** Far enough back that the wait holds office hours whatever the day (holidays and weekends included). */
const WAITED_DAYS = 10;

/* Its own database and Redis prefix: this file's worker mails to the in-process SMTP server. */
let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let intake: RunningEmailIntake | undefined;
let smtp: Transporter | undefined;
let dir: string;
let triage: TestClient;
let roads: TestClient;
let roadsSocket: Socket<ServerToClientEvents> | undefined;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('resident_answers');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-resident-answers-'));
  const env = {
    ...environment.env,
    SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
    ATTACHMENTS_DIR: dir,
    TRUST_PROXY: 'true',
    DATABASE_POOL_SIZE: '10',
  };
  backend = await startTestBackend({ config: env });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, logger);
  intake = await startEmailIntake(testConfig({ ...env, EMAIL_INTAKE: 'smtp', EMAIL_INTAKE_SMTP_PORT: '0' }), logger);
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: intake.smtpPort, secure: false, ignoreTLS: true });
  [triage, roads] = await signedInAll(backend.url, 'triage', 'drogi');
  roadsSocket = await socketFor(backend.url, roads);
});

afterAll(async () => {
  roadsSocket?.disconnect();
  smtp?.close();
  await intake?.close();
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const ms = (iso: string | null) => new Date(iso!).getTime();

/**
 * The roads unit asks the resident a question, which went out WAITED_DAYS ago (the pause moved back in time, as
 * the deadline tests do): the due date the resident's answer must move, and when the pause began.
 */
async function waitingForTheResident(ticket: TicketDto): Promise<{ dueBefore: Date; since: Date }> {
  const asked = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/wait-for-resident`, {
    question: 'Czy może Pani podać numer najbliższej latarni?',
  });
  expect(asked.status).toBe(200);
  expect(asked.body.waitingForResident).not.toBeNull();
  const since = new Date(Date.now() - WAITED_DAYS * 86_400_000);
  await backend.ctx.db.query(`UPDATE ticket SET waiting_since = $2 WHERE id = $1`, [ticket.id, since]);
  return { dueBefore: new Date(asked.body.dueAt!), since };
}

/**
 * The clock runs again: no pause, the due date moved by the office time between the pause and the answer (which
 * came between `before` and `after`), one `ticket.resumed` by the resident right after their message.
 */
async function expectResumedByTheResident(
  ticketId: string,
  clock: { dueBefore: Date; since: Date },
  answeredBetween: { before: Date; after: Date },
): Promise<TicketDetailDto> {
  const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${ticketId}`)).body;
  expect(detail.waitingForResident).toBeNull();
  const earliest = dueAfterPause(clock.dueBefore, clock.since, answeredBetween.before);
  const latest = dueAfterPause(clock.dueBefore, clock.since, answeredBetween.after);
  expect(earliest.getTime()).toBeGreaterThan(clock.dueBefore.getTime());
  expect(ms(detail.dueAt)).toBeGreaterThanOrEqual(earliest.getTime());
  expect(ms(detail.dueAt)).toBeLessThanOrEqual(latest.getTime());

  const kinds = detail.events.map((e) => e.kind);
  expect(kinds.filter((kind) => kind === 'ticket.resumed')).toHaveLength(1);
  const resumed = detail.events.find((e) => e.kind === 'ticket.resumed')!;
  expect(kinds[kinds.indexOf('ticket.resumed') - 1]).toBe('ticket.resident_message');
  expect(resumed).toMatchObject<Partial<TicketEventDto>>({ actorId: null, actorName: null, reason: null });
  expect(resumed.changes).toEqual({
    waitingForResident: { from: true, to: false },
    dueAt: { from: clock.dueBefore.toISOString(), to: detail.dueAt },
    author: { from: null, to: 'resident' },
  });
  return detail;
}

describe("the resident's answer to a unit waiting for them", () => {
  it('on the status page restarts the clock in the same commit, and the unit hears it live', async () => {
    const address = '198.51.100.77';
    const created = await fetch(`${backend.url}/api/public/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Forwarded-For': address },
      body: JSON.stringify({
        submissionId: randomUUID(),
        type: 'problem',
        categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
        description: 'Nie świeci latarnia przy przejściu dla pieszych.',
        address: 'ul. Karmelicka 30',
        language: 'pl',
      }),
    });
    expect(created.status).toBe(201);
    const report = (await created.json()) as PublicReportCreatedDto;
    const ticketId: string = (await backend.ctx.db.query(`SELECT id FROM ticket WHERE number = $1`, [report.number]))[0]
      .id;
    const ticket = await waitForStatus(roads, ticketId, 'routed');
    const clock = await waitingForTheResident(ticket);

    const statusPath = `/api/public/tickets/${ticketRefOf(report.number)}`;
    const asResident = { 'X-Forwarded-For': address, [STATUS_TOKEN_HEADER]: report.token };
    const page = await fetch(backend.url + statusPath, { headers: asResident });
    expect(((await page.json()) as PublicTicketStatusDto).state).toBe('waiting_for_you');

    const heard = nextTicketMessage(roadsSocket!, (m) => m.ticket.id === ticketId && m.kind === 'ticket.resumed');
    const before = new Date();
    const sent = await fetch(`${backend.url}${statusPath}/messages`, {
      method: 'POST',
      headers: { ...asResident, 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), text: 'To latarnia numer 1234.' }),
    });
    const after = new Date();
    expect(sent.status).toBe(201);
    expect(((await sent.json()) as PublicTicketStatusDto).state).toBe('routed');
    expect((await heard).ticket).toMatchObject({ id: ticketId, waitingForResident: null });
    await expectResumedByTheResident(ticketId, clock, { before, after });

    // Once running, the clock is not restarted by the next message.
    const again = await fetch(`${backend.url}${statusPath}/messages`, {
      method: 'POST',
      headers: { ...asResident, 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: randomUUID(), text: 'Przepraszam, 1243.' }),
    });
    expect(again.status).toBe(201);
    const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${ticketId}`)).body;
    expect(detail.events.filter((e) => e.kind === 'ticket.resident_message')).toHaveLength(2);
    expect(detail.events.filter((e) => e.kind === 'ticket.resumed')).toHaveLength(1);
  });

  it('by e-mail, replying to the acknowledgement, restarts the clock the same way', async () => {
    const messageId = `<latarnia-${Date.now()}@poczta.example.org>`;
    await smtp!.sendMail({
      from: `Maria Wiśniewska <${RESIDENT}>`,
      to: KCK,
      subject: 'Nie świeci latarnia na Karmelickiej',
      messageId,
      text: 'Od tygodnia nie świeci latarnia przy Karmelickiej 30.',
    });
    const ticketId: string = (
      await backend.ctx.db.query(`SELECT ticket_id FROM email_message WHERE message_key = $1`, [
        messageId.replace(/^<|>$/g, ''),
      ])
    )[0].ticket_id;
    await waitForStatus(triage, ticketId, 'triage');
    const routed = await triage.post<TicketDto>(`/api/tickets/${ticketId}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZDMK'),
    });
    expect(routed.status).toBe(200);
    const clock = await waitingForTheResident(routed.body);

    const [ack] = await inbox.waitForAbout(routed.body.number!, 1);
    const heard = nextTicketMessage(roadsSocket!, (m) => m.ticket.id === ticketId && m.kind === 'ticket.resumed');
    const before = new Date();
    const response = await smtp!.sendMail({
      from: `Maria Wiśniewska <${RESIDENT}>`,
      to: KCK,
      subject: `Re: ${ack!.subject}`,
      messageId: `<odpowiedz-${Date.now()}@poczta.example.org>`,
      inReplyTo: ack!.messageId,
      references: ack!.messageId,
      text: 'Latarnia ma numer 5678.',
    });
    const after = new Date();
    expect(String(response.response)).toContain(`message added to ticket ${routed.body.number}`);
    expect((await heard).ticket).toMatchObject({ id: ticketId, waitingForResident: null });
    const detail = await expectResumedByTheResident(ticketId, clock, { before, after });
    expect(detail.events.find((e) => e.kind === 'ticket.resident_message')?.reason).toBe('Latarnia ma numer 5678.');
  });
});

describe('mail the platform sends on its own', () => {
  it('is marked automatic (RFC 3834 and Exchange), so auto-responders leave it unanswered', async () => {
    // An acknowledgement (notifications) and an answer (the unit's), two senders through the one transport.
    const messageId = `<zgloszenie-${Date.now()}@poczta.example.org>`;
    await smtp!.sendMail({
      from: RESIDENT,
      to: KCK,
      subject: 'Graffiti na przystanku',
      messageId,
      text: 'Plac Inwalidów.',
    });
    const ticketId: string = (
      await backend.ctx.db.query(`SELECT ticket_id FROM email_message WHERE message_key = $1`, [
        messageId.replace(/^<|>$/g, ''),
      ])
    )[0].ticket_id;
    const ticket = await waitForStatus(triage, ticketId, 'triage');
    const answer = await triage.post(`/api/tickets/${ticketId}/comments`, {
      kind: 'answer',
      body: 'Przekazaliśmy sprawę do MPK.',
    });
    expect(answer.status).toBe(201);
    const mails = await inbox.waitForAbout(ticket.number!, 2);
    expect(mails.map((mail) => mail.text)).toEqual(
      expect.arrayContaining([expect.stringContaining('Przekazaliśmy sprawę do MPK.')]),
    );
    for (const mail of mails) {
      expect(mail.headers.get('auto-submitted'), mail.subject).toBe('auto-generated');
      expect(mail.headers.get('x-auto-response-suppress'), mail.subject).toBe('All');
    }

    // Our intake reads the same header as automatic: such a mail forwarded back by a resident's robot (not from our
    // own address, so the loop check does not decide) is never a ticket.
    const forwarded = Buffer.from(
      [
        `From: Automat <robot@example.org>`,
        `To: ${KCK}`,
        `Subject: Fwd: ${mails[0]!.subject}`,
        `Message-ID: <forward-${Date.now()}@example.org>`,
        `Auto-Submitted: ${String(mails[0]!.headers.get('auto-submitted'))}`,
        '',
        'Przekazano automatycznie.',
        '',
      ].join('\r\n'),
    );
    const read = await readInboundMail(forwarded, 'robot@example.org');
    expect(automatedReason(read.headers, { addresses: [KCK], messageIdDomain: 'kck' })).toBe(
      'auto-reply: Auto-Submitted: auto-generated',
    );
  });
});
