// FixMyStreet's Open311 extension GET servicerequestupdates, as FixMyStreet polls it: the public steps of the
// reports it sent (routed to a unit, taken on, the unit's answers, work, resolved; rejected; merged), in XML and
// JSON, within a window of time; never internal notes, staff reasons or staff names, never other channels' tickets;
// bad dates answered in the standard's error list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { IssuedOpen311ClientDto, Open311CreatedDto, Open311RequestUpdateDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { waitForStatus } from '../support/waiting.ts';

// Its own database and queues: a worker routes the reports.
let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let admin: TestClient;
let agent: TestClient;
let roads: TestClient;
let triage: TestClient;
let apiKey: string;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('open311_updates');
  backend = await startTestBackend({ config: environment.env });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [admin, agent, roads, triage] = await signedInAll(backend.url, 'admin', 'agent', 'drogi', 'triage');
  apiKey = (
    await admin.post<IssuedOpen311ClientDto>('/api/open311/clients', {
      name: 'FixMyStreet Kraków',
      contact: 'fms@partner.example',
    })
  ).body.apiKey;
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await environment?.drop();
});

// As FixMyStreet reads it (XML::Simple with ForceArray): these elements are lists even when one arrives.
const xml = new XMLParser({ parseTagValue: false, isArray: (name) => ['request_update', 'error'].includes(name) });

