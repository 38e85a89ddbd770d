// The reports DK-05 hands out, defined in code: the standard monthly KCK report and a unit's report for its head.
// Each is a list of sections, each section one figures query (analytics/figures.service.ts) laid out as a table.
import type { DataSource } from 'typeorm';
import {
  callFiguresQuery,
  ticketFiguresQuery,
  type CallDimension,
  type CallMeasure,
  type FiguresDto,
  type ReportColumnDto,
  type ReportColumnKind,
  type ReportDto,
  type ReportKind,
  type ReportSectionDto,
  type TicketDimension,
  type TicketMeasure,
} from '@kck/contracts';
import {
  backlogByUnit,
  callFigures,
  knowledgeFigures,
  ticketFigures,
  type AnalyticsLimits,
} from '../analytics/figures.service.ts';
import { rollupsRefreshedAt } from '../analytics/rollups.ts';
import { badField } from '../platform/errors.ts';

export interface ReportPeriod {
  from: string;
  to: string;
}

export interface ReportUnit {
  id: string;
  code: string;
  name: string;
}

/** Polish headers of the measures: the report is read in the city's offices. */
const TICKET_MEASURE_COLUMNS: Record<TicketMeasure, { label: string; kind: ReportColumnKind }> = {
  tickets: { label: 'Zgłoszenia', kind: 'count' },
  routed: { label: 'Przekazane do jednostki', kind: 'count' },
  avgRouteHours: { label: 'Średni czas przekazania (godz.)', kind: 'hours' },
  resolved: { label: 'Załatwione', kind: 'count' },
  avgResolveHours: { label: 'Średni czas załatwienia (godz.)', kind: 'hours' },
  withDeadline: { label: 'Załatwione z terminem', kind: 'count' },
  deadlineKept: { label: 'W terminie', kind: 'count' },
  deadlineKeptShare: { label: 'Odsetek w terminie', kind: 'share' },
  open: { label: 'Otwarte', kind: 'count' },
  duplicates: { label: 'Duplikaty', kind: 'count' },
};

const CALL_MEASURE_COLUMNS: Record<CallMeasure, { label: string; kind: ReportColumnKind }> = {
  calls: { label: 'Połączenia', kind: 'count' },
  answered: { label: 'Odebrane', kind: 'count' },
  missed: { label: 'Nieodebrane', kind: 'count' },
  avgTalkSeconds: { label: 'Średni czas rozmowy (s)', kind: 'seconds' },
  avgWrapUpSeconds: { label: 'Średni czas obsługi po rozmowie (s)', kind: 'seconds' },
  informationOnly: { label: 'Tylko informacja', kind: 'count' },
  withTicket: { label: 'Z utworzonym zgłoszeniem', kind: 'count' },
};

const DIMENSION_LABELS: Record<TicketDimension | CallDimension, string> = {
  day: 'Dzień',
  week: 'Tydzień (od poniedziałku)',
  month: 'Miesiąc',
  year: 'Rok',
  hour: 'Godzina',
  weekday: 'Dzień tygodnia',
  channel: 'Kanał',
  type: 'Rodzaj',
  category: 'Kategoria',
  unit: 'Jednostka',
  district: 'Dzielnica',
  status: 'Status',
  priority: 'Priorytet',
  closureReason: 'Powód zamknięcia',
  topic: 'Temat rozmowy',
  outcome: 'Wynik rozmowy',
  direction: 'Kierunek',
};

/** Dimensions whose values are codes without a dictionary label; everything else comes labelled from the figures. */
export const CODE_LABELS: Record<string, Record<string, string>> = {
  type: { problem: 'Problem', idea: 'Pomysł', information: 'Informacja' },
  status: {
    new: 'Nowe',
    triage: 'W weryfikacji',
    routed: 'Przekazane',
    accepted: 'Przyjęte',
    in_progress: 'W realizacji',
    resolved: 'Załatwione',
    closed: 'Zamknięte',
    returned: 'Zwrócone',
    rejected: 'Odrzucone',
    duplicate: 'Duplikat',
    reopened: 'Wznowione',
  },
  priority: { low: 'Niski', normal: 'Normalny', high: 'Wysoki', urgent: 'Pilny' },
  outcome: {
    information_given: 'Udzielono informacji',
    problem: 'Zgłoszono problem',
    idea: 'Zgłoszono pomysł',
    transferred: 'Przełączono',
    survey: 'Ankieta',
    dropped: 'Przerwana',
  },
  direction: { in: 'Przychodzące', out: 'Wychodzące' },
  weekday: { 1: 'poniedziałek', 2: 'wtorek', 3: 'środa', 4: 'czwartek', 5: 'piątek', 6: 'sobota', 7: 'niedziela' },
};

