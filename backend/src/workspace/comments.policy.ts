// Who reads internal comments: every staff member who may read the ticket, except the units the routing rule
// only keeps informed (another unit's internal notes are not theirs). Residents never see them (answers only).
import type { TicketEventDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';

export const canReadInternalComments = (actor: Actor, ticketUnitId: string | null): boolean =>
  actor.role !== 'unit_staff' || actor.unitId === ticketUnitId;

/** An internal comment's history event keeps its place in the history, without the text, for those who may not read it. */
export function redactInternalComment(
  actor: Actor,
  ticketUnitId: string | null,
  event: TicketEventDto,
): TicketEventDto {
  if (event.kind !== 'ticket.commented' || canReadInternalComments(actor, ticketUnitId)) return event;
  return { ...event, reason: null };
}
