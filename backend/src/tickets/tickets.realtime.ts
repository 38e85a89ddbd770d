// This module's share of the socket fan-out: who hears that a ticket changed.
// The ticket's unit, triage and supervision roles, the staff member who created it; a unit it left hears only its id.
import type { DataSource } from 'typeorm';
import { rooms, type TicketChangedMessage, type TicketEventKind } from '@kck/contracts';
import { getTicket } from './tickets.queries.ts';

export interface TicketFanOut {
  rooms: string[];
  message: TicketChangedMessage;
  /** Units that just lost the ticket (rerouted away): they hear only its id. */
  removedFrom: string[];
}

export async function ticketChangedFanOut(
  db: DataSource,
  kind: TicketEventKind,
  ticketId: string,
  seq: number,
): Promise<TicketFanOut> {
  const ticket = await getTicket(db, null, ticketId);
  const creator: { created_by: string | null }[] = await db.query(`SELECT created_by FROM ticket WHERE id = $1`, [
    ticketId,
  ]);
  const targets = [rooms.role('triage'), rooms.role('supervisor'), rooms.role('admin'), rooms.role('analyst')];
  if (ticket.unitId) targets.push(rooms.unit(ticket.unitId));
  if (creator[0]?.created_by) targets.push(rooms.user(creator[0].created_by));
  const event: { changes: { unitId?: { from: string | null; to: string | null } } }[] = await db.query(
    `SELECT changes FROM ticket_event WHERE id = $1`,
    [seq],
  );
  const previousUnit = event[0]?.changes.unitId?.from;
  const removedFrom = previousUnit && previousUnit !== ticket.unitId ? [rooms.unit(previousUnit)] : [];
  return { rooms: targets, message: { seq, kind, ticket }, removedFrom };
}
