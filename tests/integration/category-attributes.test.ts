// A category's own questions: only admins define them (everyone reads the active ones, the residents' web form
// without signing in); POST /api/tickets checks the answers against them, naming each bad one and writing nothing;
// a deactivated question (or list answer) is no longer asked, and old tickets keep their answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CategoryAttributeDto, ErrorBody, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

// Its own database: this file adds required questions, which would refuse other files' tickets.
let environment: IsolatedEnvironment;
let backend: TestBackend;
let admin: TestClient;
let agent: TestClient;
let triage: TestClient;
let analyst: TestClient;
let anonymous: TestClient;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('catattr');
  backend = await startTestBackend({ config: environment.env, relay: false });
  [admin, agent, triage, analyst] = await signedInAll(backend.url, 'admin', 'agent', 'triage', 'analityk');
  anonymous = new TestClient(backend.url);
});

afterAll(async () => {
  await backend?.close();
  await environment?.drop();
});

let serial = 0;
/** A leaf category of the test's own under „Drogi i chodniki”. */
async function newCategory(): Promise<string> {
  serial += 1;
  const rows: { id: string }[] = await backend.ctx.db.query(
    `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, parent_id, sort_order)
     SELECT 'category', $1, $2, $3, id, 99 FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads'
     RETURNING id`,
    [`roads.test_${serial}`, `Testowa ${serial}`, `Test ${serial}`],
  );
  return rows[0]!.id;
}

const SIZE_VALUES = [
  { key: 'small', labelPl: 'Mało', labelEn: 'Little' },
  { key: 'large', labelPl: 'Dużo', labelEn: 'A lot' },
];

async function define(categoryId: string, body: Record<string, unknown>) {
  const res = await admin.post<CategoryAttributeDto & ErrorBody>(`/api/categories/${categoryId}/attributes`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const ticket = (categoryId: string, attributes?: Record<string, unknown>) =>
  agent.post<TicketDto & ErrorBody>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId,
    title: 'Zgłoszenie z pytaniami',
    description: 'Opis zgłoszenia.',
    ...(attributes ? { attributes } : {}),
  });

