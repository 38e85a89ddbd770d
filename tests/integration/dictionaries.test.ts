// The central dictionaries through the API: read without a session by city systems (strong ETag, 304, asOf labels,
// tree), edited by analysts and admins with a version row per change, two analysts on one entry → one 409, a CSV
// with broken lines imports the good ones and names the bad ones, bad input writes nothing, entries never deleted.
// Entries of this file carry its own tag and sit in closure_reason (or stay inactive), so parallel files never see them.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DictionaryEntryDto,
  DictionaryImportResultDto,
  DictionaryTreeNodeDto,
  DictionaryVersionDto,
  ErrorBody,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient, type TestResponse } from '../../backend/src/test-support/test-client.ts';

let backend: TestBackend;
let agent: TestClient;
let analyst: TestClient;
let secondAnalyst: TestClient;
let admin: TestClient;
let anonymous: TestClient;
const tag = randomUUID().slice(0, 8);

const fieldsOf = (res: TestResponse<unknown>) => (res.body as ErrorBody).error.fields ?? [];
const messageOf = (res: TestResponse<unknown>) => (res.body as ErrorBody).error.message;

async function create(client: TestClient, dictionary: string, body: Record<string, unknown>) {
  const res = await client.post<DictionaryEntryDto>(`/api/dictionaries/${dictionary}/entries`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const patch = (client: TestClient, dictionary: string, id: string, body: Record<string, unknown>) =>
  client.request<DictionaryEntryDto | ErrorBody>('PATCH', `/api/dictionaries/${dictionary}/entries/${id}`, body);
const entries = async (query = '') => {
  const res = await anonymous.get<DictionaryEntryDto[]>(`/api/dictionaries/closure_reason${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const entryCount = async () =>
  Number(
    (await backend.ctx.db.query(`SELECT count(*) AS n FROM dictionary_entry WHERE code LIKE $1`, [`%${tag}%`]))[0].n,
  );

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, analyst, secondAnalyst, admin] = await signedInAll(backend.url, 'agent', 'analityk', 'analityk', 'admin');
  anonymous = new TestClient(backend.url);
});
afterAll(() => backend?.close());

describe('GET /api/dictionaries/:code', () => {
  it('serves every named dictionary to a city system without a session', async () => {
    for (const code of ['category', 'call_topic', 'channel', 'district', 'closure_reason', 'call_outcome', 'street']) {
      const res = await anonymous.get<DictionaryEntryDto[]>(`/api/dictionaries/${code}`);
      expect(res.status, code).toBe(200);
      expect(res.body.length, code).toBeGreaterThan(0);
      expect(res.body[0], code).toMatchObject({ dictionary: code, version: expect.any(Number) });
    }
    const outcomes = await anonymous.get<DictionaryEntryDto[]>('/api/dictionaries/call_outcome');
    expect(outcomes.body.map((e) => e.code)).toEqual([
      'information_given',
      'problem',
      'idea',
      'transferred',
      'survey',
      'dropped',
    ]);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once an analyst changes an entry', async () => {
    const entry = await create(analyst, 'closure_reason', {
      code: `etag-${tag}`,
      labelPl: 'Sprawdzenie ETag',
      labelEn: 'ETag check',
      validFrom: null,
    });
    const first = await anonymous.get<DictionaryEntryDto[]>('/api/dictionaries/closure_reason');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    const again = await anonymous.request('GET', '/api/dictionaries/closure_reason', undefined, {
      'If-None-Match': `"other", ${etag}`,
    });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);

    expect((await patch(analyst, 'closure_reason', entry.id, { labelPl: 'ETag po zmianie', version: 1 })).status).toBe(
      200,
    );
    const changed = await anonymous.request<DictionaryEntryDto[]>(
      'GET',
      '/api/dictionaries/closure_reason',
      undefined,
      {
        'If-None-Match': etag!,
      },
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(changed.body.find((e) => e.id === entry.id)?.labelPl).toBe('ETag po zmianie');
  });

  it('shows the label valid on a past day with ?asOf, and leaves out entries not yet valid then', async () => {
    const entry = await create(analyst, 'closure_reason', {
      code: `asof-${tag}`,
      labelPl: 'Etykieta z 2025',
      labelEn: 'Label of 2025',
      validFrom: '2024-01-01',
    });
    const renamed = await patch(analyst, 'closure_reason', entry.id, {
      labelPl: 'Etykieta dzisiejsza',
      version: entry.version,
      note: 'nowa nazwa',
    });
    expect(renamed.status).toBe(200);
    // The first version is made to have been written in March 2025, as if the label had stood since then.
    await backend.ctx.db.query(
      `UPDATE dictionary_entry_version SET changed_at = '2025-03-01T10:00:00Z' WHERE entry_id = $1 AND version = 1`,
      [entry.id],
    );
    const of2025 = (await entries('?asOf=2025-06-30')).find((e) => e.id === entry.id);
    expect(of2025).toMatchObject({ labelPl: 'Etykieta z 2025', version: 1 });
    const ofToday = (await entries()).find((e) => e.id === entry.id);
    expect(ofToday).toMatchObject({ labelPl: 'Etykieta dzisiejsza', version: 2 });
    // The same rule for reads that show an old ticket or call with the label of its day.
    const [labels] = await backend.ctx.db.query(
      `SELECT dictionary_label_as_of($1, '2025-06-30T12:00:00Z') AS then, dictionary_label_as_of($1, now()) AS now`,
      [entry.id],
    );
    expect(labels).toEqual({ then: 'Etykieta z 2025', now: 'Etykieta dzisiejsza' });
    expect((await entries('?asOf=2023-12-31')).some((e) => e.id === entry.id)).toBe(false);
    expect((await entries('?asOf=2023-12-31&includeInactive=true')).some((e) => e.id === entry.id)).toBe(true);

    const bad = await anonymous.get('/api/dictionaries/closure_reason?asOf=2025-02-30');
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).map((f) => f.path)).toEqual(['query.asOf']);
    expect((await anonymous.get('/api/dictionaries/nonsense')).status).toBe(400);
  });

  it('nests categories under their groups with ?format=tree', async () => {
    const res = await anonymous.get<DictionaryTreeNodeDto[]>('/api/dictionaries/category?format=tree');
    expect(res.status).toBe(200);
    const roads = res.body.find((n) => n.code === 'roads');
    expect(roads?.children.map((c) => c.code)).toContain('roads.pothole');
    expect(res.body.every((n) => n.parentId === null)).toBe(true);
  });
});

describe('editing', () => {
  it('lets one of two analysts editing the same entry win; the other gets 409 naming the entry', async () => {
    const entry = await create(analyst, 'closure_reason', { code: `race-${tag}`, labelPl: 'Wyścig', labelEn: 'Race' });
    const [a, b] = await Promise.all([
      patch(analyst, 'closure_reason', entry.id, { labelPl: 'Wersja A', version: entry.version }),
      patch(secondAnalyst, 'closure_reason', entry.id, { labelPl: 'Wersja B', version: entry.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const lost = a.status === 409 ? a : b;
    expect(messageOf(lost)).toContain(`race-${tag}`);
    expect(messageOf(lost)).toContain('now 2');
  });

  it('deactivates and reactivates, never deletes, and keeps a history with before and after', async () => {
    const entry = await create(admin, 'closure_reason', { code: `life-${tag}`, labelPl: 'Cykl', labelEn: 'Cycle' });
    const off = await analyst.post<DictionaryEntryDto>(
      `/api/dictionaries/closure_reason/entries/${entry.id}/deactivate`,
      { version: 1, note: 'nieużywany' },
    );
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await entries()).some((e) => e.id === entry.id)).toBe(false);
    expect((await entries('?includeInactive=true')).find((e) => e.id === entry.id)?.active).toBe(false);
    const on = await analyst.post<DictionaryEntryDto>(
      `/api/dictionaries/closure_reason/entries/${entry.id}/reactivate`,
      {
        version: 2,
      },
    );
    expect(on.body).toMatchObject({ active: true, version: 3 });

    const history = await analyst.get<DictionaryVersionDto[]>(
      `/api/dictionaries/closure_reason/entries/${entry.id}/history`,
    );
    expect(history.status).toBe(200);
    expect(history.body.map((v) => v.action)).toEqual(['reactivated', 'deactivated', 'created']);
    expect(history.body[1]).toMatchObject({
      note: 'nieużywany',
      changedBy: { displayName: 'Alicja Analityczna' },
      before: { active: true, labelPl: 'Cykl' },
      after: { active: false, labelPl: 'Cykl' },
    });
    expect(history.body[2]).toMatchObject({ before: null, changedBy: { displayName: 'Administrator systemu' } });
    const whole = await analyst.get<DictionaryVersionDto[]>('/api/dictionaries/closure_reason/history?limit=500');
    expect(whole.body.filter((v) => v.entryId === entry.id)).toHaveLength(3);

    expect((await admin.request('DELETE', `/api/dictionaries/closure_reason/entries/${entry.id}`)).status).toBe(404);
    await expect(backend.ctx.db.query(`DELETE FROM dictionary_entry WHERE id = $1`, [entry.id])).rejects.toThrow(
      /never deleted/,
    );
  });

  it('keeps the platform-fixed codes of channels and call outcomes: labels change, entries are not added or removed', async () => {
    const added = await analyst.post('/api/dictionaries/channel/entries', {
      code: `fax-${tag}`,
      labelPl: 'Faks',
      labelEn: 'Fax',
    });
    expect(added.status).toBe(400);
    expect(fieldsOf(added).map((f) => f.path)).toEqual(['code']);
    const phone = (await anonymous.get<DictionaryEntryDto[]>('/api/dictionaries/channel')).body.find(
      (e) => e.code === 'phone',
    )!;
    const off = await analyst.post(`/api/dictionaries/channel/entries/${phone.id}/deactivate`, {
      version: phone.version,
    });
    expect(off.status).toBe(400);
    expect(fieldsOf(off).map((f) => f.path)).toEqual(['active']);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await entryCount();
    const bad = await analyst.post('/api/dictionaries/closure_reason/entries', {
      code: `bad code ${tag}`,
      labelPl: '',
      labelEn: 'x',
      validFrom: '2026-05-01',
      validTo: '2026-04-01',
    });
    expect(bad.status).toBe(400);
    expect(
      fieldsOf(bad)
        .map((f) => f.path)
        .sort(),
    ).toEqual(['code', 'labelPl', 'validTo']);
    const tree = await analyst.post('/api/dictionaries/closure_reason/entries', {
      code: `tree-${tag}`,
      labelPl: 'Drzewo',
      labelEn: 'Tree',
      parentId: (await entries())[0]!.id,
    });
    expect(tree.status).toBe(400);
    expect(fieldsOf(tree).map((f) => f.path)).toEqual(['parentId']);
    const noVersion = await patch(analyst, 'closure_reason', (await entries())[0]!.id, { labelPl: 'Bez wersji' });
    expect(noVersion.status).toBe(400);
    expect(fieldsOf(noVersion).map((f) => f.path)).toEqual(['version']);
    expect(await entryCount()).toBe(before);
  });

  it('lets only analysts and admins edit, and only staff keepers read the history', async () => {
    const body = { code: `role-${tag}`, labelPl: 'Rola', labelEn: 'Role' };
    expect((await agent.post('/api/dictionaries/closure_reason/entries', body)).status).toBe(403);
    expect((await anonymous.post('/api/dictionaries/closure_reason/entries', body)).status).toBe(401);
    expect((await agent.get('/api/dictionaries/closure_reason/history')).status).toBe(403);
    expect((await anonymous.get('/api/dictionaries/closure_reason/history')).status).toBe(401);
    expect((await agent.get('/api/dictionaries/closure_reason/export')).status).toBe(403);
    expect((await agent.post('/api/dictionaries/closure_reason/import', { csv: 'code,label_pl\nx,y' })).status).toBe(
      403,
    );
    expect((await agent.get<DictionaryEntryDto[]>('/api/dictionaries/closure_reason')).status).toBe(200);
  });
});

describe('CSV', () => {
  it('imports the good lines of a file with broken ones and reports each bad line by its number', async () => {
    const csv = [
      'code;label_pl;label_en;sort_order;valid_from;valid_to',
      `csv1-${tag};Pierwszy;First;10;;`,
      `csv2-${tag};"Drugi; z ""cudzysłowem""";Second;11;2025-01-01;`,
      `bad code ${tag};Zły kod;Bad;12;;`,
      `csv3-${tag};;No Polish label;13;;`,
      `csv4-${tag};Czwarty;Fourth;abc;;`,
      `csv5-${tag};Piąty;Fifth;14;2025-05-01;2025-04-01`,
      `csv1-${tag};Powtórzony;Repeated;15;;`,
      `csv6-${tag};Za mało pól`,
      `csv7-${tag};Siódmy;Seventh;16;2025-13-01;`,
      `csv8-${tag};Ósmy;Eighth;17;;`,
    ].join('\n');
    const res = await analyst.post<DictionaryImportResultDto>('/api/dictionaries/closure_reason/import', { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ rows: 10, created: 3, updated: 0, unchanged: 0 });
    expect(res.body.errors.map((e) => [e.line, e.column])).toEqual([
      [4, 'code'],
      [5, 'label_pl'],
      [6, 'sort_order'],
      [7, 'valid_to'],
      [8, 'code'],
      [9, undefined],
      [10, 'valid_from'],
    ]);
    expect(res.body.errors.find((e) => e.line === 8)?.message).toContain('line 2');
    const now = await entries('?includeInactive=true');
    expect(now.find((e) => e.code === `csv2-${tag}`)).toMatchObject({
      labelPl: 'Drugi; z "cudzysłowem"',
      validFrom: '2025-01-01',
    });

    // The same file again changes nothing; a relabel through CSV is one version more, with the import's note.
    const again = await analyst.post<DictionaryImportResultDto>('/api/dictionaries/closure_reason/import', { csv });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const relabel = await analyst.request<DictionaryImportResultDto>(
      'POST',
      '/api/dictionaries/closure_reason/import?note=korekta',
      `code,label_pl\ncsv8-${tag},Ósmy poprawiony\n`,
      { 'content-type': 'text/csv' },
    );
    expect(relabel.status, JSON.stringify(relabel.body)).toBe(200);
    expect(relabel.body).toMatchObject({ created: 0, updated: 1, errors: [] });
    const eighth = now.find((e) => e.code === `csv8-${tag}`)!;
    const history = await analyst.get<DictionaryVersionDto[]>(
      `/api/dictionaries/closure_reason/entries/${eighth.id}/history`,
    );
    expect(history.body[0]).toMatchObject({
      note: 'korekta',
      after: { labelPl: 'Ósmy poprawiony', labelEn: 'Eighth' },
    });
  });

  it('refuses a file whose header it cannot read with 400, writing nothing', async () => {
    const before = await entryCount();
    for (const csv of [
      `kod,etykieta\nhdr-${tag},Nagłówek`,
      `code,label_pl,label_pl\nhdr-${tag},A,B`,
      `code,label_en\nhdr-${tag},Header`,
    ]) {
      const res = await analyst.post('/api/dictionaries/closure_reason/import', { csv });
      expect(res.status, csv).toBe(400);
      expect(fieldsOf(res).map((f) => f.path)).toEqual(['csv']);
    }
    const streets = await analyst.post('/api/dictionaries/street/import', { csv: 'code,label_pl\na,b' });
    expect(streets.status).toBe(400);
    expect(await entryCount()).toBe(before);
  });

  it('exports what it imports: a category group and its leaves come back in one file, parents named by code', async () => {
    // Inactive from the start, so other test files reading the live category list never see them.
    const csv = [
      'code,label_pl,label_en,parent_code,sort_order,active',
      `leaf-${tag},Liść,Leaf,grp-${tag},2,false`,
      `grp-${tag},Grupa,Group,,1,false`,
      `deep-${tag},Za głęboko,Too deep,leaf-${tag},3,false`,
    ].join('\r\n');
    const res = await admin.post<DictionaryImportResultDto>('/api/dictionaries/category/import', { csv });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 2 });
    expect(res.body.errors).toEqual([
      { line: 4, column: 'parent_code', message: expect.stringContaining('two levels') },
    ]);

    const exported = await fetch(`${backend.url}/api/dictionaries/category/export`, {
      headers: { cookie: analyst.cookie! },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    // Fetch's text() drops a BOM, so the bytes are read as they came.
    const text = Buffer.from(await exported.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFFcode,label_pl,label_en,parent_code,sort_order,active,valid_from,valid_to\r\n')).toBe(
      true,
    );
    expect(text).toContain(`leaf-${tag},Liść,Leaf,grp-${tag},2,false,`);
    const tree = await anonymous.get<DictionaryTreeNodeDto[]>(
      '/api/dictionaries/category?format=tree&includeInactive=true',
    );
    expect(tree.body.find((n) => n.code === `grp-${tag}`)?.children.map((c) => c.code)).toEqual([`leaf-${tag}`]);
  });
});
