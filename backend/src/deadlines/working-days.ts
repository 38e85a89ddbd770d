// Deadlines in Polish working days: weekends and statutory public holidays do not count.
// Holidays follow the Act of 18 January 1951 as amended (24 December a holiday from 2025).
const DAY_MS = 86_400_000;

/** Easter Sunday (Gregorian, anonymous algorithm), as a UTC date. */
export function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(year, month - 1, day));
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

const holidayCache = new Map<number, Set<string>>();

/** Polish statutory public holidays of a year, as `YYYY-MM-DD`. */
export function polishHolidays(year: number): Set<string> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const fixed = ['01-01', '01-06', '05-01', '05-03', '08-15', '11-01', '11-11', '12-25', '12-26'];
  if (year >= 2025) fixed.push('12-24');
  const easter = easterSunday(year).getTime();
  const movable = [0, 1, 49, 60].map((offset) => iso(new Date(easter + offset * DAY_MS))); // Easter, Monday, Pentecost, Corpus Christi
  const days = new Set([...fixed.map((md) => `${year}-${md}`), ...movable]);
  holidayCache.set(year, days);
  return days;
}

const WARSAW_HOUR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', hour: 'numeric', hourCycle: 'h23' });
const HOUR_MS = 3_600_000;

// Warsaw's offset from UTC changes only on a whole UTC hour (01:00 UTC in March and October), so one formatting per
// UTC hour answers for every instant in it. Planning a deadline reads the clock dozens of times (a ticket's alert
// times walk its weeks day by day), and formatting is the costly part.
const offsetByUtcHour = new Map<number, number>();

/** Warsaw's offset from UTC at `at`, in milliseconds (one or two hours). */
function warsawOffsetMs(at: Date): number {
  const hour = Math.floor(at.getTime() / HOUR_MS);
  const known = offsetByUtcHour.get(hour);
  if (known !== undefined) return known;
  const offset = ((Number(WARSAW_HOUR.format(at)) - at.getUTCHours() + 24) % 24) * HOUR_MS;
  if (offsetByUtcHour.size > 100_000) offsetByUtcHour.clear();
  offsetByUtcHour.set(hour, offset);
  return offset;
}

/** A calendar date `YYYY-MM-DD` in Kraków. */
export const warsawDate = (at: Date) => iso(new Date(at.getTime() + warsawOffsetMs(at)));

const workingDayByDate = new Map<string, boolean>();

export function isWorkingDay(date: string): boolean {
  const known = workingDayByDate.get(date);
  if (known !== undefined) return known;
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = d.getUTCDay();
  const working = weekday !== 0 && weekday !== 6 && !polishHolidays(d.getUTCFullYear()).has(date);
  if (workingDayByDate.size > 100_000) workingDayByDate.clear();
  workingDayByDate.set(date, working);
  return working;
}

/**
 * The end (23:59:59 Europe/Warsaw) of the n-th working day after `from`'s calendar day.
 * The day of receipt does not count, as in the Code of Administrative Procedure.
 */
export function addWorkingDays(from: Date, n: number): Date {
  const start = warsawDate(from);
  // Every ticket of a day gets the same answer: walking the calendar once per day and count is enough.
  const key = `${start}+${n}`;
  const known = workingDaysAfter.get(key);
  if (known !== undefined) return new Date(known);
  if (workingDaysAfter.size > 1000) workingDaysAfter.clear();
  const end = walkWorkingDays(start, n);
  workingDaysAfter.set(key, end.getTime());
  return end;
}

const workingDaysAfter = new Map<string, number>();

