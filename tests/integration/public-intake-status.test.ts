// The status page behind the private link: 404 for anything but the right token, a public timeline without
// internal notes or staff names, the resident's message and photo reaching the unit live, one rating, and "not
// solved" reopening the matter within the configured days (as the lifecycle's actor `resident`), refused after them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import {
  STATUS_TOKEN_HEADER,
  ticketRefOf,
  type ErrorBody,
  type PublicPhotoDto,
  type PublicReportCreatedDto,
  type PublicTicketStatusDto,
  type ResidentFeedbackDto,
  type ServerToClientEvents,
  type TicketAttachmentsDto,
  type TicketDetailDto,
  type TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unroutedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { AppError } from '../../backend/src/platform/errors.ts';
import { reportNotSolved } from '../../backend/src/public-intake/resident-actions.service.ts';
import { ticketOfStatusLink } from '../../backend/src/public-intake/status-links.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { SAMPLE } from '../support/uploads.ts';
import { nextTicketMessage, socketFor } from '../support/sockets.ts';
import { waitForStatus } from '../support/waiting.ts';

const REOPEN_DAYS = 14;

let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let dir: string;
let triage: TestClient;
let roads: TestClient;
let roadsSocket: Socket<ServerToClientEvents> | undefined;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('public_status');
  dir = mkdtempSync(path.join(os.tmpdir(), 'kck-public-status-'));
  backend = await startTestBackend({
    config: {
      ...environment.env,
      ATTACHMENTS_DIR: dir,
      TRUST_PROXY: 'true',
      PUBLIC_REOPEN_DAYS: String(REOPEN_DAYS),
      DATABASE_POOL_SIZE: '10',
    },
  });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [triage, roads] = await signedInAll(backend.url, 'triage', 'drogi');
  roadsSocket = await socketFor(backend.url, roads);
});

