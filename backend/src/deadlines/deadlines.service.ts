// Deadlines: the clock paused while a unit waits for the resident's answer, and resumed with the due date moved
// by the office time waited. Each command is one transaction: ticket, history event and outbox row together.
import type { DataSource, EntityManager } from 'typeorm';
import type { ResumeTicketRequest, TicketDto, TicketStatus, WaitForResidentRequest } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { invalidTransition, staleVersion } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket, type LockedTicket } from '../tickets/tickets.service.ts';
import type { TicketChanges } from '../tickets/ticket-event.entity.ts';
import { getTicket } from '../tickets/tickets.queries.ts';
import { officeHours } from './deadline-policies.ts';
import { dueAfterPause } from './deadline-times.ts';

/** A unit asks the resident while it works on the matter: once routed to it and before it is resolved. */
const WAITING_ALLOWED: readonly TicketStatus[] = ['routed', 'accepted', 'in_progress', 'reopened'];

interface Clock {
  dueAt: Date | null;
  waitingSince: Date | null;
}

/** Locks the ticket (404 outside the actor's unit) and checks the version the client saw (409). */
async function lockWithClock(
  em: EntityManager,
  actor: Actor,
  id: string,
  version: number | undefined,
): Promise<{ ticket: LockedTicket; clock: Clock }> {
  const ticket = await lockTicket(em, actor, id);
  const current = { status: ticket.status, version: ticket.version };
  if (version !== undefined && version !== ticket.version) throw staleVersion(current, version);
  const rows: { due_at: Date | null; waiting_since: Date | null }[] = await em.query(
    `SELECT due_at, waiting_since FROM ticket WHERE id = $1`,
    [id],
  );
  return { ticket, clock: { dueAt: rows[0]!.due_at, waitingSince: rows[0]!.waiting_since } };
}

export function waitForResident(
  db: DataSource,
  actor: Actor,
  id: string,
  input: WaitForResidentRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const { ticket, clock } = await lockWithClock(em, actor, id, input.version);
    const current = { status: ticket.status, version: ticket.version };
    if (!WAITING_ALLOWED.includes(ticket.status))
      throw invalidTransition(`A ${ticket.status} ticket cannot wait for the resident`, current);
    if (clock.waitingSince) throw invalidTransition('The ticket already waits for the resident', current);
    await em.query(
      `UPDATE ticket SET waiting_since = $2, waiting_question = $3, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [id, new Date(), input.question],
    );
    await appendTicketEvent(
      em,
      id,
      'ticket.waiting_for_resident',
      actor.id,
      { waitingForResident: { from: false, to: true } },
      input.question,
    );
    return getTicket(em, null, id);
  });
}

/** Ends a pause on a locked ticket: the due date moved by the office time waited, with its `ticket.resumed` event. */
async function restartClock(
  em: EntityManager,
  id: string,
  clock: { dueAt: Date | null; waitingSince: Date },
  actorId: string | null,
  reason: string | null,
  extraChanges: TicketChanges = {},
): Promise<void> {
  const now = new Date();
  const dueAt = clock.dueAt ? dueAfterPause(clock.dueAt, clock.waitingSince, now, officeHours()) : null;
  await em.query(
    // A new due date is a new deadline: an escalation of the old one no longer stands (if the new one has
    // passed too, the planner escalates it again, as a deadline_alert row is per due date).
    `UPDATE ticket SET waiting_since = NULL, waiting_question = NULL, due_at = $2, updated_at = now(),
                       escalated_at = CASE WHEN due_at IS DISTINCT FROM $2 THEN NULL ELSE escalated_at END,
                       version = version + 1
      WHERE id = $1`,
    [id, dueAt],
  );
  await appendTicketEvent(
    em,
    id,
    'ticket.resumed',
    actorId,
    {
      waitingForResident: { from: true, to: false },
      dueAt: { from: clock.dueAt?.toISOString() ?? null, to: dueAt?.toISOString() ?? null },
      ...extraChanges,
    },
    reason,
  );
}

export function resumeTicket(db: DataSource, actor: Actor, id: string, input: ResumeTicketRequest): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const { ticket, clock } = await lockWithClock(em, actor, id, input.version);
    if (!clock.waitingSince)
      throw invalidTransition('The ticket is not waiting for the resident', {
        status: ticket.status,
        version: ticket.version,
      });
    await restartClock(
      em,
      id,
      { dueAt: clock.dueAt, waitingSince: clock.waitingSince },
      actor.id,
      input.answer || null,
    );
    return getTicket(em, null, id);
  });
}

/**
 * The resident wrote (a status-page message, an e-mail reply) while the unit waited for them: that is their answer,
 * so the clock runs again, in the caller's transaction on the ticket it has locked. No staff actor: the caller
 * passes the changes that name the resident. False, and nothing written, when the ticket was not waiting.
 */
export async function resumeOnResidentAnswer(
  em: EntityManager,
  ticket: { id: string; status: TicketStatus },
  residentChanges: TicketChanges,
): Promise<boolean> {
  // A pause outlives a resolution (the history keeps it), but a resolved matter has no clock to restart.
  if (!WAITING_ALLOWED.includes(ticket.status)) return false;
  const rows: { due_at: Date | null; waiting_since: Date | null }[] = await em.query(
    `SELECT due_at, waiting_since FROM ticket WHERE id = $1`,
    [ticket.id],
  );
  const waitingSince = rows[0]?.waiting_since;
  if (!waitingSince) return false;
  await restartClock(em, ticket.id, { dueAt: rows[0]!.due_at, waitingSince }, null, null, residentChanges);
  return true;
}