const NONE_LABELS: Partial<Record<TicketDimension | CallDimension, string>> = {
  unit: '(bez jednostki)',
  district: '(bez dzielnicy)',
  topic: '(bez tematu)',
  outcome: '(bez wyniku)',
};

function dimensionCell(dimension: string, key: string | number | null, label: string | null): string | number | null {
  if (key === null) return NONE_LABELS[dimension as TicketDimension] ?? null;
  if (dimension === 'hour') return key;
  return CODE_LABELS[dimension]?.[String(key)] ?? label ?? String(key);
}

/** One figures answer as a table: a column per dimension, a column per measure, and a total row when grouped. */
export function figuresSection(
  key: string,
  title: string,
  figures: FiguresDto,
  measureColumns: Record<string, { label: string; kind: ReportColumnKind }>,
): ReportSectionDto {
  const columns: ReportColumnDto[] = [
    ...figures.groupBy.map((d) => ({
      key: d,
      label: DIMENSION_LABELS[d as TicketDimension] ?? d,
      kind: (d === 'hour' ? 'count' : 'text') as ReportColumnKind,
    })),
    ...figures.measures.map((m) => ({
      key: m,
      label: measureColumns[m]?.label ?? m,
      kind: measureColumns[m]?.kind ?? 'count',
    })),
  ];
  const rows = figures.rows.map((row) => [
    ...figures.groupBy.map((d) => dimensionCell(d, row.key[d] ?? null, row.label[d] ?? null)),
    ...figures.measures.map((m) => row.values[m] ?? null),
  ]);
  if (figures.groupBy.length > 0)
    rows.push([
      'Razem',
      ...figures.groupBy.slice(1).map(() => null),
      ...figures.measures.map((m) => figures.totals[m] ?? null),
    ]);
  return { key, title, columns, rows };
}

export const ticketSection = (key: string, title: string, figures: FiguresDto) =>
  figuresSection(key, title, figures, TICKET_MEASURE_COLUMNS);
export const callSection = (key: string, title: string, figures: FiguresDto) =>
  figuresSection(key, title, figures, CALL_MEASURE_COLUMNS);

const tickets = (
  db: DataSource,
  limits: AnalyticsLimits,
  period: ReportPeriod,
  groupBy: string,
  measures: string,
  unitId?: string,
) =>
  ticketFigures(db, ticketFiguresQuery.parse({ ...period, groupBy, measures, ...(unitId ? { unitId } : {}) }), limits);

const calls = (db: DataSource, limits: AnalyticsLimits, period: ReportPeriod, groupBy: string, measures: string) =>
  callFigures(db, callFiguresQuery.parse({ ...period, groupBy, measures }), limits);

async function backlogSection(db: DataSource, unitId?: string): Promise<ReportSectionDto> {
  const rows = await backlogByUnit(db, unitId ? { unitId } : {});
  return {
    key: 'backlog',
    title: 'Zaległości według jednostek (stan w chwili sporządzenia)',
    columns: [
      { key: 'unit', label: 'Jednostka', kind: 'text' },
      { key: 'open', label: 'Otwarte', kind: 'count' },
      { key: 'overdue', label: 'Po terminie', kind: 'count' },
      { key: 'upTo7', label: 'Do 7 dni', kind: 'count' },
      { key: 'upTo30', label: '8–30 dni', kind: 'count' },
      { key: 'upTo90', label: '31–90 dni', kind: 'count' },
      { key: 'older', label: 'Ponad 90 dni', kind: 'count' },
      { key: 'oldestDays', label: 'Najstarsze (dni)', kind: 'days' },
    ],
    rows: rows.map((r) => [
      r.unitCode ? `${r.unitCode} ${r.unitName ?? ''}`.trim() : '(bez jednostki)',
      r.open,
      r.overdue,
      r.byAge.upTo7,
      r.byAge.upTo30,
      r.byAge.upTo90,
      r.byAge.older,
      r.oldestDays,
    ]),
  };
}

const OLDEST_OPEN_LIMIT = 25;

