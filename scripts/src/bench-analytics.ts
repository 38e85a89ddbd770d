// `npm run bench:analytics -- <tickets> [--database-url <a generated city>]`: DK-05's dashboard over a month, a year
// and two years of a generated city, through the real HTTP API, against the same figures computed from the raw tables.
//
// Without --database-url it generates a city of <tickets> tickets (3 calls per ticket, two years) into a database of
// its own and drops it afterwards; with it, it measures an existing city (`npm run generate:city` at full size takes
// about 15 minutes), migrating it first. Ends with one JSON line of figures.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ticketFiguresQuery } from '@kck/contracts';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { startBackendServer } from '@kck/backend/server';
import { refreshRollups } from '@kck/backend/analytics/rollups';
import { analyticsLimits, ticketFigures } from '@kck/backend/analytics/figures.service';
import { TestClient } from '@kck/backend/test-support/test-client';
import { percentile, round, runEnvironment } from './bench-support.ts';
import { generateCity } from './generate-city.ts';
import { migrate } from './migrate.ts';
import { DEMO_PASSWORD } from './seed-data/users.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'database-url': { type: 'string' }, repeat: { type: 'string', default: '5' } },
});
const size = Number(positionals[0] ?? 20_000);
const repeat = Number(values.repeat);
if (!Number.isInteger(size) || size < 100) throw new Error('the size is a number of tickets, at least 100');

const env = runEnvironment('analytics');
const generated = !values['database-url'];
const databaseUrl = values['database-url'] ?? env.databaseUrl.toString();
const adminUrl = new URL(databaseUrl);
adminUrl.pathname = '/postgres';

