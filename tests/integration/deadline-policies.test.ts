// Deadline policies edited through the API by analysts and admins: others get 403, bad input a 400 naming the
// field, an active twin or a ticket type left without its catch-all a 409, and a change counts the next ticket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadlinePolicyDto, DeadlinePolicyRequestInput, ErrorBody, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId } from '../../backend/src/test-support/builders.ts';
import { addWorkingDays, addWorkingMinutes } from '../../backend/src/deadlines/working-days.ts';

// Other test files share this database. Policies made here are for ideas about mowing at low priority, which no
// other test files, and are deactivated at the end.
const CATEGORY = 'greenery.mowing';

let backend: TestBackend;
let analyst: TestClient;
let admin: TestClient;
let agent: TestClient;
let triage: TestClient;
let mowing = '';
const created: string[] = [];

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [analyst, admin, agent, triage] = await signedInAll(backend.url, 'analityk', 'admin', 'agent', 'triage');
  mowing = await entryId(backend.ctx.db, 'category', CATEGORY);
});

afterAll(async () => {
  if (created.length > 0)
    await backend?.ctx.db.query(`UPDATE deadline_policy SET active = false WHERE id = ANY ($1::uuid[])`, [created]);
  await backend?.close();
});

const put = <T>(client: TestClient, id: string, body: unknown) =>
  client.request<T>('PUT', `/api/deadline-policies/${id}`, body);

async function policies(): Promise<DeadlinePolicyDto[]> {
  const res = await analyst.get<DeadlinePolicyDto[]>('/api/deadline-policies');
  expect(res.status).toBe(200);
  return res.body;
}

const catchAll = async (type: string) =>
  (await policies()).find((p) => p.active && p.ticketType === type && !p.categoryId && !p.priority && !p.channel)!;

const toBody = (p: DeadlinePolicyDto): DeadlinePolicyRequestInput => ({
  ticketType: p.ticketType,
  categoryId: p.categoryId,
  priority: p.priority,
  workingDays: p.workingDays,
  workingHours: p.workingHours,
  note: p.note,
  active: p.active,
});

