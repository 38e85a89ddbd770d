// Periods of reports as local (Europe/Warsaw) dates: a month, from/to, a saved table's relative period ("last
// month"), and the period a scheduled run reports on. Checked once here, so each 400 names the field it is about.
import type { RelativePeriod, ReportCadence, TablePeriod } from '@kck/contracts';
import { checkPeriod, type AnalyticsLimits } from '../analytics/figures.service.ts';
import { ANALYTICS_TIME_ZONE } from '../analytics/rollups.ts';
import type { ReportPeriod } from './report-definitions.ts';

const DAY_MS = 86_400_000;

/** Today's local date in Kraków, `YYYY-MM-DD`, whatever the server's time zone. */
export function localToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ANALYTICS_TIME_ZONE }).format(now);
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const fromDate = (date: Date) => date.toISOString().slice(0, 10);
const addDays = (day: string, days: number) => fromDate(new Date(toDate(day).getTime() + days * DAY_MS));

export function monthPeriod(month: string): ReportPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: fromDate(new Date(Date.UTC(y, m, 0))) };
}

const previousMonth = (today: string): ReportPeriod => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 2, 1));
  return monthPeriod(fromDate(first).slice(0, 7));
};

/** ISO weekday, 1 = Monday. */
const isoWeekday = (day: string) => ((toDate(day).getUTCDay() + 6) % 7) + 1;

const previousWeek = (today: string): ReportPeriod => {
  const monday = addDays(today, -(isoWeekday(today) - 1) - 7);
  return { from: monday, to: addDays(monday, 6) };
};

export function relativePeriod(relative: RelativePeriod, today = localToday()): ReportPeriod {
  switch (relative) {
    case 'this_month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last_month':
      return previousMonth(today);
    case 'last_7_days':
      return { from: addDays(today, -6), to: today };
    case 'last_30_days':
      return { from: addDays(today, -29), to: today };
    case 'last_week':
      return previousWeek(today);
    case 'this_year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case 'last_year': {
      const year = Number(today.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
  }
}

/** A report's `period=YYYY-MM` or `from`/`to` (the schema made sure one of them is there), checked for length. */
export function resolveReportPeriod(
  query: { period?: string; from?: string; to?: string },
  limits: AnalyticsLimits,
): ReportPeriod {
  const period = query.period ? monthPeriod(query.period) : { from: query.from!, to: query.to! };
  checkPeriod(period, limits);
  return period;
}

/** A saved table's period: fixed dates as saved, or a relative one as of today. */
export function resolveTablePeriod(period: TablePeriod, limits: AnalyticsLimits, today = localToday()): ReportPeriod {
  const resolved =
    period.kind === 'fixed' ? { from: period.from, to: period.to } : relativePeriod(period.relative, today);
  checkPeriod(resolved, limits);
  return resolved;
}

/** What a scheduled run reports on: the previous month for a monthly schedule, the previous week for a weekly one. */
export const scheduledPeriod = (cadence: ReportCadence, today = localToday()): ReportPeriod =>
  cadence.every === 'month' ? previousMonth(today) : previousWeek(today);

/** The cron pattern of a cadence, read in Europe/Warsaw by BullMQ's job scheduler. */
export const cadencePattern = (cadence: ReportCadence): string =>
  cadence.every === 'month' ? `0 ${cadence.hour} ${cadence.day} * *` : `0 ${cadence.hour} * * ${cadence.weekday % 7}`;
