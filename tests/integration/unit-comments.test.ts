// Internal comments vs answers to the resident, and the unit's answer templates: who reads what (units only
// kept informed never see internal notes, neither in the history nor live), the answer's e-mail arriving once at
// an in-process SMTP server, and templates filled with the ticket's fields by the one shared function.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  fillAnswerTemplate,
  templateFieldsOf,
  type AnswerTemplateDto,
  type ErrorBody,
  type FilledAnswerTemplateDto,
  type ServerToClientEvents,
  type TicketChangedMessage,
  type TicketCommentDto,
  type TicketDetailDto,
  type TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { createMailTransport } from '../../backend/src/notifications/mail-transport.ts';
import { handleAnswerMailJob } from '../../backend/src/workspace/answer-mail.job.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { socketFor } from '../support/sockets.ts';
import { sleep } from '../support/waiting.ts';

// Its own database and queues, so no other file's worker (without SMTP) takes these e-mails.
let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let agent: TestClient;
let roads: TestClient;
let greenery: TestClient;
let analyst: TestClient;
let admin: TestClient;

const RESIDENT = 'mieszkaniec@example.org';

beforeAll(async () => {
  environment = await createIsolatedEnvironment('comments');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  backend = await startTestBackend({
    config: { ...environment.env, SMTP_URL: `smtp://127.0.0.1:${inbox.port}`, DATABASE_POOL_SIZE: '10' },
  });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [agent, roads, greenery, analyst, admin] = await signedInAll(
    backend.url,
    'agent',
    'drogi',
    'zielen',
    'analityk',
    'admin',
  );
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

/** A ticket routed to ZDMK by the rules, with ZZM kept informed (as a rule with informed units would do). */
async function ticketAtRoads(): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    address: 'ul. Kamienna 4',
    title: 'Zapadnięta studzienka',
    description: 'Studzienka zapadła się na środku pasa.',
    reporter: { name: 'Jan Kowalski', email: RESIDENT },
  });
  expect(created.status).toBe(201);
  for (let i = 0; i < 150; i++) {
    const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${created.body.id}`)).body;
    if (detail?.status === 'routed') {
      await backend.ctx.db.query(`UPDATE ticket SET informed_unit_ids = ARRAY[$2]::uuid[] WHERE id = $1`, [
        detail.id,
        await unitId(backend.ctx.db, 'ZZM'),
      ]);
      return (await roads.get<TicketDetailDto>(`/api/tickets/${detail.id}`)).body;
    }
    await sleep(100);
  }
  throw new Error('the ticket was never routed to ZDMK');
}

/** Every ticket.changed message a socket hears about one ticket. */
function record(socket: Socket<ServerToClientEvents>, ticketId: string): TicketChangedMessage[] {
  const heard: TicketChangedMessage[] = [];
  socket.on('ticket.changed', (m) => {
    if (m.ticket.id === ticketId) heard.push(m);
  });
  return heard;
}

/** Answer e-mails about one ticket that reached the SMTP server, once there are at least `count`. */
async function answersAbout(number: string, count: number) {
  const subject = `Informacja w sprawie zgłoszenia ${number} `;
  const answers = () => inbox.arrivals.filter((m) => m.subject?.startsWith(subject));
  await until(`${count} answer e-mail(s) about ${number}`, () => answers().length >= count, 15_000);
  return answers();
}

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('an internal comment and an answer to the resident', () => {
  it('are both in the history; only the answer is e-mailed, once; informed units never read the internal note', async () => {
    const ticket = await ticketAtRoads();
    const roadsSocket = await socketFor(backend.url, roads);
    const greenerySocket = await socketFor(backend.url, greenery);
    const roadsHeard = record(roadsSocket, ticket.id);
    const greeneryHeard = record(greenerySocket, ticket.id);

    const note = await roads.post<TicketCommentDto>(`/api/tickets/${ticket.id}/comments`, {
      kind: 'internal',
      body: 'Wewnętrznie: ekipa Nowaka, sprzęt z bazy przy Centralnej.',
      version: ticket.version,
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: 'internal', authorId: roads.session!.user.id });
    const answer = await roads.post<TicketCommentDto>(`/api/tickets/${ticket.id}/comments`, {
      kind: 'answer',
      body: 'Studzienka zostanie naprawiona do piątku.',
    });
    expect(answer.status).toBe(201);

    // The answer reaches the resident: the unit's name and words, no internal note, no staff names.
    const [mail] = await answersAbout(ticket.number, 1);
    expect(mail!.to).toMatchObject({ text: RESIDENT });
    expect(mail!.text).toContain('Studzienka zostanie naprawiona do piątku.');
    expect(mail!.text).toContain('Zarząd Dróg');
    expect(mail!.text).not.toContain('Wewnętrznie');
    expect(mail!.text).not.toContain(roads.session!.user.displayName);
    expect(mail!.messageId).toBe(`<answer-${answer.body.id}@kck>`);

    // A re-delivered job sends nothing again.
    const rerun = await handleAnswerMailJob(
      backend.ctx.db,
      createMailTransport(backend.ctx.config),
      createLogger('test', 'silent'),
      { outboxId: '1', event: 'ticket.answered', payload: { ticketId: ticket.id, seq: answer.body.seq } },
    );
    expect(rerun).toBe('already_sent');
    await sleep(300);
    expect(await answersAbout(ticket.number, 1)).toHaveLength(1);

    // The unit's history has both, with their text.
    const own = (await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`)).body;
    expect(own.events.filter((e) => e.kind === 'ticket.commented' || e.kind === 'ticket.answered')).toMatchObject([
      { kind: 'ticket.commented', reason: 'Wewnętrznie: ekipa Nowaka, sprzęt z bazy przy Centralnej.' },
      { kind: 'ticket.answered', reason: 'Studzienka zostanie naprawiona do piątku.' },
    ]);
    expect(own.version).toBe(ticket.version);
    // An informed unit reads the answer but not the note, in the history and in the comments list.
    const informed = (await greenery.get<TicketDetailDto>(`/api/tickets/${ticket.id}`)).body;
    expect(informed.events.find((e) => e.kind === 'ticket.commented')).toMatchObject({ reason: null });
    expect(informed.events.find((e) => e.kind === 'ticket.answered')?.reason).toContain('do piątku');
    const listed = await greenery.get<TicketCommentDto[]>(`/api/tickets/${ticket.id}/comments`);
    expect(listed.body.map((c) => c.kind)).toEqual(['answer']);
    const missed = await greenery.get<{ events: { kind: string; reason: string | null }[] }>(
      `/api/events?after=${note.body.seq - 1}`,
    );
    expect(missed.body.events.find((e) => e.kind === 'ticket.commented')?.reason ?? null).toBeNull();
    // The agent who wrote the ticket is staff: they read both.
    expect((await agent.get<TicketCommentDto[]>(`/api/tickets/${ticket.id}/comments`)).body).toHaveLength(2);

    // Live: the unit hears both; the informed unit hears the answer and nothing of the internal note.
    await until('the unit to hear both', () => roadsHeard.some((m) => m.kind === 'ticket.answered'));
    await until('the informed unit to hear the answer', () => greeneryHeard.some((m) => m.kind === 'ticket.answered'));
    expect(roadsHeard.map((m) => m.kind)).toContain('ticket.commented');
    expect(greeneryHeard.map((m) => m.kind)).not.toContain('ticket.commented');
    roadsSocket.disconnect();
    greenerySocket.disconnect();
  });

  it('refuses a unit only kept informed (404), a role that does not comment (403), bad input (400), a stale view (409)', async () => {
    const ticket = await ticketAtRoads();
    const path = `/api/tickets/${ticket.id}/comments`;
    expect((await greenery.post(path, { kind: 'internal', body: 'Uwaga' })).status).toBe(404);
    expect((await analyst.post(path, { kind: 'internal', body: 'Uwaga' })).status).toBe(403);
    const bad = await roads.post<ErrorBody>(path, { kind: 'public', body: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path).sort()).toEqual(['body', 'kind']);
    await roads.post(`/api/tickets/${ticket.id}/accept`, {});
    const stale = await roads.post<ErrorBody>(path, { kind: 'answer', body: 'Naprawimy.', version: ticket.version });
    expect(stale.status).toBe(409);
    const comments = await roads.get<TicketCommentDto[]>(path);
    expect(comments.body).toEqual([]);
  });
});