function walkWorkingDays(start: string, n: number): Date {
  let date = start;
  let left = n;
  while (left > 0) {
    date = shiftDate(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfWarsawDay(date);
}

/** 23:59:59 in Kraków of a calendar date `YYYY-MM-DD`: when a deadline given as a day ends. */
export function endOfWarsawDay(date: string): Date {
  // Find the UTC offset of Warsaw on that day (CET +1 or CEST +2).
  const offset = warsawOffsetMs(new Date(`${date}T12:00:00Z`));
  return new Date(new Date(`${date}T23:59:59Z`).getTime() - offset);
}

// --- Working hours: office time, Monday to Friday except holidays, in Kraków's wall-clock time. ---

/** Office hours of a working day, in minutes after midnight in Kraków (7:30-15:30 is 450-930). */
export interface OfficeHours {
  start: number;
  end: number;
}

/** `HH:MM-HH:MM`, e.g. `07:30-15:30`; throws when it is not a range within one day. */
export function parseOfficeHours(text: string): OfficeHours {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`office hours must look like 07:30-15:30, got ${JSON.stringify(text)}`);
  const [h1, m1, h2, m2] = match.slice(1).map(Number) as [number, number, number, number];
  const hours = { start: h1 * 60 + m1, end: h2 * 60 + m2 };
  if (m1 > 59 || m2 > 59 || hours.end > 24 * 60 || hours.start >= hours.end)
    throw new Error(`office hours ${text} are not a range within one day`);
  return hours;
}

/** The City Hall's office hours, as the ordinances give them for KCK's back office. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = parseOfficeHours('07:30-15:30');

/** The calendar date in Kraków and the minutes (with fractions) since its midnight. */
function warsawClock(at: Date): { date: string; minutes: number } {
  const local = new Date(at.getTime() + warsawOffsetMs(at));
  const minutes =
    local.getUTCHours() * 60 + local.getUTCMinutes() + (local.getUTCSeconds() + local.getUTCMilliseconds() / 1000) / 60;
  return { date: iso(local), minutes };
}

/** A wall-clock time in Kraków as an instant. Office hours never meet the 2-3 a.m. DST switch, so noon's offset holds. */
function warsawInstant(date: string, minutes: number): Date {
  const offset = warsawOffsetMs(new Date(`${date}T12:00:00Z`));
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + Math.round(minutes * 60_000) - offset);
}

// The day before and after a date, remembered: the walks below step through the same weeks for every ticket.
const dayBefore = new Map<string, string>();
const dayAfter = new Map<string, string>();

function shiftDate(date: string, direction: 1 | -1): string {
  const known = direction === 1 ? dayAfter : dayBefore;
  const cached = known.get(date);
  if (cached !== undefined) return cached;
  const shifted = iso(new Date(new Date(`${date}T12:00:00Z`).getTime() + direction * DAY_MS));
  if (known.size > 100_000) known.clear();
  known.set(date, shifted);
  return shifted;
}

function nextWorkingDate(date: string, direction: 1 | -1): string {
  let d = shiftDate(date, direction);
  while (!isWorkingDay(d)) d = shiftDate(d, direction);
  return d;
}

/**
 * `at` if it falls within office hours, else the start of the next office window: what a message that
 * must not go out at night, at a weekend or on a holiday waits for.
 */
export function clampToOfficeHours(at: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  const { date, minutes } = warsawClock(at);
  if (isWorkingDay(date) && minutes >= hours.start && minutes < hours.end) return at;
  if (isWorkingDay(date) && minutes < hours.start) return warsawInstant(date, hours.start);
  return warsawInstant(nextWorkingDate(date, 1), hours.start);
}

/** `from` plus `minutes` of office time; from outside office hours the count starts at the next opening. */
export function addWorkingMinutes(from: Date, minutes: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  if (minutes <= 0) return from;
  let { date, minutes: clock } = warsawClock(clampToOfficeHours(from, hours));
  let left = minutes;
  for (;;) {
    const today = hours.end - clock;
    if (left <= today) return warsawInstant(date, clock + left);
    left -= today;
    date = nextWorkingDate(date, 1);
    clock = hours.start;
  }
}

/** `from` minus `minutes` of office time; from outside office hours the count starts at the last closing. */
export function subtractWorkingMinutes(from: Date, minutes: number, hours: OfficeHours = DEFAULT_OFFICE_HOURS): Date {
  let { date, minutes: clock } = warsawClock(from);
  if (!isWorkingDay(date) || clock <= hours.start) {
    date = nextWorkingDate(date, -1);
    clock = hours.end;
  } else clock = Math.min(clock, hours.end);
  let left = minutes;
  for (;;) {
    const today = clock - hours.start;
    if (left <= today) return warsawInstant(date, clock - left);
    left -= today;
    date = nextWorkingDate(date, -1);
    clock = hours.end;
  }
}

/** Office minutes between two instants (0 when `to` is not after `from`): how long a paused clock stood still. */
export function workingMinutesBetween(from: Date, to: Date, hours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  if (to <= from) return 0;
  const a = warsawClock(from);
  const b = warsawClock(to);
  const within = (date: string, lo: number, hi: number) =>
    isWorkingDay(date) ? Math.max(0, Math.min(hi, hours.end) - Math.max(lo, hours.start)) : 0;
  if (a.date === b.date) return within(a.date, a.minutes, b.minutes);
  let total = within(a.date, a.minutes, 24 * 60) + within(b.date, 0, b.minutes);
  for (let d = shiftDate(a.date, 1); d < b.date; d = shiftDate(d, 1)) {
    if (isWorkingDay(d)) total += hours.end - hours.start;
  }
  return total;
}