afterAll(async () => {
  roadsSocket?.disconnect();
  await worker?.close();
  await backend?.close();
  await environment?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Answer<T> {
  status: number;
  body: T & ErrorBody;
}

let addressCount = 0;
/** Every resident (and every test) speaks from an address of its own: the limits are per address. */
const nextAddress = () => `203.0.113.${++addressCount}`;

async function publicRequest<T>(
  method: string,
  url: string,
  address: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const res = await fetch(backend.url + url, {
    method,
    headers: {
      'X-Forwarded-For': address,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** A resident with their report and its private link. */
interface Resident {
  address: string;
  number: string;
  ticketId: string;
  token: string;
  read(token?: string | null): Promise<Answer<PublicTicketStatusDto>>;
  post<T = PublicTicketStatusDto>(what: string, body: unknown): Promise<Answer<T>>;
}

async function residentWithReport(type: 'problem' | 'idea' = 'problem'): Promise<Resident> {
  const address = nextAddress();
  const created = await publicRequest<PublicReportCreatedDto>('POST', '/api/public/reports', address, {
    submissionId: randomUUID(),
    type,
    categoryId: type === 'idea' ? await unroutedCategory(backend.ctx.db) : await routedCategory(backend.ctx.db, 'ZDMK'),
    description: 'Zapadnięta studzienka na środku jezdni, niebezpieczna dla rowerzystów.',
    address: 'ul. Grodzka 20',
    language: 'pl',
  });
  expect(created.status).toBe(201);
  const [row] = await backend.ctx.db.query(`SELECT id FROM ticket WHERE number = $1`, [created.body.number]);
  const ref = ticketRefOf(created.body.number);
  return {
    address,
    number: created.body.number,
    ticketId: row.id,
    token: created.body.token,
    read: (token = created.body.token) =>
      publicRequest(
        'GET',
        `/api/public/tickets/${ref}`,
        address,
        undefined,
        token ? { [STATUS_TOKEN_HEADER]: token } : {},
      ),
    post: (what, body) =>
      publicRequest('POST', `/api/public/tickets/${ref}/${what}`, address, body, {
        [STATUS_TOKEN_HEADER]: created.body.token,
      }),
  };
}

async function uploadPhoto(resident: Resident, submissionId: string): Promise<PublicPhotoDto> {
  const body = new FormData();
  body.append('file', new Blob([SAMPLE.png], { type: 'image/png' }), 'studzienka.png');
  const res = await fetch(`${backend.url}/api/public/uploads?submissionId=${submissionId}`, {
    method: 'POST',
    headers: { 'X-Forwarded-For': resident.address },
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as PublicPhotoDto;
}

/** The unit takes it and answers: accept, an internal note, an answer to the resident, then resolve. */
async function unitAnswers(resident: Resident, answer = 'Studzienkę naprawimy do piątku.'): Promise<TicketDto> {
  const routed = await waitForStatus(roads, resident.ticketId, 'routed');
  const accepted = await roads.post<TicketDto>(`/api/tickets/${resident.ticketId}/accept`, { version: routed.version });
  expect(accepted.status).toBe(200);
  expect(
    (
      await roads.post(`/api/tickets/${resident.ticketId}/comments`, {
        kind: 'internal',
        body: 'Wewnętrzna notatka: Dorota sprawdzi w piątek, brygada Nowaka.',
      })
    ).status,
  ).toBe(201);
  expect(
    (await roads.post(`/api/tickets/${resident.ticketId}/comments`, { kind: 'answer', body: answer })).status,
  ).toBe(201);
  const resolved = await roads.post<TicketDto>(`/api/tickets/${resident.ticketId}/resolve`, {
    answer: 'Studzienka naprawiona.',
  });
  expect(resolved.status).toBe(200);
  return resolved.body;
}

describe('opening the status page', () => {
  it("answers 404 alike without a token, with a wrong one, with another ticket's, and for a number that does not exist", async () => {
    const [one, other] = [await residentWithReport(), await residentWithReport()];
    const good = await one.read();
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ number: one.number, canMessage: true, canRate: false });
    // The worker may have routed it already.
    expect(['received', 'routed']).toContain(good.body.state);

    const refusals = [
      await one.read(null),
      await one.read('x'.repeat(43)),
      await one.read(other.token),
      await one.read(`${one.token}x`),
      await publicRequest('GET', `/api/public/tickets/KCK-2099-999999`, one.address, undefined, {
        [STATUS_TOKEN_HEADER]: one.token,
      }),
    ];
    for (const refused of refusals) {
      expect(refused.status).toBe(404);
      expect(refused.body.error).toMatchObject({ code: 'not_found', message: 'Report not found' });
    }
    // The token in a query string is not read: it would land in access logs.
    const inQuery = await publicRequest(
      'GET',
      `/api/public/tickets/${ticketRefOf(one.number)}?token=${one.token}`,
      one.address,
    );
    expect(inQuery.status).toBe(404);
  });

  it('keeps a link working until PUBLIC_STATUS_LINK_DAYS after the matter ended, then answers 404', async () => {
    const resident = await residentWithReport();
    await unitAnswers(resident);
    const ended = await ticketOfStatusLink(backend.ctx.db, ticketRefOf(resident.number), resident.token, 1);
    expect(ended.endedAt).toBeInstanceOf(Date);
    // The same link a day and a bit later (a link lifetime of 0 days stands for "past it").
    await expect(ticketOfStatusLink(backend.ctx.db, ticketRefOf(resident.number), resident.token, 0)).rejects.toThrow(
      'Report not found',
    );
  });
});

describe('the public timeline', () => {
  it('shows the unit by name and its answers, never internal notes, staff names or staff reasons', async () => {
    const resident = await residentWithReport();
    const routed = await waitForStatus(triage, resident.ticketId, 'routed');
    // DK-03 passes it on by hand: the history's reason names the clerk.
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${resident.ticketId}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZDMK'),
      version: routed.version,
    });
    expect(rerouted.status).toBe(200);
    await unitAnswers(resident, 'Studzienkę wymienimy w tym tygodniu. Pozdrawiamy, ZDMK.');

    const page = await resident.read();
    expect(page.status).toBe(200);
    expect(page.body.state).toBe('resolved');
    expect(page.body.unitName).toBe('Zarząd Dróg Miasta Krakowa');
    expect(page.body.timeline.map((s) => s.kind)).toEqual([
      'received',
      'routed',
      'routed',
      'accepted',
      'answer',
      'resolved',
    ]);
    expect(page.body.timeline[1]!.unitName).toBe('Zarząd Dróg Miasta Krakowa');
    expect(page.body.timeline[4]!.text).toBe('Studzienkę wymienimy w tym tygodniu. Pozdrawiamy, ZDMK.');
    expect(page.body.timeline[5]!.text).toBe('Studzienka naprawiona.');

    const staff = await triage.get<TicketDetailDto>(`/api/tickets/${resident.ticketId}`);
    expect(staff.body.events.some((e) => e.reason?.includes('Tomasz Triażysta'))).toBe(true);
    const everything = JSON.stringify(page.body);
    for (const secret of ['Wewnętrzna', 'Nowaka', 'Dorota', 'Drogowa', 'Tomasz', 'Triażysta', 'drogi', 'triage'])
      expect(everything).not.toContain(secret);
    for (const event of staff.body.events) if (event.actorId) expect(everything).not.toContain(event.actorId);
  });
});

describe('the resident writing to the unit', () => {
  it('reaches the unit live as a resident message with the photo, once however often it is sent', async () => {
    const resident = await residentWithReport();
    await waitForStatus(roads, resident.ticketId, 'routed');
    const submissionId = randomUUID();
    const photo = await uploadPhoto(resident, submissionId);

    const heardMessage = nextTicketMessage(
      roadsSocket!,
      (m) => m.ticket.id === resident.ticketId && m.kind === 'ticket.resident_message',
    );
    const heardPhoto = nextTicketMessage(
      roadsSocket!,
      (m) => m.ticket.id === resident.ticketId && m.kind === 'ticket.attachment_added',
    );
    const message = { submissionId, text: 'Dziś rano wpadł w nią rowerzysta.', photoIds: [photo.id] };
    const sent = await resident.post('messages', message);
    expect(sent.status).toBe(201);
    expect(sent.body.timeline.slice(-2).map((s) => [s.kind, s.text ?? s.fileName])).toEqual([
      ['your_message', 'Dziś rano wpadł w nią rowerzysta.'],
      ['your_photo', 'studzienka.png'],
    ]);
    await heardMessage;
    await heardPhoto;

    const again = await resident.post('messages', message);
    expect(again.status).toBe(201);
    const reused = await resident.post('messages', { ...message, text: 'Inna treść' });
    expect(reused.status).toBe(409);

    const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${resident.ticketId}`)).body;
    const messages = detail.events.filter((e) => e.kind === 'ticket.resident_message');
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ actorId: null, reason: 'Dziś rano wpadł w nią rowerzysta.' });
    const feedback = (await roads.get<ResidentFeedbackDto>(`/api/tickets/${resident.ticketId}/resident-feedback`)).body;
    expect(feedback.messages.map((m) => m.body)).toEqual(['Dziś rano wpadł w nią rowerzysta.']);
    const files = (await roads.get<TicketAttachmentsDto>(`/api/tickets/${resident.ticketId}/attachments`)).body;
    expect(files.attachments.map((f) => [f.fileName, f.uploadedBy])).toEqual([['studzienka.png', null]]);
  });

  it('refuses an empty message, naming the field', async () => {
    const resident = await residentWithReport();
    const empty = await resident.post('messages', { submissionId: randomUUID(), text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toEqual([{ path: 'text', message: 'write a message or add a photo' }]);
  });
});

describe('after the answer', () => {
  it('takes one rating, only once there is an answer', async () => {
    const resident = await residentWithReport();
    const early = await resident.post('rating', { score: 5 });
    expect(early.status).toBe(409);
    await unitAnswers(resident);
    expect((await resident.read()).body.canRate).toBe(true);
    const heard = nextTicketMessage(
      roadsSocket!,
      (m) => m.ticket.id === resident.ticketId && m.kind === 'ticket.rated',
    );
    const rated = await resident.post('rating', { score: 4, comment: 'Szybko i konkretnie.' });
    expect(rated.status).toBe(201);
    expect(rated.body).toMatchObject({ rating: { score: 4, comment: 'Szybko i konkretnie.' }, canRate: false });
    await heard;
    const twice = await resident.post('rating', { score: 1 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already been rated/);
    const bad = await resident.post('rating', { score: 6 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.[0]?.path).toBe('score');
    const feedback = (await roads.get<ResidentFeedbackDto>(`/api/tickets/${resident.ticketId}/resident-feedback`)).body;
    expect(feedback.rating).toMatchObject({ score: 4, comment: 'Szybko i konkretnie.' });
  });

  it('reopens a resolved matter the resident says is not solved, with no staff actor and their words as the reason', async () => {
    const resident = await residentWithReport();
    const resolved = await unitAnswers(resident);
    const page = await resident.read();
    expect(page.body.canReopen).toBe(true);
    const until = new Date(page.body.reopenUntil!).getTime();
    expect(until - Date.now()).toBeGreaterThan((REOPEN_DAYS - 1) * 86_400_000);

    const heard = nextTicketMessage(
      roadsSocket!,
      (m) => m.ticket.id === resident.ticketId && m.kind === 'ticket.reopened',
    );
    const reopened = await resident.post('not-solved', { reason: 'Studzienka znowu się zapadła po deszczu.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', state: 'reopened', canReopen: false });
    expect(reopened.body.timeline.at(-1)).toMatchObject({
      kind: 'reopened',
      text: 'Studzienka znowu się zapadła po deszczu.',
    });
    expect((await heard).ticket.status).toBe('reopened');
    const detail = (await roads.get<TicketDetailDto>(`/api/tickets/${resident.ticketId}`)).body;
    expect(detail.version).toBe(resolved.version + 1);
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'ticket.reopened',
      actorId: null,
      reason: 'Studzienka znowu się zapadła po deszczu.',
      changes: { status: { from: 'resolved', to: 'reopened' }, author: { from: null, to: 'resident' } },
    });
    // Not twice: it is no longer resolved.
    expect((await resident.post('not-solved', { reason: 'I jeszcze raz to samo.' })).status).toBe(409);
  });

  it(`refuses "not solved" after ${REOPEN_DAYS} days, and for an idea's decision, changing nothing`, async () => {
    const resident = await residentWithReport();
    const resolved = await unitAnswers(resident);
    const link = await ticketOfStatusLink(backend.ctx.db, ticketRefOf(resident.number), resident.token, 365);
    const later = new Date(Date.now() + (REOPEN_DAYS + 1) * 86_400_000);
    const refusal = await reportNotSolved(
      backend.ctx.db,
      link,
      { reason: 'Po dwóch tygodniach znowu to samo.' },
      backend.ctx.config,
      later,
    ).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).status).toBe(409);
    expect((refusal as AppError).message).toMatch(/14 days to say the matter is not solved have passed/);
    const after = (await roads.get<TicketDto>(`/api/tickets/${resident.ticketId}`)).body;
    expect(after).toMatchObject({ status: 'resolved', version: resolved.version });

    const idea = await residentWithReport('idea');
    const notForIdeas = await idea.post('not-solved', { reason: 'Pomysł nie został zrealizowany.' });
    expect(notForIdeas.status).toBe(409);
  });
});
