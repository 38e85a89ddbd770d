// The `routing` queue's consumer: a created ticket is routed by the rules.
// Registered by the worker; safe to run twice for the same job.
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { routeNewTicket } from './routing.service.ts';

export async function handleRouteTicketJob(db: DataSource, logger: Logger, job: OutboxJob): Promise<void> {
  if (job.event !== 'ticket.created') return;
  const { ticketId } = DOMAIN_EVENTS['ticket.created'].parse(job.payload);
  const decision = await routeNewTicket(db, ticketId);
  logger.info(
    { ticketId, outcome: decision.outcome, unitId: decision.unitId, ruleId: decision.ruleId },
    'ticket routing decided',
  );
}
