// The city generator at a small size (2,000 tickets, 6,000 calls, three months) in a database of its own, with a
// district's rule and a keyword rule besides the seed's: counts, numbers, histories, the lifecycle, routing by the
// worker's own code, the outbox left empty, the dictionaries, and the live API reading the generated data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  CHANNELS,
  OPEN_TICKET_STATUSES,
  canMoveTicket,
  type MonitoringUnitsDto,
  type TicketDetailDto,
  type TicketDto,
  type TicketEventKind,
  type TicketStatus,
  type TicketType,
  type TransitionActor,
} from '@kck/contracts';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { numberPendingTickets } from '../../backend/src/tickets/ticket-number.ts';
import { routeNewTicket } from '../../backend/src/routing/routing.service.ts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { generateCity, type CitySummary } from '../../scripts/src/generate-city.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';

let environment: IsolatedEnvironment;
let client: pg.Client;
let summary: CitySummary;
const end = new Date();

const rows = async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
  (await client.query<T>(sql, params)).rows;
const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await rows(sql, params))[0]!)[0]);

beforeAll(async () => {
  environment = await createIsolatedEnvironment('city');
  client = new pg.Client({ connectionString: environment.databaseUrl });
  await client.connect();
  // Besides the seed's rules by category: potholes in Stare Miasto go to another unit, and bins at a bus stop
  // (the keyword) to ZTP with MPO kept informed.
  await client.query(
    `INSERT INTO routing_rule (position, category_id, district_id, unit_id, name)
     SELECT 5, c.id, d.id, u.id, 'Stare Miasto: nawierzchnie'
       FROM dictionary_entry c, dictionary_entry d, unit u
      WHERE c.dictionary = 'category' AND c.code = 'roads.pothole' AND d.dictionary = 'district' AND d.code = 'I'
        AND u.code = 'ZTP'`,
  );
  await client.query(
    `INSERT INTO routing_rule (position, category_id, unit_id, name, keywords, informed_unit_ids)
     SELECT 6, c.id, u.id, 'Kosze na przystankach', ARRAY['przystanku'], ARRAY[(SELECT id FROM unit WHERE code = 'MPO')]
       FROM dictionary_entry c, unit u WHERE c.dictionary = 'category' AND c.code = 'cleanliness.bins' AND u.code = 'ZTP'`,
  );
  summary = await generateCity(
    {
      tickets: 2000,
      calls: 6000,
      eventsPerTicket: 20,
      months: 3,
      databaseUrl: environment.databaseUrl,
      seed: 7,
      end,
      // Small batches: many statements, call-backs linked across batches, two connections at once.
      batch: 700,
      connections: 2,
      fresh: false,
    },
    () => undefined,
  );
}, 900_000);

afterAll(async () => {
  await client?.end();
  await environment?.drop();
});

