// Duplicates at intake through the real API: staff see open tickets of the same category near the place and in
// similar words (not other categories, not far, not other words, not closed ones); the residents' form sees the
// same with public fields only; "add my voice" files the resident's report under the chosen one in one transaction,
// and its reporter gets the main ticket's answer by e-mail (real worker and SMTP); refusals write nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  STATUS_TOKEN_HEADER,
  ticketRefOf,
  type ErrorBody,
  type PublicFormDto,
  type PublicSimilarReportDto,
  type PublicTicketStatusDto,
  type PublicVoiceCreatedDto,
  type SimilarTicketDto,
  type TicketDetailDto,
  type TicketDto,
  type TicketLocation,
  type TicketReportersDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { SmtpInbox } from '../support/smtp-inbox.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { waitForStatus } from '../support/waiting.ts';

const READS_PER_MINUTE = 30;

let environment: IsolatedEnvironment;
let inbox: SmtpInbox;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let form: PublicFormDto;
let roadsCategory: string;
let greeneryCategory: string;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('duplicates');
  inbox = new SmtpInbox(await freePort());
  await inbox.start();
  backend = await startTestBackend({
    config: {
      ...environment.env,
      SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      // Each resident speaks from an address of their own (X-Forwarded-For).
      TRUST_PROXY: 'true',
      PUBLIC_READS_PER_MINUTE: String(READS_PER_MINUTE),
      DUPLICATE_RADIUS_M: '150',
      DUPLICATE_MIN_SIMILARITY: '0.3',
      DATABASE_POOL_SIZE: '10',
    },
  });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-duplicates', 'silent'));
  [agent, triage, roads] = await signedInAll(backend.url, 'agent', 'triage', 'drogi');
  roadsCategory = await routedCategory(backend.ctx.db, 'ZDMK');
  greeneryCategory = await routedCategory(backend.ctx.db, 'ZZM');
  form = (await publicGet<PublicFormDto>('/api/public/form', '203.0.113.1')).body;
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await inbox?.stop();
  await environment?.drop();
});

interface Answer<T> {
  status: number;
  body: T & ErrorBody;
}

/** A resident's browser: no session cookie, its own address. */
async function publicRequest<T>(
  method: string,
  url: string,
  address: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T> & { text: string }> {
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
  return { status: res.status, body: text ? JSON.parse(text) : undefined, text };
}
const publicGet = <T>(url: string, address: string, headers?: Record<string, string>) =>
  publicRequest<T>('GET', url, address, undefined, headers);

/** A point `north` metres north and `east` metres east of `from`. */
const offset = (from: TicketLocation, north: number, east = 0): TicketLocation => ({
  latitude: from.latitude + north / 111_195,
  longitude: from.longitude + east / (111_195 * Math.cos((from.latitude * Math.PI) / 180)),
});

/** Each test works at its own place in Kraków, so what the others write is never near it. */
let places = 0;
const newPlace = (): TicketLocation => offset({ latitude: 50.0, longitude: 19.85 }, 0, 1000 * ++places);

async function staffTicket(overrides: Record<string, unknown>): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: roadsCategory,
    title: 'Głęboka dziura w jezdni',
    description: 'Głęboka dziura w jezdni przy przejściu dla pieszych, samochody ją omijają.',
    ...overrides,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

const query = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(params).flatMap(([key, value]): [string, string][] =>
      value === undefined ? [] : [[key, String(value)]],
    ),
  ).toString();

async function similar(params: Record<string, string | number | undefined>): Promise<SimilarTicketDto[]> {
  const answer = await triage.get<SimilarTicketDto[]>(`/api/tickets/similar?${query(params)}`);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body;
}

const atPoint = (point: TicketLocation) => ({ latitude: point.latitude, longitude: point.longitude });
const count = async (table: string): Promise<number> =>
  Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

function voiceBody(overrides: Record<string, unknown> = {}) {
  return {
    submissionId: randomUUID(),
    type: 'problem',
    categoryId: roadsCategory,
    description: 'Ta sama dziura, dziś wpadł w nią rowerzysta.',
    language: 'pl',
    ...overrides,
  };
}

