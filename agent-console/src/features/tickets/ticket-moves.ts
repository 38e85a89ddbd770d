// Which moves the console offers on a ticket: read from the lifecycle table in contracts, the same one
// the backend enforces, so a button never appears for a move the server would refuse on status or role.
import {
  canMoveTicket,
  TRANSITIONS,
  type Role,
  type TicketEventKind,
  type TicketStatus,
  type TicketType,
} from '@kck/contracts';
import type { TicketAction } from '../../api/tickets.api';

/** The endpoint that makes each target status; a target without one (duplicate, triage) is not offered. */
const ACTION_FOR_TARGET: Partial<Record<TicketStatus, TicketAction>> = {
  routed: 'route',
  accepted: 'accept',
  in_progress: 'start',
  resolved: 'resolve',
  returned: 'return',
  rejected: 'reject',
  reopened: 'reopen',
  closed: 'close',
};

/** Forward moves first, the ones that send the ticket away last, so the usual next step is leftmost. */
const DISPLAY_ORDER: readonly TicketAction[] = [
  'accept',
  'start',
  'resolve',
  'close',
  'reopen',
  'route',
  'return',
  'reject',
];

/** The event each action records: the lifecycle's idea path refuses some of them (an idea is never plainly resolved). */
const KIND_OF_ACTION: Record<TicketAction, TicketEventKind> = {
  route: 'ticket.routed',
  accept: 'ticket.accepted',
  start: 'ticket.started',
  resolve: 'ticket.resolved',
  return: 'ticket.returned',
  reject: 'ticket.rejected',
  reopen: 'ticket.reopened',
  close: 'ticket.closed',
};

export function availableActions(status: TicketStatus, role: Role, type: TicketType = 'problem'): TicketAction[] {
  const targets = Object.keys(TRANSITIONS[status]) as TicketStatus[];
  const actions = new Set(
    targets.flatMap((to) => {
      const action = ACTION_FOR_TARGET[to];
      return action && canMoveTicket({ type, status }, to, role, KIND_OF_ACTION[action]) ? [action] : [];
    }),
  );
  return DISPLAY_ORDER.filter((action) => actions.has(action));
}

/** Moves that need only a reason (or an optional comment), asked for in a dialog. */
export type DialogAction = Extract<TicketAction, 'return' | 'reject' | 'reopen' | 'close'>;
export const DIALOG_ACTIONS: readonly DialogAction[] = ['close', 'reopen', 'return', 'reject'];
export const isDialogAction = (action: TicketAction | undefined): action is DialogAction =>
  (DIALOG_ACTIONS as readonly string[]).includes(action ?? '');
