// The one claim check of DK-03's moves: moveTicket (tickets.service.ts) asks it before every status move, so a
// colleague's route, rejection, merge or split cannot overtake a live claim unless the request says it takes over.
import type { EntityManager } from 'typeorm';
import type { TransitionActor } from '@kck/contracts';
import { conflict } from '../platform/errors.ts';
import type { TicketChanges } from '../tickets/ticket-event.entity.ts';

/**
 * Who moves tickets regardless of DK-03's claims: automatic steps, residents, and a unit's staff on the tickets it
 * holds (a reopened ticket shows in the inbox, yet the unit accepting it is not a colleague overtaking anyone).
 */
const NOT_BOUND: readonly TransitionActor[] = ['system', 'resident', 'unit_staff'];

/** The claim columns lockTicket reads; absent where a caller read the ticket itself (routing, deadlines). */
export interface ClaimOnTicket {
  id: string;
  claimedBy?: string | null;
  claimLive?: boolean;
}

export interface ClaimHolder {
  id: string;
  displayName: string;
  ticketNumber: string;
  claimedAt: Date;
}

/** The live claim on a ticket, if any; read under the caller's lock. */
export async function liveClaimHolder(em: EntityManager, ticketId: string): Promise<ClaimHolder | null> {
  const rows: ClaimHolder[] = await em.query(
    `SELECT u.id, u.display_name AS "displayName", t.number AS "ticketNumber", t.claimed_at AS "claimedAt"
       FROM ticket t JOIN app_user u ON u.id = t.claimed_by
      WHERE t.id = $1 AND t.claim_expires_at > now()`,
    [ticketId],
  );
  return rows[0] ?? null;
}

const clock = (at: Date) =>
  at.toLocaleTimeString('pl-PL', { timeZone: 'Europe/Warsaw', hour: '2-digit', minute: '2-digit' });

/** 409 naming who holds the ticket and since when: the caller decides whether to take it over. */
export const claimedByAnother = (holder: ClaimHolder) =>
  conflict(
    `${holder.ticketNumber} is being handled by ${holder.displayName} (claimed at ${clock(holder.claimedAt)}); ` +
      'take it over (takeOver: true) to act on it',
  );

/**
 * Refuses a move by anyone but the holder of a live claim (409 naming them), unless `takeOver`: then the move's
 * history event says whose claim it overrode. A move out of the inbox ends the claim in the same statement.
 */
export async function checkTriageClaim(
  em: EntityManager,
  ticket: ClaimOnTicket,
  by: TransitionActor,
  actorId: string | null,
  takeOver = false,
): Promise<TicketChanges> {
  if (!ticket.claimLive || !ticket.claimedBy || ticket.claimedBy === actorId || NOT_BOUND.includes(by)) return {};
  const holder = await liveClaimHolder(em, ticket.id);
  if (!holder) return {};
  if (!takeOver) throw claimedByAnother(holder);
  return { claimedBy: { from: holder.displayName, to: null } };
}
