// Enforces the ticket state machine of contracts/lifecycle.ts: services never set a status without
// assertTransition, which answers 409 with the ticket's current status.
import { canTransition, TRANSITIONS, type TicketStatus, type TransitionActor } from '@kck/contracts';
import { invalidTransition } from '../platform/errors.ts';

export type { TransitionActor };

/** Throws 409 invalid_transition; `current` (status and version) goes into the error body. */
export function assertTransition(
  from: TicketStatus,
  to: TicketStatus,
  actor: TransitionActor,
  current?: { status: TicketStatus; version: number },
): void {
  if (!TRANSITIONS[from][to]) throw invalidTransition(`A ticket in status ${from} cannot become ${to}`, current);
  if (!canTransition(from, to, actor))
    throw invalidTransition(`Role ${actor} may not move a ticket from ${from} to ${to}`, current);
}
