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

// Formatters are costly to build; these two are built once.
const WARSAW_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' });
const WARSAW_HOUR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', hour: 'numeric', hourCycle: 'h23' });

/** A calendar date `YYYY-MM-DD` in Kraków. */
const warsawDate = (at: Date) => WARSAW_DATE.format(at);

export function isWorkingDay(date: string): boolean {
  const d = new Date(`${date}T12:00:00Z`);
  const weekday = d.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !polishHolidays(d.getUTCFullYear()).has(date);
}

/**
 * The end (23:59:59 Europe/Warsaw) of the n-th working day after `from`'s calendar day.
 * The day of receipt does not count, as in the Code of Administrative Procedure.
 */
export function addWorkingDays(from: Date, n: number): Date {
  let date = warsawDate(from);
  let left = n;
  while (left > 0) {
    date = iso(new Date(new Date(`${date}T12:00:00Z`).getTime() + DAY_MS));
    if (isWorkingDay(date)) left -= 1;
  }
  return endOfWarsawDay(date);
}

function endOfWarsawDay(date: string): Date {
  // Find the UTC offset of Warsaw on that day (CET +1 or CEST +2).
  const noon = new Date(`${date}T12:00:00Z`);
  const hourInWarsaw = Number(WARSAW_HOUR.format(noon));
  const offsetHours = hourInWarsaw - 12;
  return new Date(new Date(`${date}T23:59:59Z`).getTime() - offsetHours * 3_600_000);
}