/** A unit's oldest open tickets: number, category, status and age only (no reporter's data). */
async function oldestOpenSection(db: DataSource, unitId: string): Promise<ReportSectionDto> {
  const rows = (await db.query(
    `SELECT t.number, c.label_pl AS category, t.status,
            to_char(t.created_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI') AS written,
            (extract(epoch FROM now() - t.created_at) / 86400)::int AS age_days,
            to_char(t.due_at AT TIME ZONE 'Europe/Warsaw', 'YYYY-MM-DD HH24:MI') AS due
       FROM ticket t JOIN dictionary_entry c ON c.id = t.category_id
      WHERE t.unit_id = $1 AND t.status IN ('new', 'triage', 'routed', 'accepted', 'in_progress', 'returned', 'reopened')
      ORDER BY t.created_at, t.id
      LIMIT ${OLDEST_OPEN_LIMIT}`,
    [unitId],
  )) as { number: string; category: string; status: string; written: string; age_days: number; due: string | null }[];
  return {
    key: 'oldest',
    title: `Najstarsze otwarte zgłoszenia (do ${OLDEST_OPEN_LIMIT})`,
    columns: [
      { key: 'number', label: 'Numer', kind: 'text' },
      { key: 'category', label: 'Kategoria', kind: 'text' },
      { key: 'status', label: 'Status', kind: 'text' },
      { key: 'written', label: 'Przyjęte', kind: 'text' },
      { key: 'ageDays', label: 'Wiek (dni)', kind: 'days' },
      { key: 'due', label: 'Termin', kind: 'text' },
    ],
    rows: rows.map((r) => [
      r.number,
      r.category,
      CODE_LABELS.status![r.status] ?? r.status,
      r.written,
      r.age_days,
      r.due,
    ]),
  };
}

/** The calls' totals beside the tickets': how much of the hotline's work ends in information and how much in tickets. */
function summarySection(callTotals: FiguresDto, ticketTotals: FiguresDto): ReportSectionDto {
  const c = callTotals.totals;
  const t = ticketTotals.totals;
  return {
    key: 'summary',
    title: 'Podsumowanie: informacja a zgłoszenia',
    columns: [
      { key: 'figure', label: 'Wskaźnik', kind: 'text' },
      { key: 'value', label: 'Wartość', kind: 'count' },
    ],
    rows: [
      ['Połączenia', c.calls ?? 0],
      ['Odebrane', c.answered ?? 0],
      ['Nieodebrane', c.missed ?? 0],
      ['Tylko informacja', c.informationOnly ?? 0],
      ['Połączenia z utworzonym zgłoszeniem', c.withTicket ?? 0],
      ['Zgłoszenia ze wszystkich kanałów', t.tickets ?? 0],
      ['Załatwione', t.resolved ?? 0],
      ['Otwarte', t.open ?? 0],
    ],
  };
}

async function knowledgeSection(db: DataSource, limits: AnalyticsLimits, period: ReportPeriod) {
  const figures = await knowledgeFigures(db, { ...period, limit: 20 }, limits);
  return {
    key: 'knowledge_gaps',
    title: `Luki w bazie wiedzy: wyszukiwania bez wyniku (${figures.searchesWithoutResult} z ${figures.searches})`,
    columns: [
      { key: 'query', label: 'Zapytanie', kind: 'text' },
      { key: 'searches', label: 'Wyszukiwania', kind: 'count' },
    ],
    rows: figures.topGaps.map((g) => [g.query, g.searches]),
  } satisfies ReportSectionDto;
}

const ALL_TICKET_MEASURES =
  'tickets,routed,avgRouteHours,resolved,avgResolveHours,withDeadline,deadlineKept,deadlineKeptShare,open';