async function get(path: string) {
  const res = await fetch(`${backend.url}/open311/v2/${path}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

async function updatesXml(query: string): Promise<Record<string, string>[]> {
  const res = await get(`servicerequestupdates.xml?${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.type).toMatch(/^text\/xml/);
  expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?><service_request_updates>')).toBe(true);
  const doc = xml.parse(res.text) as { service_request_updates: { request_update?: Record<string, string>[] } | '' };
  return doc.service_request_updates === '' ? [] : (doc.service_request_updates.request_update ?? []);
}

async function updatesJson(query: string): Promise<Open311RequestUpdateDto[]> {
  const res = await get(`servicerequestupdates.json?${query}`);
  expect(res.status, res.text).toBe(200);
  expect(res.type).toMatch(/^application\/json/);
  return JSON.parse(res.text) as Open311RequestUpdateDto[];
}

/** Posted as FixMyStreet posts; answers the service_request_id and the ticket's id. */
async function report(description: string): Promise<{ serviceRequestId: string; number: string; ticketId: string }> {
  const res = await fetch(`${backend.url}/open311/v2/requests.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      jurisdiction_id: 'krakow.pl',
      api_key: apiKey,
      service_code: 'roads.pothole',
      lat: '50.0614',
      long: '19.9372',
      description,
    }),
  });
  expect(res.status).toBe(201);
  const [created] = (await res.json()) as Open311CreatedDto[];
  const number = created!.service_request_id!.replaceAll('-', '/');
  await waitForStatus(roads, created!.token, 'routed');
  return { serviceRequestId: created!.service_request_id!, number, ticketId: created!.token };
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const iso = (at: Date) => at.toISOString();

describe('GET servicerequestupdates', () => {
  const startedAt = new Date(Date.now() - 1_000);
  let fixed: { serviceRequestId: string; number: string; ticketId: string };
  let window: string;
  let staffName: string;

  it("lists a report's public steps oldest first, with the unit's words and no internal ones", async () => {
    fixed = await report('Głęboka dziura na pasie do skrętu w lewo.');
    staffName = (await backend.ctx.db.query(`SELECT display_name FROM app_user WHERE login = 'drogi'`))[0].display_name;
    const path = (step: string) => `/api/tickets/${fixed.ticketId}/${step}`;
    expect((await roads.post(path('accept'), { comment: 'Bierze to brygada Nowaka.' })).status).toBe(200);
    expect(
      (await roads.post(path('comments'), { kind: 'internal', body: 'Wewnętrzna notatka: koszt 2 tys.' })).status,
    ).toBe(201);
    expect((await roads.post(path('comments'), { kind: 'answer', body: 'Ekipa przyjedzie w czwartek.' })).status).toBe(
      201,
    );
    expect((await roads.post(path('start'), {})).status).toBe(200);
    expect((await roads.post(path('resolve'), { answer: 'Ubytek załatano masą na gorąco.' })).status).toBe(200);
    // Another channel's ticket is no business of an Open311 client.
    const phone = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await entryId(backend.ctx.db, 'category', 'roads.pothole'),
      title: 'Dziura zgłoszona telefonicznie',
      description: 'Zgłoszenie z infolinii.',
    });
    expect(phone.status).toBe(201);
    await waitForStatus(roads, phone.body.id, 'routed');

    window = `start_date=${encodeURIComponent(iso(startedAt))}&end_date=${encodeURIComponent(iso(new Date()))}`;
    // FixMyStreet sends its jurisdiction and key along; neither is needed.
    const updates = await updatesXml(`${window}&jurisdiction_id=krakow.pl&api_key=${apiKey}`);
    const unitName = (await backend.ctx.db.query(`SELECT name FROM unit WHERE code = 'ZDMK'`))[0].name as string;
    expect(updates.map((u) => [u.service_request_id, u.status, u.external_status_code, u.description])).toEqual([
      [fixed.serviceRequestId, 'investigating', 'routed', `Zgłoszenie przekazano: ${unitName}.`],
      [fixed.serviceRequestId, 'action_scheduled', 'accepted', 'Jednostka przyjęła zgłoszenie do realizacji.'],
      [fixed.serviceRequestId, 'action_scheduled', 'accepted', 'Ekipa przyjedzie w czwartek.'],
      [fixed.serviceRequestId, 'in_progress', 'in_progress', 'Trwają prace.'],
      [fixed.serviceRequestId, 'fixed', 'resolved', 'Ubytek załatano masą na gorąco.'],
    ]);
    for (const update of updates) {
      expect(update.updated_datetime).toMatch(W3C);
      expect(update.media_url).toBe('');
      expect(update.update_id).toMatch(/^\d+$/);
    }
    expect(new Set(updates.map((u) => u.update_id)).size).toBe(updates.length);
    const all = JSON.stringify(updates);
    for (const internal of ['Wewnętrzna', 'brygada Nowaka', staffName]) expect(all).not.toContain(internal);
  });

  it('says the same in JSON, in English when asked, and needs no key', async () => {
    const updates = await updatesJson(window);
    expect(updates).toHaveLength(5);
    expect(updates[4]).toEqual({
      update_id: expect.stringMatching(/^\d+$/),
      service_request_id: fixed.serviceRequestId,
      status: 'fixed',
      external_status_code: 'resolved',
      updated_datetime: expect.stringMatching(W3C),
      description: 'Ubytek załatano masą na gorąco.',
      media_url: '',
    });
    const english = await updatesJson(`${window}&locale=en`);
    expect(english.map((u) => u.description)).toEqual([
      expect.stringMatching(/^The report was passed to /),
      'The unit has taken the report on.',
      'Ekipa przyjedzie w czwartek.',
      'Work is under way.',
      'Ubytek załatano masą na gorąco.',
    ]);
  });

  it("maps a rejection and a merge to FixMyStreet's own states, with the resident's justification", async () => {
    const privateLand = await report('Dziura na parkingu przy markecie.');
    const rejected = await triage.post(`/api/tickets/${privateLand.ticketId}/reject`, {
      reason: 'Parking należy do sklepu, nie do miasta.',
    });
    expect(rejected.status).toBe(200);
    const original = await report('Zapadnięta studzienka na Dietla.');
    const again = await report('Ta sama studzienka na Dietla.');
    const merged = await triage.post(`/api/tickets/${again.ticketId}/merge`, {
      into: original.number,
      reason: 'To samo miejsce.',
    });
    expect(merged.status).toBe(200);

    const updates = await updatesXml(`start_date=${encodeURIComponent(iso(startedAt))}`);
    const last = (id: string) => updates.filter((u) => u.service_request_id === id).at(-1);
    expect(last(privateLand.serviceRequestId)).toMatchObject({
      status: 'not_councils_responsibility',
      description: 'Parking należy do sklepu, nie do miasta.',
    });
    expect(last(again.serviceRequestId)).toMatchObject({
      status: 'duplicate',
      description: `Połączono ze zgłoszeniem ${original.serviceRequestId} tej samej sprawy.`,
    });
    // The merge's reason is DK-03's own words.
    expect(JSON.stringify(updates)).not.toContain('To samo miejsce.');
  });

  it('keeps to the window: the last day by default, nothing from before start_date or after end_date', async () => {
    const everything = await updatesJson('');
    expect(everything.length).toBeGreaterThanOrEqual(10);
    const before = await updatesJson(`end_date=${encodeURIComponent(iso(new Date(startedAt.getTime() - 60_000)))}`);
    expect(before).toEqual([]);
    const later = await updatesJson(`start_date=${encodeURIComponent(iso(new Date(Date.now() + 60_000)))}`);
    expect(later).toEqual([]);
    expect(await updatesXml(`start_date=${encodeURIComponent(iso(new Date(Date.now() + 60_000)))}`)).toEqual([]);
  });

  it("answers bad dates with 400 in the standard's error list, naming the parameter", async () => {
    const notADate = await get('servicerequestupdates.xml?start_date=wczoraj');
    expect(notADate.status).toBe(400);
    expect(xml.parse(notADate.text)).toMatchObject({
      errors: { error: [{ code: '400', description: 'start_date: start_date must be an ISO 8601 date and time' }] },
    });
    const reversed = await get(
      `servicerequestupdates.json?start_date=2026-11-20T00:00:00Z&end_date=2026-11-19T00:00:00%2B01:00`,
    );
    expect(reversed.status).toBe(400);
    expect(JSON.parse(reversed.text)).toEqual([{ code: 400, description: 'start_date: start_date is after end_date' }]);
    const tooLong = await get(
      `servicerequestupdates.json?start_date=2026-01-01T00:00:00Z&end_date=2026-03-01T00:00:00Z`,
    );
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.text)).toEqual([
      { code: 400, description: 'end_date: start_date and end_date may be at most 31 days apart' },
    ]);
    expect((await get('servicerequestupdates.csv')).status).toBe(404);
  });
});
