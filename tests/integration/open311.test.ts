// What an Open311 GeoReport v2 client (FixMyStreet's, say) does against KCK, in JSON and in XML: list the services,
// read a service's questions, POST a report with its answers (form-encoded, with an API key), read it back by id,
// by token and through the filters, and see it closed with the unit's answer once the unit resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type {
  IssuedOpen311ClientDto,
  Open311ClientDto,
  Open311CreatedDto,
  Open311ServiceDefinitionDto,
  Open311ServiceDto,
  Open311ServiceRequestDto,
  TicketDetailDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { sleep, waitForStatus } from '../support/waiting.ts';

// Its own database and queues: a worker routes the reports.
let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let admin: TestClient;
let roads: TestClient;
let triage: TestClient;
let apiKey: string;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('open311');
  backend = await startTestBackend({ config: environment.env });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [admin, roads, triage] = await signedInAll(backend.url, 'admin', 'drogi', 'triage');
  const issued = await admin.post<IssuedOpen311ClientDto>('/api/open311/clients', {
    name: 'FixMyStreet Kraków',
    contact: 'fms@partner.example',
  });
  apiKey = issued.body.apiKey;
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await environment?.drop();
});

// XML::Simple-like reading: these elements are lists even when one arrives.
const xml = new XMLParser({
  parseTagValue: false,
  isArray: (name) => ['service', 'request', 'attribute', 'value', 'error'].includes(name),
});

async function get(path: string) {
  const res = await fetch(`${backend.url}/open311/v2/${path}`);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text };
}
const getJson = async <T>(path: string) => {
  const res = await get(path);
  expect(res.type, path).toMatch(/^application\/json/);
  return { status: res.status, body: JSON.parse(res.text) as T };
};
/** The parts of the XML documents the client reads; text arrives as strings. */
type XmlRecord = Record<string, string>;
interface XmlDocument {
  services: { service: XmlRecord[] };
  service_definition: {
    service_code: string;
    attributes: { attribute: (XmlRecord & { values: { value: { key: string; name: string }[] } })[] };
  };
  service_requests: { request: XmlRecord[] };
}

