// What "due soon" and "escalated" mean, as SQL on the ticket aliased `t`, and the due state a ticket shows.
// Shared by the ticket list and monitoring, so a filter and a figure never disagree.
import { OPEN_TICKET_STATUSES, type DueState, type TicketStatus } from '@kck/contracts';
import { config } from '../platform/config.ts';
import { OPEN_CONDITION } from '../monitoring/monitoring.conditions.ts';
import { officeHours } from './deadline-policies.ts';
import { addWorkingMinutes } from './working-days.ts';

/** The latest due date that still counts as due soon, from now (office hours, so a weekend does not eat it). */
export function dueSoonLimit(now: Date = new Date()): Date {
  return addWorkingMinutes(now, config().DUE_SOON_WORKING_HOURS * 60, officeHours());
}

/** `limitParam` is the placeholder bound to dueSoonLimit(), e.g. `$3`. */
export const dueSoonCondition = (limitParam: string) =>
  `(${OPEN_CONDITION} AND t.waiting_since IS NULL AND t.due_at >= now() AND t.due_at <= ${limitParam})`;

/**
 * Escalated and still open: the list DK-03 works through. A resolved or closed ticket keeps `escalated_at` (when
 * it happened) but has nothing left to chase; a ticket given to another unit or given a new due date has it
 * cleared (moveTicket, resumeTicket), since the escalation was about a deadline that no longer stands.
 */
export const ESCALATED_CONDITION = `(${OPEN_CONDITION} AND t.escalated_at IS NOT NULL)`;

let dueSoonMemo: { second: number; limit: Date } | undefined;

/**
 * The due-date state a list or detail shows (red overdue, amber due soon), by the same rules as the filters.
 * The limit is reused for a second: a list of 200 tickets computes it once.
 */
export function dueStateOf(
  ticket: { status: TicketStatus; dueAt: Date | null; waitingSince: Date | null },
  now: Date = new Date(),
): DueState | null {
  if (!ticket.dueAt || !OPEN_TICKET_STATUSES.includes(ticket.status)) return null;
  if (ticket.waitingSince) return 'paused';
  if (ticket.dueAt < now) return 'overdue';
  const second = Math.floor(now.getTime() / 1000);
  if (dueSoonMemo?.second !== second) dueSoonMemo = { second, limit: dueSoonLimit(now) };
  return ticket.dueAt <= dueSoonMemo.limit ? 'due_soon' : 'on_time';
}
