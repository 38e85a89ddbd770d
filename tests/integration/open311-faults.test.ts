// Every way an Open311 request goes wrong answers in the standard's error list (`[{code, description}]` or
// `<errors><error>…`) with the right status, and writes nothing: an unknown service_code, a missing, wrong or
// revoked key, bad coordinates, a missing or unoffered answer, a path or format we do not serve, and a client
// over its limit (429, counted in Redis per key and per address).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser } from 'fast-xml-parser';
import type { IssuedOpen311ClientDto, Open311ClientDto, Open311ErrorDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let environment: IsolatedEnvironment;
let backend: TestBackend;
let admin: TestClient;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('open311f');
  backend = await startTestBackend({ config: environment.env, relay: false });
  admin = await signedIn(backend.url, 'admin');
});

afterAll(async () => {
  await backend?.close();
  await environment?.drop();
});

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === 'error' });

async function issueKey(name: string): Promise<IssuedOpen311ClientDto> {
  const res = await admin.post<IssuedOpen311ClientDto>('/api/open311/clients', { name, contact: 'it@partner.example' });
  expect(res.status).toBe(201);
  return res.body;
}

async function call(baseUrl: string, method: 'GET' | 'POST', path: string, fields?: [string, string][]) {
  const res = await fetch(`${baseUrl}/open311/v2/${path}`, {
    method,
    headers: fields ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
    body: fields ? new URLSearchParams(fields) : undefined,
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    headers: res.headers,
    text: await res.text(),
  };
}

/** The errors of a JSON answer, checked to be the standard's list with the HTTP status as each code. */
function jsonErrors(res: { status: number; type: string; text: string }): Open311ErrorDto[] {
  expect(res.type).toMatch(/^application\/json/);
  const errors = JSON.parse(res.text) as Open311ErrorDto[];
  expect(Array.isArray(errors)).toBe(true);
  expect(errors.length).toBeGreaterThan(0);
  for (const error of errors) expect(error).toEqual({ code: res.status, description: expect.any(String) });
  return errors;
}

function xmlErrors(res: { status: number; type: string; text: string }): Open311ErrorDto[] {
  expect(res.type).toMatch(/^text\/xml/);
  const errors = (xml.parse(res.text).errors.error as { code: string; description: string }[]).map((e) => ({
    code: Number(e.code),
    description: e.description,
  }));
  for (const error of errors) expect(error.code).toBe(res.status);
  return errors;
}

const descriptions = (errors: Open311ErrorDto[]) => errors.map((e) => e.description);
const open311Tickets = async () =>
  Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ticket WHERE channel = 'open311'`))[0].n);

describe('Open311 faults', () => {
  let key: string;
  const report = (extra: [string, string][] = []): [string, string][] => [
    ['api_key', key],
    ['service_code', 'cleanliness.dumping'],
    ['lat', '50.0540'],
    ['long', '19.9350'],
    ['description', 'Wysypisko przy ścieżce'],
    ['attribute[estimated_volume]', 'bags'],
    ...extra,
  ];
  const without = (fields: [string, string][], name: string) => fields.filter(([n]) => n !== name);
  const replaced = (fields: [string, string][], name: string, value: string) =>
    fields.map(([n, v]): [string, string] => [n, n === name ? value : v]);

  beforeAll(async () => {
    key = (await issueKey('Klient testowy')).apiKey;
  });

  it('an unknown service_code: 400 on POST, 404 for its definition, in JSON and XML; nothing written', async () => {
    const before = await open311Tickets();
    const posted = await call(backend.url, 'POST', 'requests.json', replaced(report(), 'service_code', 'roads.nope'));
    expect(posted.status).toBe(400);
    expect(descriptions(jsonErrors(posted))).toEqual([
      expect.stringMatching(/^service_code: roads\.nope is not a service/),
    ]);
    const postedXml = await call(backend.url, 'POST', 'requests.xml', replaced(report(), 'service_code', 'roads.nope'));
    expect(postedXml.status).toBe(400);
    expect(descriptions(xmlErrors(postedXml))[0]).toMatch(/^service_code:/);
    const definition = await call(backend.url, 'GET', 'services/roads.nope.json');
    expect(definition.status).toBe(404);
    expect(descriptions(jsonErrors(definition))).toEqual(['Service roads.nope not found']);
    const definitionXml = await call(backend.url, 'GET', 'services/roads.nope.xml');
    expect(definitionXml.status).toBe(404);
    xmlErrors(definitionXml);
    // A group is not a service either.
    expect((await call(backend.url, 'GET', 'services/roads.json')).status).toBe(404);
    const filter = await call(backend.url, 'GET', 'requests.json?service_code=roads.nope');
    expect(filter.status).toBe(400);
    jsonErrors(filter);
    expect(await open311Tickets()).toBe(before);
  });

  it('a missing, wrong or revoked key: 403, and the report is not written', async () => {
    const before = await open311Tickets();
    const missing = await call(backend.url, 'POST', 'requests.json', without(report(), 'api_key'));
    expect(missing.status).toBe(403);
    expect(descriptions(jsonErrors(missing))).toEqual(['api_key is required to submit a service request']);
    const missingXml = await call(backend.url, 'POST', 'requests.xml', without(report(), 'api_key'));
    expect(missingXml.status).toBe(403);
    expect(descriptions(xmlErrors(missingXml))).toEqual(['api_key is required to submit a service request']);
    const wrong = await call(backend.url, 'POST', 'requests.json', replaced(report(), 'api_key', `${key}x`));
    expect(wrong.status).toBe(403);
    expect(descriptions(jsonErrors(wrong))).toEqual(['api_key is not valid']);

    const doomed = await issueKey('Klient do unieważnienia');
    const fields = replaced(report(), 'api_key', doomed.apiKey);
    expect((await call(backend.url, 'POST', 'requests.json', fields)).status).toBe(201);
    const revoked = await admin.post<Open311ClientDto>(`/api/open311/clients/${doomed.id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    expect(revoked.body.lastUsedAt).not.toBeNull();
    expect((await admin.post(`/api/open311/clients/${doomed.id}/revoke`)).status).toBe(409);
    const refused = await call(backend.url, 'POST', 'requests.xml', fields);
    expect(refused.status).toBe(403);
    expect(descriptions(xmlErrors(refused))).toEqual(['api_key has been revoked']);
    expect(await open311Tickets()).toBe(before + 1);
  });

  it('bad lat/long, no location at all, a bad e-mail: 400 naming each parameter', async () => {
    const before = await open311Tickets();
    const notNumber = await call(backend.url, 'POST', 'requests.json', replaced(report(), 'lat', 'pięćdziesiąt'));
    expect(notNumber.status).toBe(400);
    expect(descriptions(jsonErrors(notNumber))).toEqual([expect.stringMatching(/^lat: lat must be a decimal number/)]);
    const offGlobe = await call(backend.url, 'POST', 'requests.xml', replaced(report(), 'long', '190.5'));
    expect(offGlobe.status).toBe(400);
    expect(descriptions(xmlErrors(offGlobe))).toEqual(['long: long must be between -180 and 180']);
    const half = await call(backend.url, 'POST', 'requests.json', without(report(), 'long'));
    expect(descriptions(jsonErrors(half))).toEqual(['long: long is required with lat']);
    const nowhere = await call(backend.url, 'POST', 'requests.json', without(without(report(), 'lat'), 'long'));
    expect(nowhere.status).toBe(400);
    expect(descriptions(jsonErrors(nowhere))).toEqual([
      'lat: a location is required: lat and long, address_string or address_id',
    ]);
    const several = await call(
      backend.url,
      'POST',
      'requests.json',
      replaced(replaced(report(), 'lat', '91'), 'long', 'x'),
    ).then(jsonErrors);
    expect(descriptions(several).map((d) => d.split(':')[0])).toEqual(['lat', 'long']);
    const mail = await call(backend.url, 'POST', 'requests.json', report([['email', 'jan(at)poczta']]));
    expect(descriptions(jsonErrors(mail))).toEqual(['email: email is not a valid address']);
    expect(await open311Tickets()).toBe(before);
  });

  it('a required attribute missing, or an answer not offered: 400 naming attribute[code]', async () => {
    const before = await open311Tickets();
    const missing = await call(backend.url, 'POST', 'requests.json', without(report(), 'attribute[estimated_volume]'));
    expect(missing.status).toBe(400);
    expect(descriptions(jsonErrors(missing))).toEqual(['attribute[estimated_volume]: is required']);
    const missingXml = await call(
      backend.url,
      'POST',
      'requests.xml',
      without(report(), 'attribute[estimated_volume]'),
    );
    expect(descriptions(xmlErrors(missingXml))).toEqual(['attribute[estimated_volume]: is required']);
    const unoffered = await call(backend.url, 'POST', 'requests.json', report([['attribute[waste_types][]', 'piano']]));
    expect(unoffered.status).toBe(400);
    expect(descriptions(jsonErrors(unoffered))[0]).toMatch(/^attribute\[waste_types\]: piano is not one of/);
    expect(await open311Tickets()).toBe(before);
  });

  it('a path or format we do not serve: 404 in the error format', async () => {
    for (const path of ['services.html', 'services', 'unknown.json', 'requests/KCK-2026-999999.json']) {
      const res = await call(backend.url, 'GET', path);
      expect(res.status, path).toBe(404);
      jsonErrors(res);
    }
    xmlErrors(await call(backend.url, 'GET', 'services.json.xml'));
    const wrongMethod = await call(backend.url, 'POST', 'services.xml', [['api_key', key]]);
    expect(wrongMethod.status).toBe(404);
    xmlErrors(wrongMethod);
    expect((await call(backend.url, 'GET', 'tokens/not-a-token.json')).status).toBe(404);
    const badDate = await call(backend.url, 'GET', 'requests.json?start_date=yesterday');
    expect(badDate.status).toBe(400);
    expect(descriptions(jsonErrors(badDate))[0]).toMatch(/^start_date:/);
    const tooLong = await call(
      backend.url,
      'GET',
      'requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z',
    );
    expect(tooLong.status).toBe(400);
    expect(descriptions(jsonErrors(tooLong))[0]).toMatch(/at most 90 days apart/);
  });

  describe('rate limits', () => {
    let limited: TestBackend;
    const prefix = () => limited.ctx.config.REDIS_PREFIX;

    beforeAll(async () => {
      // Counters of its own (a prefix of its own), limits small enough to reach.
      limited = await startTestBackend({
        config: {
          ...environment.env,
          REDIS_PREFIX: `${environment.redisPrefix}-limits`,
          OPEN311_POSTS_PER_MINUTE_PER_KEY: '2',
          OPEN311_POSTS_PER_MINUTE_PER_ADDRESS: '4',
        },
        relay: false,
      });
    });

    afterAll(async () => {
      if (limited) {
        const keys = await limited.ctx.redis.keys(`${prefix()}:*`);
        if (keys.length) await limited.ctx.redis.del(...keys);
        await limited.close();
      }
    });

    it('answer 429 with Retry-After past the per-key limit, then past the per-address limit, counted in Redis', async () => {
      const first = await issueKey('Klient limitowany A');
      const second = await issueKey('Klient limitowany B');
      const send = (apiKey: string, format: 'json' | 'xml' = 'json') =>
        call(limited.url, 'POST', `requests.${format}`, replaced(report(), 'api_key', apiKey));

      expect((await send(first.apiKey)).status).toBe(201);
      expect((await send(first.apiKey)).status).toBe(201);
      const overKey = await send(first.apiKey, 'xml');
      expect(overKey.status).toBe(429);
      expect(Number(overKey.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(descriptions(xmlErrors(overKey))[0]).toMatch(/^Too many reports from this API key: at most 2 a minute/);

      // Another key from the same address: its own count, but the address has one request left.
      expect((await send(second.apiKey)).status).toBe(201);
      const overAddress = await send(second.apiKey);
      expect(overAddress.status).toBe(429);
      expect(descriptions(jsonErrors(overAddress))[0]).toMatch(
        /^Too many reports from this address: at most 4 a minute/,
      );

      const counters = await limited.ctx.redis.keys(`${prefix()}:open311:*`);
      expect(counters.some((k) => k.includes(':open311:key'))).toBe(true);
      expect(counters.some((k) => k.includes(':open311:address'))).toBe(true);
      // The main backend counts under its own prefix: its clients were not slowed down by these.
      expect(
        (await call(backend.url, 'POST', 'requests.json', replaced(report(), 'api_key', first.apiKey))).status,
      ).toBe(201);
    });
  });
});