const getXml = async (path: string) => {
  const res = await get(path);
  expect(res.type, path).toMatch(/^text\/xml/);
  expect(res.text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return { status: res.status, body: xml.parse(res.text) as XmlDocument };
};

/** As FixMyStreet's client posts: form-encoded, jurisdiction_id and api_key among the fields. */
async function post(format: 'json' | 'xml', fields: [string, string][]) {
  const res = await fetch(`${backend.url}/open311/v2/requests.${format}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([['jurisdiction_id', 'krakow.pl'], ['api_key', apiKey], ...fields]),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const UUID = /^[0-9a-f-]{36}$/;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(150);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const unitName = async (code: string) =>
  ((await backend.ctx.db.query(`SELECT name FROM unit WHERE code = $1`, [code])) as { name: string }[])[0]!.name;

describe('Open311 clients', () => {
  it('get a key shown once; the list keeps only its last characters, and only admins see it', async () => {
    const issued = await admin.post<IssuedOpen311ClientDto>('/api/open311/clients', {
      name: 'Aplikacja dzielnicy',
      contact: 'it@dzielnica.example',
    });
    expect(issued.status).toBe(201);
    expect(issued.body.apiKey).toMatch(/^kck311_/);
    const listed = await admin.get<Open311ClientDto[]>('/api/open311/clients');
    const row = listed.body.find((client) => client.id === issued.body.id)!;
    expect(row).toMatchObject({
      keyHint: `…${issued.body.apiKey.slice(-4)}`,
      revokedAt: null,
      createdByName: expect.any(String),
    });
    expect(JSON.stringify(listed.body)).not.toContain(issued.body.apiKey);
    const stored = await backend.ctx.db.query(`SELECT key_hash FROM open311_client WHERE id = $1`, [issued.body.id]);
    expect(stored[0].key_hash).not.toContain(issued.body.apiKey);
    expect((await triage.get('/api/open311/clients')).status).toBe(403);
    expect((await roads.post('/api/open311/clients', { name: 'x y z', contact: 'x y z' })).status).toBe(403);
  });
});

describe('an Open311 client round trip in JSON', () => {
  it('lists the services, reads a definition, posts a report and follows it until the unit answers', async () => {
    const services = await getJson<Open311ServiceDto[]>('services.json');
    expect(services.status).toBe(200);
    const lighting = services.body.find((s) => s.service_code === 'roads.lighting');
    expect(lighting).toEqual({
      service_code: 'roads.lighting',
      service_name: 'Oświetlenie uliczne',
      description: 'Drogi i chodniki › Oświetlenie uliczne',
      metadata: true,
      type: 'realtime',
      keywords: '',
      group: 'Drogi i chodniki',
    });
    expect(services.body.find((s) => s.service_code === 'roads.pothole')?.metadata).toBe(false);
    // Groups are not services: a report is always filed under a leaf.
    expect(services.body.some((s) => s.service_code === 'roads')).toBe(false);
    const english = await getJson<Open311ServiceDto[]>('services.json?locale=en');
    expect(english.body.find((s) => s.service_code === 'roads.lighting')).toMatchObject({
      service_name: 'Street lighting',
      group: 'Roads and pavements',
    });

    const definition = await getJson<Open311ServiceDefinitionDto>('services/roads.lighting.json');
    expect(definition.body.service_code).toBe('roads.lighting');
    expect(definition.body.attributes[0]).toEqual({
      variable: true,
      code: 'lamp_post_number',
      datatype: 'string',
      required: false,
      datatype_description: 'Numer z tabliczki na słupie, np. 12/345; jeśli nie widać, zostaw puste.',
      order: 1,
      description: 'Numer słupa oświetleniowego',
      values: [],
    });
    expect(definition.body.attributes[1]).toMatchObject({
      code: 'lighting_fault',
      datatype: 'singlevaluelist',
      order: 2,
    });
    expect(definition.body.attributes[1]!.values).toContainEqual({
      key: 'several_out',
      name: 'Nie świeci kilka latarni',
    });

    const posted = await post('json', [
      ['service_code', 'roads.lighting'],
      ['lat', '50.0614'],
      ['long', '19.9372'],
      ['address_string', 'ul. Kamienna 8'],
      ['email', 'jan.kowalski@poczta.example'],
      ['first_name', 'Jan'],
      ['last_name', 'Kowalski'],
      ['phone', '+48 600 100 200'],
      ['account_id', 'fms-user-7'],
      ['description', 'Nie świecą latarnie przy bloku\n\nOd tygodnia ciemno na całym odcinku.'],
      ['media_url', 'https://fms.example/photo/1.jpeg'],
      ['attribute[lamp_post_number]', '12/345'],
      ['attribute[lighting_fault]', 'several_out'],
      // FixMyStreet's own extra: not a question of ours, kept for staff to read.
      ['attribute[report_url]', 'https://fms.example/report/77'],
    ]);
    expect(posted.status, posted.text).toBe(201);
    const [created] = JSON.parse(posted.text) as Open311CreatedDto[];
    expect(created!.service_request_id).toMatch(/^KCK-\d{4}-\d{6}$/);
    expect(created!.token).toMatch(UUID);
    expect(created!.account_id).toBe('fms-user-7');
    const number = created!.service_request_id!.replaceAll('-', '/');
    expect(created!.service_notice).toContain(number);

    // A ticket like any other, from the channel open311, reporter and answers kept.
    const ticket = (await admin.get<TicketDetailDto>(`/api/tickets/${created!.token}`)).body;
    expect(ticket).toMatchObject({
      number,
      channel: 'open311',
      title: 'Nie świecą latarnie przy bloku',
      address: 'ul. Kamienna 8',
      location: { latitude: 50.0614, longitude: 19.9372 },
      attributes: { lamp_post_number: '12/345', lighting_fault: 'several_out' },
      reporter: { name: 'Jan Kowalski', phone: '+48 600 100 200', email: 'jan.kowalski@poczta.example' },
    });
    expect(ticket.description).toContain('report_url: https://fms.example/report/77');
    expect(ticket.description).toContain('https://fms.example/photo/1.jpeg');
    // RODO: a report with a contact keeps the consent text version in force (the web form's, which clients show).
    const [consent] = await backend.ctx.db.query(
      `SELECT o.consent_version = (SELECT version FROM public_consent_text ORDER BY published_at DESC, version DESC
                                    LIMIT 1) AS current, o.consented_at IS NOT NULL AS at
         FROM open311_request o WHERE o.ticket_id = $1`,
      [created!.token],
    );
    expect(consent).toEqual({ current: true, at: true });

    const token = await getJson<{ service_request_id: string; token: string }[]>(`tokens/${created!.token}.json`);
    expect(token.body).toEqual([{ service_request_id: created!.service_request_id, token: created!.token }]);

    // Routed by the rules like any ticket: the unit shows as the agency responsible.
    const zdmk = await unitName('ZDMK');
    const routed = await until('the report routed to ZDMK', async () => {
      const read = await getJson<Open311ServiceRequestDto[]>(`requests/${created!.service_request_id}.json`);
      return read.body[0]?.agency_responsible === zdmk ? read.body[0] : undefined;
    });
    expect(routed).toMatchObject({
      service_request_id: created!.service_request_id,
      status: 'open',
      status_notes: null,
      service_code: 'roads.lighting',
      service_name: 'Oświetlenie uliczne',
      address: 'ul. Kamienna 8',
      address_id: null,
      lat: 50.0614,
      long: 19.9372,
      media_url: 'https://fms.example/photo/1.jpeg',
    });
    expect(routed.requested_datetime).toMatch(W3C);
    expect(routed.updated_datetime).toMatch(W3C);
    expect(routed.expected_datetime).toMatch(W3C);
    expect(Date.parse(routed.expected_datetime!)).toBe(Date.parse(ticket.dueAt!.replace(/\.\d{3}Z$/, 'Z')));
    // The number itself, URL-encoded, reads the same request.
    const byNumber = await getJson<Open311ServiceRequestDto[]>(`requests/${encodeURIComponent(number)}.json`);
    expect(byNumber.body[0]?.service_request_id).toBe(created!.service_request_id);

    // A second report, to see the filters pick.
    const other = await post('json', [
      ['service_code', 'roads.pothole'],
      ['address_string', 'al. Mickiewicza 3'],
      ['description', 'Wyrwa na prawym pasie'],
    ]);
    expect(other.status, other.text).toBe(201);
    const otherId = (JSON.parse(other.text) as Open311CreatedDto[])[0]!.service_request_id!;
    const ids = (list: Open311ServiceRequestDto[]) => list.map((r) => r.service_request_id).sort();
    const both = await getJson<Open311ServiceRequestDto[]>(
      `requests.json?service_request_id=${created!.service_request_id},${otherId}`,
    );
    expect(ids(both.body)).toEqual([created!.service_request_id, otherId].sort());
    const lightingOnly = await getJson<Open311ServiceRequestDto[]>('requests.json?service_code=roads.lighting');
    expect(ids(lightingOnly.body)).toEqual([created!.service_request_id]);
    const now = Date.now();
    const window = (from: number, to: number) =>
      `start_date=${new Date(from).toISOString()}&end_date=${new Date(to).toISOString()}`;
    expect(
      ids((await getJson<Open311ServiceRequestDto[]>(`requests.json?${window(now - 3_600_000, now + 60_000)}`)).body),
    ).toEqual([created!.service_request_id, otherId].sort());
    expect(
      (await getJson<Open311ServiceRequestDto[]>(`requests.json?${window(now - 86_400_000, now - 3_600_000)}`)).body,
    ).toEqual([]);
    expect((await getJson<Open311ServiceRequestDto[]>('requests.json?status=closed')).body).toEqual([]);

    // The unit works on it: an internal note never shows, its answer to the resident does.
    await waitForStatus(roads, ticket.id, 'routed');
    expect(
      (await roads.post(`/api/tickets/${ticket.id}/comments`, { kind: 'internal', body: 'Ekipa Nowak, wóz 3' })).status,
    ).toBe(201);
    expect((await roads.post(`/api/tickets/${ticket.id}/accept`, {})).status).toBe(200);
    const answerSoFar = 'Zleciliśmy sprawdzenie zasilania odcinka.';
    expect((await roads.post(`/api/tickets/${ticket.id}/comments`, { kind: 'answer', body: answerSoFar })).status).toBe(
      201,
    );
    const working = (await getJson<Open311ServiceRequestDto[]>(`requests/${created!.service_request_id}.json`))
      .body[0]!;
    expect(working).toMatchObject({ status: 'open', status_notes: answerSoFar });

    const answer = 'Wymieniliśmy uszkodzony kabel zasilający; latarnie świecą od 20 listopada.';
    const resolved = await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer });
    expect(resolved.status).toBe(200);
    const closed = (await getJson<Open311ServiceRequestDto[]>(`requests/${created!.service_request_id}.json`)).body[0]!;
    expect(closed).toMatchObject({ status: 'closed', status_notes: answer, agency_responsible: zdmk });
    expect(JSON.stringify(closed)).not.toContain('Ekipa Nowak');
    expect(Date.parse(closed.updated_datetime)).toBeGreaterThanOrEqual(Date.parse(routed.updated_datetime));
    expect(ids((await getJson<Open311ServiceRequestDto[]>('requests.json?status=closed')).body)).toEqual([
      created!.service_request_id,
    ]);
    expect(ids((await getJson<Open311ServiceRequestDto[]>('requests.json?status=open')).body)).toEqual([otherId]);
  });
});

describe('an Open311 client round trip in XML', () => {
  it('reads services and a definition, posts a list answer as attribute[code][], and sees the closure', async () => {
    const services = await getXml('services.xml');
    expect(services.status).toBe(200);
    const dumping = services.body.services.service.find((s) => s.service_code === 'cleanliness.dumping');
    expect(dumping).toMatchObject({ metadata: 'true', group: 'Czystość i odpady', type: 'realtime' });

    const definition = await getXml('services/cleanliness.dumping.xml');
    const attributes = definition.body.service_definition.attributes.attribute;
    expect(definition.body.service_definition.service_code).toBe('cleanliness.dumping');
    expect(attributes.map((a) => [a.code, a.datatype, a.required, a.order])).toEqual([
      ['estimated_volume', 'singlevaluelist', 'true', '1'],
      ['waste_types', 'multivaluelist', 'false', '2'],
    ]);
    expect(attributes[1]!.values.value).toContainEqual({ key: 'tyres', name: 'Opony' });

    const posted = await post('xml', [
      ['service_code', 'cleanliness.dumping'],
      ['lat', '50.0540'],
      ['long', '19.9350'],
      ['description', 'Sterta opon i mebli w krzakach przy Wiśle & ścieżce'],
      ['attribute[estimated_volume]', 'car_load'],
      ['attribute[waste_types][]', 'bulky'],
      ['attribute[waste_types][]', 'tyres'],
    ]);
    expect(posted.status, posted.text).toBe(201);
    expect(posted.type).toMatch(/^text\/xml/);
    const created = (xml.parse(posted.text) as XmlDocument).service_requests.request[0]!;
    expect(created.service_request_id).toMatch(/^KCK-\d{4}-\d{6}$/);
    const ticket = (await admin.get<TicketDetailDto>(`/api/tickets/${created.token}`)).body;
    expect(ticket.attributes).toEqual({ estimated_volume: 'car_load', waste_types: ['bulky', 'tyres'] });

    const token = (await getXml(`tokens/${created.token}.xml`)).body.service_requests.request[0];
    expect(token).toEqual({ service_request_id: created.service_request_id, token: created.token });
    const read = (await getXml(`requests/${created.service_request_id}.xml`)).body.service_requests.request[0];
    expect(read).toMatchObject({
      service_request_id: created.service_request_id,
      status: 'open',
      service_code: 'cleanliness.dumping',
      description: 'Sterta opon i mebli w krzakach przy Wiśle & ścieżce',
      lat: '50.054',
      long: '19.935',
    });
    expect(read!.requested_datetime).toMatch(W3C);

    // Routed to MPO by its rule; DK-03 hands it to ZDMK here, whose demo account then resolves it.
    await waitForStatus(triage, ticket.id, 'routed');
    const zdmkId = await unitId(backend.ctx.db, 'ZDMK');
    expect((await triage.post(`/api/tickets/${ticket.id}/route`, { unitId: zdmkId })).status).toBe(200);
    expect((await roads.post(`/api/tickets/${ticket.id}/accept`, {})).status).toBe(200);
    const answer = 'Odpady uprzątnięte 21 listopada.';
    expect((await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer })).status).toBe(200);
    const closed = (await getXml(`requests.xml?service_request_id=${created.service_request_id}`)).body.service_requests
      .request[0];
    expect(closed).toMatchObject({ status: 'closed', status_notes: answer });
  });
});