describe('npm run generate:city', () => {
  it('writes the tickets and calls asked for, with about twenty events a ticket', async () => {
    expect(summary.counts.tickets).toBe(2000);
    expect(summary.counts.calls).toBe(6000);
    expect(await one(`SELECT count(*) FROM ticket`)).toBe(2000);
    expect(await one(`SELECT count(*) FROM interaction`)).toBe(6000);
    expect(summary.counts.eventsPerTicket).toBeGreaterThan(17);
    expect(summary.counts.eventsPerTicket).toBeLessThan(23);
    expect(await one(`SELECT count(*) FROM ticket_event`)).toBe(summary.counts.ticketEvents);
    // About one answered call in three created a ticket; the phone brought most tickets.
    const answered = await one(`SELECT count(*) FROM interaction WHERE state = 'recorded'`);
    const fromCalls = await one(`SELECT count(*) FROM ticket WHERE interaction_id IS NOT NULL`);
    expect(fromCalls / answered).toBeGreaterThan(0.25);
    expect(fromCalls / answered).toBeLessThan(0.4);
    expect(summary.counts.byChannel.phone).toBeGreaterThan(1000);
    expect(summary.foreignKeys).toMatch(/checked/);
  });

  it('refuses to generate into the same database twice', async () => {
    await expect(
      generateCity({
        tickets: 10,
        calls: 10,
        eventsPerTicket: 20,
        months: 1,
        databaseUrl: environment.databaseUrl,
        seed: 7,
        end,
        batch: 700,
        connections: 1,
        fresh: false,
      }),
    ).rejects.toThrow(/already has 2000 tickets and 6000 calls/);
    expect(await one(`SELECT count(*) FROM ticket`)).toBe(2000);
  });

  it('numbers tickets uniquely, gap-free per year, and leaves the counter at the last number', async () => {
    expect(await one(`SELECT count(*) FROM ticket WHERE number !~ '^KCK/[0-9]{4}/[0-9]{6}$' OR number IS NULL`)).toBe(
      0,
    );
    expect(await one(`SELECT count(DISTINCT number) FROM ticket`)).toBe(2000);
    const years = await rows<{ year: number; n: number; last: number; counter: number }>(
      `SELECT y.year, y.n, y.last, c.last_value AS counter
         FROM (SELECT split_part(number, '/', 2)::int AS year, count(*)::int AS n,
                      max(split_part(number, '/', 3)::int) AS last
                 FROM ticket GROUP BY 1) y
         LEFT JOIN ticket_number_counter c USING (year)`,
    );
    expect(years.length).toBeGreaterThan(0);
    for (const y of years) expect(y).toEqual({ ...y, last: y.n, counter: y.n });
    // Numbers follow creation, as numberPendingTickets gives them.
    expect(
      await one(`SELECT count(*) FROM (
                   SELECT number, lag(number) OVER (PARTITION BY split_part(number, '/', 2) ORDER BY created_at, number) AS prev
                     FROM ticket) x WHERE prev > number`),
    ).toBe(0);
    // The year is Kraków's year of creation.
    expect(
      await one(
        `SELECT count(*) FROM ticket WHERE split_part(number, '/', 2)::int <> extract(year FROM created_at AT TIME ZONE 'Europe/Warsaw')`,
      ),
    ).toBe(0);
  });

  it("starts every history with ticket.created, keeps it in time order, and ends it in the ticket's status", async () => {
    expect(
      await one(`
        SELECT count(*) FROM ticket t
         WHERE (SELECT kind FROM ticket_event e WHERE e.ticket_id = t.id ORDER BY id LIMIT 1) <> 'ticket.created'
            OR (SELECT at FROM ticket_event e WHERE e.ticket_id = t.id ORDER BY id LIMIT 1) <> t.created_at`),
    ).toBe(0);
    // Ids follow time, for each ticket and across the whole table, as on a live system.
    expect(
      await one(`SELECT count(*) FROM (SELECT at < lag(at) OVER (ORDER BY id) AS back FROM ticket_event) x WHERE back`),
    ).toBe(0);
    // Each status move starts where the one before ended, and the last one is the ticket's status.
    expect(
      await one(`
        SELECT count(*) FROM (
          SELECT e.changes->'status'->>'from' AS from_status,
                 lag(e.changes->'status'->>'to') OVER (PARTITION BY e.ticket_id ORDER BY e.id) AS before
            FROM ticket_event e WHERE e.changes ? 'status') x
         WHERE from_status IS DISTINCT FROM before`),
    ).toBe(0);
    expect(
      await one(`
        SELECT count(*) FROM ticket t
         WHERE t.status <> (SELECT e.changes->'status'->>'to' FROM ticket_event e
                             WHERE e.ticket_id = t.id AND e.changes ? 'status' ORDER BY e.id DESC LIMIT 1)`),
    ).toBe(0);
    expect(
      await one(`SELECT count(*) FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id WHERE e.at < t.created_at`),
    ).toBe(0);
    expect(await one(`SELECT count(*) FROM ticket_event WHERE at > $1`, [end])).toBe(0);
  });

  it('makes only the moves the lifecycle allows, each by a role that may make it', async () => {
    const moves = await rows<{
      type: TicketType;
      kind: TicketEventKind;
      from: TicketStatus;
      to: TicketStatus;
      by: string;
    }>(`
      SELECT DISTINCT t.type, e.kind, e.changes->'status'->>'from' AS from, e.changes->'status'->>'to' AS to,
             COALESCE(u.role, CASE WHEN e.changes ? 'author' THEN 'resident' ELSE 'system' END) AS by
        FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id LEFT JOIN app_user u ON u.id = e.actor_id
       WHERE e.changes ? 'status' AND e.kind <> 'ticket.created'`);
    expect(moves.length).toBeGreaterThan(15);
    for (const m of moves)
      expect({
        ...m,
        allowed: canMoveTicket({ type: m.type, status: m.from }, m.to, m.by as TransitionActor, m.kind),
      }).toEqual({ ...m, allowed: true });
    // Old tickets are closed, recent ones open; some were merged, returned, rejected, reopened.
    const byStatus = summary.counts.byStatus;
    expect(byStatus.closed).toBeGreaterThan(800);
    expect(OPEN_TICKET_STATUSES.reduce((n, s) => n + (byStatus[s] ?? 0), 0)).toBeGreaterThan(20);
    expect(byStatus.duplicate).toBeGreaterThan(0);
    const kinds = (await rows<{ kind: string }>(`SELECT DISTINCT kind FROM ticket_event`)).map((r) => r.kind);
    for (const kind of ['ticket.returned', 'ticket.rejected', 'ticket.merged', 'ticket.escalated', 'ticket.assigned'])
      expect(kinds).toContain(kind);
    expect(
      await one(
        `SELECT count(*) FROM ticket t WHERE duplicate_of_id IS NOT NULL AND (status <> 'duplicate'
           OR NOT EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.duplicate_of_id AND e.kind = 'ticket.linked'))`,
      ),
    ).toBe(0);
  });

  it('gives due dates after creation, and alerts, comments and ratings that match their events', async () => {
    expect(await one(`SELECT count(*) FROM ticket WHERE due_at IS NULL OR due_at <= created_at`)).toBe(0);
    expect(
      await one(
        `SELECT count(*) FROM ticket WHERE status IN ('new','routed','accepted','in_progress') AND due_at < $1`,
        [end],
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(`SELECT count(*) FROM ticket_event e WHERE e.kind IN ('ticket.commented', 'ticket.answered', 'ticket.resident_message')
                   AND NOT EXISTS (SELECT 1 FROM ticket_comment c WHERE c.event_seq = e.id AND c.id = (e.changes->'commentId'->>'to')::uuid
                                     AND c.body = e.reason AND c.ticket_id = e.ticket_id)`),
    ).toBe(0);
    expect(await one(`SELECT count(*) FROM ticket_comment`)).toBe(summary.counts.comments);
    expect(
      await one(`SELECT count(*) FROM deadline_alert a JOIN ticket_event e ON e.id = a.event_seq
                  WHERE e.kind <> CASE a.kind WHEN 'reminder' THEN 'ticket.deadline_reminded' ELSE 'ticket.escalated' END
                     OR e.at > a.due_at AND a.kind = 'reminder' OR e.at < a.due_at AND a.kind = 'escalation'`),
    ).toBe(0);
    expect(
      await one(`SELECT count(*) FROM ticket t WHERE escalated_at IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM ticket_event e WHERE e.ticket_id = t.id AND e.kind = 'ticket.escalated')`),
    ).toBe(0);
    expect(
      await one(
        `SELECT count(*) FROM ticket_rating r JOIN ticket t ON t.id = r.ticket_id WHERE t.status NOT IN ('resolved', 'closed')`,
      ),
    ).toBe(0);
  });

  it('leaves nothing in the outbox for tickets or calls', async () => {
    expect(
      await one(
        `SELECT count(*) FROM outbox WHERE event LIKE 'ticket.%' OR event LIKE 'interaction.%' OR event LIKE 'call.%'`,
      ),
    ).toBe(0);
  });

  it("uses the dictionaries' channels, categories, districts and call topics", async () => {
    expect(await one(`SELECT count(*) FROM ticket WHERE NOT (channel = ANY($1::text[]))`, [[...CHANNELS]])).toBe(0);
    expect(
      await one(`SELECT count(*) FROM ticket t WHERE NOT EXISTS (
                   SELECT 1 FROM dictionary_entry c WHERE c.id = t.category_id AND c.dictionary = 'category' AND c.active
                      AND c.parent_id IS NOT NULL)`),
    ).toBe(0);
    expect(
      await one(`SELECT count(*) FROM ticket t WHERE district_id IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM dictionary_entry d WHERE d.id = t.district_id AND d.dictionary = 'district')`),
    ).toBe(0);
    expect(
      await one(`SELECT count(*) FROM interaction i WHERE state = 'recorded' AND NOT EXISTS (
                   SELECT 1 FROM dictionary_entry d WHERE d.id = i.topic_id AND d.dictionary = 'call_topic')`),
    ).toBe(0);
    expect(await one(`SELECT count(DISTINCT district_id) FROM ticket`)).toBe(18);
    expect(await one(`SELECT count(DISTINCT channel) FROM ticket`)).toBe(CHANNELS.length);
  });

  it('routes every ticket to the unit the routing rules pick, as the worker itself decides', async () => {
    // The district's rule and the keyword rule were used, with the rule's informed unit.
    expect(
      await one(
        `SELECT count(*) FROM ticket_event WHERE kind = 'ticket.routed' AND reason LIKE '%Stare Miasto: nawierzchnie%'`,
      ),
    ).toBeGreaterThan(0);
    expect(
      await one(
        `SELECT count(*) FROM ticket_event WHERE kind = 'ticket.routed' AND reason LIKE '%słowo kluczowe „przystanku”; do wiadomości: MPO'`,
      ),
    ).toBeGreaterThan(0);
    // A copy of each kind of ticket, routed by routing.service.ts, lands where the generated one was first sent.
    const samples = await rows<{ id: string; first_unit: string }>(`
      SELECT DISTINCT ON (t.type, t.category_id, t.district_id IS NULL, t.title) t.id,
             (SELECT e.changes->'unit'->>'to' FROM ticket_event e WHERE e.ticket_id = t.id
                 AND e.kind IN ('ticket.routed', 'ticket.sent_to_triage') ORDER BY e.id LIMIT 1) AS first_unit
        FROM ticket t ORDER BY t.type, t.category_id, t.district_id IS NULL, t.title, t.district_id, t.id`);
    expect(samples.length).toBeGreaterThan(30);
    const copies = await rows<{ id: string }>(
      `INSERT INTO ticket (type, channel, status, title, description, category_id, district_id, due_at, created_at, updated_at)
       SELECT type, channel, 'new', title, description, category_id, district_id, due_at, now(), now()
         FROM ticket WHERE id = ANY($1::uuid[]) RETURNING id`,
      [samples.map((s) => s.id)],
    );
    expect(copies.length).toBe(samples.length);
    const db = createDataSource(environment.databaseUrl, 2);
    await db.initialize();
    try {
      await numberPendingTickets(db);
      const pairs = await rows<{ copy: string; original: string }>(
        `SELECT c.id AS copy, o.id AS original FROM ticket c JOIN ticket o
            ON o.id = ANY($1::uuid[]) AND o.title = c.title AND o.description = c.description AND o.type = c.type
           AND o.category_id = c.category_id AND o.district_id IS NOT DISTINCT FROM c.district_id
         WHERE c.id = ANY($2::uuid[])`,
        [samples.map((s) => s.id), copies.map((c) => c.id)],
      );
      expect(pairs.length).toBe(samples.length);
      const units = new Map(
        (await rows<{ id: string; code: string }>(`SELECT id, code FROM unit`)).map((u) => [u.id, u.code]),
      );
      for (const pair of pairs) {
        const decision = await routeNewTicket(db, pair.copy);
        const expected = samples.find((s) => s.id === pair.original)!.first_unit;
        expect({ ticket: pair.original, unit: units.get(decision.unitId ?? '') }).toEqual({
          ticket: pair.original,
          unit: expected,
        });
      }
    } finally {
      await db.destroy();
    }
  });
});

describe('the live platform on the generated data', () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startTestBackend({ config: environment.env, relay: false });
  });
  afterAll(() => backend?.close());

  it("shows DK-03's monitoring, the inbox and a ticket's whole history", async () => {
    const triage = await signedIn(backend.url, 'triage');
    const monitoring = await triage.get<MonitoringUnitsDto>('/api/monitoring/units');
    expect(monitoring.status).toBe(200);
    const open = await one(`SELECT count(*) FROM ticket WHERE number IS NOT NULL AND status = ANY($1::text[])`, [
      [...OPEN_TICKET_STATUSES],
    ]);
    expect(monitoring.body.totals.open).toBe(open);
    expect(monitoring.body.units.length).toBeGreaterThan(5);
    const inbox = await triage.get<TicketDto[]>('/api/tickets?view=inbox');
    expect(inbox.status).toBe(200);
    const [closed] = await rows<{ id: string; n: number }>(
      `SELECT t.id, (SELECT count(*)::int FROM ticket_event e WHERE e.ticket_id = t.id) AS n
         FROM ticket t WHERE status = 'closed' AND channel = 'phone' ORDER BY number LIMIT 1`,
    );
    const detail = await triage.get<TicketDetailDto>(`/api/tickets/${closed!.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('closed');
    expect(detail.body.events.length).toBe(closed!.n);
  });

  it("shows the analysts' figures and the calls, and numbers a new ticket after the generated ones", async () => {
    const analyst = await signedIn(backend.url, 'analityk');
    expect((await analyst.get('/api/analytics/today')).status).toBe(200);
    expect((await analyst.get('/api/calls?view=all')).status).toBe(200);
    const agent = await signedIn(backend.url, 'agent');
    const [pothole] = await rows<{ id: string }>(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND code = 'roads.pothole'`,
    );
    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' }).format(new Date()),
    );
    const last = await one(`SELECT COALESCE(max(last_value), 0) FROM ticket_number_counter WHERE year = $1`, [year]);
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: pothole!.id,
      title: 'Dziura po generatorze',
      description: 'Numer idzie dalej.',
    });
    expect(created.status).toBe(201);
    expect(created.body.number).toBe(`KCK/${year}/${String(last + 1).padStart(6, '0')}`);
  });
});