describe('similar open tickets for staff', () => {
  it('finds an open ticket of the same category nearby in similar words, with its reporters', async () => {
    const place = newPlace();
    const main = await staffTicket({ location: place, address: 'ul. Długa 5' });
    await staffTicket({ location: offset(place, 40), categoryId: greeneryCategory, title: 'Dziura w trawniku' });
    await staffTicket({ location: offset(place, 600), title: 'Głęboka dziura w jezdni dalej' });
    await staffTicket({
      location: offset(place, 30),
      title: 'Przewrócony znak drogowy',
      description: 'Znak stopu leży na chodniku.',
    });

    const found = await similar({
      categoryId: roadsCategory,
      ...atPoint(offset(place, 50, 20)),
      text: 'Dziura w jezdni przy przejściu',
    });
    expect(found.map((t) => t.number)).toEqual([main.number]);
    expect(found[0]).toMatchObject({
      id: main.id,
      title: 'Głęboka dziura w jezdni',
      matchedBy: 'distance',
      distanceM: expect.closeTo(54, -1),
      similarity: expect.any(Number),
      reporters: 1,
    });
    expect(found[0]!.similarity).toBeGreaterThanOrEqual(0.3);

    // Without words, the place and the category alone: the sign nearby is offered too.
    const byPlace = await similar({ categoryId: roadsCategory, ...atPoint(place) });
    expect(byPlace.map((t) => t.title).sort()).toEqual(['Głęboka dziura w jezdni', 'Przewrócony znak drogowy']);
    // The ticket being triaged is not its own duplicate.
    expect(
      (await similar({ categoryId: roadsCategory, ...atPoint(place), excludeId: main.id })).map((t) => t.id),
    ).not.toContain(main.id);
  });

  it('matches tickets without a pin by their street, and not a closed ticket', async () => {
    const street = await staffTicket({ address: 'ul. Mogilska 40', title: 'Dziura w jezdni na Mogilskiej' });
    const closed = await staffTicket({ address: 'ul. Mogilska 42', title: 'Dziura w jezdni Mogilska' });
    expect(
      (await triage.post(`/api/tickets/${closed.id}/reject`, { reason: 'Zgłoszenie testowe, nie sprawa miasta' }))
        .status,
    ).toBe(200);

    const found = await similar({ categoryId: roadsCategory, address: 'Mogilska 1', text: 'dziura w jezdni' });
    expect(found.map((t) => t.number)).toEqual([street.number]);
    expect(found[0]!.matchedBy).toBe('street');
  });

  it('is refused to a unit and names a bad field', async () => {
    expect((await roads.get(`/api/tickets/similar?${query({ categoryId: roadsCategory })}`)).status).toBe(403);
    const bad = await triage.get<ErrorBody>(
      `/api/tickets/similar?${query({ categoryId: roadsCategory, latitude: 50 })}`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { path: 'query.longitude', message: 'latitude and longitude come together' },
    ]);
  });
});

describe('similar reports on the residents form', () => {
  it('shows the category, street, state and age, never the reporter or their words', async () => {
    const place = newPlace();
    const secret = {
      name: 'Zofia Tajemnicza',
      phone: '+48 600 111 222',
      email: 'zofia.tajemnicza@example.org',
    };
    const main = await staffTicket({
      location: place,
      address: 'ul. Karmelicka 17 m. 4',
      title: 'Dziura w jezdni przed domem Zofii',
      description: 'Dziura w jezdni pod oknem mieszkania nr 4, dzwonić po 18 pod numer prywatny.',
      reporter: secret,
    });
    await waitForStatus(triage, main.id, 'routed');
    const answer = await publicGet<PublicSimilarReportDto[]>(
      `/api/public/similar-reports?${query({ categoryId: roadsCategory, ...atPoint(offset(place, 33)), text: 'dziura w jezdni' })}`,
      '203.0.113.10',
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      {
        number: main.number,
        categoryLabelPl: expect.any(String),
        categoryLabelEn: expect.any(String),
        street: 'ul. Karmelicka',
        districtLabel: null,
        state: 'routed',
        unitName: 'Zarząd Dróg Miasta Krakowa',
        distanceM: 30,
        reporters: 1,
        createdAt: main.createdAt,
      },
    ]);
    for (const leak of [secret.name, secret.phone, secret.email, 'Zofii', 'mieszkania nr 4', ' 17', main.id]) {
      expect(answer.text).not.toContain(leak);
    }
  });

  it('refuses a pin outside Kraków', async () => {
    const answer = await publicGet<ErrorBody>(
      `/api/public/similar-reports?${query({ categoryId: roadsCategory, latitude: 52.23, longitude: 21.01 })}`,
      '203.0.113.11',
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields).toEqual([{ path: 'query.latitude', message: 'the pin must be within Kraków' }]);
  });

  it('is limited per client address like the other public reads', async () => {
    const url = `/api/public/similar-reports?${query({ categoryId: roadsCategory, address: 'ul. Długa' })}`;
    const statuses: number[] = [];
    for (let i = 0; i <= READS_PER_MINUTE; i++) statuses.push((await publicGet(url, '203.0.113.12')).status);
    expect(statuses.slice(0, READS_PER_MINUTE).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    // Another resident is not affected.
    expect((await publicGet(url, '203.0.113.13')).status).toBe(200);
  });
});

