// Residents hear back about merges, splits and idea decisions through the real path (API → outbox → BullMQ →
// worker → SMTP) into an in-process SMTP server: the reporter of a duplicate is told the main number and gets
// the main ticket's answer; a split's reporter gets the new numbers once; an idea's reporter gets the decision.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SplitTicketResult, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { sleep, waitForStatus } from '../support/waiting.ts';

const logger = createLogger('test-relations-mail', 'silent');

// Own database and Redis prefix: other files' workers (without SMTP) must not take these jobs.
let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('relmail');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  backend = await startTestBackend({
    config: { ...environment.env, SMTP_URL: `smtp://127.0.0.1:${inbox.port}`, DATABASE_POOL_SIZE: '10' },
  });
  worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, logger);
  [agent, triage, roads] = await signedInAll(backend.url, 'agent', 'triage', 'drogi');
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

async function report(email: string, overrides: Record<string, unknown> = {}): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title: 'Dziura w jezdni na ul. Starowiślnej',
    description: 'Głęboka dziura na pasie do skrętu.',
    reporter: { name: 'Mieszkaniec', email },
    ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function notificationRows(ticketId: string) {
  const rows: { kind: string; status: string }[] = await backend.ctx.db.query(
    `SELECT kind, status FROM notification WHERE ticket_id = $1 ORDER BY kind`,
    [ticketId],
  );
  return rows.map((r) => [r.kind, r.status]);
}

/** The SMTP server has a message a moment before the worker commits it as sent. */
async function expectRowsSoon(ticketId: string, expected: string[][]): Promise<void> {
  for (let i = 0; i < 100 && JSON.stringify(await notificationRows(ticketId)) !== JSON.stringify(expected); i++) {
    await sleep(50);
  }
  expect(await notificationRows(ticketId)).toEqual(expected);
}

describe('a duplicate merged into its main ticket', () => {
  it("tells the duplicate's reporter the main number, then both reporters get the answer once", async () => {
    const mainEmail = 'glowne@example.org';
    const dupEmail = 'duplikat@example.org';
    const main = await report(mainEmail);
    const duplicate = await report(dupEmail, { title: 'Dziura przy przystanku Starowiślna' });
    await inbox.waitFor(dupEmail, 1);
    await waitForStatus(triage, duplicate.id, 'routed');

    const merged = await triage.post<TicketDto>(`/api/tickets/${duplicate.id}/merge`, {
      into: main.number,
      reason: 'Ta sama dziura',
    });
    expect(merged.status).toBe(200);
    const [, told] = await inbox.waitFor(dupEmail, 2);
    expect(told!.subject).toBe(
      `Zgłoszenie ${duplicate.number} połączone ze zgłoszeniem ${main.number} / Your report ${duplicate.number} is handled under ${main.number}`,
    );
    expect(told!.text).toContain(`sprawa jest prowadzona pod numerem ${main.number}`);
    expect(told!.text).toContain('„Dziura przy przystanku Starowiślna”');
    expect(told!.messageId).toBe(`<ticket-${duplicate.id}-ticket_merged@kck>`);

    await waitForStatus(triage, main.id, 'routed');
    await roads.post(`/api/tickets/${main.id}/accept`, { comment: 'Wewnętrzne: ekipa B' });
    const resolved = await roads.post(`/api/tickets/${main.id}/resolve`, { answer: 'Dziurę załatano 24 listopada.' });
    expect(resolved.status).toBe(200);

    const mainMails = await inbox.waitFor(mainEmail, 2);
    expect(mainMails.at(-1)!.text).toContain('Dziurę załatano 24 listopada.');
    const dupMails = await inbox.waitFor(dupEmail, 3);
    const answer = dupMails.at(-1)!;
    expect(answer.subject).toBe(
      `Odpowiedź w sprawie zgłoszenia ${duplicate.number} / Answer to your report ${duplicate.number}`,
    );
    expect(answer.text).toContain(`prowadzone razem ze zgłoszeniem ${main.number}`);
    expect(answer.text).toContain('Odpowiedź (Zarząd Dróg Miasta Krakowa):\nDziurę załatano 24 listopada.');
    expect(answer.text).not.toContain('ekipa B');
    expect(answer.messageId).toBe(`<ticket-${duplicate.id}-ticket_answered@kck>`);

    await sleep(500);
    expect(inbox.to(dupEmail)).toHaveLength(3);
    expect(inbox.to(mainEmail)).toHaveLength(2);
    await expectRowsSoon(duplicate.id, [
      ['ticket_acknowledged', 'sent'],
      ['ticket_answered', 'sent'],
      ['ticket_merged', 'sent'],
    ]);
  });
});

