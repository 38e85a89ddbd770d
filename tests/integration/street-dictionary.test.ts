// Streets as a versioned central dictionary: an analyst's edit makes version 2 with who and why, a stale version is a
// 409, the database refuses a DELETE, `asOf` gives the old name, the ETag moves, deactivated streets leave the
// autocomplete; a `replace` import (on a database of its own) deactivates instead of deleting, and a line brings one back.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DictionaryEntryDto,
  DictionaryVersionDto,
  ErrorBody,
  StreetDto,
  StreetImportResultDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, signedInAll, TestClient, type TestResponse } from '../../backend/src/test-support/test-client.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let backend: TestBackend;
let agent: TestClient;
let analyst: TestClient;
let secondAnalyst: TestClient;
let anonymous: TestClient;
// Street names of this file's own, so parallel test files never see them and re-runs never collide.
const tag = randomUUID().slice(0, 8);

const fieldsOf = (res: TestResponse<unknown>) => (res.body as ErrorBody).error.fields ?? [];

const search = async (client: TestClient, q: string) => {
  const res = await client.get<StreetDto[]>(`/api/streets?${new URLSearchParams({ q, limit: '50' })}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const importCsv = async (client: TestClient, csv: string, mode: 'merge' | 'replace' = 'merge') => {
  const res = await client.post<StreetImportResultDto>('/api/streets/import', { csv, mode });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const streetList = async (client: TestClient, query = '') => {
  const res = await client.get<DictionaryEntryDto[]>(`/api/dictionaries/street${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const patch = (client: TestClient, id: string, body: Record<string, unknown>) =>
  client.request<DictionaryEntryDto | ErrorBody>('PATCH', `/api/dictionaries/street/entries/${id}`, body);
const history = async (client: TestClient, id: string) => {
  const res = await client.get<DictionaryVersionDto[]>(`/api/dictionaries/street/entries/${id}/history`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
/** Imports one street of this file's own (merge) and answers its dictionary entry. */
async function ownStreet(name: string, district = 'I'): Promise<DictionaryEntryDto> {
  await importCsv(analyst, `street,district,prefix\n${name},${district},ul.\n`);
  const entry = (await streetList(anonymous, '?includeInactive=true')).find((e) => e.street?.name === name);
  expect(entry, name).toBeDefined();
  return entry!;
}
async function districtId(code: string): Promise<string> {
  const districts = await streetListOf('district');
  return districts.find((d) => d.code === code)!.id;
}
const streetListOf = async (code: string) =>
  (await anonymous.get<DictionaryEntryDto[]>(`/api/dictionaries/${code}`)).body;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, analyst, secondAnalyst] = await signedInAll(backend.url, 'agent', 'analityk', 'analityk');
  anonymous = new TestClient(backend.url);
});
afterAll(() => backend?.close());

describe('editing one street', () => {
  it('renames and moves a street: version 2 with who and why, a new ETag, and the import as version 1', async () => {
    const street = await ownStreet(`Wersjowa ${tag}`);
    expect(street).toMatchObject({
      dictionary: 'street',
      labelPl: `ul. Wersjowa ${tag}`,
      active: true,
      version: 1,
      street: { prefix: 'ul.', name: `Wersjowa ${tag}` },
    });
    expect(street.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const first = await anonymous.get('/api/dictionaries/street');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);

    const krowodrza = await districtId('V');
    const res = await patch(analyst, street.id, {
      prefix: 'al.',
      name: `Nowa Wersjowa ${tag}`,
      districtId: krowodrza,
      version: 1,
      note: 'uchwała rady miasta',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: street.id,
      labelPl: `al. Nowa Wersjowa ${tag}`,
      parentId: krowodrza,
      version: 2,
    });

    const versions = await history(analyst, street.id);
    expect(versions.map((v) => [v.version, v.action, v.note])).toEqual([
      [2, 'updated', 'uchwała rady miasta'],
      [1, 'created', 'import CSV'],
    ]);
    expect(versions[0]!.changedBy?.displayName).toBeTruthy();
    expect(versions[0]!.changedBy?.id).toBe(analyst.session?.user.id);
    expect(versions[0]!.before).toMatchObject({ labelPl: `ul. Wersjowa ${tag}`, street: { prefix: 'ul.' } });
    expect(versions[0]!.after).toMatchObject({ labelPl: `al. Nowa Wersjowa ${tag}`, parentId: krowodrza });
    const whole = await analyst.get<DictionaryVersionDto[]>('/api/dictionaries/street/history?limit=500');
    expect(whole.status).toBe(200);
    expect(whole.body.some((v) => v.entryId === street.id && v.version === 2)).toBe(true);

    const changed = await anonymous.request('GET', '/api/dictionaries/street', undefined, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);

    // The autocomplete offers the new name in its new district, not the old one.
    expect((await search(agent, `nowa wersjowa ${tag}`)).map((s) => [s.label, s.districtCode])).toEqual([
      [`al. Nowa Wersjowa ${tag}`, 'V'],
    ]);
    expect((await agent.get('/api/dictionaries/street/entries/' + street.id + '/history')).status).toBe(403);
  });

  it('answers 409 to a stale version and 400 naming the field to bad input, writing nothing', async () => {
    const street = await ownStreet(`Konfliktowa ${tag}`);
    expect((await patch(analyst, street.id, { name: `Pierwsza ${tag}`, version: 1 })).status).toBe(200);
    const stale = await patch(secondAnalyst, street.id, { name: `Druga ${tag}`, version: 1 });
    expect(stale.status).toBe(409);
    expect((stale.body as ErrorBody).error.message).toContain('version 1, now 2');

    const order = await patch(analyst, street.id, { validFrom: '2026-05-01', validTo: '2026-04-01', version: 2 });
    expect(order.status).toBe(400);
    expect(fieldsOf(order).map((f) => f.path)).toEqual(['validTo']);
    const district = await patch(analyst, street.id, { districtId: randomUUID(), version: 2 });
    expect(district.status).toBe(400);
    expect(fieldsOf(district).map((f) => f.path)).toEqual(['districtId']);
    const empty = await patch(analyst, street.id, { name: ' ', version: 2 });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty).map((f) => f.path)).toEqual(['name']);
    // Another street of the same name in the same district would break the register's one-name-per-district rule.
    await ownStreet(`Zajęta ${tag}`);
    const taken = await patch(analyst, street.id, { name: `Zajęta ${tag}`, version: 2 });
    expect(taken.status).toBe(400);
    expect(fieldsOf(taken).map((f) => f.path)).toEqual(['name']);

    const [row] = await backend.ctx.db.query(`SELECT name, version FROM street WHERE id = $1`, [street.id]);
    expect(row).toEqual({ name: `Pierwsza ${tag}`, version: 2 });
    expect(await history(analyst, street.id)).toHaveLength(2);
    expect((await patch(agent, street.id, { name: `Agentowa ${tag}`, version: 2 })).status).toBe(403);
  });

  it('deactivates and reactivates a street: it leaves and rejoins the autocomplete; the database refuses a DELETE', async () => {
    const street = await ownStreet(`Wyłączana ${tag}`);
    expect(await search(agent, `wylaczana ${tag}`)).toHaveLength(1);

    const off = await analyst.post<DictionaryEntryDto>(`/api/dictionaries/street/entries/${street.id}/deactivate`, {
      version: 1,
      note: 'ulica zlikwidowana',
    });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect(await search(agent, `wylaczana ${tag}`)).toEqual([]);
    expect((await streetList(anonymous)).some((e) => e.id === street.id)).toBe(false);
    expect((await streetList(anonymous, '?includeInactive=true')).find((e) => e.id === street.id)).toMatchObject({
      active: false,
      version: 2,
    });

    await expect(backend.ctx.db.query(`DELETE FROM street WHERE id = $1`, [street.id])).rejects.toThrow(
      /never deleted/,
    );

    const on = await analyst.post<DictionaryEntryDto>(`/api/dictionaries/street/entries/${street.id}/reactivate`, {
      version: 2,
    });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ active: true, version: 3 });
    expect(await search(agent, `wylaczana ${tag}`)).toHaveLength(1);
    expect((await history(analyst, street.id)).map((v) => v.action)).toEqual(['reactivated', 'deactivated', 'created']);

    // A street whose validity ended is no longer offered either.
    expect((await patch(analyst, street.id, { validFrom: null, validTo: '2024-12-31', version: 3 })).status).toBe(200);
    expect(await search(agent, `wylaczana ${tag}`)).toEqual([]);
  });

  it('gives the old name for a past day with ?asOf', async () => {
    const street = await ownStreet(`Dawna ${tag}`);
    expect((await patch(analyst, street.id, { validFrom: '2024-01-01', version: 1 })).status).toBe(200);
    expect((await patch(analyst, street.id, { name: `Obecna ${tag}`, version: 2 })).status).toBe(200);
    // Versions 1 and 2 are made to have been written in March 2025, as if the old name had stood since then.
    await backend.ctx.db.query(
      `UPDATE street_version SET changed_at = '2025-03-01T10:00:00Z'::timestamptz + version * interval '1 minute'
        WHERE street_id = $1 AND version < 3`,
      [street.id],
    );
    const then = (await streetList(anonymous, '?asOf=2025-06-30')).find((e) => e.id === street.id);
    expect(then).toMatchObject({ labelPl: `ul. Dawna ${tag}`, version: 2, validFrom: '2024-01-01' });
    const now = (await streetList(anonymous)).find((e) => e.id === street.id);
    expect(now).toMatchObject({ labelPl: `ul. Obecna ${tag}`, version: 3 });
    expect((await streetList(anonymous, '?asOf=2023-12-31')).some((e) => e.id === street.id)).toBe(false);
    const [asOf] = await backend.ctx.db.query(`SELECT street_as_of($1, '2025-06-30T12:00:00Z') ->> 'name' AS name`, [
      street.id,
    ]);
    expect(asOf.name).toBe(`Dawna ${tag}`);
  });
});