describe("a unit's answer templates", () => {
  it('are kept by the unit (and admins), refused to others, and offered on a ticket filled with its fields', async () => {
    const zdmk = await unitId(backend.ctx.db, 'ZDMK');
    const base = `/api/units/${zdmk}/answer-templates`;
    const body =
      'Dzień dobry {{zglaszajacy}}, zgłoszenie {{numer}} („{{tytul}}”, {{adres}}) przyjęła jednostka {{jednostka}}. Termin: {{termin}}.';
    const created = await roads.post<AnswerTemplateDto>(base, { name: 'Przyjęcie', body });
    expect(created.status).toBe(201);

    const duplicate = await roads.post<ErrorBody>(base, { name: 'Przyjęcie', body: 'Inny tekst' });
    expect(duplicate.status).toBe(409);
    const unknown = await roads.post<ErrorBody>(base, { name: 'Zła', body: 'Numer {{number}}' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields).toMatchObject([{ path: 'body', message: expect.stringContaining('{{number}}') }]);
    expect((await greenery.get(base)).status).toBe(403);
    expect((await greenery.post(base, { name: 'Obca', body: 'Tekst' })).status).toBe(403);
    expect(
      (await greenery.request('PUT', `/api/answer-templates/${created.body.id}`, { name: 'Obca', body: 'Tekst' }))
        .status,
    ).toBe(404);
    expect((await agent.get(base)).status).toBe(403);

    const renamed = await admin.request<AnswerTemplateDto>('PUT', `/api/answer-templates/${created.body.id}`, {
      name: 'Przyjęcie zgłoszenia',
      body,
    });
    expect(renamed.body.name).toBe('Przyjęcie zgłoszenia');
    expect((await roads.get<AnswerTemplateDto[]>(base)).body.map((t) => t.name)).toContain('Przyjęcie zgłoszenia');

    const ticket = await ticketAtRoads();
    const offered = await roads.get<FilledAnswerTemplateDto[]>(`/api/tickets/${ticket.id}/answer-templates`);
    const filled = offered.body.find((t) => t.id === created.body.id)!;
    expect(filled.filled).toBe(fillAnswerTemplate(body, templateFieldsOf(ticket)));
    expect(filled.filled).toContain(`zgłoszenie ${ticket.number} („Zapadnięta studzienka”, ul. Kamienna 4)`);
    expect(filled.filled).toContain('Dzień dobry Jan Kowalski');
    expect(filled.filled).not.toContain('{{');
    // Another unit's staff cannot read the ticket, so not its templates either.
    expect((await greenery.get(`/api/tickets/${(await otherUnitTicket()).id}/answer-templates`)).status).toBe(404);

    expect((await roads.request('DELETE', `/api/answer-templates/${created.body.id}`)).status).toBe(204);
    expect((await roads.get<AnswerTemplateDto[]>(base)).body.map((t) => t.id)).not.toContain(created.body.id);
  });
});

/** A ZDMK ticket that ZZM is not kept informed of. */
async function otherUnitTicket(): Promise<TicketDto> {
  const ticket = await ticketAtRoads();
  await backend.ctx.db.query(`UPDATE ticket SET informed_unit_ids = '{}' WHERE id = $1`, [ticket.id]);
  return ticket;
}