describe('add my voice', () => {
  it('files the report as a duplicate with its own number and link, and the reporter gets the main answer', async () => {
    const place = newPlace();
    const main = await staffTicket({ location: place, address: 'ul. Starowiślna 10' });
    await waitForStatus(triage, main.id, 'routed');
    const email = 'glos@example.org';
    const address = '203.0.113.20';

    const voice = await publicRequest<PublicVoiceCreatedDto>(
      'POST',
      `/api/public/tickets/${ticketRefOf(main.number)}/voices`,
      address,
      voiceBody({ location: offset(place, 20), email, consentVersion: form.consent.version }),
    );
    expect(voice.status, voice.text).toBe(201);
    expect(voice.body).toMatchObject({ mainNumber: main.number, reporters: 2 });
    expect(voice.body.number).not.toBe(main.number);
    expect(voice.body.statusUrl).toContain(`/zgloszenie/${ticketRefOf(voice.body.number)}?token=`);

    const [row] = await backend.ctx.db.query(
      `SELECT t.id, t.status, t.channel, t.reporter_email, m.number AS main_number FROM ticket t
         JOIN ticket m ON m.id = t.duplicate_of_id WHERE t.number = $1`,
      [voice.body.number],
    );
    expect(row).toMatchObject({
      status: 'duplicate',
      channel: 'web_form',
      reporter_email: email,
      main_number: main.number,
    });
    const history = async (id: string) =>
      ((await triage.get<TicketDetailDto>(`/api/tickets/${id}`)).body.events ?? []).map((e) => [e.kind, e.changes]);
    expect(await history(row.id)).toEqual([
      ['ticket.created', expect.objectContaining({ status: { from: null, to: 'new' } })],
      [
        'ticket.merged',
        expect.objectContaining({
          status: { from: 'new', to: 'duplicate' },
          duplicateOf: { from: null, to: main.number },
        }),
      ],
    ]);
    expect(await history(main.id)).toContainEqual([
      'ticket.linked',
      expect.objectContaining({ duplicates: { from: null, to: voice.body.number } }),
    ]);
    // Never routed: the main ticket carries the work.
    expect((await triage.get<TicketDetailDto>(`/api/tickets/${row.id}`)).body.unitId).toBeNull();

    // Both numbers say how many residents reported the matter.
    expect((await roads.get<TicketReportersDto>(`/api/tickets/${main.id}/reporters`)).body).toEqual({ reporters: 2 });
    const mine = await publicGet<PublicTicketStatusDto>(
      `/api/public/tickets/${ticketRefOf(voice.body.number)}`,
      address,
      {
        [STATUS_TOKEN_HEADER]: voice.body.token,
      },
    );
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      state: 'merged',
      reporters: 2,
      handledUnder: { number: main.number, state: 'routed', unitName: 'Zarząd Dróg Miasta Krakowa' },
    });
    expect(mine.body.timeline.map((e) => [e.kind, e.numbers])).toEqual([
      ['received', []],
      ['merged', [main.number]],
    ]);
    expect((await similar({ categoryId: roadsCategory, ...atPoint(place) }))[0]).toMatchObject({
      number: main.number,
      reporters: 2,
    });

    // The acknowledgement with the link, the merge, then the unit's answer to the main ticket.
    await inbox.waitFor(email, 2);
    await roads.post(`/api/tickets/${main.id}/accept`, {});
    expect((await roads.post(`/api/tickets/${main.id}/resolve`, { answer: 'Dziurę załatano 3 grudnia.' })).status).toBe(
      200,
    );
    const mails = await inbox.waitFor(email, 3);
    expect(mails.map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Przyjęliśmy zgłoszenie ${voice.body.number}`),
        expect.stringContaining(`połączone ze zgłoszeniem ${main.number}`),
        `Odpowiedź w sprawie zgłoszenia ${voice.body.number} / Answer to your report ${voice.body.number}`,
      ]),
    );
    expect(mails.at(-1)!.text).toContain('Dziurę załatano 3 grudnia.');
  });

  it('follows a report merged meanwhile to its main report', async () => {
    const place = newPlace();
    const main = await staffTicket({ location: place });
    const merged = await staffTicket({ location: offset(place, 10) });
    await waitForStatus(triage, merged.id, 'routed');
    expect(
      (await triage.post(`/api/tickets/${merged.id}/merge`, { into: main.number, reason: 'Ta sama dziura' })).status,
    ).toBe(200);
    const voice = await publicRequest<PublicVoiceCreatedDto>(
      'POST',
      `/api/public/tickets/${ticketRefOf(merged.number)}/voices`,
      '203.0.113.21',
      voiceBody({ description: '' }),
    );
    expect(voice.status, voice.text).toBe(201);
    expect(voice.body).toMatchObject({ mainNumber: main.number, reporters: 3 });
    const [row] = await backend.ctx.db.query(`SELECT description, title FROM ticket WHERE number = $1`, [
      voice.body.number,
    ]);
    expect(row.description).toBe(`Mieszkaniec zgłasza to samo co ${merged.number}.`);
  });

  it('answers a resent voice with the same number and refuses the id for a plain report', async () => {
    const main = await staffTicket({ location: newPlace() });
    const body = voiceBody();
    const url = `/api/public/tickets/${ticketRefOf(main.number)}/voices`;
    const first = await publicRequest<PublicVoiceCreatedDto>('POST', url, '203.0.113.22', body);
    const again = await publicRequest<PublicVoiceCreatedDto>('POST', url, '203.0.113.22', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.number).toBe(first.body.number);
    expect(again.body.reporters).toBe(2);
    const plain = await publicRequest('POST', '/api/public/reports', '203.0.113.22', body);
    expect(plain.status).toBe(409);
  });

  describe('when the report cannot take a voice', () => {
    it('answers 409 for a closed one and 404 for an unknown one, and writes nothing', async () => {
      const closed = await staffTicket({ location: newPlace() });
      const otherCategory = await staffTicket({ location: newPlace(), categoryId: greeneryCategory });
      // Routing done before counting: nothing but the refused requests could write meanwhile.
      await waitForStatus(triage, otherCategory.id, 'routed');
      await waitForStatus(triage, closed.id, 'routed');
      expect((await triage.post(`/api/tickets/${closed.id}/reject`, { reason: 'Nie sprawa miasta' })).status).toBe(200);
      const before = await Promise.all(['ticket', 'public_submission', 'ticket_event', 'outbox'].map(count));

      const refused = await publicRequest<ErrorBody>(
        'POST',
        `/api/public/tickets/${ticketRefOf(closed.number)}/voices`,
        '203.0.113.23',
        voiceBody(),
      );
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/no longer open/);
      const unknown = await publicRequest<ErrorBody>(
        'POST',
        `/api/public/tickets/KCK-2020-999999/voices`,
        '203.0.113.23',
        voiceBody(),
      );
      expect(unknown.status).toBe(404);
      const wrong = await publicRequest<ErrorBody>(
        'POST',
        `/api/public/tickets/${ticketRefOf(otherCategory.number)}/voices`,
        '203.0.113.23',
        voiceBody(),
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields?.[0]?.path).toBe('categoryId');

      expect(await Promise.all(['ticket', 'public_submission', 'ticket_event', 'outbox'].map(count))).toEqual(before);
    });
  });

  it('answers a filled honeypot as a success and writes nothing', async () => {
    const main = await staffTicket({ location: newPlace() });
    const before = await count('ticket');
    const bot = await publicRequest<PublicVoiceCreatedDto>(
      'POST',
      `/api/public/tickets/${ticketRefOf(main.number)}/voices`,
      '203.0.113.24',
      voiceBody({ website: 'http://spam.example' }),
    );
    expect(bot.status).toBe(201);
    expect(await count('ticket')).toBe(before);
  });
});
