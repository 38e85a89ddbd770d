// Figures for DK-05's dashboards, reports and open data; they are read from rollups the worker keeps current.
import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  CHANNELS,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
} from '../domain.ts';

export interface TodayFiguresDto {
  /** Local date in Europe/Warsaw, `YYYY-MM-DD`. */
  date: string;
  calls: number;
  callsWithInformationOnly: number;
  ticketsCreated: number;
  ticketsByStatus: Partial<Record<TicketStatus, number>>;
  ticketsByUnit: { unitId: string | null; unitCode: string | null; unitName: string | null; count: number }[];
  callsByHour: { hour: number; count: number }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Figures over a period, read from the rollup tables (backend/src/analytics/rollups.ts) that the worker keeps up to
// date. One query shape serves the dashboards, the reports, analysts' own tables and the open data: a subject
// (tickets or calls), a period of local (Europe/Warsaw) dates, up to three dimensions, measures and filters.

/** Tickets are counted by the day they were written; `status`, `unit` are their current ones. */
export const TICKET_DIMENSIONS = [
  'day',
  'week',
  'month',
  'year',
  'channel',
  'type',
  'category',
  'unit',
  'district',
  'status',
  'priority',
  /** Why DK-03 closed it (dictionary closure_reason); none for open tickets and older closures. */
  'closureReason',
] as const;
export type TicketDimension = (typeof TICKET_DIMENSIONS)[number];

export const TICKET_MEASURES = [
  /** Tickets written. */
  'tickets',
  /** Of those, reached a unit (routed by a rule or by hand). */
  'routed',
  /** Mean hours from writing to the first routing. */
  'avgRouteHours',
  /** Resolved (ideas: decided); also counts those closed since. */
  'resolved',
  /** Mean hours from writing to resolution. */
  'avgResolveHours',
  /** Resolved tickets that had a due date. */
  'withDeadline',
  /** Of those, resolved by the due date. */
  'deadlineKept',
  /** deadlineKept / withDeadline, 0–1; null when none had a deadline. */
  'deadlineKeptShare',
  /** Still open now (OPEN_TICKET_STATUSES). */
  'open',
  /** Merged into another ticket as duplicates (one incident, many reporters). */
  'duplicates',
] as const;
export type TicketMeasure = (typeof TICKET_MEASURES)[number];

/** Calls are counted by the local hour they started. */
export const CALL_DIMENSIONS = [
  'day',
  'week',
  'month',
  'year',
  'hour',
  'weekday',
  'topic',
  'outcome',
  'direction',
] as const;
export type CallDimension = (typeof CALL_DIMENSIONS)[number];

export const CALL_MEASURES = [
  'calls',
  'answered',
  'missed',
  /** Mean seconds from answering to hanging up, over answered calls. */
  'avgTalkSeconds',
  /** Mean seconds from hanging up to the recorded call (wrap-up), over recorded calls. */
  'avgWrapUpSeconds',
  /** Recorded calls that only gave information (no ticket written from them). */
  'informationOnly',
  /** Calls from which a ticket was written. */
  'withTicket',
] as const;
export type CallMeasure = (typeof CALL_MEASURES)[number];

export const FIGURE_SUBJECTS = ['tickets', 'calls'] as const;
export type FigureSubject = (typeof FIGURE_SUBJECTS)[number];

const localDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);
const commaList = <T extends readonly [string, ...string[]]>(values: T, name: string, max: number) =>
  z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.enum(values, { message: `${name} must be any of ${values.join(', ')}` }))
        .max(max, `${name} takes at most ${max}`),
    );

/** A period of local dates, both included. Reversed, missing or too long periods are refused (400) by the service. */
export const periodQuery = z.object({ from: localDate('from'), to: localDate('to') });
export type PeriodQuery = z.infer<typeof periodQuery>;

/** Filters shared by every subject; a parent category takes its children too. */
const ticketFilters = {
  channel: z.enum(CHANNELS).optional(),
  type: z.enum(TICKET_TYPES).optional(),
  categoryId: z.uuid('categoryId must be a dictionary entry id').optional(),
  unitId: z.uuid('unitId must be a unit id').optional(),
  districtId: z.uuid('districtId must be a dictionary entry id').optional(),
  status: z.enum(TICKET_STATUSES).optional(),
};

export const ticketFiguresQuery = periodQuery
  .extend({
    groupBy: commaList(TICKET_DIMENSIONS, 'groupBy', 3).default([]),
    measures: commaList(TICKET_MEASURES, 'measures', TICKET_MEASURES.length).optional(),
    ...ticketFilters,
  })
  .strict();
export type TicketFiguresQuery = z.infer<typeof ticketFiguresQuery>;

export const callFiguresQuery = periodQuery
  .extend({
    groupBy: commaList(CALL_DIMENSIONS, 'groupBy', 3).default([]),
    measures: commaList(CALL_MEASURES, 'measures', CALL_MEASURES.length).optional(),
    topicId: z.uuid('topicId must be a dictionary entry id').optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    direction: z.enum(CALL_DIRECTIONS).optional(),
  })
  .strict();
export type CallFiguresQuery = z.infer<typeof callFiguresQuery>;

/**
 * One row of figures. `key` holds each dimension's value: a date (`day` YYYY-MM-DD, `week` the Monday,
 * `month` YYYY-MM, `year` YYYY), a number (`hour` 0–23, `weekday` 1 = Monday … 7), an id (category, unit,
 * district, topic; null where the ticket has none) or a code (channel, type, status, priority, outcome,
 * direction). `label` is what people read for it (the entry's Polish label, the unit's code and name).
 * A measure is null where it cannot be computed (a mean over no tickets).
 */
export interface FigureRowDto<D extends string = string, M extends string = string> {
  key: Record<D, string | number | null>;
  label: Record<D, string | null>;
  values: Record<M, number | null>;
}

export interface FiguresDto<D extends string = string, M extends string = string> {
  subject: FigureSubject;
  from: string;
  to: string;
  groupBy: D[];
  measures: M[];
  /** Sorted by the dimensions in order (time ascending, others by label). */
  rows: FigureRowDto<D, M>[];
  /** The measures over all rows. */
  totals: Record<M, number | null>;
  /** When the rollups were last brought up to date (figures of the last moments may follow a few seconds later). */
  refreshedAt: string | null;
}
export type TicketFiguresDto = FiguresDto<TicketDimension, TicketMeasure>;
export type CallFiguresDto = FiguresDto<CallDimension, CallMeasure>;

/** Open tickets now, per unit, by age (days since written), and how many are past their due date. */
export interface BacklogRowDto {
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  open: number;
  overdue: number;
  /** Open tickets by age: up to 7 days, 8–30, 31–90, more than 90. */
  byAge: { upTo7: number; upTo30: number; upTo90: number; older: number };
  /** Age in days of the oldest open ticket. */
  oldestDays: number | null;
}

export const knowledgeFiguresQuery = periodQuery
  .extend({ limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict();
export type KnowledgeFiguresQuery = z.infer<typeof knowledgeFiguresQuery>;

/** How the hotline used the knowledge base: searches, those that found nothing (gaps), the articles used. */
export interface KnowledgeFiguresDto {
  from: string;
  to: string;
  searches: number;
  searchesWithoutResult: number;
  /** Articles used in calls or chosen from a search, most used first. */
  topArticles: { articleId: string; title: string | null; uses: number }[];
  /** Queries that found nothing (as typed, folded to lower case), most frequent first. */
  topGaps: { query: string; searches: number }[];
}
