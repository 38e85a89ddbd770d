// What DK-03 does with a ticket the unit's own system never received: ask for one more delivery, or
// say it was passed on another way. Either clears the warning, in the history with who and why.
import type { DataSource, EntityManager } from 'typeorm';
import type { ClearDeliveryFailedRequest, RedeliverTicketRequest, TicketDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, staleVersion } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket, type LockedTicket } from '../tickets/tickets.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';

/** Locks the flagged ticket; 409 when it is not flagged (any more) or changed since the client read it. */
async function lockFlaggedTicket(em: EntityManager, actor: Actor, id: string, version: number | undefined) {
  const ticket = await lockTicket(em, actor, id);
  const current = { status: ticket.status, version: ticket.version };
  if (version !== undefined && version !== ticket.version) throw staleVersion(current, version);
  const rows: { delivery_failed: boolean }[] = await em.query(`SELECT delivery_failed FROM ticket WHERE id = $1`, [id]);
  if (!rows[0]?.delivery_failed)
    throw new AppError(
      409,
      'conflict',
      'This ticket is not flagged as undelivered: its unit has it, or someone already dealt with it',
      undefined,
      undefined,
      current,
    );
  return ticket;
}

/** Clears the flag and bumps the version, so a console still showing the warning gets 409 on a second click. */
async function clearFlag(em: EntityManager, ticket: LockedTicket): Promise<void> {
  await em.query(`UPDATE ticket SET delivery_failed = false, updated_at = now(), version = version + 1 WHERE id = $1`, [
    ticket.id,
  ]);
}

/**
 * One more delivery to the system of the unit that has the ticket now. The new event goes to the delivery
 * queue through the outbox like a routing event, with the same retries; if they fail too, the ticket is
 * flagged again.
 */
export async function redeliverTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  input: RedeliverTicketRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockFlaggedTicket(em, actor, id, input.version);
    const integrations: { webhook_url: string }[] = await em.query(
      `SELECT i.webhook_url FROM unit_integration i WHERE i.unit_id = $1 AND i.active`,
      [ticket.unitId],
    );
    if (!integrations[0])
      throw new AppError(
        409,
        'conflict',
        "The ticket's unit has no active system to deliver to any more; route it by hand or mark it passed on",
      );
    await clearFlag(em, ticket);
    await appendTicketEvent(
      em,
      id,
      'ticket.redelivery_requested',
      actor.id,
      { deliveryFailed: { from: true, to: false } },
      `Ponowne wysłanie do systemu jednostki: ${actor.displayName}`,
    );
    return getTicket(em, null, id);
  });
}

/** DK-03 phoned or e-mailed the unit instead; the reason says how, for whoever reads the history later. */
export async function clearDeliveryFailed(
  db: DataSource,
  actor: Actor,
  id: string,
  input: ClearDeliveryFailedRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockFlaggedTicket(em, actor, id, input.version);
    await clearFlag(em, ticket);
    await appendTicketEvent(
      em,
      id,
      'ticket.delivery_cleared',
      actor.id,
      { deliveryFailed: { from: true, to: false } },
      input.reason,
    );
    return getTicket(em, null, id);
  });
}
