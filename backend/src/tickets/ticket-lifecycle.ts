// The ticket state machine: which status may follow which, and who may make each move.
// Pure and checked in one place (assertTransition); services never set a status without it.
import type { Role, TicketStatus } from '@kck/contracts';
import { invalidTransition } from '../platform/errors.ts';

/** `system` is routing and other automatic steps; `admin` may do whatever triage may. */
export type TransitionActor = Role | 'system';

const TRIAGE: TransitionActor[] = ['triage', 'admin'];
const UNIT: TransitionActor[] = ['unit_staff', 'admin'];

export const TRANSITIONS: Record<TicketStatus, Partial<Record<TicketStatus, TransitionActor[]>>> = {
  new: { routed: ['system', ...TRIAGE], triage: ['system'], rejected: TRIAGE, duplicate: TRIAGE },
  triage: { routed: TRIAGE, rejected: TRIAGE, duplicate: TRIAGE },
  routed: { accepted: UNIT, returned: UNIT, routed: TRIAGE, rejected: TRIAGE, duplicate: TRIAGE },
  accepted: { in_progress: UNIT, resolved: UNIT, returned: UNIT, routed: TRIAGE },
  in_progress: { resolved: UNIT, returned: UNIT, routed: TRIAGE },
  returned: { routed: TRIAGE, rejected: TRIAGE, duplicate: TRIAGE },
  resolved: { closed: ['system', ...TRIAGE], reopened: ['agent', ...TRIAGE] },
  reopened: { routed: ['system', ...TRIAGE], accepted: UNIT },
  closed: { reopened: TRIAGE },
  rejected: {},
  duplicate: {},
};

export function canTransition(from: TicketStatus, to: TicketStatus, actor: TransitionActor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

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
