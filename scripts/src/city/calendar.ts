// Kraków's calendar for the generator: every day of the period with its local midnight, whether it is a working
// day (backend/src/deadlines/working-days.ts decides) and its office window, so office time is plain arithmetic.
// The office-time functions give the same instants as working-days.ts (calendar.test.ts checks it), only fast.
import { isWorkingDay, type OfficeHours } from '@kck/backend/deadlines/working-days';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const WARSAW_HOUR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', hour: 'numeric', hourCycle: 'h23' });
const WARSAW_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' });

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar date in Kraków of an instant, `YYYY-MM-DD`. */
export const warsawDateOf = (ms: number) => WARSAW_DATE.format(new Date(ms));

export class Calendar {
  /** Day i is `firstDate` + i days. */
  readonly dates: string[] = [];
  /** Local midnight as an instant (with the day's noon offset, as working-days.ts's warsawInstant). */
  private starts: number[] = [];
  private working: boolean[] = [];
  /** 0 Sunday … 6 Saturday. */
  readonly weekdays: number[] = [];
  private readonly firstUtcNoon: number;

  constructor(
    firstDate: string,
    readonly hours: OfficeHours,
  ) {
    this.firstUtcNoon = Date.parse(`${firstDate}T12:00:00Z`);
    this.extendTo(0);
  }

  /** Grows the table so that day `index` exists (plans run past the period's end). */
  private extendTo(index: number): void {
    while (this.dates.length <= index) {
      const noon = this.firstUtcNoon + this.dates.length * DAY_MS;
      const date = iso(noon);
      const offsetHours = Number(WARSAW_HOUR.format(new Date(noon))) - 12;
      this.dates.push(date);
      this.starts.push(noon - 12 * 3_600_000 - offsetHours * 3_600_000);
      this.working.push(isWorkingDay(date));
      this.weekdays.push(new Date(noon).getUTCDay());
    }
  }

  get length(): number {
    return this.dates.length;
  }

  indexOfDate(date: string): number {
    const index = Math.round((Date.parse(`${date}T12:00:00Z`) - this.firstUtcNoon) / DAY_MS);
    if (index < 0) throw new Error(`${date} is before the calendar's first day ${this.dates[0]}`);
    this.extendTo(index);
    return index;
  }

  /** The day containing an instant. */
  dayOf(ms: number): number {
    let d = Math.floor((ms - this.starts[0]!) / DAY_MS);
    if (d < 0) throw new Error(`${new Date(ms).toISOString()} is before the calendar's first day`);
    this.extendTo(d + 1);
    while (d > 0 && this.starts[d]! > ms) d--;
    while (this.starts[d + 1]! <= ms) {
      d++;
      this.extendTo(d + 1);
    }
    return d;
  }

  dayStart(d: number): number {
    this.extendTo(d);
    return this.starts[d]!;
  }

  isWorking(d: number): boolean {
    if (d < 0) throw new Error(`a day before the calendar's first day ${this.dates[0]}`);
    this.extendTo(d);
    return this.working[d]!;
  }

  /** The instant of a wall-clock time (minutes after midnight, fractions allowed) on day d. */
  at(d: number, minutes: number): number {
    return this.dayStart(d) + Math.round(minutes * MINUTE_MS);
  }

  private nextWorking(d: number, direction: 1 | -1): number {
    let next = d + direction;
    while (!this.isWorking(next)) next += direction;
    return next;
  }

  private clock(ms: number): { d: number; minutes: number } {
    const d = this.dayOf(ms);
    return { d, minutes: (ms - this.starts[d]!) / MINUTE_MS };
  }

  /** working-days.ts clampToOfficeHours. */
  clampToOffice(ms: number): number {
    const { d, minutes } = this.clock(ms);
    const { start, end } = this.hours;
    if (this.isWorking(d) && minutes >= start && minutes < end) return ms;
    if (this.isWorking(d) && minutes < start) return this.at(d, start);
    return this.at(this.nextWorking(d, 1), start);
  }

  /** working-days.ts addWorkingMinutes. */
  addOfficeMinutes(from: number, minutes: number): number {
    if (minutes <= 0) return from;
    let { d, minutes: clock } = this.clock(this.clampToOffice(from));
    let left = minutes;
    for (;;) {
      const today = this.hours.end - clock;
      if (left <= today) return this.at(d, clock + left);
      left -= today;
      d = this.nextWorking(d, 1);
      clock = this.hours.start;
    }
  }

  /** working-days.ts subtractWorkingMinutes. */
  subtractOfficeMinutes(from: number, minutes: number): number {
    let { d, minutes: clock } = this.clock(from);
    const { start, end } = this.hours;
    if (!this.isWorking(d) || clock <= start) {
      d = this.nextWorking(d, -1);
      clock = end;
    } else clock = Math.min(clock, end);
    let left = minutes;
    for (;;) {
      const today = clock - start;
      if (left <= today) return this.at(d, clock - left);
      left -= today;
      d = this.nextWorking(d, -1);
      clock = end;
    }
  }

  /** working-days.ts workingMinutesBetween. */
  officeMinutesBetween(from: number, to: number): number {
    if (to <= from) return 0;
    const a = this.clock(from);
    const b = this.clock(to);
    const { start, end } = this.hours;
    const within = (d: number, lo: number, hi: number) =>
      this.isWorking(d) ? Math.max(0, Math.min(hi, end) - Math.max(lo, start)) : 0;
    if (a.d === b.d) return within(a.d, a.minutes, b.minutes);
    let total = within(a.d, a.minutes, 24 * 60) + within(b.d, 0, b.minutes);
    for (let d = a.d + 1; d < b.d; d++) if (this.isWorking(d)) total += end - start;
    return total;
  }

  /**
   * deadline-times.ts alertTimes: when the reminder and the escalation of a due date go out, planned at `now`
   * for a ticket written at `startedAt`.
   */
  alertTimes(startedAt: number, dueAt: number, now: number): { reminderAt: number | null; escalationAt: number } {
    const total = this.officeMinutesBetween(startedAt, dueAt);
    const lead = Math.min(8 * 60, Math.max(1, Math.round(total * 0.25)));
    const remindFrom = this.subtractOfficeMinutes(dueAt, lead);
    const reminderAt = this.clampToOffice(remindFrom > now ? remindFrom : now);
    return {
      reminderAt: reminderAt < dueAt ? reminderAt : null,
      escalationAt: this.clampToOffice(dueAt > now ? dueAt : now),
    };
  }
}