/** Local date `days` before the city's last day. */
const dayBefore = (end: string, days: number) => {
  const date = new Date(`${end}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
};

/** What the dashboard asks for one period (agent-console/src/features/dashboard): one request per chart. */
function dashboardRequests(from: string, to: string, long: boolean): string[] {
  const period = `from=${from}&to=${to}`;
  const time = long ? 'month' : 'day';
  return [
    ...['channel', 'type', 'category', 'unit', 'district', 'status', time].map(
      (by) => `/api/analytics/tickets?${period}&groupBy=${by}`,
    ),
    `/api/analytics/tickets?${period}&groupBy=unit,status&measures=tickets,open`,
    ...['hour', time, 'topic', 'outcome'].map((by) => `/api/analytics/calls?${period}&groupBy=${by}`),
    `/api/analytics/knowledge?${period}`,
    `/api/analytics/backlog`,
  ];
}

/**
 * Two of the same figures straight from the raw tables, as a dashboard without rollups would compute them: tickets
 * per unit with times to route and resolve and deadlines kept (reading each ticket's events), and calls per hour.
 */
const RAW_QUERIES = [
  `SELECT t.unit_id, count(*), avg(extract(epoch FROM m.routed_at - t.created_at)),
          avg(extract(epoch FROM m.resolved_at - t.created_at)) FILTER (WHERE t.status IN ('resolved', 'closed')),
          count(*) FILTER (WHERE m.resolved_at <= t.due_at)
     FROM ticket t
     LEFT JOIN LATERAL (SELECT min(at) FILTER (WHERE kind = 'ticket.routed') AS routed_at,
                               max(at) FILTER (WHERE kind IN ('ticket.resolved', 'ticket.idea_decided')) AS resolved_at
                          FROM ticket_event WHERE ticket_id = t.id) m ON true
    WHERE t.created_at >= $1::date AND t.created_at < $2::date + 1
    GROUP BY t.unit_id`,
  `SELECT extract(hour FROM started_at AT TIME ZONE 'Europe/Warsaw'), count(*), count(answered_at),
          avg(extract(epoch FROM ended_at - answered_at))
     FROM interaction WHERE started_at >= $1::date AND started_at < $2::date + 1 GROUP BY 1`,
];

async function timeEach(requests: string[], run: (request: string) => Promise<void>, times: number) {
  const ms: number[] = [];
  for (let i = 0; i < times; i++)
    for (const request of requests) {
      const started = performance.now();
      await run(request);
      ms.push(performance.now() - started);
    }
  return ms.sort((a, b) => a - b);
}

async function main() {
  const log = (line: string) => console.log(line);
  if (generated) {
    log(`generating a city of ${size} tickets into ${env.databaseUrl.pathname.slice(1)}`);
    await generateCity(
      {
        tickets: size,
        calls: size * 3,
        eventsPerTicket: 20,
        months: 24,
        databaseUrl,
        seed: 42,
        end: new Date(),
        batch: 50_000,
        fresh: true,
        connections: 2,
      },
      () => undefined,
    );
  } else {
    const ran = await migrate(databaseUrl);
    if (ran.length) log(`migrated: ${ran.join(', ')}`);
  }

  const config = { ...env.config, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 4 };
  const db = createDataSource(databaseUrl, 2);
  await db.initialize();
  const raw = new pg.Client({ connectionString: databaseUrl });
  await raw.connect();
  const backend = await startBackendServer(config, createLogger('bench-analytics', 'silent'), { relay: false });
  try {
    const [{ tickets, events, last }] = (
      await raw.query<{ tickets: number; events: number; last: string }>(
        `SELECT (SELECT count(*) FROM ticket)::int AS tickets, (SELECT count(*) FROM ticket_event)::int AS events,
                to_char((SELECT max(created_at) FROM ticket) AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD') AS last`,
      )
    ).rows as [{ tickets: number; events: number; last: string }];
    log(`${tickets} tickets, ${events} ticket events, last day ${last}`);

    let started = performance.now();
    await refreshRollups(db, { full: true });
    const fullRefreshS = (performance.now() - started) / 1000;
    started = performance.now();
    await refreshRollups(db);
    const incrementalMs = performance.now() - started;
    log(`rollups: full rebuild ${round(fullRefreshS)} s, incremental refresh ${round(incrementalMs)} ms`);

    // The rollups must say what the raw tables say: one grouping compared before anything is timed.
    const check = await ticketFigures(
      db,
      ticketFiguresQuery.parse({ from: dayBefore(last, 364), to: last, groupBy: 'unit', measures: 'tickets' }),
      analyticsLimits(config),
    );
    const rawCount = (
      await raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ticket
          WHERE (created_at AT TIME ZONE 'Europe/Warsaw')::date BETWEEN $1::date AND $2::date`,
        [dayBefore(last, 364), last],
      )
    ).rows[0]!.n;
    if (check.totals.tickets !== rawCount)
      throw new Error(`rollups count ${check.totals.tickets} tickets in the year, the raw table ${rawCount}`);

    const analyst = new TestClient(backend.url);
    const login = await analyst.login('analityk', DEMO_PASSWORD);
    if (login.status !== 200) throw new Error(`analyst sign-in answered ${login.status}`);

    const periods = [
      { name: 'month', days: 30 },
      { name: 'year', days: 365 },
      { name: 'two_years', days: 730 },
    ] as const;
    const figures: Record<string, number> = {};
    for (const period of periods) {
      const from = dayBefore(last, period.days - 1);
      const requests = dashboardRequests(from, last, period.days > 31);
      await timeEach(requests, async (url) => void (await analyst.get(url)), 1); // warm-up
      const ms = await timeEach(
        requests,
        async (url) => {
          const res = await analyst.get(url);
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
        },
        repeat,
      );
      // Each raw query over a year takes minutes on two cores: once each there, three times for a month.
      const rawMs = await timeEach(
        RAW_QUERIES,
        async (sql) => void (await raw.query(sql, [from, last])),
        period.days > 31 ? 1 : 3,
      );
      figures[`${period.name}_p50_ms`] = round(percentile(ms, 50));
      figures[`${period.name}_p95_ms`] = round(percentile(ms, 95));
      figures[`${period.name}_raw_p50_ms`] = round(percentile(rawMs, 50));
      figures[`${period.name}_raw_p95_ms`] = round(percentile(rawMs, 95));
      figures[`${period.name}_ratio`] = round(percentile(rawMs, 95) / percentile(ms, 95));
      log(
        `${period.name.padEnd(9)} dashboard API p50 ${figures[`${period.name}_p50_ms`]} ms, p95 ${figures[`${period.name}_p95_ms`]} ms ` +
          `(${requests.length} requests × ${repeat}); raw tables p50 ${figures[`${period.name}_raw_p50_ms`]} ms, ` +
          `p95 ${figures[`${period.name}_raw_p95_ms`]} ms: ${figures[`${period.name}_ratio`]}× slower`,
      );
    }
    console.log(
      JSON.stringify({
        bench: 'analytics',
        tickets,
        ticket_events: events,
        rollup_full_s: round(fullRefreshS),
        rollup_incremental_ms: round(incrementalMs),
        ...figures,
      }),
    );
  } finally {
    await backend.close();
    await raw.end();
    await db.destroy();
    if (generated) {
      const admin = new pg.Client({ connectionString: adminUrl.toString() });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${env.databaseUrl.pathname.slice(1)}" WITH (FORCE)`);
      await admin.end();
    }
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
