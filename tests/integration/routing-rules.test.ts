// Routing rules as data an admin edits, against real servers: a keyword rule routes its tickets and keeps
// another unit informed (read-only), validation names each field, only admins edit, and order and activity count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ErrorBody,
  RoutingRuleDto,
  RoutingRuleRequestInput,
  TicketChangedMessage,
  TicketDetailDto,
  TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { socketFor } from '../support/sockets.ts';

// Other test files share this database and route tickets at the same time. Every rule made here is limited
// to district XVIII (which no other test uses) and to keywords, and is deactivated at the end.
const DISTRICT = 'XVIII';

let backend: TestBackend;
let worker: RunningWorkers;
let admin: TestClient;
let triage: TestClient;
let agent: TestClient;
let roads: TestClient;
const ids = { pothole: '', district: '', mpk: '', zdmk: '', ztp: '', wmk: '' };
const createdRules: string[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [admin, triage, agent, roads] = await signedInAll(backend.url, 'admin', 'triage', 'agent', 'drogi');
  const { db } = backend.ctx;
  Object.assign(ids, {
    pothole: await entryId(db, 'category', 'roads.pothole'),
    district: await entryId(db, 'district', DISTRICT),
    mpk: await unitId(db, 'MPK'),
    zdmk: await unitId(db, 'ZDMK'),
    ztp: await unitId(db, 'ZTP'),
    wmk: await unitId(db, 'WMK'),
  });
});

afterAll(async () => {
  if (createdRules.length > 0)
    await backend?.ctx.db.query(`UPDATE routing_rule SET active = false WHERE id = ANY ($1::uuid[])`, [createdRules]);
  await worker?.close();
  await backend?.close();
});

async function createRule(body: RoutingRuleRequestInput): Promise<RoutingRuleDto> {
  const res = await admin.post<RoutingRuleDto>('/api/routing-rules', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  createdRules.push(res.body.id);
  return res.body;
}

/** A pothole report in district XVIII, read back once the worker has routed it. */
async function reportPothole(title: string, description: string): Promise<TicketDetailDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: ids.pothole,
    districtId: ids.district,
    title,
    description,
  });
  expect(created.status).toBe(201);
  for (let i = 0; i < 100; i++) {
    const res = await triage.get<TicketDetailDto>(`/api/tickets/${created.body.id}`);
    if (res.body.status !== 'new') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ticket ${created.body.id} was never routed`);
}

const routedEvent = (ticket: TicketDetailDto) => ticket.events.find((e) => e.kind === 'ticket.routed')!;

describe('a keyword rule', () => {
  it('routes matching tickets to its unit, keeps another unit informed and names itself in the history', async () => {
    const rule = await createRule({
      name: 'Torowiska w Nowej Hucie',
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['tramwaj', ' Pleszów ', 'TRAMWAJ'],
      unitId: ids.mpk,
      informedUnitIds: [ids.zdmk],
    });
    expect(rule).toMatchObject({
      categoryLabel: 'Drogi i chodniki › Dziura w jezdni',
      districtLabel: `${DISTRICT} Nowa Huta`,
      keywords: ['tramwaj', 'Pleszów'], // trimmed, repeats differing in case dropped
      unitCode: 'MPK',
      informedUnits: [{ id: ids.zdmk, code: 'ZDMK', name: expect.any(String) }],
      active: true,
      updatedByName: expect.any(String),
    });
    const listed = await triage.get<RoutingRuleDto[]>('/api/routing-rules');
    expect(listed.status).toBe(200);
    expect(listed.body.map((r) => r.id)).toContain(rule.id);

    const roadsSocket = await socketFor(backend.url, roads);
    const roadsHeard: TicketChangedMessage[] = [];
    roadsSocket.on('ticket.changed', (m) => roadsHeard.push(m));

    // Prefix of a word, any case: `tramwaj` finds `TRAMWAJOWYCH`.
    const ticket = await reportPothole(
      'Dziura w jezdni',
      'Głęboka dziura przy torach TRAMWAJOWYCH na ul. Ptaszyckiego.',
    );
    expect(ticket).toMatchObject({ status: 'routed', unitCode: 'MPK', informedUnitIds: [ids.zdmk] });
    const routed = routedEvent(ticket);
    expect(routed.changes.routingRuleId).toEqual({ from: null, to: rule.id });
    expect(routed.changes.informedUnitIds).toEqual({ from: [], to: [ids.zdmk] });
    expect(routed.changes.informedUnits).toEqual({ from: [], to: ['ZDMK'] });
    expect(routed.reason).toBe(
      `Reguła routingu #${rule.position}: Dziura w jezdni → MPK („Torowiska w Nowej Hucie”), ` +
        'słowo kluczowe „tramwaj”; do wiadomości: ZDMK',
    );

    // Diacritics do not matter: `Pleszów` finds `Pleszowie`.
    const second = await reportPothole('Zapadnięta jezdnia', 'Koło pętli autobusowej w Pleszowie.');
    expect(second).toMatchObject({ unitCode: 'MPK' });
    expect(routedEvent(second).reason).toContain('słowo kluczowe „Pleszów”');

    // ZDMK is kept informed: it reads the ticket and hears of it, but cannot act on it.
    const read = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    expect(read.status).toBe(200);
    expect(read.body.events.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.routed']);
    expect((await roads.post(`/api/tickets/${ticket.id}/accept`, {})).status).toBe(404);
    expect((await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Nie nasza sprawa' })).status).toBe(404);
    const queue = await roads.get<TicketDto[]>('/api/tickets?view=unit');
    expect(queue.body.map((t) => t.id)).not.toContain(ticket.id);
    for (let i = 0; i < 50 && !roadsHeard.some((m) => m.ticket.id === ticket.id); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(roadsHeard.find((m) => m.ticket.id === ticket.id)?.kind).toBe('ticket.routed');

    // Routed by hand elsewhere, the rule's decision (informed units included) no longer holds.
    const removed = new Promise<{ ticketId: string }>((resolve) =>
      roadsSocket.on('ticket.removed', (m) => m.ticketId === ticket.id && resolve(m)),
    );
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, { unitId: ids.ztp });
    expect(rerouted.body).toMatchObject({ unitCode: 'ZTP', informedUnitIds: [] });
    await removed;
    expect((await roads.get(`/api/tickets/${ticket.id}`)).status).toBe(404);
    roadsSocket.disconnect();
  });

  it('leaves tickets without its keywords to the plain category rule', async () => {
    await createRule({
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotest-plain'],
      unitId: ids.mpk,
    });
    // `tramwaj` inside another word is no match either.
    const ticket = await reportPothole('Dziura na parkingu', 'Dziura na parkingu przy bloku, obok Autotramwaju.');
    const plain: { id: string }[] = await backend.ctx.db.query(
      `SELECT id FROM routing_rule WHERE category_id = $1 AND district_id IS NULL AND keywords = '{}' AND active`,
      [ids.pothole],
    );
    expect(ticket).toMatchObject({ status: 'routed', unitCode: 'ZDMK', informedUnitIds: [] });
    expect(routedEvent(ticket).changes.routingRuleId).toEqual({ from: null, to: plain[0]!.id });
    expect(routedEvent(ticket).changes.informedUnitIds).toBeUndefined();
  });
});

