// The `routing` queue's consumer: a created ticket is routed by the rules, and its deadline's reminder and
// escalation are planned at once. Registered by the worker; safe to run twice for the same job.
import type { DataSource } from 'typeorm';
import type { Queue } from 'bullmq';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { addFirstDeadlineAlerts, planDeadlineAlerts } from '../deadlines/plan-deadline-alerts.job.ts';
import { routeNewTicket } from './routing.service.ts';

export async function handleRouteTicketJob(
  db: DataSource,
  deadlineAlerts: Queue,
  logger: Logger,
  job: OutboxJob,
): Promise<void> {
  if (job.event !== 'ticket.created') return;
  const { ticketId } = DOMAIN_EVENTS['ticket.created'].parse(job.payload);
  // A ticket routed by a rule starts its clock here rather than through a `deadlines` job of its own (the relay
  // skips that one): a job less per ticket. Its alerts go to Redis before the move is written, so any later plan
  // of the ticket (woken by a change after routing) finds them and replaces them; see addFirstDeadlineAlerts.
  const decision = await routeNewTicket(db, ticketId, {
    beforeRoutedByRule: (ticket) => addFirstDeadlineAlerts(deadlineAlerts, ticket, new Date()),
  });
  logger.info(
    { ticketId, outcome: decision.outcome, unitId: decision.unitId, ruleId: decision.ruleId },
    'ticket routing decided',
  );
  // A second delivery of the job (at least once; a retry after the move committed) finds the ticket routed
  // ('skipped') and plans it from what it is now, replacing whatever is planned; planning is idempotent.
  if (decision.outcome === 'skipped') await planDeadlineAlerts(db, deadlineAlerts, ticketId, new Date());
}
