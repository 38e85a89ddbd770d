// DK-05's figures from the rollups: the same numbers as counted from the raw tables, kept current by an
// incremental refresh and by the worker's schedule, and refused periods. Tickets go to a unit made for this file
// and calls to a day in 2019, so other test files running in parallel do not disturb the counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacklogRowDto, CallFiguresDto, ErrorBody, TicketDto, TicketFiguresDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUnit, buildUser, routedCategory, TEST_PASSWORD } from '../../backend/src/test-support/builders.ts';
import { refreshRollups } from '../../backend/src/analytics/rollups.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { sleep } from '../support/waiting.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let analyst: TestClient;
let unitStaff: TestClient;
let unit: { id: string; code: string };
let categoryId: string;
const tickets: TicketDto[] = [];

/** A local (Kraków) date `offset` days from today, as the rollups count days. */
const localDay = (offset = 0) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Warsaw' }).format(new Date(Date.now() + offset * 86_400_000));

async function createRouted(title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId,
    title,
    description: 'Zgłoszenie do statystyk DK-05.',
  });
  expect(created.status).toBe(201);
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId: unit.id });
  expect(routed.status).toBe(200);
  return routed.body;
}

async function resolve(ticket: TicketDto): Promise<void> {
  expect((await unitStaff.post(`/api/tickets/${ticket.id}/accept`, {})).status).toBe(200);
  expect(
    (await unitStaff.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Naprawione, dziękujemy.' })).status,
  ).toBe(200);
}

/** Moves a ticket and its history back by whole days, as if it had been written then. */
async function backdate(ticket: TicketDto, days: number): Promise<void> {
  const shift = `interval '${days} days'`;
  await backend.ctx.db.query(
    `UPDATE ticket SET created_at = created_at - ${shift}, due_at = due_at - ${shift} WHERE id = $1`,
    [ticket.id],
  );
  // ticket_event is append-only (a trigger refuses UPDATE); the test moves it past the trigger as an admin would.
  await backend.ctx.db.transaction(async (em) => {
    await em.query(`SET LOCAL session_replication_role = replica`);
    await em.query(`UPDATE ticket_event SET at = at - ${shift} WHERE ticket_id = $1`, [ticket.id]);
  });
}

const ticketFigures = async (query: string) => {
  const res = await analyst.get<TicketFiguresDto>(`/api/analytics/tickets?${query}`);
  expect(res.status).toBe(200);
  return res.body;
};

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, triage, analyst] = await Promise.all([
    signedIn(backend.url, 'agent'),
    signedIn(backend.url, 'triage'),
    signedIn(backend.url, 'analityk'),
  ]);
  unit = await buildUnit(backend.ctx.db);
  const staff = await buildUser(backend.ctx.db, { role: 'unit_staff', unitId: unit.id });
  unitStaff = new TestClient(backend.url);
  expect((await unitStaff.login(staff.login, TEST_PASSWORD)).status).toBe(200);
  categoryId = await routedCategory(backend.ctx.db, 'ZDMK');
  for (let i = 0; i < 5; i++) tickets.push(await createRouted(`Statystyki ${i}`));
  await resolve(tickets[0]!);
  await resolve(tickets[1]!);
  // One resolved after its due date: the deadline was not kept.
  await backend.ctx.db.query(`UPDATE ticket SET due_at = created_at WHERE id = $1`, [tickets[1]!.id]);
  await backend.ctx.db.query(`UPDATE ticket SET due_at = now() + interval '10 days' WHERE id = $1`, [tickets[0]!.id]);
  await backdate(tickets[3]!, 40);
  await refreshRollups(backend.ctx.db);
});
afterAll(() => backend?.close());

