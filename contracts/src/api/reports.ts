// DK-05's reports: the standard monthly KCK report and a unit's report for its head, analysts' own saved tables,
// and the schedules that e-mail them. Every report is a list of sections, each one table read from the figures.
import { z } from 'zod';
import { CHANNELS, TICKET_STATUSES, TICKET_TYPES, CALL_OUTCOMES, CALL_DIRECTIONS } from '../domain.ts';
import { CALL_DIMENSIONS, CALL_MEASURES, TICKET_DIMENSIONS, TICKET_MEASURES } from './analytics.ts';
import { accessReason } from './access-log.ts';

export const REPORT_KINDS = ['monthly', 'unit'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_LIMITS = { tableName: 120, recipients: 20, email: 254, scheduleName: 120 } as const;

/** How a column reads: numbers stay numbers in XLSX; shares are 0–1 shown as per cent; hours and seconds are means. */
export const REPORT_COLUMN_KINDS = ['text', 'count', 'share', 'hours', 'seconds', 'days'] as const;
export type ReportColumnKind = (typeof REPORT_COLUMN_KINDS)[number];

export interface ReportColumnDto {
  key: string;
  /** Polish header, as the report is read in the city's offices. */
  label: string;
  kind: ReportColumnKind;
}

export interface ReportSectionDto {
  key: string;
  title: string;
  columns: ReportColumnDto[];
  rows: (string | number | null)[][];
}

export interface ReportDto {
  kind: ReportKind | 'table';
  title: string;
  from: string;
  to: string;
  unit: { id: string; code: string; name: string } | null;
  sections: ReportSectionDto[];
  generatedAt: string;
  /** When the rollups behind the figures were last brought up to date. */
  refreshedAt: string | null;
}

const month = z
  .string({ error: 'period must be a month (YYYY-MM)' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'period must be a month (YYYY-MM)');
const localDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);

/** GET /api/reports/:kind */
export const reportKindParams = z
  .object({ kind: z.enum(REPORT_KINDS, `kind must be one of ${REPORT_KINDS.join(', ')}`) })
  .strict();

/**
 * The period is a month (`period=YYYY-MM`) or `from`/`to` dates (both included); one of the two is required.
 * The unit report needs `unitId` (unit staff get their own unit whatever they send).
 */
export const reportQuery = z
  .object({
    period: month.optional(),
    from: localDate('from').optional(),
    to: localDate('to').optional(),
    unitId: z.uuid('unitId must be a unit id').optional(),
    format: z.enum(REPORT_FORMATS, `format must be one of ${REPORT_FORMATS.join(', ')}`).default('json'),
    reason: accessReason,
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.period && (q.from || q.to))
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'period must not be combined with from/to' });
    else if (!q.period && !q.from && !q.to)
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'period is required (YYYY-MM, or from and to)' });
    else if (!q.period && !q.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from is required' });
    else if (!q.period && !q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to is required' });
  });
export type ReportQuery = z.input<typeof reportQuery>;

/** GET /api/reports/tickets.csv|xlsx: the raw tickets written in a period, with labels and no reporters' data. */
export const ticketExportQuery = z
  .object({
    from: localDate('from'),
    to: localDate('to'),
    channel: z.enum(CHANNELS).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    categoryId: z.uuid('categoryId must be a dictionary entry id').optional(),
    unitId: z.uuid('unitId must be a unit id').optional(),
    districtId: z.uuid('districtId must be a dictionary entry id').optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    /** Why the data leaves the system; stored in the access log with the export. */
    reason: accessReason,
  })
  .strict();
export type TicketExportQuery = z.infer<typeof ticketExportQuery>;
export const ticketExportParams = z.object({ format: z.enum(['csv', 'xlsx'], 'format must be csv or xlsx') }).strict();

// ---------------------------------------------------------------------------------------------------------------
// Saved tables: a figures query with a name, owned by an analyst and shared with the others or kept private.

