// DK-05's figures: tickets, calls and the knowledge base over a period, grouped by up to three dimensions, read from
// the rollup tables (rollups.ts). Dashboards, reports, analysts' own tables and the open data all ask through here.
import type { DataSource } from 'typeorm';
import {
  CALL_MEASURES,
  OPEN_TICKET_STATUSES,
  TICKET_MEASURES,
  type BacklogRowDto,
  type CallDimension,
  type CallFiguresDto,
  type CallFiguresQuery,
  type CallMeasure,
  type FigureRowDto,
  type FigureSubject,
  type KnowledgeFiguresDto,
  type KnowledgeFiguresQuery,
  type TicketDimension,
  type TicketFiguresDto,
  type TicketFiguresQuery,
  type TicketMeasure,
} from '@kck/contracts';
import type { Config } from '../platform/config.ts';
import { badField } from '../platform/errors.ts';
import { OPEN_CONDITION, OVERDUE_CONDITION } from '../monitoring/monitoring.conditions.ts';
import { rollupsRefreshedAt } from './rollups.ts';

export interface AnalyticsLimits {
  maxPeriodDays: number;
}

export const analyticsLimits = (config: Pick<Config, 'ANALYTICS_MAX_PERIOD_DAYS'>): AnalyticsLimits => ({
  maxPeriodDays: config.ANALYTICS_MAX_PERIOD_DAYS,
});

const DAY_MS = 86_400_000;

