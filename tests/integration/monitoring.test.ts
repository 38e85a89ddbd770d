// DK-03's monitoring figures through the API, and the ticket lists behind them: tickets routed by hand
// to a unit made for this file, so its counts are not disturbed by other test files running in parallel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, MonitoringUnitsDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient } from '../../backend/src/test-support/test-client.ts';
import {
  buildUnit,
  buildUser,
  routedCategory,
  TEST_PASSWORD,
  unitId,
} from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let unitStaff: TestClient;
let unit: { id: string; code: string };
let routed: TicketDto[];

async function createTicket(title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title,
    description: 'Zgłoszenie do monitoringu DK-03.',
  });
  expect(created.status).toBe(201);
  return created.body;
}

async function routeTo(ticket: TicketDto, target: string): Promise<TicketDto> {
  const res = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, { unitId: target });
  expect(res.status).toBe(200);
  return res.body;
}

const figures = async () => {
  const res = await triage.get<MonitoringUnitsDto>('/api/monitoring/units');
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  // No relay and no worker: tickets stay `new` until triage routes them by hand.
  backend = await startTestBackend({ relay: false });
  [agent, triage] = await Promise.all([signedIn(backend.url, 'agent'), signedIn(backend.url, 'triage')]);
  unit = await buildUnit(backend.ctx.db);
  const staff = await buildUser(backend.ctx.db, { role: 'unit_staff', unitId: unit.id });
  unitStaff = new TestClient(backend.url);
  expect((await unitStaff.login(staff.login, TEST_PASSWORD)).status).toBe(200);

  routed = [];
  for (const title of [
    'Monitoring: po terminie',
    'Monitoring: w terminie',
    'Monitoring: przyjęte',
    'Monitoring: zwrot',
  ]) {
    routed.push(await routeTo(await createTicket(title), unit.id));
  }
  await backend.ctx.db.query(`UPDATE ticket SET due_at = now() - interval '1 day' WHERE id = $1`, [routed[0]!.id]);
  expect((await unitStaff.post(`/api/tickets/${routed[2]!.id}/accept`, {})).status).toBe(200);
  const returned = await unitStaff.post<TicketDto>(`/api/tickets/${routed[3]!.id}/return`, {
    reason: 'To nie jest sprawa tej jednostki',
  });
  expect(returned.body.status).toBe('returned');
});
afterAll(() => backend?.close());

describe('GET /api/monitoring/units', () => {
  it("counts the unit's open tickets by status, overdue and age", async () => {
    const body = await figures();
    const row = body.units.find((u) => u.unitCode === unit.code);
    expect(row).toMatchObject({
      unitId: unit.id,
      open: 3,
      overdue: 1,
      byStatus: { new: 0, triage: 0, routed: 2, accepted: 1, in_progress: 0, returned: 0, reopened: 0 },
    });
    expect(row!.oldestAgeHours).toBeGreaterThanOrEqual(0);
    expect(row!.oldestAgeHours).toBeLessThan(1);
    expect(row!.medianAgeHours).toBeLessThanOrEqual(row!.oldestAgeHours);
    expect(body.notPickedUpAfterHours).toBe(24);
    // Totals span every unit and every parallel test file: at least ours.
    expect(body.totals.open).toBeGreaterThanOrEqual(3);
    expect(body.totals.overdue).toBeGreaterThanOrEqual(1);
    expect(body.totals.returned).toBeGreaterThanOrEqual(1);
  });

  it('counts a ticket routed more than 24 hours ago and still not accepted as not picked up', async () => {
    const before = await figures();
    await backend.ctx.db.query(`UPDATE ticket SET updated_at = now() - interval '2 days' WHERE id = $1`, [
      routed[1]!.id,
    ]);
    const after = await figures();
    expect(after.totals.notPickedUp).toBeGreaterThanOrEqual(before.totals.notPickedUp + 1);
    const list = await triage.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&notPickedUp=true`);
    expect(list.body.map((t) => t.id)).toEqual([routed[1]!.id]);
  });

  it('refuses agents and unit staff (403) and names unknown query parameters (400)', async () => {
    expect((await agent.get('/api/monitoring/units')).status).toBe(403);
    expect((await unitStaff.get('/api/monitoring/units')).status).toBe(403);
    for (const login of ['analityk', 'kierownik', 'admin']) {
      expect((await (await signedIn(backend.url, login)).get('/api/monitoring/units')).status).toBe(200);
    }
    const bad = await triage.get<ErrorBody>('/api/monitoring/units?unit=DK-03');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields![0]!.message).toContain('unit');
  });
});

describe('GET /api/tickets with the monitoring filters', () => {
  it('lists exactly the overdue ticket of the unit', async () => {
    const res = await triage.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&overdue=true`);
    expect(res.status).toBe(200);
    expect(res.body.map((t) => t.id)).toEqual([routed[0]!.id]);
  });

  it('filters by several statuses and sorts by age or due date', async () => {
    const byAge = await triage.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&statuses=routed,accepted&sort=age`);
    expect(byAge.body.map((t) => t.id)).toEqual([routed[0]!.id, routed[1]!.id, routed[2]!.id]);
    const byDue = await triage.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&sort=due`);
    expect(byDue.body[0]!.id).toBe(routed[0]!.id);
    const returned = await triage.get<TicketDto[]>('/api/tickets?statuses=returned&limit=200');
    expect(returned.body.map((t) => t.id)).toContain(routed[3]!.id);
    expect(returned.body.every((t) => t.status === 'returned')).toBe(true);
  });

  it("keeps the caller's scope: unit staff see only their unit's tickets whatever the filter", async () => {
    const roads = await signedIn(backend.url, 'drogi');
    const res = await roads.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    const own = await unitStaff.get<TicketDto[]>(`/api/tickets?unitId=${unit.id}&overdue=true`);
    expect(own.body.map((t) => t.id)).toEqual([routed[0]!.id]);
    const agents = await agent.get<TicketDto[]>(
      `/api/tickets?unitId=${await unitId(backend.ctx.db, 'ZDMK')}&overdue=true`,
    );
    expect(agents.status).toBe(200);
  });

  it('answers 400 naming each bad filter', async () => {
    const res = await triage.get<ErrorBody>(
      '/api/tickets?unitId=DK-03&overdue=perhaps&statuses=routed,lost&sort=oldest',
    );
    expect(res.status).toBe(400);
    const paths = res.body.error.fields!.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'query.unitId',
        'query.overdue',
        'query.sort',
        expect.stringMatching(/^query\.statuses/),
      ]),
    );
  });
});