describe('the street register import', () => {
  let environment: IsolatedEnvironment;
  let own: TestBackend;

  beforeAll(async () => {
    environment = await createIsolatedEnvironment('street-dictionary');
    own = await startTestBackend({ config: environment.env, relay: false });
  }, 120_000);
  afterAll(async () => {
    await own?.close();
    await environment?.drop();
  });

  it('replace deactivates what the file omits instead of deleting it; a later line brings a street back', async () => {
    const ownAdmin = await signedIn(own.url, 'admin', environment.databaseUrl);
    const ownAgent = await signedIn(own.url, 'agent', environment.databaseUrl);
    const [{ seeded }] = await own.ctx.db.query(`SELECT count(*)::int AS seeded FROM street`);
    expect((await ownAgent.get<StreetDto[]>('/api/streets?q=florianska')).body).not.toEqual([]);

    const replaced = await importCsv(ownAdmin, 'street,district\nul. św. Filipa,I\n', 'replace');
    expect(replaced).toMatchObject({ removed: seeded - 1, total: 1 });
    const [after] = await own.ctx.db.query(
      `SELECT count(*)::int AS rows, count(*) FILTER (WHERE active)::int AS active FROM street`,
    );
    expect(after).toEqual({ rows: seeded, active: 1 });
    expect((await ownAgent.get<StreetDto[]>('/api/streets?q=florianska')).body).toEqual([]);
    const [florianska] = await own.ctx.db.query(
      `SELECT v.action, v.note, v.changed_by FROM street_version v JOIN street s ON s.id = v.street_id
        WHERE s.name = 'Floriańska' ORDER BY v.version DESC LIMIT 1`,
    );
    expect(florianska).toEqual({ action: 'deactivated', note: 'import CSV', changed_by: ownAdmin.session?.user.id });

    const back = await importCsv(ownAdmin, 'street,district,prefix\nFloriańska,I,ul.\n');
    expect(back).toMatchObject({ created: 0, updated: 1, total: 2 });
    expect((await ownAgent.get<StreetDto[]>('/api/streets?q=florianska')).body.map((s) => s.label)).toEqual([
      'ul. Floriańska',
    ]);
    const [reactivated] = await own.ctx.db.query(
      `SELECT v.action FROM street_version v JOIN street s ON s.id = v.street_id
        WHERE s.name = 'Floriańska' ORDER BY v.version DESC LIMIT 1`,
    );
    expect(reactivated.action).toBe('reactivated');

    // The export lists the streets in use and goes straight back into the import, changing nothing.
    const exported = await fetch(`${own.url}/api/dictionaries/street/export`, {
      headers: { cookie: ownAdmin.cookie! },
    });
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(await importCsv(ownAdmin, csv, 'replace')).toMatchObject({ created: 0, updated: 0, removed: 0, total: 2 });
  });
});