async function monthlySections(db: DataSource, limits: AnalyticsLimits, period: ReportPeriod) {
  const callMeasures = 'calls,answered,missed,avgTalkSeconds,avgWrapUpSeconds,informationOnly,withTicket';
  // One after another: the pool is shared with the rest of the API, and each query is a small read of the rollups.
  const byTopic = await calls(db, limits, period, 'topic', callMeasures);
  const byOutcome = await calls(db, limits, period, 'outcome', 'calls,avgTalkSeconds,avgWrapUpSeconds');
  const totals = await tickets(db, limits, period, '', 'tickets,resolved,open');
  return [
    summarySection(byTopic, totals),
    callSection('calls_by_topic', 'Połączenia według tematu', byTopic),
    callSection('calls_by_outcome', 'Połączenia według wyniku', byOutcome),
    ticketSection(
      'tickets_by_channel',
      'Zgłoszenia według kanału',
      await tickets(db, limits, period, 'channel', 'tickets,resolved,open'),
    ),
    ticketSection(
      'tickets_by_type',
      'Zgłoszenia według rodzaju',
      await tickets(db, limits, period, 'type', 'tickets,resolved,open'),
    ),
    ticketSection(
      'tickets_by_category',
      'Zgłoszenia według kategorii',
      await tickets(db, limits, period, 'category', 'tickets,resolved,avgResolveHours,open'),
    ),
    ticketSection(
      'tickets_by_unit',
      'Jednostki: przekazanie, załatwienie i dotrzymane terminy',
      await tickets(db, limits, period, 'unit', ALL_TICKET_MEASURES),
    ),
    ticketSection(
      'tickets_by_district',
      'Zgłoszenia według dzielnicy',
      await tickets(db, limits, period, 'district', 'tickets,resolved,open'),
    ),
    await backlogSection(db),
    await knowledgeSection(db, limits, period),
  ];
}

async function unitSections(db: DataSource, limits: AnalyticsLimits, period: ReportPeriod, unit: ReportUnit) {
  const summary = await tickets(db, limits, period, '', ALL_TICKET_MEASURES, unit.id);
  return [
    {
      key: 'summary',
      title: 'Podsumowanie',
      columns: [
        { key: 'figure', label: 'Wskaźnik', kind: 'text' },
        { key: 'value', label: 'Wartość', kind: 'count' },
      ],
      rows: summary.measures.map((m) => [TICKET_MEASURE_COLUMNS[m].label, summary.totals[m] ?? null]),
    } satisfies ReportSectionDto,
    ticketSection(
      'by_category',
      'Zgłoszenia według kategorii',
      await tickets(db, limits, period, 'category', 'tickets,resolved,avgResolveHours,deadlineKeptShare,open', unit.id),
    ),
    ticketSection(
      'by_status',
      'Zgłoszenia według statusu',
      await tickets(db, limits, period, 'status', 'tickets', unit.id),
    ),
    ticketSection(
      'deadlines_by_month',
      'Dotrzymane terminy według miesiąca',
      await tickets(db, limits, period, 'month', 'resolved,withDeadline,deadlineKept,deadlineKeptShare', unit.id),
    ),
    await backlogSection(db, unit.id),
    await oldestOpenSection(db, unit.id),
  ];
}

const MONTH_NAMES = [
  'styczeń',
  'luty',
  'marzec',
  'kwiecień',
  'maj',
  'czerwiec',
  'lipiec',
  'sierpień',
  'wrzesień',
  'październik',
  'listopad',
  'grudzień',
];

/** "listopad 2026" for a whole month, else "2026-11-01 – 2026-11-15". */
export function periodTitle(period: ReportPeriod): string {
  const [y, m] = period.from.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (period.from.endsWith('-01') && period.to === `${period.from.slice(0, 8)}${String(lastDay).padStart(2, '0')}`)
    return `${MONTH_NAMES[m - 1]} ${y}`;
  return `${period.from} – ${period.to}`;
}

export async function loadUnit(db: DataSource, unitId: string): Promise<ReportUnit> {
  const [unit] = (await db.query(`SELECT id, code, name FROM unit WHERE id = $1`, [unitId])) as ReportUnit[];
  if (!unit) throw badField('unitId', `unitId ${unitId} is not a known unit`);
  return unit;
}

/** Builds a report; the period is already checked (resolveReportPeriod) and the unit loaded for the unit report. */
export async function buildReport(
  db: DataSource,
  limits: AnalyticsLimits,
  kind: ReportKind,
  period: ReportPeriod,
  unit: ReportUnit | null,
): Promise<ReportDto> {
  if (kind === 'unit' && !unit) throw badField('unitId', 'unitId is required for the unit report');
  const sections =
    kind === 'monthly' ? await monthlySections(db, limits, period) : await unitSections(db, limits, period, unit!);
  const title =
    kind === 'monthly'
      ? `Raport miesięczny KCK: ${periodTitle(period)}`
      : `Raport jednostki ${unit!.code} ${unit!.name}: ${periodTitle(period)}`;
  return {
    kind,
    title,
    from: period.from,
    to: period.to,
    unit: kind === 'unit' ? unit : null,
    sections,
    generatedAt: new Date().toISOString(),
    refreshedAt: await rollupsRefreshedAt(db),
  };
}
