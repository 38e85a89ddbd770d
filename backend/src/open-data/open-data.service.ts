// Open data: monthly ticket figures by district, top-level category or unit, read through the analytics engine and
// made safe to publish: no personal data, small cells suppressed, and no suppressed cell recoverable from a total.
import type { DataSource } from 'typeorm';
import {
  ticketFiguresQuery,
  type OpenDataCellDto,
  type OpenDataGrouping,
  type OpenDataGroupDto,
  type OpenDataMonthlyDto,
  type OpenDataQuery,
} from '@kck/contracts';
import type { Config } from '../platform/config.ts';
import { badField } from '../platform/errors.ts';
import { ticketFigures } from '../analytics/figures.service.ts';
import { ANALYTICS_TIME_ZONE } from '../analytics/rollups.ts';

export type OpenDataSettings = Pick<Config, 'OPEN_DATA_MIN_CELL' | 'OPEN_DATA_MAX_MONTHS' | 'OPEN_DATA_LICENCE'>;

/** Without `from`, this many months up to `to` (fewer when OPEN_DATA_MAX_MONTHS is smaller). */
const DEFAULT_MONTHS = 12;

/** What a ticket without the grouping's attribute is published as: the group with no code. */
const NONE_LABELS: Record<OpenDataGrouping, { labelPl: string; labelEn: string }> = {
  district: { labelPl: 'Bez dzielnicy', labelEn: 'No district given' },
  category: { labelPl: 'Bez kategorii', labelEn: 'No category' },
  unit: { labelPl: 'Jeszcze bez jednostki', labelEn: 'Not yet passed to a unit' },
};

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) =>
  `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
const lastDayOf = (month: string) => {
  const index = monthIndex(month) + 1;
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, 0)).toISOString().slice(0, 10);
};

/** The current month in Kraków, `YYYY-MM`, whatever the server's time zone. */
export const currentLocalMonth = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ANALYTICS_TIME_ZONE }).format(now).slice(0, 7);

/**
 * The months asked for, checked: only completed months (the current one is partial and still changing), `from`
 * not after `to`, at most OPEN_DATA_MAX_MONTHS. Each refusal is a 400 naming the field.
 */
export function openDataPeriod(
  query: Pick<OpenDataQuery, 'from' | 'to'>,
  maxMonths: number,
  now = new Date(),
): { from: string; to: string; months: string[] } {
  const latest = monthIndex(currentLocalMonth(now)) - 1;
  const completedOnly = `only completed months are published; the latest is ${monthOf(latest)}`;
  if (query.from && monthIndex(query.from) > latest) throw badField('query.from', completedOnly);
  if (query.to && monthIndex(query.to) > latest) throw badField('query.to', completedOnly);
  const to = query.to ? monthIndex(query.to) : latest;
  const from = query.from ? monthIndex(query.from) : to - Math.min(DEFAULT_MONTHS, maxMonths) + 1;
  if (from > to) throw badField('query.to', `the period ends (${monthOf(to)}) before it starts (${monthOf(from)})`);
  const length = to - from + 1;
  if (length > maxMonths)
    throw badField('query.to', `the period covers ${length} months; at most ${maxMonths} are allowed`);
  const months = Array.from({ length }, (_, i) => monthOf(from + i));
  return { from: months[0]!, to: months[length - 1]!, months };
}

/** Sums of one month × group, so that children's figures add up into their top-level category. */
interface Sums {
  tickets: number;
  resolved: number;
  resolveHours: number;
  withDeadline: number;
  deadlineKept: number;
  open: number;
}

const emptySums = (): Sums => ({ tickets: 0, resolved: 0, resolveHours: 0, withDeadline: 0, deadlineKept: 0, open: 0 });
const addSums = (a: Sums, b: Sums) => {
  for (const key of Object.keys(a) as (keyof Sums)[]) a[key] += b[key];
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function published(month: string, s: Sums): OpenDataCellDto {
  return {
    month,
    suppressed: false,
    tickets: s.tickets,
    resolved: s.resolved,
    deadlineKeptShare: s.withDeadline > 0 ? round(s.deadlineKept / s.withDeadline, 3) : null,
    meanDaysToResolve: s.resolved > 0 ? round(s.resolveHours / s.resolved / 24, 1) : null,
    openShare: s.tickets > 0 ? round(s.open / s.tickets, 3) : null,
  };
}

const suppressed = (month: string): OpenDataCellDto => ({
  month,
  suppressed: true,
  tickets: null,
  resolved: null,
  deadlineKeptShare: null,
  meanDaysToResolve: null,
  openShare: null,
});

/**
 * Which cells of one month to suppress. Primary: fewer than `minCell` tickets. Secondary: the month's total is
 * published, so when exactly one cell is suppressed it would be the total minus the published cells; the next
 * smallest cell is suppressed with it (ties: the first by code, so the choice does not change between requests).
 * A total under `minCell` is itself suppressed, and then every cell already is (each is at most the total).
 */
export function cellsToSuppress(cells: { key: string; tickets: number }[], minCell: number): Set<string> {
  const hidden = new Set(cells.filter((c) => c.tickets < minCell).map((c) => c.key));
  if (hidden.size === 1) {
    const next = cells
      .filter((c) => !hidden.has(c.key))
      .sort((a, b) => a.tickets - b.tickets || a.key.localeCompare(b.key))[0];
    if (next) hidden.add(next.key);
  }
  return hidden;
}

interface GroupInfo extends OpenDataGroupDto {
  /** Internal: how the engine's key (an id) maps to the published group. */
  key: string;
}

/** Each id the engine grouped by, mapped to its published group: a stable code and labels, never the id. */
async function groupsOf(db: DataSource, by: OpenDataGrouping, ids: string[]): Promise<Map<string, GroupInfo>> {
  if (ids.length === 0) return new Map();
  const rows = (await (by === 'unit'
    ? db.query(`SELECT id::text AS id, code, name AS label_pl, name AS label_en FROM unit WHERE id::text = ANY($1)`, [
        ids,
      ])
    : by === 'district'
      ? db.query(`SELECT id::text AS id, code, label_pl, label_en FROM dictionary_entry WHERE id::text = ANY($1)`, [
          ids,
        ])
      : // A category counts under its top-level ancestor.
        db.query(
          `WITH RECURSIVE up AS (
             SELECT id AS leaf, id, parent_id FROM dictionary_entry WHERE id::text = ANY($1)
             UNION ALL
             SELECT up.leaf, p.id, p.parent_id FROM up JOIN dictionary_entry p ON p.id = up.parent_id)
           SELECT up.leaf::text AS id, e.code, e.label_pl, e.label_en
             FROM up JOIN dictionary_entry e ON e.id = up.id WHERE up.parent_id IS NULL`,
          [ids],
        ))) as { id: string; code: string; label_pl: string; label_en: string }[];
  return new Map(
    rows.map((r) => [r.id, { key: `c:${r.code}`, code: r.code, labelPl: r.label_pl, labelEn: r.label_en }]),
  );
}

/** The monthly figures, suppressed where needed; the period must already have passed openDataPeriod. */
export async function openDataMonthly(
  db: DataSource,
  query: OpenDataQuery,
  settings: OpenDataSettings,
  now = new Date(),
): Promise<OpenDataMonthlyDto> {
  const period = openDataPeriod(query, settings.OPEN_DATA_MAX_MONTHS, now);
  const by = query.by;
  const figures = await ticketFigures(
    db,
    ticketFiguresQuery.parse({
      from: `${period.from}-01`,
      to: lastDayOf(period.to),
      groupBy: `month,${by}`,
      measures: 'tickets,resolved,avgResolveHours,withDeadline,deadlineKept,open',
    }),
    // The month limit above is the open data's own; the analytics' day limit must not refuse it in other words.
    { maxPeriodDays: (settings.OPEN_DATA_MAX_MONTHS + 1) * 31 },
  );
  const ids = [...new Set(figures.rows.map((r) => r.key[by]).filter((id): id is string => typeof id === 'string'))];
  const known = await groupsOf(db, by, ids);
  const none: GroupInfo = { key: 'none', code: null, ...NONE_LABELS[by] };

  const groups = new Map<string, GroupInfo>();
  /** month → group key → sums */
  const sums = new Map<string, Map<string, Sums>>(period.months.map((m) => [m, new Map()]));
  for (const row of figures.rows) {
    const id = row.key[by];
    const month = String(row.key.month);
    // An id whose entry is gone (it never is: entries are deactivated, not deleted) counts as none given.
    const group = (typeof id === 'string' && known.get(id)) || none;
    const v = row.values;
    const cell: Sums = {
      tickets: v.tickets ?? 0,
      resolved: v.resolved ?? 0,
      resolveHours: (v.avgResolveHours ?? 0) * (v.resolved ?? 0),
      withDeadline: v.withDeadline ?? 0,
      deadlineKept: v.deadlineKept ?? 0,
      open: v.open ?? 0,
    };
    if (cell.tickets === 0) continue;
    groups.set(group.key, group);
    const ofMonth = sums.get(month);
    if (!ofMonth) continue;
    const current = ofMonth.get(group.key) ?? emptySums();
    addSums(current, cell);
    ofMonth.set(group.key, current);
  }

  const minCell = settings.OPEN_DATA_MIN_CELL;
  const cells = new Map<string, OpenDataCellDto[]>([...groups.keys()].map((k) => [k, []]));
  const totals: OpenDataCellDto[] = [];
  for (const [month, ofMonth] of sums) {
    const total = emptySums();
    for (const s of ofMonth.values()) addSums(total, s);
    totals.push(total.tickets < minCell ? suppressed(month) : published(month, total));
    const hidden = cellsToSuppress(
      [...ofMonth].map(([key, s]) => ({ key, tickets: s.tickets })),
      minCell,
    );
    for (const [key, s] of ofMonth) cells.get(key)!.push(hidden.has(key) ? suppressed(month) : published(month, s));
  }

  const ordered = [...groups.values()].sort((a, b) =>
    a.code === null ? 1 : b.code === null ? -1 : a.labelPl.localeCompare(b.labelPl, 'pl'),
  );
  return {
    by,
    from: period.from,
    to: period.to,
    months: period.months,
    minCell,
    licence: settings.OPEN_DATA_LICENCE,
    refreshedAt: figures.refreshedAt,
    groups: ordered.map((g) => ({ code: g.code, labelPl: g.labelPl, labelEn: g.labelEn, cells: cells.get(g.key)! })),
    totals,
  };
}