/** Throws 400 naming the field for a reversed period or one longer than allowed. Dates are already YYYY-MM-DD. */
export function checkPeriod(period: { from: string; to: string }, limits: AnalyticsLimits): void {
  const days = (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`)) / DAY_MS + 1;
  if (days < 1) throw badField('to', `the period ends (${period.to}) before it starts (${period.from})`);
  if (days > limits.maxPeriodDays)
    throw badField('to', `the period covers ${days} days; at most ${limits.maxPeriodDays} are allowed`);
}

/** How a dimension reads from its rollup table: the grouping expression and, for ids, where its label comes from. */
interface DimensionSql {
  expr: string;
  labels?: 'dictionary' | 'unit';
  /** Keys that are numbers in the answer. */
  numeric?: boolean;
}

const TIME_DIMENSIONS: Record<'day' | 'week' | 'month' | 'year', DimensionSql> = {
  day: { expr: `to_char(r.day, 'YYYY-MM-DD')` },
  week: { expr: `to_char(date_trunc('week', r.day), 'YYYY-MM-DD')` },
  month: { expr: `to_char(r.day, 'YYYY-MM')` },
  year: { expr: `to_char(r.day, 'YYYY')` },
};

const TICKET_DIMENSION_SQL: Record<TicketDimension, DimensionSql> = {
  ...TIME_DIMENSIONS,
  channel: { expr: 'r.channel', labels: 'dictionary' },
  type: { expr: 'r.type' },
  category: { expr: 'r.category_id::text', labels: 'dictionary' },
  unit: { expr: 'r.unit_id::text', labels: 'unit' },
  district: { expr: 'r.district_id::text', labels: 'dictionary' },
  status: { expr: 'r.status' },
  priority: { expr: 'r.priority' },
  closureReason: { expr: 'r.closure_reason_id::text', labels: 'dictionary' },
};

const CALL_DIMENSION_SQL: Record<CallDimension, DimensionSql> = {
  ...TIME_DIMENSIONS,
  hour: { expr: 'r.hour::int', numeric: true },
  weekday: { expr: 'extract(isodow FROM r.day)::int', numeric: true },
  topic: { expr: 'r.topic_id::text', labels: 'dictionary' },
  outcome: { expr: 'r.outcome' },
  direction: { expr: 'r.direction' },
};

const OPEN_STATUSES = `ARRAY[${OPEN_TICKET_STATUSES.map((s) => `'${s}'`).join(', ')}]`;

/** Each measure as an aggregate over rollup rows; means are ratios of sums, so they stay exact at any grouping. */
const TICKET_MEASURE_SQL: Record<TicketMeasure, string> = {
  tickets: 'coalesce(sum(r.tickets), 0)',
  routed: 'coalesce(sum(r.routed), 0)',
  avgRouteHours: 'sum(r.route_seconds)::float8 / nullif(sum(r.routed), 0) / 3600',
  resolved: 'coalesce(sum(r.resolved), 0)',
  avgResolveHours: 'sum(r.resolve_seconds)::float8 / nullif(sum(r.resolved), 0) / 3600',
  withDeadline: 'coalesce(sum(r.with_deadline), 0)',
  deadlineKept: 'coalesce(sum(r.deadline_kept), 0)',
  deadlineKeptShare: 'sum(r.deadline_kept)::float8 / nullif(sum(r.with_deadline), 0)',
  open: `coalesce(sum(r.tickets) FILTER (WHERE r.status = ANY(${OPEN_STATUSES})), 0)`,
  duplicates: 'coalesce(sum(r.duplicates), 0)',
};

const CALL_MEASURE_SQL: Record<CallMeasure, string> = {
  calls: 'coalesce(sum(r.calls), 0)',
  answered: 'coalesce(sum(r.answered), 0)',
  missed: 'coalesce(sum(r.missed), 0)',
  avgTalkSeconds: 'sum(r.talk_seconds)::float8 / nullif(sum(r.talked), 0)',
  avgWrapUpSeconds: 'sum(r.wrap_seconds)::float8 / nullif(sum(r.wrapped), 0)',
  informationOnly: 'coalesce(sum(r.information_only), 0)',
  withTicket: 'coalesce(sum(r.with_ticket), 0)',
};

/** A parent category takes its children (and theirs). */
const CATEGORY_SUBTREE = (param: string) => `r.category_id IN (
  WITH RECURSIVE tree AS (SELECT id FROM dictionary_entry WHERE id = ${param}
                          UNION SELECT c.id FROM dictionary_entry c JOIN tree ON c.parent_id = tree.id)
  SELECT id FROM tree)`;

/**
 * The whole months inside a period, as [first day, first day after), or null. Long periods read those months from
 * the month rollups and only the days at either end from the day rollups. Dates are validated YYYY-MM-DD.
 */
export function wholeMonths(from: string, to: string): [string, string] | null {
  const firstOf = (date: Date) => date.toISOString().slice(0, 8) + '01';
  const start = new Date(`${from}T12:00:00Z`);
  if (start.getUTCDate() !== 1) start.setUTCMonth(start.getUTCMonth() + 1, 1);
  const after = new Date(`${to}T12:00:00Z`);
  after.setUTCDate(after.getUTCDate() + 1);
  const end = firstOf(after);
  const begin = firstOf(start);
  return begin < end ? [begin, end] : null;
}

const TICKET_COLUMNS = `channel, type, category_id, unit_id, district_id, closure_reason_id, tickets, routed, route_seconds, resolved,
  resolve_seconds, with_deadline, deadline_kept, duplicates`;

/** Day rollups, or whole months from the month rollups when nothing asks for days, weeks or priority. */
function ticketSource(query: TicketFiguresQuery): string {
  const months = wholeMonths(query.from, query.to);
  const dayRows = (where: string) =>
    `SELECT day, status, priority, ${TICKET_COLUMNS} FROM rollup_ticket_day WHERE ${where}`;
  if (!months || query.groupBy.some((d) => ['day', 'week', 'priority'].includes(d)))
    return `(${dayRows('day BETWEEN $1::date AND $2::date')})`;
  const [begin, end] = months;
  return `(${dayRows(edgeDays(begin, end))}
    UNION ALL
    SELECT month, status, NULL, ${TICKET_COLUMNS} FROM rollup_ticket_month WHERE month >= '${begin}' AND month < '${end}')`;
}

/** The period's days outside its whole months, as two index ranges (a NOT would scan the whole period). */
const edgeDays = (begin: string, end: string) =>
  `((day >= $1::date AND day < '${begin}') OR (day >= '${end}' AND day <= $2::date))`;

const CALL_COLUMNS = `hour, topic_id, outcome, direction, calls, answered, missed, talked, talk_seconds, wrapped,
  wrap_seconds, information_only, with_ticket`;

function callSource(query: CallFiguresQuery): string {
  const dayRows = (where: string) => `SELECT day, ${CALL_COLUMNS} FROM rollup_call_hour WHERE ${where}`;
  const months = wholeMonths(query.from, query.to);
  if (!months || query.groupBy.some((d) => ['day', 'week', 'weekday'].includes(d)))
    return `(${dayRows('day BETWEEN $1::date AND $2::date')})`;
  const [begin, end] = months;
  return `(${dayRows(edgeDays(begin, end))}
    UNION ALL
    SELECT month, ${CALL_COLUMNS} FROM rollup_call_month WHERE month >= '${begin}' AND month < '${end}')`;
}

interface FigureSpec<D extends string, M extends string> {
  subject: FigureSubject;
  /** A table or subquery whose rows carry `day` and the columns the dimensions and measures read. */
  source: string;
  from: string;
  to: string;
  groupBy: D[];
  measures: M[];
  dimensionSql: Record<D, DimensionSql>;
  measureSql: Record<M, string>;
  filters: string[];
  params: unknown[];
}

async function queryFigures<D extends string, M extends string>(
  db: DataSource,
  spec: FigureSpec<D, M>,
): Promise<{
  subject: FigureSubject;
  from: string;
  to: string;
  groupBy: D[];
  measures: M[];
  rows: FigureRowDto<D, M>[];
  totals: Record<M, number | null>;
  refreshedAt: string | null;
}> {
  const groupBy = [...new Set(spec.groupBy)];
  const exprs = groupBy.map((d) => spec.dimensionSql[d].expr);
  const keys = exprs.map((expr, i) => `${expr} AS k${i}`);
  const values = spec.measures.map((m, i) => `(${spec.measureSql[m]})::float8 AS m${i}`);
  // One query gives the rows and, through the empty grouping set, the totals over all of them.
  const grouping = exprs.length ? `GROUP BY GROUPING SETS ((${exprs.join(', ')}), ())` : '';
  const totalFlag = exprs.length ? `GROUPING(${exprs.join(', ')}) > 0` : 'true';
  const where = ['r.day BETWEEN $1::date AND $2::date', ...spec.filters].join(' AND ');
  const rows = (await db.query(
    `SELECT ${[...keys, ...values, `${totalFlag} AS is_total`].join(', ')}
       FROM ${spec.source} r WHERE ${where} ${grouping}`,
    [spec.from, spec.to, ...spec.params],
  )) as Record<string, unknown>[];

  const labels = await labelsFor(
    db,
    groupBy.map((d, i) => ({ source: spec.dimensionSql[d].labels, ids: rows.map((r) => r[`k${i}`] as string | null) })),
  );
  const measureValues = (row: Record<string, unknown> | undefined) =>
    Object.fromEntries(
      spec.measures.map((m, i) => {
        // Counts are 0 over no rows (coalesce in their SQL); means over nothing stay null.
        const value = row?.[`m${i}`] as number | null | undefined;
        return [m, value ?? (row || spec.measureSql[m].includes('/') ? null : 0)];
      }),
    ) as Record<M, number | null>;

  const figureRows: FigureRowDto<D, M>[] = rows
    .filter((r) => !r.is_total)
    .map((r) => ({
      key: Object.fromEntries(groupBy.map((d, i) => [d, (r[`k${i}`] as string | number | null) ?? null])) as Record<
        D,
        string | number | null
      >,
      label: Object.fromEntries(
        groupBy.map((d, i) => {
          const key = r[`k${i}`] as string | number | null;
          return [d, key === null ? null : (labels[i]?.get(String(key)) ?? String(key))];
        }),
      ) as Record<D, string | null>,
      values: measureValues(r),
    }));
  figureRows.sort((a, b) => {
    for (const d of groupBy) {
      const time = d in TIME_DIMENSIONS || spec.dimensionSql[d].numeric;
      const x = time ? a.key[d] : a.label[d];
      const y = time ? b.key[d] : b.label[d];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'pl');
    }
    return 0;
  });
  return {
    subject: spec.subject,
    from: spec.from,
    to: spec.to,
    groupBy,
    measures: spec.measures,
    rows: figureRows,
    totals: measureValues(rows.find((r) => r.is_total)),
    refreshedAt: await rollupsRefreshedAt(db),
  };
}

/** Labels of the ids (or codes) a dimension takes: a dictionary entry's Polish label, or a unit's code and name. */
async function labelsFor(
  db: DataSource,
  dimensions: { source: DimensionSql['labels']; ids: (string | null)[] }[],
): Promise<(Map<string, string> | undefined)[]> {
  return Promise.all(
    dimensions.map(async ({ source, ids }) => {
      const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
      if (!source || wanted.length === 0) return undefined;
      const rows = (await (source === 'unit'
        ? db.query(`SELECT id::text AS key, code || ' ' || name AS label FROM unit WHERE id::text = ANY($1)`, [wanted])
        : db.query(
            // Channels are grouped by code; the other dictionaries by id.
            `SELECT CASE WHEN dictionary = 'channel' THEN code ELSE id::text END AS key, label_pl AS label
               FROM dictionary_entry
              WHERE id::text = ANY($1) OR (dictionary = 'channel' AND code = ANY($1))`,
            [wanted],
          ))) as { key: string; label: string }[];
      return new Map(rows.map((r) => [r.key, r.label]));
    }),
  );
}

/** Tickets written in the period, by their current attributes. */
export async function ticketFigures(
  db: DataSource,
  query: TicketFiguresQuery,
  limits: AnalyticsLimits,
): Promise<TicketFiguresDto> {
  checkPeriod(query, limits);
  const filters: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (param: string) => string, value: unknown) => {
    params.push(value);
    filters.push(sql(`$${params.length + 2}`));
  };
  if (query.channel) add((p) => `r.channel = ${p}`, query.channel);
  if (query.type) add((p) => `r.type = ${p}`, query.type);
  if (query.categoryId) add((p) => CATEGORY_SUBTREE(`${p}::uuid`), query.categoryId);
  if (query.unitId) add((p) => `r.unit_id = ${p}::uuid`, query.unitId);
  if (query.districtId) add((p) => `r.district_id = ${p}::uuid`, query.districtId);
  if (query.status) add((p) => `r.status = ${p}`, query.status);
  return queryFigures(db, {
    subject: 'tickets',
    source: ticketSource(query),
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    measures: query.measures ?? [...TICKET_MEASURES],
    dimensionSql: TICKET_DIMENSION_SQL,
    measureSql: TICKET_MEASURE_SQL,
    filters,
    params,
  });
}

/** Calls that started in the period. */
export async function callFigures(
  db: DataSource,
  query: CallFiguresQuery,
  limits: AnalyticsLimits,
): Promise<CallFiguresDto> {
  checkPeriod(query, limits);
  const filters: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (param: string) => string, value: unknown) => {
    params.push(value);
    filters.push(sql(`$${params.length + 2}`));
  };
  if (query.topicId) add((p) => `r.topic_id = ${p}::uuid`, query.topicId);
  if (query.outcome) add((p) => `r.outcome = ${p}`, query.outcome);
  if (query.direction) add((p) => `r.direction = ${p}`, query.direction);
  return queryFigures(db, {
    subject: 'calls',
    source: callSource(query),
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    measures: query.measures ?? [...CALL_MEASURES],
    dimensionSql: CALL_DIMENSION_SQL,
    measureSql: CALL_MEASURE_SQL,
    filters,
    params,
  });
}

/**
 * Open tickets now per unit. This reads the ticket table, not a rollup: it is the present state, bounded by the
 * backlog (found through the (status, created_at) index), and "overdue" changes with the clock, not with events.
 */
export async function backlogByUnit(db: DataSource, filter: { unitId?: string }): Promise<BacklogRowDto[]> {
  const rows = (await db.query(
    `SELECT t.unit_id, u.code AS unit_code, u.name AS unit_name,
            count(*)::int AS open,
            count(*) FILTER (WHERE ${OVERDUE_CONDITION})::int AS overdue,
            count(*) FILTER (WHERE t.created_at >= now() - interval '7 days')::int AS up_to_7,
            count(*) FILTER (WHERE t.created_at < now() - interval '7 days'
                               AND t.created_at >= now() - interval '30 days')::int AS up_to_30,
            count(*) FILTER (WHERE t.created_at < now() - interval '30 days'
                               AND t.created_at >= now() - interval '90 days')::int AS up_to_90,
            count(*) FILTER (WHERE t.created_at < now() - interval '90 days')::int AS older,
            floor(extract(epoch FROM now() - min(t.created_at)) / 86400)::int AS oldest_days
       FROM ticket t LEFT JOIN unit u ON u.id = t.unit_id
      WHERE ${OPEN_CONDITION} AND ($1::uuid IS NULL OR t.unit_id = $1::uuid)
      GROUP BY t.unit_id, u.code, u.name
      ORDER BY open DESC, u.code NULLS FIRST`,
    [filter.unitId ?? null],
  )) as {
    unit_id: string | null;
    unit_code: string | null;
    unit_name: string | null;
    open: number;
    overdue: number;
    up_to_7: number;
    up_to_30: number;
    up_to_90: number;
    older: number;
    oldest_days: number | null;
  }[];
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    open: r.open,
    overdue: r.overdue,
    byAge: { upTo7: r.up_to_7, upTo30: r.up_to_30, upTo90: r.up_to_90, older: r.older },
    oldestDays: r.oldest_days,
  }));
}

/** Searches, searches that found nothing (the knowledge base's gaps) and the articles used in calls. */
export async function knowledgeFigures(
  db: DataSource,
  query: KnowledgeFiguresQuery,
  limits: AnalyticsLimits,
): Promise<KnowledgeFiguresDto> {
  checkPeriod(query, limits);
  const period = [query.from, query.to];
  const [totals, articles, gaps] = await Promise.all([
    db.query(
      `SELECT coalesce(sum(searches), 0)::int AS searches, coalesce(sum(without_result), 0)::int AS without_result
         FROM rollup_search_day WHERE day BETWEEN $1::date AND $2::date`,
      period,
    ) as Promise<{ searches: number; without_result: number }[]>,
    db.query(
      `SELECT r.article_id, a.title, sum(r.used_in_calls)::int AS uses
         FROM rollup_article_day r LEFT JOIN article a ON a.id = r.article_id
        WHERE r.day BETWEEN $1::date AND $2::date
        GROUP BY r.article_id, a.title ORDER BY uses DESC, a.title LIMIT $3`,
      [...period, query.limit],
    ) as Promise<{ article_id: string; title: string | null; uses: number }[]>,
    db.query(
      `SELECT query, sum(searches)::int AS searches FROM rollup_search_gap_day
        WHERE day BETWEEN $1::date AND $2::date
        GROUP BY query ORDER BY searches DESC, query LIMIT $3`,
      [...period, query.limit],
    ) as Promise<{ query: string; searches: number }[]>,
  ]);
  return {
    from: query.from,
    to: query.to,
    searches: totals[0]?.searches ?? 0,
    searchesWithoutResult: totals[0]?.without_result ?? 0,
    topArticles: articles.map((r) => ({ articleId: r.article_id, title: r.title, uses: r.uses })),
    topGaps: gaps,
  };
}
