// The `assignment` queue's consumer: after `ticket.routed`, gives the ticket to the next colleague present
// in units with round-robin on. Registered by the worker; safe to run twice for the same job.
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import type { SessionLimits } from '../auth/sessions.ts';
import type { Logger } from '../platform/logger.ts';
import { autoAssignRoutedTicket } from './assignment.service.ts';

export async function handleAutoAssignJob(
  db: DataSource,
  logger: Logger,
  limits: SessionLimits,
  job: OutboxJob,
): Promise<void> {
  if (job.event !== 'ticket.routed') return;
  const { ticketId, seq } = DOMAIN_EVENTS['ticket.routed'].parse(job.payload);
  const result = await autoAssignRoutedTicket(db, ticketId, seq, limits);
  // Only what happened is worth a line: most units assign by hand.
  if (result.outcome !== 'not_enabled') logger.info({ ticketId, seq, ...result }, 'automatic assignment');
}
