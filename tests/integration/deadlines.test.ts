// Deadlines through the API: due dates from the policies (type, category, priority; the most specific wins),
// the clock paused while a unit waits for the resident and the due date moved on resume, the due-soon list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, MonitoringUnitsDto, TicketDetailDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId } from '../../backend/src/test-support/builders.ts';
import { addWorkingDays, addWorkingMinutes } from '../../backend/src/deadlines/working-days.ts';
import { dueAfterPause } from '../../backend/src/deadlines/deadline-times.ts';
import { forgetDeadlineRules } from '../../backend/src/deadlines/deadline-policies.ts';
import { dueSoonLimit } from '../../backend/src/deadlines/deadline-conditions.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;
let greenery: TestClient;

beforeAll(async () => {
  // No relay and no worker: triage routes by hand; nothing here needs a queue.
  backend = await startTestBackend({ relay: false });
  [agent, triage, roads, greenery] = await signedInAll(backend.url, 'agent', 'triage', 'drogi', 'zielen');
});
afterAll(() => backend?.close());

async function report(categoryCode: string, extra: Record<string, unknown> = {}): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await entryId(backend.ctx.db, 'category', categoryCode),
    title: 'Zgłoszenie z terminem',
    description: 'Opis zgłoszenia.',
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function atRoads(priority = 'normal'): Promise<TicketDto> {
  const ticket = await report('roads.pothole', { priority });
  const routed = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, {
    unitId: await unitId(backend.ctx.db, 'ZDMK'),
  });
  expect(routed.status).toBe(200);
  return routed.body;
}

const ms = (iso: string | null) => new Date(iso!).getTime();

describe('due dates from the deadline policies', () => {
  it('counts an urgent road hazard in office hours and a high one in working days', async () => {
    const urgent = await report('roads.pothole', { priority: 'urgent' });
    expect(urgent.priority).toBe('urgent');
    expect(urgent.dueAt).toBe(addWorkingMinutes(new Date(urgent.createdAt), 8 * 60).toISOString());
    const high = await report('roads.pothole', { priority: 'high' });
    expect(high.dueAt).toBe(addWorkingDays(new Date(high.createdAt), 3).toISOString());
  });

  it("gives a normal problem the Code of Administrative Procedure's month and an idea two months", async () => {
    const normal = await report('roads.pothole');
    expect(normal.priority).toBe('normal');
    expect(normal.dueAt).toBe(addWorkingDays(new Date(normal.createdAt), 21).toISOString());
    const idea = await report('ideas.improvement', { type: 'idea' });
    expect(idea.dueAt).toBe(addWorkingDays(new Date(idea.createdAt), 42).toISOString());
    const information = await report('other.other', { type: 'information' });
    expect(information.dueAt).toBe(addWorkingDays(new Date(information.createdAt), 10).toISOString());
  });

  it('lets a policy for the leaf category win over its group, and a priority over any priority', async () => {
    const { db } = backend.ctx;
    const signs = await entryId(db, 'category', 'roads.signs');
    await db.query(
      `INSERT INTO deadline_policy (ticket_type, category_id, priority, working_hours, note)
       VALUES ('problem', $1, 'urgent', 4, 'test: a missing stop sign')`,
      [signs],
    );
    forgetDeadlineRules(db);
    try {
      const leaf = await report('roads.signs', { priority: 'urgent' });
      expect(leaf.dueAt).toBe(addWorkingMinutes(new Date(leaf.createdAt), 4 * 60).toISOString());
      const group = await report('roads.pavement', { priority: 'urgent' });
      expect(group.dueAt).toBe(addWorkingMinutes(new Date(group.createdAt), 8 * 60).toISOString());
    } finally {
      await db.query(`DELETE FROM deadline_policy WHERE category_id = $1 AND priority = 'urgent'`, [signs]);
      forgetDeadlineRules(db);
    }
  });

  it('answers 400 naming the field for an unknown priority', async () => {
    const res = await agent.post<ErrorBody>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await entryId(backend.ctx.db, 'category', 'roads.pothole'),
      title: 'Zły priorytet',
      description: 'Opis.',
      priority: 'critical',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields!.map((f) => f.path)).toEqual(['priority']);
    const written = await backend.ctx.db.query(`SELECT 1 FROM ticket WHERE title = 'Zły priorytet'`);
    expect(written).toHaveLength(0);
  });
});

