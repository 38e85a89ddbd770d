// DK-03's claims in the triage inbox: a person says "I am working on this one" so two people never handle the same
// report unknowingly. A claim lapses after TRIAGE_CLAIM_MINUTES and ends when the ticket leaves the inbox (moveTicket).
import type { DataSource } from 'typeorm';
import { TRIAGE_INBOX_STATUSES, type ClaimTicketRequest, type TicketDto, type TicketStatus } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { invalidTransition } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket } from '../tickets/tickets.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';
import { claimedByAnother, liveClaimHolder } from './triage-claim.check.ts';

const inInbox = (status: TicketStatus) => (TRIAGE_INBOX_STATUSES as readonly TicketStatus[]).includes(status);

/**
 * Claims a ticket waiting in the triage inbox for `minutes`. A colleague's live claim answers 409 naming them,
 * unless `takeOver`; the history records the claim and, on a take-over, whose it was. Claiming one's own claim
 * again only extends it (no history event: nothing changed hands). Claiming never changes `version`.
 */
export async function claimTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  input: ClaimTicketRequest,
  minutes: number,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    if (input.ifFree && (!inInbox(ticket.status) || (ticket.claimLive && ticket.claimedBy !== actor.id)))
      return getTicket(em, null, id);
    if (!inInbox(ticket.status))
      throw invalidTransition(`Only tickets waiting in the triage inbox are claimed; this one is ${ticket.status}`, {
        status: ticket.status,
        version: ticket.version,
      });
    const holder = ticket.claimLive ? await liveClaimHolder(em, id) : null;
    if (holder && holder.id !== actor.id && !input.takeOver) throw claimedByAnother(holder);
    const mine = holder?.id === actor.id;
    await em.query(
      `UPDATE ticket SET claimed_by = $2, claimed_at = CASE WHEN $4 THEN claimed_at ELSE now() END,
                         claim_expires_at = now() + make_interval(mins => $3::int)
        WHERE id = $1`,
      [id, actor.id, minutes, mine],
    );
    if (!mine) {
      await appendTicketEvent(
        em,
        id,
        'ticket.claimed',
        actor.id,
        { claimedBy: { from: holder?.displayName ?? null, to: actor.displayName } },
        holder ? `Przejęte od: ${holder.displayName}` : null,
      );
    }
    return getTicket(em, null, id);
  });
}

/**
 * Lets go of the caller's claim (history: `ticket.released`). Nothing to let go (no live claim) changes nothing;
 * a colleague's claim answers 409 naming them: taking it over is a claim with `takeOver`.
 */
export async function releaseTicket(db: DataSource, actor: Actor, id: string): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    const holder = ticket.claimLive ? await liveClaimHolder(em, id) : null;
    if (!holder) return getTicket(em, null, id);
    if (holder.id !== actor.id) throw claimedByAnother(holder);
    await em.query(`UPDATE ticket SET claimed_by = NULL, claimed_at = NULL, claim_expires_at = NULL WHERE id = $1`, [
      id,
    ]);
    await appendTicketEvent(em, id, 'ticket.released', actor.id, {
      claimedBy: { from: actor.displayName, to: null },
    });
    return getTicket(em, null, id);
  });
}
