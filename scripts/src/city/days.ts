// The generated period day by day: how busy each day is (weekday, holiday, season, growth, a little noise) and
// which days were special (a summer storm, snow, the days before an election), for calls and reports alike.
import type { Calendar } from './calendar.ts';
import { GROWTH, HOLIDAY_FACTOR, MONTH_FACTOR, WEEKDAY_FACTOR, WEEKDAY_HOURS, WEEKEND_HOURS } from './model.ts';
import { Random, mixSeed } from './random.ts';

export interface PeriodDay {
  /** Calendar index. */
  d: number;
  date: string;
  month: number;
  weekday: number;
  working: boolean;
  /** Relative call volume (1 is an ordinary Wednesday in spring). */
  weight: number;
  storm: boolean;
  snow: boolean;
  /** Within ten days before an election. */
  election: boolean;
  /** Hours of the day inside the period, [startHour, endHour): all of it but on the first and last day. */
  startHour: number;
  endHour: number;
}

/** Election days in Poland within reach of a generated period (local 2024, EU 2024, presidential 2025). */
const ELECTIONS = ['2024-04-07', '2024-04-21', '2024-06-09', '2025-05-18', '2025-06-01', '2027-10-10'];

export function periodDays(calendar: Calendar, startMs: number, endMs: number, seed: number): PeriodDay[] {
  const first = calendar.dayOf(startMs);
  const last = calendar.dayOf(endMs - 1);
  const electionDays = ELECTIONS.map((date) => Date.parse(`${date}T12:00:00Z`));
  const days: PeriodDay[] = [];
  for (let d = first; d <= last; d++) {
    const date = calendar.dates[d]!;
    const month = Number(date.slice(5, 7));
    const weekday = calendar.weekdays[d]!;
    const working = calendar.isWorking(d);
    const rnd = new Random(mixSeed(seed, 0xda7, d));
    const noon = Date.parse(`${date}T12:00:00Z`);
    const storm = month >= 6 && month <= 8 && rnd.chance(3 / 92);
    const snow = (month === 12 || month <= 2) && rnd.chance(3 / 90);
    const election = electionDays.some((e) => e >= noon && e - noon <= 10 * 86_400_000);
    const holiday = !working && weekday !== 0 && weekday !== 6;
    let weight = (holiday ? HOLIDAY_FACTOR : WEEKDAY_FACTOR[weekday]!) * MONTH_FACTOR[month - 1]!;
    weight *= 1 + (GROWTH * (d - first)) / Math.max(1, last - first);
    weight *= rnd.logNormal(1, 0.08);
    if (storm) weight *= 1.6;
    if (snow) weight *= 1.4;
    if (election) weight *= 1.1;
    // Christmas week and the long May weekend are quieter even on working days.
    if ((month === 12 && Number(date.slice(8)) >= 24) || (month === 5 && Number(date.slice(8)) <= 3)) weight *= 0.6;
    const startHour = d === first ? Math.max(0, (startMs - calendar.dayStart(d)) / 3_600_000) : 0;
    const endHour = d === last ? Math.min(24, (endMs - calendar.dayStart(d)) / 3_600_000) : 24;
    // A day cut by the period's start or end counts for the share of its calls in the hours it has.
    const profile = working ? WEEKDAY_HOURS : WEEKEND_HOURS;
    weight *= sum(hourWeights(profile, startHour, endHour)) / sum(profile);
    days.push({ d, date, month, weekday, working, weight, storm, snow, election, startHour, endHour });
  }
  return days;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** A profile of 24 hourly weights cut to [fromHour, toHour). */
export function hourWeights(profile: readonly number[], fromHour: number, toHour: number): number[] {
  return profile.map((w, h) => w * Math.max(0, Math.min(h + 1, toHour) - Math.max(h, fromHour)));
}