export const RELATIVE_PERIODS = [
  'this_month',
  'last_month',
  'last_7_days',
  'last_30_days',
  'last_week',
  'this_year',
  'last_year',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

const period = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('fixed'), from: localDate('period.from'), to: localDate('period.to') }).strict(),
    z
      .object({
        kind: z.literal('relative'),
        relative: z.enum(RELATIVE_PERIODS, `period.relative must be one of ${RELATIVE_PERIODS.join(', ')}`),
      })
      .strict(),
  ],
  { error: 'period must be {kind: "fixed", from, to} or {kind: "relative", relative}' },
);
export type TablePeriod = z.infer<typeof period>;

const ticketTableFilters = z
  .object({
    channel: z.enum(CHANNELS).optional(),
    type: z.enum(TICKET_TYPES).optional(),
    categoryId: z.uuid('filters.categoryId must be a dictionary entry id').optional(),
    unitId: z.uuid('filters.unitId must be a unit id').optional(),
    districtId: z.uuid('filters.districtId must be a dictionary entry id').optional(),
    status: z.enum(TICKET_STATUSES).optional(),
  })
  .strict();
const callTableFilters = z
  .object({
    topicId: z.uuid('filters.topicId must be a dictionary entry id').optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    direction: z.enum(CALL_DIRECTIONS).optional(),
  })
  .strict();

const dimensions = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, `dimensions must be any of ${values.join(', ')}`))
    .max(3, 'dimensions takes at most 3')
    .refine((list) => new Set(list).size === list.length, 'dimensions must not repeat');
const measures = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .array(z.enum(values, `measures must be any of ${values.join(', ')}`))
    .min(1, 'measures must name at least one measure')
    .refine((list) => new Set(list).size === list.length, 'measures must not repeat');

export const reportTableDefinition = z.discriminatedUnion(
  'subject',
  [
    z
      .object({
        subject: z.literal('tickets'),
        dimensions: dimensions(TICKET_DIMENSIONS),
        measures: measures(TICKET_MEASURES),
        filters: ticketTableFilters.default({}),
        period,
      })
      .strict(),
    z
      .object({
        subject: z.literal('calls'),
        dimensions: dimensions(CALL_DIMENSIONS),
        measures: measures(CALL_MEASURES),
        filters: callTableFilters.default({}),
        period,
      })
      .strict(),
  ],
  { error: 'subject must be tickets or calls' },
);
export type ReportTableDefinition = z.infer<typeof reportTableDefinition>;
export type ReportTableDefinitionInput = z.input<typeof reportTableDefinition>;

const tableName = z
  .string({ error: 'name must be text' })
  .trim()
  .min(1, 'name must not be empty')
  .max(REPORT_LIMITS.tableName, `name must be at most ${REPORT_LIMITS.tableName} characters`);

export const reportTableCreateRequest = z
  .object({
    name: tableName,
    shared: z.boolean({ error: 'shared must be true or false' }),
    definition: reportTableDefinition,
  })
  .strict();
export type ReportTableCreateRequest = z.input<typeof reportTableCreateRequest>;

export const reportTableUpdateRequest = reportTableCreateRequest
  .extend({
    version: z
      .number({ error: 'version must be the version you read' })
      .int('version must be a whole number')
      .min(1, 'version must be the version you read'),
  })
  .strict();
export type ReportTableUpdateRequest = z.input<typeof reportTableUpdateRequest>;

/** POST /api/report-tables/preview: the table as it would read now, before it is saved. */
export const reportTablePreviewRequest = z.object({ definition: reportTableDefinition }).strict();

export const reportTableIdParams = z.object({ id: z.uuid('id must be a saved table id') }).strict();
export const reportTableExportQuery = z
  .object({
    format: z.enum(REPORT_FORMATS, `format must be one of ${REPORT_FORMATS.join(', ')}`).default('json'),
    reason: accessReason,
  })
  .strict();