describe('editing rules', () => {
  it('answers 400 naming each bad field', async () => {
    const references = await admin.post<ErrorBody>('/api/routing-rules', {
      categoryId: ids.district, // a district where a category belongs
      districtId: ids.pothole,
      keywords: ['tramwaj'],
      unitId: '00000000-0000-4000-8000-000000000000',
      informedUnitIds: [ids.zdmk, ids.zdmk],
    });
    expect(references.status).toBe(400);
    expect(references.body.error.code).toBe('validation_failed');
    expect(references.body.error.fields).toEqual([
      { path: 'categoryId', message: expect.stringMatching(/is a district, not a category/) },
      { path: 'districtId', message: expect.stringMatching(/is a category, not a district/) },
      { path: 'unitId', message: expect.stringMatching(/no unit with id/) },
      { path: 'informedUnitIds.1', message: 'unit listed twice' },
    ]);

    const mainTwice = await admin.post<ErrorBody>('/api/routing-rules', {
      categoryId: ids.pothole,
      unitId: ids.mpk,
      informedUnitIds: [ids.mpk],
    });
    expect(mainTwice.body.error.fields).toEqual([
      { path: 'informedUnitIds.0', message: 'the main unit is not also an informed unit' },
    ]);

    const tooMany = await admin.post<ErrorBody>('/api/routing-rules', {
      categoryId: ids.pothole,
      unitId: ids.mpk,
      keywords: Array.from({ length: 21 }, (_, i) => `slowo${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.fields!.map((f) => f.path)).toEqual(['keywords']);

    const shapes = await admin.post<ErrorBody>('/api/routing-rules', {
      categoryId: 'roads.pothole',
      keywords: ['ok', 'x'.repeat(51), '?!'],
      informedUnitIds: ['ZDMK'],
      extra: true,
    });
    expect(shapes.status).toBe(400);
    expect(shapes.body.error.fields!.map((f) => f.path)).toEqual(
      expect.arrayContaining(['categoryId', 'unitId', 'keywords.1', 'keywords.2', 'informedUnitIds.0']),
    );

    const missing = await admin.request<ErrorBody>('PUT', '/api/routing-rules/00000000-0000-4000-8000-000000000000', {
      categoryId: ids.pothole,
      unitId: ids.mpk,
    });
    expect(missing.status).toBe(404);
    const badId = await admin.post<ErrorBody>('/api/routing-rules/not-a-rule/deactivate');
    expect(badId.body.error.fields!.map((f) => f.path)).toEqual(['params.id']);
    const reorderUnknown = await admin.post<ErrorBody>('/api/routing-rules/reorder', {
      ids: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(reorderUnknown.body.error.fields!.map((f) => f.path)).toEqual(['ids.0']);
  });

  it('lets only admins change rules; triage and supervisors read them', async () => {
    const supervisor = await signedIn(backend.url, 'kierownik');
    const body = { categoryId: ids.pothole, districtId: ids.district, keywords: ['autotest-403'], unitId: ids.mpk };
    expect((await triage.post('/api/routing-rules', body)).status).toBe(403);
    expect((await supervisor.post('/api/routing-rules', body)).status).toBe(403);
    expect((await supervisor.get('/api/routing-rules')).status).toBe(200);
    expect((await roads.get('/api/routing-rules')).status).toBe(403);
    expect((await agent.get('/api/routing-rules')).status).toBe(403);
    const rule = await createRule(body);
    expect((await triage.request('PUT', `/api/routing-rules/${rule.id}`, body)).status).toBe(403);
    expect((await triage.post(`/api/routing-rules/${rule.id}/deactivate`)).status).toBe(403);
    expect((await triage.post('/api/routing-rules/reorder', { ids: [rule.id] })).status).toBe(403);
  });

  it('updates a rule and stamps who changed it', async () => {
    const rule = await createRule({
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotest-update'],
      unitId: ids.mpk,
    });
    const updated = await admin.request<RoutingRuleDto>('PUT', `/api/routing-rules/${rule.id}`, {
      name: 'Po zmianie',
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotest-update', 'autotest-update-2'],
      unitId: ids.wmk,
      informedUnitIds: [ids.mpk],
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      id: rule.id,
      position: rule.position,
      name: 'Po zmianie',
      keywords: ['autotest-update', 'autotest-update-2'],
      unitCode: 'WMK',
      informedUnitIds: [ids.mpk],
    });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(rule.updatedAt));
    expect(updated.body.updatedByName).toBe(rule.updatedByName);
  });

  it('decides between equally specific rules by their order, which the admin changes', async () => {
    const first = await createRule({
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotestorder'],
      unitId: ids.ztp,
    });
    const second = await createRule({
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotestorder'],
      unitId: ids.wmk,
    });
    expect(second.position).toBeGreaterThan(first.position);
    expect((await reportPothole('Kolejność', 'Słowo autotestorder w opisie.')).unitCode).toBe('ZTP');

    const reordered = await admin.post<RoutingRuleDto[]>('/api/routing-rules/reorder', { ids: [second.id, first.id] });
    expect(reordered.status).toBe(200);
    const order = reordered.body.map((r) => r.id);
    expect(order.indexOf(second.id)).toBeLessThan(order.indexOf(first.id));
    expect(reordered.body.find((r) => r.id === second.id)!.position).toBe(first.position);
    expect((await reportPothole('Kolejność', 'Słowo autotestorder w opisie.')).unitCode).toBe('WMK');
  });

  it('never deletes a rule: a deactivated rule stops matching, and can come back', async () => {
    const rule = await createRule({
      categoryId: ids.pothole,
      districtId: ids.district,
      keywords: ['autotestactive'],
      unitId: ids.wmk,
    });
    const off = await admin.post<RoutingRuleDto>(`/api/routing-rules/${rule.id}/deactivate`);
    expect(off.body.active).toBe(false);
    const listed = await admin.get<RoutingRuleDto[]>('/api/routing-rules');
    expect(listed.body.find((r) => r.id === rule.id)?.active).toBe(false);
    expect((await reportPothole('Nieaktywna', 'Słowo autotestactive w opisie.')).unitCode).toBe('ZDMK');

    const on = await admin.post<RoutingRuleDto>(`/api/routing-rules/${rule.id}/activate`);
    expect(on.body.active).toBe(true);
    expect((await reportPothole('Aktywna', 'Słowo autotestactive w opisie.')).unitCode).toBe('WMK');
  });
});