describe('ticket figures', () => {
  it('counts the same as the raw tables, per day and status', async () => {
    const [from, to] = [localDay(-60), localDay(1)];
    const body = await ticketFigures(
      `from=${from}&to=${to}&unitId=${unit.id}&groupBy=day,status&measures=tickets,open`,
    );
    const raw = (await backend.ctx.db.query(
      `SELECT to_char((created_at AT TIME ZONE 'Europe/Warsaw')::date, 'YYYY-MM-DD') AS day, status, count(*)::int AS n
         FROM ticket WHERE unit_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [unit.id],
    )) as { day: string; status: string; n: number }[];
    expect(body.rows.map((r) => ({ day: r.key.day, status: r.key.status, n: r.values.tickets }))).toEqual(raw);
    expect(body.totals).toEqual({ tickets: 5, open: 3 });
    expect(body.refreshedAt).not.toBeNull();
  });

  it('gives times to route and resolve, and the share of deadlines kept', async () => {
    const [from, today] = [localDay(-1), localDay()];
    const body = await ticketFigures(`from=${from}&to=${today}&unitId=${unit.id}&groupBy=unit`);
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]!.label.unit).toBe(`${unit.code} Test unit ${unit.code}`);
    expect(body.totals).toMatchObject({ tickets: 4, routed: 4, resolved: 2, withDeadline: 2, deadlineKept: 1 });
    expect(body.totals.deadlineKeptShare).toBe(0.5);
    expect(body.totals.avgRouteHours).toBeGreaterThan(0);
    expect(body.totals.avgRouteHours).toBeLessThan(1);
    expect(body.totals.avgResolveHours).toBeGreaterThan(0);
  });

  it('follows a change to a ticket written on an earlier day after an incremental refresh', async () => {
    const day = (await backend.ctx.db.query(
      `SELECT to_char((created_at AT TIME ZONE 'Europe/Warsaw')::date, 'YYYY-MM-DD') AS day FROM ticket WHERE id = $1`,
      [tickets[3]!.id],
    )) as { day: string }[];
    const query = `from=${day[0]!.day}&to=${day[0]!.day}&unitId=${unit.id}&measures=tickets,resolved,open`;
    expect((await ticketFigures(query)).totals).toEqual({ tickets: 1, resolved: 0, open: 1 });
    await resolve(tickets[3]!);
    const result = await refreshRollups(backend.ctx.db);
    expect(result.full).toBe(false);
    expect(result.changed).toBe(true);
    expect((await ticketFigures(query)).totals).toEqual({ tickets: 1, resolved: 1, open: 0 });
  });

  it('takes a parent category for its children and groups by labels', async () => {
    const parent = (await backend.ctx.db.query(`SELECT parent_id FROM dictionary_entry WHERE id = $1`, [
      categoryId,
    ])) as {
      parent_id: string | null;
    }[];
    const [from, to] = [localDay(-60), localDay()];
    const body = await ticketFigures(
      `from=${from}&to=${to}&unitId=${unit.id}&categoryId=${parent[0]!.parent_id ?? categoryId}&groupBy=category,channel`,
    );
    expect(body.totals.tickets).toBe(5);
    expect(body.rows[0]!.key.category).toBe(categoryId);
    expect(body.rows[0]!.label.channel).toMatch(/telefon/i);
  });

  it('reads whole months from the month rollups with the same result as from the days', async () => {
    const from = `${localDay(-70).slice(0, 7)}-01`;
    const to = localDay();
    const byMonth = await ticketFigures(`from=${from}&to=${to}&unitId=${unit.id}&groupBy=unit`);
    const byDay = await ticketFigures(`from=${from}&to=${to}&unitId=${unit.id}&groupBy=day`);
    // Means are sums of seconds added in another order: equal to the last few bits.
    for (const [measure, value] of Object.entries(byDay.totals))
      expect(byMonth.totals[measure as keyof typeof byDay.totals], measure).toBeCloseTo(value!, 9);
    expect(byMonth.totals.open).toBe(2);
    expect(byMonth.totals.tickets).toBe(5);
  });

  it("shows unit staff their own unit's figures only", async () => {
    const other = await buildUnit(backend.ctx.db);
    const [from, to] = [localDay(-60), localDay()];
    const res = await unitStaff.get<TicketFiguresDto>(
      `/api/analytics/tickets?from=${from}&to=${to}&unitId=${other.id}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.totals.tickets).toBe(5);
    const backlog = await unitStaff.get<BacklogRowDto[]>('/api/analytics/backlog');
    expect(backlog.body).toEqual([
      expect.objectContaining({ unitId: unit.id, open: 2, byAge: { upTo7: 2, upTo30: 0, upTo90: 0, older: 0 } }),
    ]);
    expect((await unitStaff.get('/api/analytics/calls?from=2019-01-01&to=2019-01-31')).status).toBe(403);
    expect((await agent.get('/api/analytics/tickets?from=2019-01-01&to=2019-01-31')).status).toBe(403);
  });

  it('counts closed tickets by their closure reason, under its label', async () => {
    const reason = (await backend.ctx.db.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'closure_reason' AND code = 'planned'`,
    )) as { id: string }[];
    const closed = await triage.post<TicketDto>(`/api/tickets/${tickets[0]!.id}/close`, {
      closureReasonId: reason[0]!.id,
    });
    expect(closed.status).toBe(200);
    await refreshRollups(backend.ctx.db);
    const [from, to] = [localDay(-60), localDay(1)];
    const body = await ticketFigures(`from=${from}&to=${to}&unitId=${unit.id}&groupBy=closureReason`);
    const planned = body.rows.find((r) => r.key.closureReason === reason[0]!.id);
    expect(planned).toMatchObject({ label: { closureReason: 'Ujęte w planie prac' }, values: { tickets: 1 } });
    expect(body.rows.filter((r) => r !== planned).map((r) => r.key.closureReason)).toEqual([null]);
    expect(body.totals.tickets).toBe(5);
    // The figure's drill-down: the ticket list filtered by the closure reason.
    const list = await analyst.get<TicketDto[]>(
      `/api/tickets?unitId=${unit.id}&closureReasonId=${reason[0]!.id}&createdFrom=${from}&createdTo=${to}`,
    );
    expect(list.body.map((ticket) => ticket.id)).toEqual([tickets[0]!.id]);
  });
});

describe('call figures', () => {
  it('counts calls by hour, talk and wrap-up times and information-only calls', async () => {
    const db = backend.ctx.db;
    const [agentId] = ((await db.query(`SELECT id FROM app_user WHERE login = 'agent'`)) as { id: string }[]).map(
      (r) => r.id,
    );
    const [topic] = (
      (await db.query(
        `SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' AND active ORDER BY sort_order LIMIT 1`,
      )) as { id: string }[]
    ).map((r) => r.id);
    const at = (time: string) => `2019-01-15T${time}+01:00`;
    const insert = (
      started: string,
      answered: string | null,
      ended: string,
      recorded: string | null,
      outcome: string | null,
    ) =>
      db.query(
        `INSERT INTO interaction (channel, agent_id, started_at, answered_at, ended_at, recorded_at, topic_id, outcome, state)
         VALUES ('phone', $1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          answered ? agentId : null,
          at(started),
          answered && at(answered),
          at(ended),
          recorded && at(recorded),
          outcome ? topic : null,
          outcome,
          recorded ? 'recorded' : 'missed',
        ],
      );
    await insert('09:00:00', '09:00:10', '09:02:10', '09:03:10', 'information_given');
    await insert('09:30:00', '09:30:20', '09:34:20', '09:35:20', 'information_given');
    await insert('10:05:00', null, '10:06:00', null, null);
    await refreshRollups(db, { full: true });
    const res = await analyst.get<CallFiguresDto>('/api/analytics/calls?from=2019-01-15&to=2019-01-15&groupBy=hour');
    expect(res.status).toBe(200);
    expect(res.body.rows.map((r) => [r.key.hour, r.values.calls, r.values.answered, r.values.missed])).toEqual([
      [9, 2, 2, 0],
      [10, 1, 0, 1],
    ]);
    expect(res.body.totals).toMatchObject({
      calls: 3,
      avgTalkSeconds: 180,
      avgWrapUpSeconds: 60,
      informationOnly: 2,
      withTicket: 0,
    });
  });
});

describe('refused questions', () => {
  it.each([
    ['from=2025-02-01&to=2025-01-01', 'to', /before it starts/],
    ['from=2020-01-01&to=2025-01-01', 'to', /at most 1100/],
    ['from=2025-01-01', 'to', /date/],
    ['from=2025-13-01&to=2025-12-31', 'from', /date/],
    ['from=2025-01-01&to=2025-01-31&groupBy=day,unit,status,type', 'groupBy', /at most 3/],
    ['from=2025-01-01&to=2025-01-31&measures=tickets,speed', 'measures', /any of/],
    ['from=2025-01-01&to=2025-01-31&unitId=nope', 'unitId', /unit id/],
  ])('answers 400 for %s', async (query, field, message) => {
    const res = await analyst.get<ErrorBody>(`/api/analytics/tickets?${query}`);
    expect(res.status).toBe(400);
    const fieldError = res.body.error.fields?.find((f) => f.path.replace(/^query\./, '').startsWith(field));
    expect(fieldError?.message).toMatch(message);
  });
});

describe("the worker's schedule", () => {
  let worker: RunningWorkers;
  afterAll(() => worker?.close());

  it('brings a new ticket into the figures without anyone asking for a refresh', async () => {
    const config = { ...backend.ctx.config, ANALYTICS_REFRESH_EVERY_MS: 500 };
    worker = await startWorkerRuntime(config, backend.ctx.db, createLogger('test-worker', 'silent'));
    const ticket = await createRouted('Statystyki: z harmonogramu');
    const query = `from=${localDay(-1)}&to=${localDay()}&unitId=${unit.id}&measures=tickets`;
    const deadline = Date.now() + 20_000;
    while ((await ticketFigures(query)).totals.tickets !== 5) {
      if (Date.now() > deadline) throw new Error(`ticket ${ticket.number} never reached the figures`);
      await sleep(200);
    }
  });
});
