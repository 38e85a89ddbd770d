// `npm run generate:city`: two years of a city of 800,000 in a database of its own, for the analytics dashboards
// and their benchmark: calls, tickets and their whole histories, as the platform would have written them.
//
//   npm run generate:city -- [--tickets 1000000] [--calls 3000000] [--events-per-ticket 20] [--months 24]
//                            [--database-url postgres://…/kck_city] [--seed 42] [--end 2026-11-23T12:00:00Z]
//                            [--agents N] [--batch 50000] [--connections 2] [--fresh]
//
// It migrates and seeds the database (kck_city unless --database-url names another; never the dev database
// `kck` unless named), refuses one that already has tickets or calls (--fresh drops and recreates it first), adds
// the staff a city needs, plans everything in memory from the seed, writes it set-based in batches with progress
// lines, numbers tickets as the live system would continue, and ends with ANALYZE and one JSON line of counts
// and seconds. The same --seed and --end give the same city. Nothing goes to the outbox, BullMQ or mail.
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { HOTLINE_UNIT_CODE, ROLES, TRIAGE_UNIT_CODE } from '@kck/contracts';
import { config, parseConfig } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { createLogger } from '@kck/backend/platform/logger';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { officeHours } from '@kck/backend/deadlines/deadline-policies';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { Calendar, warsawDateOf } from './city/calendar.ts';
import { fixTicketCalls, planCalls, recordedCount } from './city/calls.ts';
import { periodDays } from './city/days.ts';
import { EventStore } from './city/events.ts';
import { LifeContext, planLives, type Staff } from './city/life.ts';
import {
  BY_HAND_UNITS,
  CALLS_PER_TICKET,
  FALLBACK_UNITS,
  MAYOR_OFFICE_STAFF,
  PHONE_TICKET_SHARE_CAP,
  STAFF_PER_UNIT,
  TALK_MEDIAN_S,
  TRIAGE_STAFF,
  WEEKDAY_HOURS,
  WRAP_UP_S,
} from './city/model.ts';
import { ensureStaff, loadReference, type Reference, type StaffNeeds } from './city/reference.ts';
import { routeMany } from './city/routing.ts';
import { writeSurveys } from './city/surveys.ts';
import { CityIds } from './city/ids.ts';
import { describeTicket, planTicketBases, type TicketSet } from './city/tickets.ts';
import { WRITTEN_TABLES, Writer, canLoadInBulk, verifyForeignKeys, type Log } from './city/writer.ts';
import type { CallSet } from './city/calls.ts';
import { refreshRollups } from '@kck/backend/analytics/rollups';

export interface CityOptions {
  tickets: number;
  calls: number;
  eventsPerTicket: number;
  months: number;
  databaseUrl: string;
  seed: number;
  /** The period ends here (default: now). */
  end: Date;
  agents?: number;
  batch: number;
  fresh: boolean;
  /** Connections writing at once. */
  connections: number;
}

export interface CitySummary {
  database: string;
  seed: number;
  period: { from: string; to: string };
  staffCreated: number;
  counts: {
    tickets: number;
    calls: number;
    ticketEvents: number;
    eventsPerTicket: number;
    comments: number;
    deadlineAlerts: number;
    ratings: number;
    knowledgeSearches: number;
    surveyResponses: number;
    byStatus: Record<string, number>;
    byChannel: Record<string, number>;
    pendingOutbox: number;
  };
  /** How foreign keys were enforced: row by row, or set-based after a bulk load. */
  foreignKeys: string;
  seconds: {
    plan: number;
    calls: number;
    tickets: number;
    events: number;
    verify: number;
    analyze: number;
    rollups: number;
    total: number;
  };
  rowsPerSecond: number;
}

export const DEFAULT_CITY_DATABASE = 'kck_city';

