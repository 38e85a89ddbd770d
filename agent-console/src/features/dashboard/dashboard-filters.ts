// The dashboard's filters as they live in the URL (so a view can be shared and reloaded): a period preset or a
// custom from/to of local Kraków days, and the unit, district, channel and category the ticket figures take.
import { CHANNELS, type Channel } from '@kck/contracts';
import { localToday } from '../../api/analytics.api';

export const PERIOD_PRESETS = ['today', 'thisMonth', 'lastMonth', 'thisYear', 'last12Months', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const DEFAULT_PRESET: PeriodPreset = 'thisMonth';

export interface DashboardFilters {
  preset: PeriodPreset;
  from: string;
  to: string;
  /** Why the custom period cannot be asked for (missing or reversed dates); null when it can. */
  periodError: 'missing' | 'reversed' | null;
  unitId?: string;
  districtId?: string;
  channel?: Channel;
  categoryId?: string;
}

/** The URL parameters of the filters (besides `period`, `from` and `to`). */
export const FILTER_KEYS = ['unitId', 'districtId', 'channel', 'categoryId'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (month 1–12). */
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The period a preset stands for, counted from today in Kraków. */
export function presetPeriod(
  preset: Exclude<PeriodPreset, 'custom'>,
  today = localToday(),
): { from: string; to: string } {
  const [year, month] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'thisMonth':
      return { from: `${year}-${pad(month)}-01`, to: today };
    case 'lastMonth': {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDayOf(y, m))}` };
    }
    case 'thisYear':
      return { from: `${year}-01-01`, to: today };
    case 'last12Months': {
      // Twelve whole calendar months, this one included, so a chart by month has twelve comparable bars.
      const [y, m] = month === 12 ? [year, 1] : [year - 1, month + 1];
      return { from: `${y}-${pad(m)}-01`, to: today };
    }
  }
}

// Unknown values from a hand-edited URL are dropped rather than sent, so the page still shows figures.
export function filtersFrom(params: URLSearchParams, today = localToday()): DashboardFilters {
  const raw = params.get('period');
  const preset = (PERIOD_PRESETS as readonly string[]).includes(raw ?? '') ? (raw as PeriodPreset) : DEFAULT_PRESET;
  const id = (key: string) => {
    const value = params.get(key) ?? '';
    return UUID.test(value) ? value : undefined;
  };
  const channel = params.get('channel') ?? '';
  const common = {
    unitId: id('unitId'),
    districtId: id('districtId'),
    channel: (CHANNELS as readonly string[]).includes(channel) ? (channel as Channel) : undefined,
    categoryId: id('categoryId'),
  };
  if (preset !== 'custom') return { preset, ...presetPeriod(preset, today), periodError: null, ...common };
  const from = DATE.test(params.get('from') ?? '') ? params.get('from')! : '';
  const to = DATE.test(params.get('to') ?? '') ? params.get('to')! : '';
  const periodError = !from || !to ? 'missing' : from > to ? 'reversed' : null;
  return { preset, from, to, periodError, ...common };
}

/** Days in the period, both ends included. */
export const periodDays = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** Days up to two months are charted day by day; longer periods month by month. */
export const timeGrain = (from: string, to: string): 'day' | 'month' => (periodDays(from, to) <= 62 ? 'day' : 'month');

/** The local days a time key covers within the period: a day itself, or a month clipped to the period. */
export function daysOf(key: string, period: { from: string; to: string }): { from: string; to: string } {
  if (DATE.test(key)) return { from: key, to: key };
  const [year, month] = key.split('-').map(Number) as [number, number];
  const first = `${key}-01`;
  const last = `${key}-${pad(lastDayOf(year, month))}`;
  return { from: first < period.from ? period.from : first, to: last > period.to ? period.to : last };
}

/** Every time key of the period at this grain (days `YYYY-MM-DD` or months `YYYY-MM`), in order. */
export function timeKeys(from: string, to: string, grain: 'day' | 'month'): string[] {
  const keys: string[] = [];
  const date = new Date(`${from}T12:00:00Z`);
  const end = grain === 'day' ? to : to.slice(0, 7);
  if (grain === 'month') date.setUTCDate(1);
  // At most about three years of days (ANALYTICS_MAX_PERIOD_DAYS): a bad date cannot loop for ever.
  while (keys.length < 1200) {
    const key = grain === 'day' ? date.toISOString().slice(0, 10) : date.toISOString().slice(0, 7);
    if (key > end) break;
    keys.push(key);
    if (grain === 'day') date.setUTCDate(date.getUTCDate() + 1);
    else date.setUTCMonth(date.getUTCMonth() + 1);
  }
  return keys;
}

/**
 * Rows for every time key of the period, so quiet days show as zero rather than vanish from a chart; `empty` gives
 * the values of a key with no row (0 for counts, null for means).
 */
export function fillTime<R extends { id: string }>(
  rows: readonly R[],
  keys: readonly string[],
  empty: (key: string) => R,
): R[] {
  const byKey = new Map(rows.map((row) => [row.id, row]));
  return keys.map((key) => byKey.get(key) ?? empty(key));
}
