// The `deadlines` queue's consumer: after each change of a ticket, (re)plans its reminder and escalation as
// delayed jobs in `deadline-alerts`, one per ticket and kind under a stable id, or removes them.
import type { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import {
  DOMAIN_EVENTS,
  JOB_NAMES,
  deadlineAlertJobId,
  type DeadlineAlertJob,
  type OutboxJob,
  type TicketEventKind,
  type TicketStatus,
} from '@kck/contracts';
import { resultRows, withPoolClient } from '../platform/db.ts';
import { officeHours } from './deadline-policies.ts';
import { alertTimes } from './deadline-times.ts';

/** While the responsible unit works on a ticket its deadline runs; elsewhere (triage, resolved, closed) it does not. */
export const ALERTING_STATUSES: readonly TicketStatus[] = ['routed', 'accepted', 'in_progress', 'reopened'];

export interface DeadlinePlan {
  reminderAt: Date | null;
  escalationAt: Date | null;
}

export async function handlePlanDeadlineAlertsJob(
  db: DataSource,
  alerts: Queue,
  job: OutboxJob,
): Promise<DeadlinePlan> {
  const { ticketId } = DOMAIN_EVENTS[job.event as TicketEventKind].parse(job.payload);
  return planDeadlineAlerts(db, alerts, ticketId, new Date());
}

/**
 * Reads the ticket as it is now, whatever event woke us, so an old job replayed late still plans the current
 * state. An advisory lock per ticket keeps two plans of the same ticket from interleaving their Redis calls and
 * leaving the older one behind.
 */
export async function planDeadlineAlerts(
  db: DataSource,
  alerts: Queue,
  ticketId: string,
  now: Date,
): Promise<DeadlinePlan> {
  return withPoolClient(db, async (client) => {
    // Two round trips: the lock and the read (lock_ticket_for_deadline_plan, migration 1763800000401: the read
    // takes its snapshot once the lock is ours, so the last plan reads the newest), then COMMIT once Redis has
    // the plan.
    const result = await client.query(
      `BEGIN; SELECT * FROM lock_ticket_for_deadline_plan(${client.escapeLiteral(ticketId)})`,
    );
    const rows = resultRows<{
      status: TicketStatus;
      unit_id: string | null;
      due_at: Date | null;
      waiting_since: Date | null;
      created_at: Date;
    }>(result, 1);
    const t = rows[0];
    const running = t && ALERTING_STATUSES.includes(t.status) && t.unit_id;
    const plan = running ? planOf(t.created_at, t.due_at, t.waiting_since, now) : NOTHING_PLANNED;
    await Promise.all(ALERT_KINDS.map((kind) => remove(alerts, ticketId, kind)));
    await addAlerts(alerts, ticketId, t?.due_at ?? null, plan, now);
    await client.query('COMMIT');
    return plan;
  });
}

/**
 * The first plan of a ticket a rule is routing, from the ticket as routing read it, added before the move is
 * written (routing.service.ts RoutingHooks). Until the move commits nobody can change the ticket in a way that
 * plans it again (from `new` no deadline runs), so there is nothing to remove and no lock to take; any plan
 * after the move starts once these jobs are in Redis and replaces them. Should the move then lose to someone
 * else's, the alert finds the ticket changed when it comes due and does nothing (deadline-alert.job.ts).
 */
export async function addFirstDeadlineAlerts(
  alerts: Queue,
  ticket: { id: string; dueAt: Date | null; createdAt: Date; waitingSince: Date | null },
  now: Date,
): Promise<DeadlinePlan> {
  const plan = planOf(ticket.createdAt, ticket.dueAt, ticket.waitingSince, now);
  await addAlerts(alerts, ticket.id, ticket.dueAt, plan, now);
  return plan;
}

const ALERT_KINDS: readonly DeadlineAlertJob['kind'][] = ['reminder', 'escalation'];
const NOTHING_PLANNED: DeadlinePlan = { reminderAt: null, escalationAt: null };

/** The alerts of a ticket its unit works on: none while the clock is paused or without a deadline. */
function planOf(createdAt: Date, dueAt: Date | null, waitingSince: Date | null, now: Date): DeadlinePlan {
  if (!dueAt || waitingSince) return NOTHING_PLANNED;
  const times = alertTimes(createdAt, dueAt, now, officeHours());
  return { reminderAt: times.reminderAt, escalationAt: times.escalationAt };
}

/** Both alerts in one round trip, each under its stable job id. */
async function addAlerts(
  alerts: Queue,
  ticketId: string,
  dueAt: Date | null,
  plan: DeadlinePlan,
  now: Date,
): Promise<void> {
  const jobs = ALERT_KINDS.flatMap((kind) => {
    const at = kind === 'reminder' ? plan.reminderAt : plan.escalationAt;
    if (!at || !dueAt) return [];
    const data: DeadlineAlertJob = { ticketId, kind, dueAt: dueAt.toISOString() };
    const opts = { jobId: deadlineAlertJobId(ticketId, kind), delay: Math.max(0, at.getTime() - now.getTime()) };
    return [{ name: JOB_NAMES['deadline-alerts'], data, opts }];
  });
  if (jobs.length > 0) await alerts.addBulk(jobs);
}

/**
 * Removes the ticket's job of this kind, whatever its state. A job being run right now cannot be removed: the
 * error fails this planning job and BullMQ retries it once the alert is done.
 */
async function remove(alerts: Queue, ticketId: string, kind: DeadlineAlertJob['kind']): Promise<void> {
  const jobId = deadlineAlertJobId(ticketId, kind);
  // One script: removes the job in whatever state, answers 1 also when there was none, 0 when it is running.
  if ((await alerts.remove(jobId)) === 0)
    throw new Error(`deadline alert ${jobId} is running; planning again once it is done`);
}