/** The dedicated database unless one is named: the dev database's name with `kck_city` in its place. */
export function cityDatabaseUrl(explicit: string | undefined): string {
  if (explicit) return explicit;
  const url = new URL(config().DATABASE_URL);
  url.pathname = `/${DEFAULT_CITY_DATABASE}`;
  return url.toString();
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

async function recreateDatabase(databaseUrl: string): Promise<void> {
  const name = databaseName(databaseUrl);
  if (name === 'kck') throw new Error('--fresh never drops the dev database kck; name another with --database-url');
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** How many people the city's volume needs: agents for the peak hour, triage and unit staff by tickets a year. */
function staffNeeds(options: CityOptions, ref: Reference): StaffNeeds {
  const workingDays = options.months * 21;
  const perWorkingDay = options.calls / (workingDays + options.months * 9 * 0.15);
  const peakHour = (perWorkingDay * Math.max(...WEEKDAY_HOURS)) / WEEKDAY_HOURS.reduce((a, b) => a + b, 0);
  const busy = (peakHour * (TALK_MEDIAN_S.city_services! * 1.1 + WRAP_UP_S[1])) / 3600;
  const agentsWanted = options.agents ?? Math.max(4, Math.ceil((busy * 1.15) / 0.75));
  const existingAgents = ref.users.filter(
    (u) => u.role === 'agent' && ref.units[u.unitIdx]?.code === HOTLINE_UNIT_CODE,
  ).length;
  const perYear = (options.tickets * 12) / options.months;
  const receiving = new Set<string>([
    ...ref.rules.map((r) => ref.units[r.unitIdx]!.code),
    ...Object.values(BY_HAND_UNITS).flat(),
    ...FALLBACK_UNITS,
  ]);
  const unitStaff = new Map<string, number>();
  const ruled = new Set(ref.rules.map((r) => ref.units[r.unitIdx]!.code));
  for (const code of receiving) {
    const [minimum, per10k] = STAFF_PER_UNIT;
    const share = ruled.has(code) ? 1 / Math.max(1, ruled.size) : 0.01;
    unitStaff.set(code, Math.min(40, Math.max(minimum, Math.ceil(((perYear * share) / 10_000) * per10k))));
  }
  return {
    agents: Math.max(0, agentsWanted - existingAgents),
    triage: Math.min(TRIAGE_STAFF * 2, Math.max(3, Math.ceil(perYear / 60_000))),
    unitStaff,
    mayorOffice: MAYOR_OFFICE_STAFF,
  };
}

function staffOf(ref: Reference): Staff & { mayor: number[] } {
  const byUnit = new Map<number, number[]>();
  const agents: number[] = [];
  const triage: number[] = [];
  const mayor: number[] = [];
  const mayorRole = (ROLES as readonly string[]).includes('mayor_office');
  ref.users.forEach((u, i) => {
    const unit = ref.units[u.unitIdx]?.code;
    if (u.role === 'agent' && unit === HOTLINE_UNIT_CODE) agents.push(i);
    else if (u.role === 'triage' && unit === TRIAGE_UNIT_CODE) triage.push(i);
    else if (u.role === 'unit_staff') byUnit.set(u.unitIdx, [...(byUnit.get(u.unitIdx) ?? []), i]);
    if ((mayorRole && u.role === 'mayor_office') || (!mayorRole && u.role === 'unit_staff' && unit === 'KP-02'))
      mayor.push(i);
  });
  if (triage.length === 0) throw new Error(`no triage staff in ${TRIAGE_UNIT_CODE}`);
  return { agents, triage, byUnit, mayor };
}

/** The rule each ticket meets, asked of the database in batches (or once per category and district without keywords). */
async function routeTickets(client: pg.Client, tickets: TicketSet, calls: CallSet, ref: Reference, seed: number) {
  const type = (i: number) => (['problem', 'idea', 'information'] as const)[tickets.type[i]!]!;
  const input = (i: number, text: string) => ({
    type: type(i),
    categoryId: ref.categories[tickets.category[i]!]!.id,
    districtId: tickets.district[i]! >= 0 ? ref.districts[tickets.district[i]!]!.id : null,
    text,
  });
  const apply = (i: number, answer: { ruleId: string | null; keyword: string | null }) => {
    tickets.rule[i] = answer.ruleId ? (ref.ruleIdx.get(answer.ruleId) ?? -1) : -1;
    tickets.ruleKeyword[i] = answer.keyword;
  };
  if (!ref.keywordRules) {
    const combos = new Map<string, number[]>();
    for (let i = 0; i < tickets.n; i++) {
      const key = `${type(i) === 'idea'}|${tickets.category[i]}|${tickets.district[i]}`;
      const group = combos.get(key);
      if (group) group.push(i);
      else combos.set(key, [i]);
    }
    const groups = [...combos.values()];
    const answers = await routeMany(
      client,
      groups.map((g) => input(g[0]!, '')),
    );
    groups.forEach((g, k) => g.forEach((i) => apply(i, answers[k]!)));
    return;
  }
  for (let from = 0; from < tickets.n; from += 20_000) {
    const ids = Array.from({ length: Math.min(20_000, tickets.n - from) }, (_, k) => from + k);
    const answers = await routeMany(
      client,
      ids.map((i) => {
        const words = describeTicket(tickets, ref, calls, seed, i);
        return input(i, `${words.title} ${words.description}`);
      }),
    );
    ids.forEach((i, k) => apply(i, answers[k]!));
  }
}

export async function generateCity(options: CityOptions, log: Log = console.log): Promise<CitySummary> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  const { databaseUrl } = options;
  if (options.fresh) await recreateDatabase(databaseUrl);
  log(`database ${databaseName(databaseUrl)}: migrating and seeding`);
  await migrate(databaseUrl);
  const db = createDataSource(databaseUrl, 2);
  await db.initialize();
  // PostgreSQL search only: the generator never writes to a Meilisearch index the dev database shares.
  const search = createSearchEngine(
    parseConfig({ ...process.env, DATABASE_URL: databaseUrl, MEILI_URL: '' }),
    createLogger('generate-city', 'silent'),
  );
  const clients = Array.from({ length: options.connections }, () => new pg.Client({ connectionString: databaseUrl }));
  await Promise.all(clients.map((c) => c.connect()));
  const client = clients[0]!;
  try {
    await seed(db, search.engine);
    const [existing] = (
      await client.query<{ tickets: number; calls: number }>(
        `SELECT (SELECT count(*) FROM ticket)::int AS tickets, (SELECT count(*) FROM interaction)::int AS calls`,
      )
    ).rows;
    if (existing!.tickets > 0 || existing!.calls > 0)
      throw new Error(
        `${databaseName(databaseUrl)} already has ${existing!.tickets} tickets and ${existing!.calls} calls: ` +
          `the generator writes into an empty one (--fresh drops and recreates it, or name another with --database-url)`,
      );

    const end = options.end.getTime();
    const startDate = new Date(end);
    startDate.setUTCMonth(startDate.getUTCMonth() - options.months);
    const start = startDate.getTime();
    const hours = officeHours();
    const calendar = new Calendar(warsawDateOf(start - 2 * 86_400_000), hours);

    const staffCreated = await ensureStaff(client, staffNeeds(options, await loadReference(client, db)), options.seed);
    const ref = await loadReference(client, db);
    const staff = staffOf(ref);
    log(
      `staff: ${staff.agents.length} agents, ${staff.triage.length} in triage, ${[...staff.byUnit.values()].reduce((a, b) => a + b.length, 0)} in units (${staffCreated} created)`,
    );

    // Plan everything in memory first: calls, then the tickets they and the other channels bring, then lives.
    const days = periodDays(calendar, start, end, options.seed);
    const phoneTarget = (recorded: number) =>
      Math.min(Math.round(recorded / CALLS_PER_TICKET), Math.round(options.tickets * PHONE_TICKET_SHARE_CAP));
    const estimatedShare = phoneTarget(options.calls * 0.9) / Math.max(1, options.calls * 0.9);
    const { calls, searches } = planCalls({
      calendar,
      days,
      total: options.calls,
      agents: staff.agents,
      ref,
      seed: options.seed,
      ticketShare: estimatedShare,
      endMs: end,
    });
    fixTicketCalls(calls, phoneTarget(recordedCount(calls)), ref, options.seed);
    const takenNumbers = new Map(
      (
        await client.query<{ year: number; last_value: number }>(`SELECT year, last_value FROM ticket_number_counter`)
      ).rows.map((r) => [r.year, r.last_value]),
    );
    const tickets = planTicketBases({
      calendar,
      days,
      total: options.tickets,
      calls,
      ref,
      mayorStaff: staff.mayor,
      takenNumbers,
      hours,
      seed: options.seed,
    });
    log(
      `planned ${calls.n.toLocaleString('en')} calls and ${tickets.n.toLocaleString('en')} tickets (${seconds().toFixed(1)} s)`,
    );
    await routeTickets(client, tickets, calls, ref, options.seed);
    log(`routed by the rules (${seconds().toFixed(1)} s)`);

    // How many notes a ticket gets so that histories average --events-per-ticket: measured on a sample.
    const lifeOptions = { calendar, tickets, ref, staff, endMs: end, seed: options.seed, hours };
    const stride = Math.max(1, Math.floor(tickets.n / 4000));
    const sample = (notesScale: number) => {
      const store = new EventStore(Math.ceil(tickets.n / stride) * 40 + 1024);
      planLives(new LifeContext({ ...lifeOptions, store, notesScale }), 0, tickets.n, stride);
      return store.n / Math.ceil(tickets.n / stride);
    };
    const base = sample(0);
    const perNote = sample(1) - base;
    const notesScale = perNote > 0 ? Math.max(0, (options.eventsPerTicket - base) / perNote) : 0;
    const store = new EventStore(Math.ceil(tickets.n * Math.max(options.eventsPerTicket, base) * 1.08) + 1024);
    planLives(new LifeContext({ ...lifeOptions, store, notesScale }), 0, tickets.n, 1);
    const order = store.timeOrder(start - 2 * 86_400_000);
    const planSeconds = seconds();
    log(
      `planned ${store.n.toLocaleString('en')} ticket events (${(store.n / Math.max(1, tickets.n)).toFixed(1)} a ticket) in ${planSeconds.toFixed(1)} s`,
    );

    // Write: calls first (tickets point at them), then tickets, then their history in time order.
    const tables = [...WRITTEN_TABLES, ...(ref.mayorMatterTable ? ['mayor_matter'] : [])];
    const load = await canLoadInBulk(client, tables);
    log(`loading ${load.bulk ? 'in bulk' : 'row by row'}: ${load.why}`);
    const ids = new CityIds(options.seed, calls, tickets);
    const writer = new Writer(clients, ref, ids, log, options.batch);
    await writer.setup(load.bulk);
    const callResult = await writer.calls(calls);
    await writer.searches(searches, calls);
    const ticketSeconds = await writer.tickets(tickets, calls, store.texts.values);
    const [{ first }] = (await client.query<{ first: string }>(`SELECT nextval('ticket_event_id_seq') AS first`))
      .rows as [{ first: string }];
    const firstId = Number(first);
    if (store.n > 0) await client.query(`SELECT setval('ticket_event_id_seq', $1)`, [firstId + store.n - 1]);
    const eventSeconds = await writer.events(store, order, tickets, firstId);
    const surveys = await writeSurveys(client, ref, calls, start, end, ids);

    // KP-02's matters carry their origin beside the ticket (mayor-matters), when the schema has the table.
    if (ref.mayorMatterTable) {
      await client.query(`
        INSERT INTO mayor_matter (ticket_id, origin, reference, received_on, meeting_on, registered_by)
        SELECT t.id, o.origin,
               CASE WHEN o.origin = 'letter' THEN 'KP-02.0512.' || (h.h % 900 + 100) || '.' || to_char(t.created_at, 'YYYY') END,
               (t.created_at AT TIME ZONE 'Europe/Warsaw')::date - (h.h % 3),
               CASE WHEN o.origin = 'meeting' THEN (t.created_at AT TIME ZONE 'Europe/Warsaw')::date - (h.h % 3) - (h.h / 7 % 7) END,
               t.created_by
          FROM ticket t
          CROSS JOIN LATERAL (SELECT abs(hashtext(t.id::text)) AS h) h
          CROSS JOIN LATERAL (SELECT CASE h.h % 4 WHEN 0 THEN 'letter' WHEN 1 THEN 'letter' WHEN 2 THEN 'meeting'
                                      ELSE 'email_to_mayor' END AS origin) o
         WHERE t.channel = 'mayor' AND t.created_by IS NOT NULL`);
    }

    // The live system numbers on from here: each year's counter is the last number given.
    const lastByYear = new Map<number, number>();
    for (let i = 0; i < tickets.n; i++) lastByYear.set(tickets.year[i]!, tickets.sequence[i]!);
    await client.query(
      `INSERT INTO ticket_number_counter (year, last_value) SELECT * FROM unnest($1::int[], $2::int[])
       ON CONFLICT (year) DO UPDATE SET last_value = GREATEST(ticket_number_counter.last_value, EXCLUDED.last_value)`,
      [[...lastByYear.keys()], [...lastByYear.values()]],
    );

    const verifyStarted = performance.now();
    const foreignKeys = load.bulk
      ? `${await verifyForeignKeys(client, tables, log)} checked set-based after a bulk load, none broken`
      : 'checked row by row while loading';
    const verifySeconds = (performance.now() - verifyStarted) / 1000;

    const analyzeStarted = performance.now();
    log('ANALYZE');
    await client.query('ANALYZE');
    const analyzeSeconds = (performance.now() - analyzeStarted) / 1000;

    // DK-05's dashboards read rollups; the live worker would only catch up on recent days, so rebuild them all.
    const rollupsStarted = performance.now();
    log('analytics rollups: full rebuild');
    await refreshRollups(db, { full: true });
    const rollupSeconds = (performance.now() - rollupsStarted) / 1000;

    const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    const grouped = async (sql: string) =>
      Object.fromEntries((await client.query<{ k: string; n: number }>(sql)).rows.map((r) => [r.k, r.n]));
    const counts = {
      tickets: await count(`SELECT count(*) AS n FROM ticket`),
      calls: await count(`SELECT count(*) AS n FROM interaction`),
      ticketEvents: await count(`SELECT count(*) AS n FROM ticket_event`),
      eventsPerTicket: 0,
      comments: await count(`SELECT count(*) AS n FROM ticket_comment`),
      deadlineAlerts: await count(`SELECT count(*) AS n FROM deadline_alert`),
      ratings: await count(`SELECT count(*) AS n FROM ticket_rating`),
      knowledgeSearches: await count(`SELECT count(*) AS n FROM knowledge_search`),
      surveyResponses: surveys.responses,
      byStatus: await grouped(`SELECT status AS k, count(*)::int AS n FROM ticket GROUP BY 1 ORDER BY 2 DESC`),
      byChannel: await grouped(`SELECT channel AS k, count(*)::int AS n FROM ticket GROUP BY 1 ORDER BY 2 DESC`),
      // The generator writes none; the seed's own rows (articles for the search index) are the relay's as usual.
      pendingOutbox: await count(
        `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL
            AND (event LIKE 'ticket.%' OR event LIKE 'interaction.%' OR event LIKE 'call.%')`,
      ),
    };
    counts.eventsPerTicket = Math.round((counts.ticketEvents / Math.max(1, counts.tickets)) * 10) / 10;
    const total = seconds();
    const rows = counts.tickets + counts.calls + counts.ticketEvents + counts.comments + counts.knowledgeSearches;
    return {
      database: databaseName(databaseUrl),
      seed: options.seed,
      period: { from: new Date(start).toISOString(), to: new Date(end).toISOString() },
      staffCreated,
      counts,
      foreignKeys,
      seconds: {
        plan: Math.round(planSeconds * 10) / 10,
        calls: Math.round(callResult.seconds * 10) / 10,
        tickets: Math.round(ticketSeconds * 10) / 10,
        events: Math.round(eventSeconds * 10) / 10,
        verify: Math.round(verifySeconds * 10) / 10,
        analyze: Math.round(analyzeSeconds * 10) / 10,
        rollups: Math.round(rollupSeconds * 10) / 10,
        total: Math.round(total * 10) / 10,
      },
      rowsPerSecond: Math.round(rows / Math.max(0.001, total - planSeconds)),
    };
  } finally {
    await Promise.all(clients.map((c) => c.end()));
    await Promise.all([db.destroy(), search.close()]);
  }
}

export function parseCityArgs(argv: string[]): CityOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      tickets: { type: 'string', default: '1000000' },
      calls: { type: 'string', default: '3000000' },
      'events-per-ticket': { type: 'string', default: '20' },
      months: { type: 'string', default: '24' },
      'database-url': { type: 'string' },
      seed: { type: 'string', default: '42' },
      end: { type: 'string' },
      agents: { type: 'string' },
      batch: { type: 'string', default: '50000' },
      connections: { type: 'string', default: '2' },
      fresh: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, value: string | undefined, min: number) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min)
      throw new Error(`--${name} must be a whole number of at least ${min}, got ${value}`);
    return n;
  };
  const end = values.end ? new Date(values.end) : new Date();
  if (Number.isNaN(end.getTime())) throw new Error(`--end must be a date, got ${values.end}`);
  return {
    tickets: int('tickets', values.tickets, 0),
    calls: int('calls', values.calls, 0),
    eventsPerTicket: int('events-per-ticket', values['events-per-ticket'], 1),
    months: int('months', values.months, 1),
    databaseUrl: cityDatabaseUrl(values['database-url']),
    seed: int('seed', values.seed, 0),
    end,
    agents: values.agents === undefined ? undefined : int('agents', values.agents, 1),
    batch: int('batch', values.batch, 100),
    connections: int('connections', values.connections, 1),
    fresh: values.fresh ?? false,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  Promise.resolve()
    .then(() => generateCity(parseCityArgs(process.argv.slice(2))))
    .then((summary) => console.log(JSON.stringify(summary)))
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