export interface ReportTableDto {
  id: string;
  name: string;
  shared: boolean;
  owner: { id: string; displayName: string };
  /** The caller owns it (only the owner edits, shares or deletes it). */
  mine: boolean;
  definition: ReportTableDefinition;
  version: number;
  updatedAt: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Schedules: a report or saved table e-mailed as XLSX to the listed recipients, monthly on a day or weekly.

export const REPORT_RUN_STATUSES = ['sending', 'sent', 'failed'] as const;
export type ReportRunStatus = (typeof REPORT_RUN_STATUSES)[number];

const source = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('report'),
        report: z.enum(REPORT_KINDS, `source.report must be one of ${REPORT_KINDS.join(', ')}`),
        unitId: z.uuid('source.unitId must be a unit id').optional(),
      })
      .strict()
      .refine((s) => s.report !== 'unit' || s.unitId, {
        path: ['unitId'],
        message: 'source.unitId is required for the unit report',
      }),
    z.object({ kind: z.literal('table'), tableId: z.uuid('source.tableId must be a saved table id') }).strict(),
  ],
  { error: 'source must be {kind: "report", report, unitId?} or {kind: "table", tableId}' },
);

/**
 * Monthly runs on `day` (1–28, so every month has it) and report the previous month; weekly runs on `weekday`
 * (1 = Monday) and report the previous Monday–Sunday. `hour` is local (Europe/Warsaw).
 */
const cadence = z.discriminatedUnion(
  'every',
  [
    z
      .object({
        every: z.literal('month'),
        day: z
          .number({ error: 'cadence.day must be a number' })
          .int()
          .min(1, 'cadence.day must be 1–28')
          .max(28, 'cadence.day must be 1–28'),
        hour: z.number({ error: 'cadence.hour must be a number' }).int().min(0).max(23, 'cadence.hour must be 0–23'),
      })
      .strict(),
    z
      .object({
        every: z.literal('week'),
        weekday: z
          .number({ error: 'cadence.weekday must be a number' })
          .int()
          .min(1, 'cadence.weekday must be 1–7')
          .max(7, 'cadence.weekday must be 1–7'),
        hour: z.number({ error: 'cadence.hour must be a number' }).int().min(0).max(23, 'cadence.hour must be 0–23'),
      })
      .strict(),
  ],
  { error: 'cadence must be {every: "month", day, hour} or {every: "week", weekday, hour}' },
);
export type ReportCadence = z.infer<typeof cadence>;
export type ReportScheduleSource = z.infer<typeof source>;

export const reportScheduleRequest = z
  .object({
    name: z
      .string({ error: 'name must be text' })
      .trim()
      .min(1, 'name must not be empty')
      .max(REPORT_LIMITS.scheduleName, `name must be at most ${REPORT_LIMITS.scheduleName} characters`),
    source,
    cadence,
    recipients: z
      .array(
        z
          .string({ error: 'recipients must be e-mail addresses' })
          .trim()
          .max(REPORT_LIMITS.email, 'recipients must be e-mail addresses')
          .pipe(z.email('recipients must be e-mail addresses')),
      )
      .min(1, 'recipients must list at least one e-mail address')
      .max(REPORT_LIMITS.recipients, `recipients takes at most ${REPORT_LIMITS.recipients}`),
    active: z.boolean({ error: 'active must be true or false' }).default(true),
  })
  .strict();
export type ReportScheduleRequest = z.input<typeof reportScheduleRequest>;

export const reportScheduleIdParams = z.object({ id: z.uuid('id must be a schedule id') }).strict();

export interface ReportRunDto {
  id: string;
  status: ReportRunStatus;
  from: string;
  to: string;
  attempts: number;
  /** Why the last attempt failed: each refused recipient with the server's answer. */
  error: string | null;
  /** Recipients the report reached. */
  sentTo: string[];
  startedAt: string;
  finishedAt: string | null;
}

export interface ReportScheduleDto {
  id: string;
  name: string;
  source: ReportScheduleSource;
  cadence: ReportCadence;
  recipients: string[];
  active: boolean;
  owner: { id: string; displayName: string };
  lastRun: ReportRunDto | null;
  createdAt: string;
}