describe('waiting for the resident', () => {
  it('pauses the clock with the question in the history, and checks role, unit, version and state', async () => {
    const ticket = await atRoads();
    const path = `/api/tickets/${ticket.id}/wait-for-resident`;
    expect(
      (await roads.post<ErrorBody>(path, { version: ticket.version })).body.error.fields!.map((f) => f.path),
    ).toEqual(['question']);
    expect((await agent.post(path, { question: 'Czy dziura jest przy krawężniku?' })).status).toBe(403);
    expect((await greenery.post(path, { question: 'Czy dziura jest przy krawężniku?' })).status).toBe(404);
    const stale = await roads.post<ErrorBody>(path, { question: 'Gdzie dokładnie?', version: ticket.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');

    const paused = await roads.post<TicketDto>(path, { question: 'Gdzie dokładnie?', version: ticket.version });
    expect(paused.status).toBe(200);
    expect(paused.body.version).toBe(ticket.version + 1);
    expect(paused.body.waitingForResident).toMatchObject({ question: 'Gdzie dokładnie?' });
    expect(paused.body.dueAt).toBe(ticket.dueAt);
    const again = await roads.post<ErrorBody>(path, { question: 'Jeszcze raz?' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');

    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    expect(detail.body.events.at(-1)).toMatchObject({
      kind: 'ticket.waiting_for_resident',
      reason: 'Gdzie dokładnie?',
    });
  });

  it('moves the due date on resume by the office time waited, and a waiting ticket is not overdue', async () => {
    const ticket = await atRoads();
    const { db } = backend.ctx;
    const paused = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/wait-for-resident`, {
      question: 'Czy może Pani przesłać zdjęcie?',
    });
    // The question went out a week ago and the deadline passed meanwhile.
    const since = new Date(Date.now() - 7 * 86_400_000);
    const dueBefore = new Date(Date.now() - 86_400_000);
    await db.query(`UPDATE ticket SET waiting_since = $2, due_at = $3 WHERE id = $1`, [ticket.id, since, dueBefore]);
    const overdue = await triage.get<TicketDto[]>('/api/tickets?overdue=true&limit=200&sort=due');
    expect(overdue.body.map((t) => t.id)).not.toContain(ticket.id);

    expect((await roads.post(`/api/tickets/${ticket.id}/resume`, { version: paused.body.version - 1 })).status).toBe(
      409,
    );
    const resumed = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/resume`, {
      answer: 'Mieszkanka przesłała zdjęcie.',
      version: paused.body.version,
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body.waitingForResident).toBeNull();
    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    const event = detail.body.events.at(-1)!;
    expect(event).toMatchObject({ kind: 'ticket.resumed', reason: 'Mieszkanka przesłała zdjęcie.' });
    const expected = dueAfterPause(dueBefore, since, new Date(event.at));
    // At least five working days waited; the server's clock and the event's differ by milliseconds.
    expect(ms(resumed.body.dueAt) - dueBefore.getTime()).toBeGreaterThan(4 * 86_400_000);
    expect(Math.abs(ms(resumed.body.dueAt) - expected.getTime())).toBeLessThan(5_000);
    expect(event.changes.dueAt).toEqual({ from: dueBefore.toISOString(), to: resumed.body.dueAt });
    expect((await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/resume`, {})).status).toBe(409);
  });
});

describe('the due-soon list', () => {
  it('lists open tickets due within the office hours configured, not the later ones nor the overdue', async () => {
    const [soon, later, late] = await Promise.all([atRoads(), atRoads(), atRoads()]);
    const { db } = backend.ctx;
    await db.query(`UPDATE ticket SET due_at = $2 WHERE id = $1`, [soon.id, new Date(Date.now() + 120_000)]);
    await db.query(`UPDATE ticket SET due_at = $2 WHERE id = $1`, [
      later.id,
      new Date(dueSoonLimit().getTime() + 86_400_000),
    ]);
    await db.query(`UPDATE ticket SET due_at = $2 WHERE id = $1`, [late.id, new Date(Date.now() - 60_000)]);
    const list = await roads.get<TicketDto[]>('/api/tickets?view=unit&dueSoon=true&limit=200');
    expect(list.status).toBe(200);
    const ids = list.body.map((t) => t.id);
    expect(ids).toContain(soon.id);
    expect(ids).not.toContain(later.id);
    expect(ids).not.toContain(late.id);
    const overdue = await roads.get<TicketDto[]>('/api/tickets?view=unit&overdue=true&limit=200');
    expect(overdue.body.map((t) => t.id)).toContain(late.id);
    expect(list.body.find((t) => t.id === soon.id)!.dueState).toBe('due_soon');
    expect(overdue.body.find((t) => t.id === late.id)!.dueState).toBe('overdue');
    // DK-03's monitoring counts them by the same rule, and its figure links to this list.
    const monitoring = await triage.get<MonitoringUnitsDto>('/api/monitoring/units');
    expect(monitoring.body.totals.dueSoon).toBeGreaterThanOrEqual(1);
  });
});

describe('the escalated list', () => {
  /** What the escalation job leaves on a ticket whose deadline passed (deadline-alerts.test.ts runs the job). */
  async function escalated(ticket: TicketDto): Promise<TicketDto> {
    await backend.ctx.db.query(
      `UPDATE ticket SET due_at = now() - interval '1 day', escalated_at = now(), version = version + 1 WHERE id = $1`,
      [ticket.id],
    );
    return (await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`)).body;
  }
  const escalatedIds = async () =>
    (await triage.get<TicketDto[]>('/api/tickets?escalated=true&limit=200')).body.map((t) => t.id);

  it('lists only open tickets: a resolved one keeps the date of its escalation but leaves the list', async () => {
    const open = await escalated(await atRoads());
    const done = await escalated(await atRoads());
    await roads.post(`/api/tickets/${done.id}/accept`, { version: done.version });
    await roads.post(`/api/tickets/${done.id}/start`, {});
    const resolved = await roads.post<TicketDto>(`/api/tickets/${done.id}/resolve`, {
      answer: 'Ubytek uzupełniono masą asfaltową.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.escalatedAt).not.toBeNull();

    const ids = await escalatedIds();
    expect(ids).toContain(open.id);
    expect(ids).not.toContain(done.id);
    const notEscalated = await triage.get<TicketDto[]>('/api/tickets?escalated=false&statuses=resolved&limit=200');
    expect(notEscalated.body.map((t) => t.id)).toContain(done.id);
  });

  it('drops a ticket DK-03 gives to another unit, which starts clean, but keeps it overdue', async () => {
    const ticket = await escalated(await atRoads());
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZZM'),
      version: ticket.version,
    });
    expect(rerouted.status).toBe(200);
    expect(rerouted.body.escalatedAt).toBeNull();
    expect(await escalatedIds()).not.toContain(ticket.id);
    expect(rerouted.body.dueState).toBe('overdue');
  });

  it('drops a ticket whose due date moved when the resident answered', async () => {
    const ticket = await escalated(await atRoads());
    const paused = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/wait-for-resident`, {
      question: 'Czy ubytek nadal jest niebezpieczny?',
      version: ticket.version,
    });
    expect(paused.body.escalatedAt).not.toBeNull();
    await backend.ctx.db.query(`UPDATE ticket SET waiting_since = now() - interval '3 days' WHERE id = $1`, [
      ticket.id,
    ]);
    const resumed = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/resume`, { answer: 'Tak.' });
    expect(resumed.status).toBe(200);
    expect(ms(resumed.body.dueAt)).toBeGreaterThan(ms(ticket.dueAt));
    expect(resumed.body.escalatedAt).toBeNull();
    expect(await escalatedIds()).not.toContain(ticket.id);
  });
});
