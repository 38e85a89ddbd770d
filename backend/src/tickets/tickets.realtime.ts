// This module's share of the socket fan-out: who hears that a ticket changed.
// The ticket's unit and the units kept informed, triage and supervision roles, the staff member who created it;
// a unit that can no longer see it hears only its id; and the consoles watching the ticket (its detail page).
import type { DataSource } from 'typeorm';
import { rooms, type TicketChangedMessage, type TicketEventKind } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../platform/errors.ts';
import { getTicket, getTicketsForFanOut, type TicketForFanOut } from './tickets.queries.ts';

export interface TicketFanOut {
  rooms: string[];
  message: TicketChangedMessage;
  /** Units that just lost the ticket (rerouted away, no longer informed): they hear only its id. */
  removedFrom: string[];
}

/** The fan-out of each of a batch of ticket events, by sequence id; an event whose ticket is gone has none. */
export async function ticketChangedFanOuts(
  db: DataSource,
  events: { kind: TicketEventKind; seq: number }[],
): Promise<Map<number, TicketFanOut>> {
  const found = await getTicketsForFanOut(
    db,
    events.map((e) => e.seq),
  );
  const kinds = new Map(events.map((e) => [e.seq, e.kind]));
  return new Map(found.map((event) => [event.seq, fanOutOf(kinds.get(event.seq)!, event)]));
}

function fanOutOf(kind: TicketEventKind, { seq, ticket, createdBy, changes }: TicketForFanOut): TicketFanOut {
  const targets = [rooms.role('triage'), rooms.role('supervisor'), rooms.role('admin'), rooms.role('analyst')];
  if (ticket.unitId) targets.push(rooms.unit(ticket.unitId));
  // KP-02 follows every matter addressed to the Mayor (its read scope is the channel).
  if (ticket.channel === 'mayor') targets.push(rooms.role('mayor_office'));
  // Another unit's internal notes are not for the units only kept informed (comments.policy.ts).
  if (kind !== 'ticket.commented') for (const informed of ticket.informedUnitIds) targets.push(rooms.unit(informed));
  if (createdBy) targets.push(rooms.user(createdBy));
  // Watchers: everyone whose right to read does not depend on a unit, and unit staff per unit, so that a unit
  // the ticket left stops hearing it even if one of its consoles still watches (see ticketWatchRoom).
  targets.push(rooms.ticket(ticket.id));
  if (ticket.unitId) targets.push(ticketUnitRoom(ticket.id, ticket.unitId));
  if (kind !== 'ticket.commented')
    for (const informed of ticket.informedUnitIds) targets.push(ticketUnitRoom(ticket.id, informed));
  const moved = changes as {
    unitId?: { from: string | null; to: string | null };
    informedUnitIds?: { from: string[]; to: string[] };
  };
  // Units that could read the ticket before this event and cannot now (unit staff read own OR informed).
  const before = [moved.unitId?.from, ...(moved.informedUnitIds?.from ?? [])];
  const now = new Set([ticket.unitId, ...ticket.informedUnitIds]);
  const removedFrom = [...new Set(before)]
    .filter((unit): unit is string => typeof unit === 'string' && !now.has(unit))
    .map((unit) => rooms.unit(unit));
  return { rooms: targets, message: { seq, kind, ticket }, removedFrom };
}

/** Where a unit's staff watch a ticket: their right to read it lasts only while it is their unit's or informs it. */
const ticketUnitRoom = (ticketId: string, unitId: string) => `${rooms.ticket(ticketId)}:${rooms.unit(unitId)}`;

/**
 * The room a console joins to watch a ticket, or null when the actor may not read it (the same SQL scope as
 * GET /api/tickets/:id, so a unit user gets nothing for another unit's ticket).
 */
export async function ticketWatchRoom(db: DataSource, actor: Actor, ticketId: string): Promise<string | null> {
  try {
    await getTicket(db, actor, ticketId);
  } catch (err) {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  }
  return ticketRoomOf(actor, ticketId);
}

/** The room ticketWatchRoom gives this actor, without the check: what `room.unwatch` leaves. */
export const ticketRoomOf = (actor: Pick<Actor, 'role' | 'unitId'>, ticketId: string): string =>
  actor.role === 'unit_staff' && actor.unitId ? ticketUnitRoom(ticketId, actor.unitId) : rooms.ticket(ticketId);