const ticketCount = async () => Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ticket`))[0].n);
const fieldsOf = (body: ErrorBody) => Object.fromEntries(body.error.fields!.map((f) => [f.path, f.message]));

describe('category attribute definitions', () => {
  it('are defined, changed and reordered by admins only; anyone reads the active ones', async () => {
    const categoryId = await newCategory();
    const body = { code: 'post_number', labelPl: 'Numer słupa', labelEn: 'Post number', datatype: 'string' };
    for (const client of [agent, triage, analyst]) {
      expect((await client.post(`/api/categories/${categoryId}/attributes`, body)).status).toBe(403);
    }
    expect((await anonymous.post(`/api/categories/${categoryId}/attributes`, body)).status).toBe(401);

    const post = await define(categoryId, { ...body, hintPl: 'Z tabliczki', required: true });
    const size = await define(categoryId, {
      code: 'size',
      labelPl: 'Ile',
      labelEn: 'How much',
      datatype: 'singlevaluelist',
      values: SIZE_VALUES,
    });
    expect(post).toMatchObject({ position: 1, required: true, active: true, hintPl: 'Z tabliczki', hintEn: null });
    expect(size).toMatchObject({ position: 2, values: SIZE_VALUES.map((v) => ({ ...v, active: true })) });

    const update = { labelPl: 'Numer słupa (tabliczka)', labelEn: 'Post number', required: false, active: true };
    expect((await triage.request('PUT', `/api/category-attributes/${post.id}`, update)).status).toBe(403);
    expect(
      (await agent.post(`/api/categories/${categoryId}/attributes/reorder`, { ids: [size.id, post.id] })).status,
    ).toBe(403);
    const changed = await admin.request<CategoryAttributeDto>('PUT', `/api/category-attributes/${post.id}`, update);
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ labelPl: 'Numer słupa (tabliczka)', required: false, code: 'post_number' });

    const reordered = await admin.post<CategoryAttributeDto[]>(`/api/categories/${categoryId}/attributes/reorder`, {
      ids: [size.id, post.id],
    });
    expect(reordered.body.map((a) => [a.code, a.position])).toEqual([
      ['size', 1],
      ['post_number', 2],
    ]);

    // The residents' form reads them without a session, without staff names.
    const read = await anonymous.get<CategoryAttributeDto[]>(`/api/categories/${categoryId}/attributes`);
    expect(read.status).toBe(200);
    expect(read.body.map((a) => a.code)).toEqual(['size', 'post_number']);
    expect(read.body.every((a) => a.updatedByName === null)).toBe(true);
    const staffRead = await agent.get<CategoryAttributeDto[]>(`/api/categories/${categoryId}/attributes`);
    expect(staffRead.body[1]!.updatedByName).not.toBeNull();
    expect((await anonymous.get(`/api/categories/${categoryId}/attributes?includeInactive=true`)).status).toBe(401);
    expect((await anonymous.get(`/api/categories/00000000-0000-4000-8000-000000000000/attributes`)).status).toBe(404);
  });

  it('refuses a bad definition naming the field: a list without values, a code used before, a changed datatype', async () => {
    const categoryId = await newCategory();
    const noValues = await admin.post<ErrorBody>(`/api/categories/${categoryId}/attributes`, {
      code: 'kind',
      labelPl: 'Rodzaj',
      labelEn: 'Kind',
      datatype: 'multivaluelist',
    });
    expect(noValues.status).toBe(400);
    expect(Object.keys(fieldsOf(noValues.body))).toEqual(['values']);
    const badCode = await admin.post<ErrorBody>(`/api/categories/${categoryId}/attributes`, {
      code: 'Kind Of',
      labelPl: 'Rodzaj',
      labelEn: 'Kind',
      datatype: 'string',
    });
    expect(Object.keys(fieldsOf(badCode.body))).toEqual(['code']);

    const kind = await define(categoryId, { code: 'kind', labelPl: 'Rodzaj', labelEn: 'Kind', datatype: 'string' });
    const twin = await admin.post<ErrorBody>(`/api/categories/${categoryId}/attributes`, {
      code: 'kind',
      labelPl: 'Rodzaj 2',
      labelEn: 'Kind 2',
      datatype: 'number',
    });
    expect(twin.status).toBe(400);
    expect(fieldsOf(twin.body).code).toMatch(/already asks kind/);
    const retyped = await admin.request<ErrorBody>('PUT', `/api/category-attributes/${kind.id}`, {
      labelPl: 'Rodzaj',
      labelEn: 'Kind',
      datatype: 'number',
      active: true,
    });
    expect(retyped.status).toBe(400);
    // Code and datatype stay as created: the update does not take them.
    expect(retyped.body.error.message).toMatch(/datatype/);
    const missingFromOrder = await admin.post<ErrorBody>(`/api/categories/${categoryId}/attributes/reorder`, {
      ids: [],
    });
    expect(missingFromOrder.status).toBe(400);
  });
});

describe('POST /api/tickets with attribute answers', () => {
  let categoryId: string;
  beforeAll(async () => {
    categoryId = await newCategory();
    await define(categoryId, {
      code: 'post_number',
      labelPl: 'Numer',
      labelEn: 'Number',
      datatype: 'string',
      required: true,
    });
    await define(categoryId, { code: 'count', labelPl: 'Ile', labelEn: 'How many', datatype: 'number' });
    await define(categoryId, {
      code: 'size',
      labelPl: 'Ile',
      labelEn: 'How much',
      datatype: 'singlevaluelist',
      values: SIZE_VALUES,
    });
    await define(categoryId, {
      code: 'kinds',
      labelPl: 'Rodzaje',
      labelEn: 'Kinds',
      datatype: 'multivaluelist',
      values: SIZE_VALUES,
    });
  });

  it('refuses every bad answer at once, each named attributes.<code>, and writes nothing', async () => {
    const before = await ticketCount();
    const res = await ticket(categoryId, { nope: 'x', count: 'dużo', size: 'huge', kinds: ['small', 'tiny'] });
    expect(res.status).toBe(400);
    expect(Object.keys(fieldsOf(res.body)).sort()).toEqual([
      'attributes.count',
      'attributes.kinds',
      'attributes.nope',
      'attributes.post_number',
      'attributes.size',
    ]);
    expect(fieldsOf(res.body)['attributes.post_number']).toBe('is required');
    expect((await ticket(categoryId)).status).toBe(400);
    expect(await ticketCount()).toBe(before);
  });

  it('keeps valid answers as stored: numbers read from text, lists as keys', async () => {
    const res = await ticket(categoryId, { post_number: ' 12/345 ', count: '2,5', size: 'large', kinds: ['small'] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.attributes).toEqual({ post_number: '12/345', count: 2.5, size: 'large', kinds: ['small'] });
  });

  it('checks the answers of tickets taken down on a call too, naming the ticket, and records nothing', async () => {
    const topicId = (
      await backend.ctx.db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND active LIMIT 1`)
    )[0].id;
    const calls = async () => Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM interaction`))[0].n);
    const before = [await calls(), await ticketCount()];
    const call = (attributes: Record<string, unknown>) =>
      agent.post<ErrorBody>('/api/calls', {
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        endedAt: new Date().toISOString(),
        topicId,
        outcome: 'problem',
        tickets: [
          {
            type: 'problem',
            categoryId,
            title: 'Zgłoszenie z rozmowy',
            description: 'Opis zgłoszenia z rozmowy telefonicznej.',
            attributes,
          },
        ],
      });
    const refused = await call({ size: 'huge' });
    expect(refused.status).toBe(400);
    expect(Object.keys(fieldsOf(refused.body))).toEqual(
      expect.arrayContaining(['tickets.0.attributes.post_number', 'tickets.0.attributes.size']),
    );
    expect([await calls(), await ticketCount()]).toEqual(before);
    expect((await call({ post_number: '7/1' })).status).toBe(201);
  });

  it('asks a question added a moment ago at once (the cache is forgotten on change)', async () => {
    const fresh = await newCategory();
    expect((await ticket(fresh)).status).toBe(201);
    await define(fresh, {
      code: 'photo_taken',
      labelPl: 'Zdjęcie?',
      labelEn: 'Photo?',
      datatype: 'text',
      required: true,
    });
    const refused = await ticket(fresh);
    expect(refused.status).toBe(400);
    expect(Object.keys(fieldsOf(refused.body))).toEqual(['attributes.photo_taken']);
  });
});

describe('deactivation', () => {
  it('stops asking a question or offering an answer, and old tickets keep what they answered', async () => {
    const categoryId = await newCategory();
    const volume = await define(categoryId, {
      code: 'volume',
      labelPl: 'Objętość',
      labelEn: 'Volume',
      datatype: 'singlevaluelist',
      required: true,
      values: SIZE_VALUES,
    });
    const old = await ticket(categoryId, { volume: 'large' });
    expect(old.status).toBe(201);

    // A list answer may be deactivated, never dropped: old tickets may hold it.
    const dropped = await admin.request<ErrorBody>('PUT', `/api/category-attributes/${volume.id}`, {
      labelPl: 'Objętość',
      labelEn: 'Volume',
      required: true,
      active: true,
      values: [SIZE_VALUES[0]],
    });
    expect(dropped.status).toBe(400);
    expect(fieldsOf(dropped.body).values).toMatch(/large may be deactivated/);
    const narrowed = await admin.request<CategoryAttributeDto>('PUT', `/api/category-attributes/${volume.id}`, {
      labelPl: 'Objętość',
      labelEn: 'Volume',
      required: true,
      active: true,
      values: [SIZE_VALUES[0], { ...SIZE_VALUES[1], active: false }],
    });
    expect(narrowed.status).toBe(200);
    expect(Object.keys(fieldsOf((await ticket(categoryId, { volume: 'large' })).body))).toEqual(['attributes.volume']);

    const off = await admin.request<CategoryAttributeDto>('PUT', `/api/category-attributes/${volume.id}`, {
      labelPl: 'Objętość',
      labelEn: 'Volume',
      required: true,
      active: false,
      values: narrowed.body.values,
    });
    expect(off.body.active).toBe(false);
    // No longer asked: a new ticket needs no answer, and one that sends it is told so.
    expect((await ticket(categoryId)).status).toBe(201);
    const stale = await ticket(categoryId, { volume: 'small' });
    expect(fieldsOf(stale.body)['attributes.volume']).toMatch(/no longer asked/);

    const kept = await agent.get<TicketDto>(`/api/tickets/${old.body.id}`);
    expect(kept.body.attributes).toEqual({ volume: 'large' });
    expect((await anonymous.get<CategoryAttributeDto[]>(`/api/categories/${categoryId}/attributes`)).body).toEqual([]);
    const all = await agent.get<CategoryAttributeDto[]>(
      `/api/categories/${categoryId}/attributes?includeInactive=true`,
    );
    expect(all.body).toMatchObject([
      { code: 'volume', active: false, values: [{ key: 'small' }, { key: 'large', active: false }] },
    ]);
  });
});
