// When a deadline's reminder and escalation go out, and where a paused clock moves the due date.
// Pure functions over working-days.ts, so the planner, the commands and the tests agree on the same rules.
import {
  addWorkingMinutes,
  clampToOfficeHours,
  DEFAULT_OFFICE_HOURS,
  subtractWorkingMinutes,
  workingMinutesBetween,
  type OfficeHours,
} from './working-days.ts';

/** A reminder comes one working day before the deadline... */
const REMINDER_LEAD_MINUTES = 8 * 60;
/** ...or, for a short deadline, when a quarter of its time is left (an 8-hour deadline: 2 hours before). */
const REMINDER_LEAD_SHARE = 0.25;

/** The due date after a pause: moved by the office time the ticket spent waiting for the resident. */
export function dueAfterPause(
  dueAt: Date,
  pausedAt: Date,
  resumedAt: Date,
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
): Date {
  return addWorkingMinutes(dueAt, workingMinutesBetween(pausedAt, resumedAt, hours), hours);
}

export interface AlertTimes {
  /** Null when the deadline is too close for a reminder to mean anything (already inside the lead time). */
  reminderAt: Date | null;
  escalationAt: Date;
}

/**
 * Both moments fall within office hours: the reminder counts back in office time, and an escalation due at
 * night, at a weekend or on a holiday waits for the next opening.
 */
export function alertTimes(
  startedAt: Date,
  dueAt: Date,
  now: Date,
  hours: OfficeHours = DEFAULT_OFFICE_HOURS,
): AlertTimes {
  const total = workingMinutesBetween(startedAt, dueAt, hours);
  const lead = Math.min(REMINDER_LEAD_MINUTES, Math.max(1, Math.round(total * REMINDER_LEAD_SHARE)));
  const remindFrom = subtractWorkingMinutes(dueAt, lead, hours);
  // Planned late (a ticket routed close to its deadline, or after a pause): remind at once, in office hours.
  const reminderAt = clampToOfficeHours(remindFrom > now ? remindFrom : now, hours);
  return {
    reminderAt: reminderAt < dueAt ? reminderAt : null,
    escalationAt: clampToOfficeHours(dueAt > now ? dueAt : now, hours),
  };
}
