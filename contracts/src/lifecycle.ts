// The ticket state machine as data: which status may follow which, and who may make each move.
// The backend enforces it (assertTransition); the console reads it to offer only the moves that exist.
import type { Role, TicketStatus, TicketType } from './domain.ts';
import type { TicketEventKind } from './events.ts';

/**
 * `system` is routing and other automatic steps; `admin` may do whatever triage may. `resident`: the reporter on
 * the public status page (no account: the move is recorded with no actor, the resident's words as its reason).
 */
export type TransitionActor = Role | 'system' | 'resident';

const TRIAGE: TransitionActor[] = ['triage', 'admin'];
const UNIT: TransitionActor[] = ['unit_staff', 'admin'];
/** Who routes by hand: DK-03, and KP-02 its own matters (ticketScope limits mayor_office to channel `mayor`). */
const ROUTERS: TransitionActor[] = [...TRIAGE, 'mayor_office'];

export const TRANSITIONS: Record<TicketStatus, Partial<Record<TicketStatus, TransitionActor[]>>> = {
  // `resident`: "add my voice" on the web form files the resident's new report under an open one (duplicates).
  new: { routed: ['system', ...ROUTERS], triage: ['system'], rejected: TRIAGE, duplicate: ['resident', ...TRIAGE] },
  triage: { routed: ROUTERS, rejected: TRIAGE, duplicate: TRIAGE },
  routed: { accepted: UNIT, returned: UNIT, routed: ROUTERS, rejected: TRIAGE, duplicate: TRIAGE },
  accepted: { in_progress: UNIT, resolved: UNIT, returned: UNIT, routed: ROUTERS },
  in_progress: { resolved: UNIT, returned: UNIT, routed: ROUTERS },
  returned: { routed: ROUTERS, rejected: TRIAGE, duplicate: TRIAGE },
  resolved: { closed: ['system', ...TRIAGE], reopened: ['agent', 'resident', ...TRIAGE] },
  reopened: { routed: ['system', ...ROUTERS], accepted: UNIT, returned: UNIT },
  closed: { reopened: TRIAGE },
  rejected: {},
  duplicate: {},
};

export function canTransition(from: TicketStatus, to: TicketStatus, actor: TransitionActor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}

/**
 * Moves that only a dedicated command makes, keyed by the event it records; they are not in TRANSITIONS, so
 * the console never offers them as plain buttons. A split ends the original (its parts carry the work) and a
 * unit ends an idea only with a decision: accepted or rejected, with a justification the resident reads.
 */
export const COMMAND_MOVES: Partial<
  Record<TicketEventKind, { from: TicketStatus[]; to: TicketStatus; actors: TransitionActor[]; types?: TicketType[] }>
> = {
  'ticket.split': { from: ['new', 'triage', 'routed', 'returned', 'reopened'], to: 'closed', actors: TRIAGE },
  'ticket.idea_decided': { from: ['accepted', 'in_progress'], to: 'resolved', actors: UNIT, types: ['idea'] },
};

/**
 * Ideas (pomysły) have their own path over the same statuses: DK-03 assesses every idea (new, triage,
 * returned: *Ocena*), forwards it to a unit by hand (routed, accepted, in_progress, reopened: *Przekazany*),
 * and the unit decides (resolved or closed with a decision: *Przyjęty* / *Odrzucony*). So routing rules never
 * forward an idea, and an idea is never resolved without a decision.
 */
export const IDEA_STAGES = ['assessment', 'forwarded', 'accepted', 'rejected'] as const;
export type IdeaStage = (typeof IDEA_STAGES)[number];
export const IDEA_DECISIONS = ['accepted', 'rejected'] as const;
export type IdeaDecision = (typeof IDEA_DECISIONS)[number];

export function ideaStage(status: TicketStatus, decision: IdeaDecision | null): IdeaStage | null {
  switch (status) {
    case 'new':
    case 'triage':
    case 'returned':
      return 'assessment';
    case 'routed':
    case 'accepted':
    case 'in_progress':
    case 'reopened':
      return 'forwarded';
    case 'resolved':
    case 'closed':
      return decision;
    case 'rejected':
      return 'rejected';
    default:
      return null;
  }
}

/** The whole check for a status move: the command's own rule, or the table plus the idea path. */
export function canMoveTicket(
  ticket: { type: TicketType; status: TicketStatus },
  to: TicketStatus,
  actor: TransitionActor,
  kind: TicketEventKind,
): boolean {
  const command = COMMAND_MOVES[kind];
  if (command) {
    return (
      command.to === to &&
      command.from.includes(ticket.status) &&
      command.actors.includes(actor) &&
      (!command.types || command.types.includes(ticket.type))
    );
  }
  if (ticket.type === 'idea' && (to === 'resolved' || (to === 'routed' && actor === 'system'))) return false;
  return canTransition(ticket.status, to, actor);
}
