// Open data: monthly ticket figures by district, top-level category or unit, for anyone (no account), as JSON or
// CSV. No personal data; cells of fewer than OPEN_DATA_MIN_CELL tickets are published as suppressed.
import { z } from 'zod';

export const OPEN_DATA_GROUPINGS = ['district', 'category', 'unit'] as const;
export type OpenDataGrouping = (typeof OPEN_DATA_GROUPINGS)[number];

export const OPEN_DATA_MEASURES = [
  /** Tickets written in the month (by the local Kraków day). */
  'tickets',
  /** Of those, resolved now (ideas: decided). */
  'resolved',
  /** Of the resolved ones that had a due date, the share resolved by it (0–1). */
  'deadlineKeptShare',
  /** Mean (not median: the rollups keep sums) days from writing to resolution, over the resolved ones. */
  'meanDaysToResolve',
  /** Share of the month's tickets still open now (0–1). */
  'openShare',
] as const;
export type OpenDataMeasure = (typeof OPEN_DATA_MEASURES)[number];

/** `YYYY-MM`, a calendar month. */
export const OPEN_DATA_MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = (name: string) =>
  z.string().regex(OPEN_DATA_MONTH_PATTERN, `${name} must be a month (YYYY-MM)`).optional();

/**
 * Both months included. Without `from`/`to` the last twelve completed months (fewer if OPEN_DATA_MAX_MONTHS is
 * smaller). The current month is never given (partial and still changing); the server refuses it with a 400.
 */
export const openDataQuery = z
  .object({
    from: month('from'),
    to: month('to'),
    by: z
      .enum(OPEN_DATA_GROUPINGS, { message: `by must be one of ${OPEN_DATA_GROUPINGS.join(', ')}` })
      .default('district'),
  })
  .strict();
export type OpenDataQuery = z.infer<typeof openDataQuery>;

/** A district, top-level category or unit: a stable code and its labels (no internal id). `code` null: none given. */
export interface OpenDataGroupDto {
  code: string | null;
  labelPl: string;
  labelEn: string;
}

/**
 * The figures of one month for one group (or for the whole city, in `totals`). A suppressed cell has every measure
 * null: fewer than `minCell` tickets, or hidden so that a suppressed neighbour cannot be worked out from the total.
 * A group without tickets in a month has no cell at all (zero).
 */
export interface OpenDataCellDto {
  month: string;
  suppressed: boolean;
  tickets: number | null;
  resolved: number | null;
  deadlineKeptShare: number | null;
  meanDaysToResolve: number | null;
  openShare: number | null;
}

export interface OpenDataMonthlyDto {
  by: OpenDataGrouping;
  from: string;
  to: string;
  /** Every month of the period, ascending. */
  months: string[];
  /** Cells with fewer tickets than this are suppressed. */
  minCell: number;
  licence: string;
  /** When the figures were last brought up to date. */
  refreshedAt: string | null;
  /** Groups with tickets in the period, by Polish label; the group without a code (none given) last. */
  groups: (OpenDataGroupDto & { cells: OpenDataCellDto[] })[];
  /** The whole city per month (all groups, including none given). */
  totals: OpenDataCellDto[];
}