async function mowingIdea(): Promise<TicketDto> {
  const res = await agent.post<TicketDto>('/api/tickets', {
    type: 'idea',
    channel: 'phone',
    categoryId: mowing,
    priority: 'low',
    title: 'Koszenie trawy rzadziej',
    description: 'Pomysł mieszkańca.',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

describe('who may edit deadline policies', () => {
  it('lets analysts and admins list them, stamped, and refuses other roles', async () => {
    const list = await policies();
    expect(
      list
        .filter((p) => p.active && !p.categoryId && !p.priority && !p.channel)
        .map((p) => p.ticketType)
        .sort(),
    ).toEqual(['idea', 'information', 'problem']);
    expect((await admin.get('/api/deadline-policies')).status).toBe(200);
    const body = { ticketType: 'idea', categoryId: mowing, priority: 'low', workingDays: 5 };
    for (const client of [agent, triage]) {
      expect((await client.get('/api/deadline-policies')).status).toBe(403);
      expect((await client.post('/api/deadline-policies', body)).status).toBe(403);
      expect((await put(client, list[0]!.id, toBody(list[0]!))).status).toBe(403);
    }
    const written = await backend.ctx.db.query(`SELECT 1 FROM deadline_policy WHERE category_id = $1`, [mowing]);
    expect(written).toHaveLength(0);
  });
});

describe('validation', () => {
  const valid = () => ({ ticketType: 'idea', categoryId: mowing, priority: 'low', workingDays: 5 });
  const cases: [string, Record<string, unknown>, string][] = [
    ['both units', { workingHours: 8 }, 'workingHours'],
    ['no unit', { workingDays: null }, 'workingDays'],
    ['zero days', { workingDays: 0 }, 'workingDays'],
    ['too many days', { workingDays: 121 }, 'workingDays'],
    ['too many hours', { workingDays: null, workingHours: 401 }, 'workingHours'],
    ['fractional days', { workingDays: 1.5 }, 'workingDays'],
    ['unknown ticket type', { ticketType: 'complaint' }, 'ticketType'],
    ['unknown priority', { priority: 'critical' }, 'priority'],
    ['unknown field', { unit: 'days' }, ''],
  ];
  it.each(cases)('answers 400 for %s, naming the field', async (_name, change, field) => {
    const res = await analyst.post<ErrorBody>('/api/deadline-policies', { ...valid(), ...change });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    const paths = res.body.error.fields!.map((f) => f.path);
    if (field) expect(paths).toEqual([field]);
    else expect(res.body.error.message).toMatch(/unit/);
  });

  it('answers 400 for a category id that is a district or not a category in use', async () => {
    const { db } = backend.ctx;
    const district = await entryId(db, 'district', 'I');
    const asDistrict = await analyst.post<ErrorBody>('/api/deadline-policies', { ...valid(), categoryId: district });
    expect(asDistrict.status).toBe(400);
    expect(asDistrict.body.error.fields).toEqual([
      { path: 'categoryId', message: expect.stringMatching(/not a category/) },
    ]);
    const unknown = await analyst.post<ErrorBody>('/api/deadline-policies', {
      ...valid(),
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields!.map((f) => f.path)).toEqual(['categoryId']);
    const written = await db.query(`SELECT 1 FROM deadline_policy WHERE category_id = $1`, [mowing]);
    expect(written).toHaveLength(0);
  });
});

describe('conflicts', () => {
  it('refuses a second active policy for the same type, category and priority', async () => {
    const res = await admin.post<ErrorBody>('/api/deadline-policies', { ticketType: 'problem', workingDays: 30 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/already exists/);
  });

  it('refuses to leave a ticket type without its active catch-all policy, and changes nothing', async () => {
    const policy = await catchAll('information');
    const deactivate = await put<ErrorBody>(analyst, policy.id, { ...toBody(policy), active: false });
    expect(deactivate.status).toBe(409);
    expect(deactivate.body.error.message).toMatch(/information.*catch-all/);
    const narrowed = await put<ErrorBody>(analyst, policy.id, { ...toBody(policy), priority: 'low' });
    expect(narrowed.status).toBe(409);
    const retyped = await put<ErrorBody>(analyst, policy.id, { ...toBody(policy), ticketType: 'idea' });
    expect(retyped.status).toBe(409);
    expect(await catchAll('information')).toEqual(policy);
  });
});

describe('a changed policy counts the next ticket at once', () => {
  it('creates, changes and deactivates a policy, stamped, and each next ticket gets its due date', async () => {
    const before = await mowingIdea(); // also fills the process's cached policies
    expect(before.dueAt).toBe(addWorkingDays(new Date(before.createdAt), 42).toISOString());

    const create = await analyst.post<DeadlinePolicyDto>('/api/deadline-policies', {
      ticketType: 'idea',
      categoryId: mowing,
      priority: 'low',
      workingHours: 6,
      note: 'test: mowing ideas',
    });
    expect(create.status, JSON.stringify(create.body)).toBe(201);
    created.push(create.body.id);
    expect(create.body).toMatchObject({
      active: true,
      workingHours: 6,
      workingDays: null,
      categoryLabel: expect.stringContaining('›'),
      updatedByName: 'Alicja Analityczna',
    });
    const inHours = await mowingIdea();
    expect(inHours.dueAt).toBe(addWorkingMinutes(new Date(inHours.createdAt), 6 * 60).toISOString());

    const twin = await admin.post<ErrorBody>('/api/deadline-policies', {
      ...toBody(create.body),
      workingDays: 3,
      workingHours: null,
    });
    expect(twin.status).toBe(409);

    const change = await put<DeadlinePolicyDto>(admin, create.body.id, {
      ...toBody(create.body),
      workingHours: null,
      workingDays: 4,
    });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    expect(change.body.updatedByName).toBe('Administrator systemu');
    expect(Date.parse(change.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(create.body.updatedAt));
    const inDays = await mowingIdea();
    expect(inDays.dueAt).toBe(addWorkingDays(new Date(inDays.createdAt), 4).toISOString());

    const off = await put<DeadlinePolicyDto>(analyst, create.body.id, { ...toBody(change.body), active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const after = await mowingIdea();
    expect(after.dueAt).toBe(addWorkingDays(new Date(after.createdAt), 42).toISOString());
    // Deactivated, not deleted: still listed, and its key is free for a new policy.
    expect((await policies()).find((p) => p.id === create.body.id)).toMatchObject({ active: false });
    const again = await analyst.post<DeadlinePolicyDto>('/api/deadline-policies', {
      ...toBody(change.body),
      workingDays: 2,
    });
    expect(again.status).toBe(201);
    created.push(again.body.id);
    const next = await mowingIdea();
    expect(next.dueAt).toBe(addWorkingDays(new Date(next.createdAt), 2).toISOString());
  });
});
