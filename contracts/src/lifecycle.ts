// The ticket state machine as data: which status may follow which, and who may make each move.
// The backend enforces it (assertTransition); the console reads it to offer only the moves that exist.
import type { Role, TicketStatus } from './domain.ts';

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
  reopened: { routed: ['system', ...TRIAGE], accepted: UNIT, returned: UNIT },
  closed: { reopened: TRIAGE },
  rejected: {},
  duplicate: {},
};

export function canTransition(from: TicketStatus, to: TicketStatus, actor: TransitionActor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}