describe('a report split into parts', () => {
  it('sends the reporter the new numbers in one e-mail, and no acknowledgement per part', async () => {
    const email = 'podzial@example.org';
    const original = await report(email, { title: 'Dziura i zniszczona ławka' });
    await inbox.waitFor(email, 1);
    const fresh = await waitForStatus(triage, original.id, 'routed');
    const split = await triage.post<SplitTicketResult>(`/api/tickets/${original.id}/split`, {
      reason: 'Dwie jednostki',
      version: fresh.version,
      parts: [
        { title: 'Dziura w jezdni', description: 'Dziura.', categoryId: original.categoryId },
        {
          title: 'Zniszczona ławka',
          description: 'Ławka.',
          categoryId: original.categoryId,
          unitId: await unitId(backend.ctx.db, 'ZZM'),
        },
      ],
    });
    expect(split.status).toBe(201);
    const numbers = split.body.parts.map((p) => p.number);

    const [, mail] = await inbox.waitFor(email, 2);
    expect(mail!.subject).toBe(
      `Zgłoszenie ${original.number} podzielone na osobne sprawy / Your report ${original.number} was split into separate matters`,
    );
    expect(mail!.text).toContain(`Nowe numery:\n${numbers[0]} — „Dziura w jezdni”\n${numbers[1]} — „Zniszczona ławka”`);

    // The part without a unit is routed by the rules through the worker, as any new ticket.
    await waitForStatus(triage, split.body.parts[0]!.id, 'routed');
    await sleep(800);
    expect(inbox.to(email)).toHaveLength(2);
    for (const part of split.body.parts) expect(await notificationRows(part.id)).toEqual([]);
  });
});

describe('a decision on an idea', () => {
  it("e-mails the reporter the decision and the unit's justification", async () => {
    const email = 'pomysl@example.org';
    const idea = await report(email, {
      type: 'idea',
      title: 'Stojaki rowerowe przy Hali Targowej',
      description: 'Brakuje stojaków.',
    });
    await inbox.waitFor(email, 1);
    const assessed = await waitForStatus(triage, idea.id, 'triage');
    await triage.post(`/api/tickets/${idea.id}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZDMK'),
      version: assessed.version,
    });
    await roads.post(`/api/tickets/${idea.id}/accept`, {});
    const decided = await roads.post<TicketDto>(`/api/tickets/${idea.id}/idea-decision`, {
      decision: 'accepted',
      justification: 'Stojaki staną wiosną 2027 r.',
    });
    expect(decided.status).toBe(200);

    const [, mail] = await inbox.waitFor(email, 2);
    expect(mail!.subject).toBe(`Pomysł ${idea.number} został przyjęty / Your idea ${idea.number} was accepted`);
    expect(mail!.text).toContain('został przyjęty do realizacji');
    expect(mail!.text).toContain('Uzasadnienie (Zarząd Dróg Miasta Krakowa):\nStojaki staną wiosną 2027 r.');
    await expectRowsSoon(idea.id, [
      ['idea_decided', 'sent'],
      ['ticket_acknowledged', 'sent'],
    ]);
  });
});
