// Writes a domain event to the outbox through the caller's transaction, so the event
// exists if and only if the change it describes was committed.
import type { EntityManager } from 'typeorm';
import { DOMAIN_EVENTS, type DomainEventName, type DomainEventPayload } from '@kck/contracts';

export async function recordEvent<N extends DomainEventName>(
  em: EntityManager,
  event: N,
  payload: DomainEventPayload<N>,
): Promise<void> {
  DOMAIN_EVENTS[event].parse(payload);
  await em.query(`INSERT INTO outbox (event, payload) VALUES ($1, $2)`, [event, JSON.stringify(payload)]);
}
