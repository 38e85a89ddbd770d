// Enforces the ticket state machine of contracts/lifecycle.ts: services never set a status without
// assertTransition, which answers 409 with the ticket's current status.
import {
  canMoveTicket,
  canTransition,
  COMMAND_MOVES,
  TRANSITIONS,
  type TicketEventKind,
  type TicketStatus,
  type TicketType,
  type TransitionActor,
} from '@kck/contracts';
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

/**
 * The check every status move goes through (moveTicket): the commands' own moves (split, idea decision),
 * the idea path, then the table. Throws 409 invalid_transition with the ticket's status and version.
 */
export function assertMove(
  ticket: { type: TicketType; status: TicketStatus; version: number },
  to: TicketStatus,
  actor: TransitionActor,
  kind: TicketEventKind,
): void {
  const current = { status: ticket.status, version: ticket.version };
  if (canMoveTicket(ticket, to, actor, kind)) return;
  const command = COMMAND_MOVES[kind];
  if (command) {
    if (command.types && !command.types.includes(ticket.type))
      throw invalidTransition(`Only a ticket of type ${command.types.join(', ')} can take ${kind}`, current);
    if (!command.from.includes(ticket.status))
      throw invalidTransition(`A ticket in status ${ticket.status} cannot take ${kind}`, current);
    throw invalidTransition(`Role ${actor} may not make ${kind}`, current);
  }
  if (ticket.type === 'idea' && to === 'resolved')
    throw invalidTransition('An idea ends with a decision (accepted or rejected), not a plain resolve', current);
  if (ticket.type === 'idea' && to === 'routed' && actor === 'system')
    throw invalidTransition('Routing rules never forward an idea: DK-03 assesses it first', current);
  assertTransition(ticket.status, to, actor, current);
}
