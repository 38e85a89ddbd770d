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
  options: { firstPlan?: boolean } = {},
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
    const running = t && ALERTING_STATUSES.includes(t.status) && t.unit_id && t.due_at && !t.waiting_since;
    const times = running ? alertTimes(t.created_at, t.due_at!, now, officeHours()) : null;
    const plan: DeadlinePlan = { reminderAt: times?.reminderAt ?? null, escalationAt: times?.escalationAt ?? null };
    const dueAt = t?.due_at?.toISOString();
    const wanted = [
      { kind: 'reminder' as const, at: plan.reminderAt },
      { kind: 'escalation' as const, at: plan.escalationAt },
    ];
    // The first plan of a ticket (just routed from `new`, where no deadline runs) has nothing to remove.
    if (!options.firstPlan) await Promise.all(wanted.map(({ kind }) => remove(alerts, ticketId, kind)));
    const jobs = wanted.flatMap(({ kind, at }) => {
      if (!at || !dueAt) return [];
      const data: DeadlineAlertJob = { ticketId, kind, dueAt };
      const opts = { jobId: deadlineAlertJobId(ticketId, kind), delay: Math.max(0, at.getTime() - now.getTime()) };
      return [{ name: JOB_NAMES['deadline-alerts'], data, opts }];
    });
    // Both alerts in one round trip.
    if (jobs.length > 0) await alerts.addBulk(jobs);
    await client.query('COMMIT');
    return plan;
  });
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
