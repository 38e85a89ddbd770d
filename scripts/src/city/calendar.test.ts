// The generator's office-time arithmetic gives the same instants as the backend's working-days.ts and
// deadline-times.ts, across holidays, weekends and both changes of the clock.
import { describe, expect, it } from 'vitest';
import {
  addWorkingMinutes,
  clampToOfficeHours,
  DEFAULT_OFFICE_HOURS,
  subtractWorkingMinutes,
  workingMinutesBetween,
} from '@kck/backend/deadlines/working-days';
import { alertTimes } from '@kck/backend/deadlines/deadline-times';
import { Calendar } from './calendar.ts';
import { Random } from './random.ts';

const calendar = new Calendar('2024-08-01', DEFAULT_OFFICE_HOURS);
const from = Date.parse('2024-10-02T00:00:00Z');
const span = Date.parse('2026-12-31T00:00:00Z') - from;
const rnd = new Random(2024);
const instants = Array.from({ length: 400 }, () => from + Math.floor(rnd.next() * span));
// Edges: office opening and closing, midnight, the clock changes, Christmas Eve (a holiday from 2025), Easter Monday.
instants.push(
  Date.parse('2025-03-30T00:30:00Z'),
  Date.parse('2025-10-26T01:30:00Z'),
  Date.parse('2025-12-23T14:30:00Z'),
  Date.parse('2025-12-24T08:00:00Z'),
  Date.parse('2026-04-06T10:00:00Z'),
  Date.parse('2026-01-05T06:30:00Z'),
  Date.parse('2026-01-05T14:29:59.999Z'),
  Date.parse('2026-01-05T23:00:00Z'),
);

describe('the generator calendar', () => {
  it('clamps to office hours as working-days.ts does', () => {
    for (const at of instants) expect(calendar.clampToOffice(at)).toBe(clampToOfficeHours(new Date(at)).getTime());
  });

  it('adds and subtracts office minutes as working-days.ts does', () => {
    for (const [k, at] of instants.entries()) {
      const minutes = [1, 45, 480, 481, 2000, 9600][k % 6]!;
      expect(calendar.addOfficeMinutes(at, minutes)).toBe(addWorkingMinutes(new Date(at), minutes).getTime());
      expect(calendar.subtractOfficeMinutes(at, minutes)).toBe(subtractWorkingMinutes(new Date(at), minutes).getTime());
    }
  });

  it('counts office minutes between two instants as working-days.ts does', () => {
    for (const [k, at] of instants.entries()) {
      const to = at + [0, 3_600_000, 86_400_000, 20 * 86_400_000][k % 4]! + k * 7_919;
      expect(calendar.officeMinutesBetween(at, to)).toBeCloseTo(workingMinutesBetween(new Date(at), new Date(to)), 6);
    }
  });

  it("plans reminders and escalations as the deadline planner's alertTimes does", () => {
    for (const [k, at] of instants.entries()) {
      const due = at + [2, 5, 30][k % 3]! * 86_400_000;
      const now = at + (k % 5) * 86_400_000;
      const real = alertTimes(new Date(at), new Date(due), new Date(now));
      const fast = calendar.alertTimes(at, due, now);
      expect(fast.reminderAt).toBe(real.reminderAt?.getTime() ?? null);
      expect(fast.escalationAt).toBe(real.escalationAt.getTime());
    }
  });
});
