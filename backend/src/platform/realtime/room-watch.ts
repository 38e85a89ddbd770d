// Rooms a console may watch besides those given at handshake: a unit's (its own; any for triage, supervisors
// and admins) and a ticket's (when the ticket read policy lets the user read it). Anything else is refused.
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import type { Socket } from 'socket.io';
import {
  rooms,
  type ClientToServerEvents,
  type Role,
  type RoomWatchReply,
  type ServerToClientEvents,
  type SocketData,
} from '@kck/contracts';
import type { Actor } from '../../auth/actor.ts';
import { ticketRoomOf, ticketWatchRoom } from '../../tickets/tickets.realtime.ts';

/** Who may watch any unit's room; everyone else only their own unit's, which they are in from the handshake. */
const ANY_UNIT_WATCHERS: readonly Role[] = ['triage', 'supervisor', 'admin'];

/** A console watches a ticket or two at a time; the bound keeps one socket from joining thousands of rooms. */
export const MAX_WATCHED_ROOMS = 50;

const watchRequest = z.object({ room: z.string().max(100) });
const watchable = z.union([z.templateLiteral(['unit:', z.uuid()]), z.templateLiteral(['ticket:', z.uuid()])]);

type WatchTarget = { kind: 'unit' | 'ticket'; id: string };

/** The unit or ticket a request names, or null for anything else (role and user rooms, other shapes). */
export function parseWatchRequest(raw: unknown): WatchTarget | null {
  const request = watchRequest.safeParse(raw);
  if (!request.success || !watchable.safeParse(request.data.room).success) return null;
  const [kind, id] = request.data.room.split(':') as ['unit' | 'ticket', string];
  return { kind, id: id.toLowerCase() };
}

/** The room to join for this actor, `handshake` when it is already one of theirs, or null when refused. */
export async function roomToWatch(
  db: DataSource,
  actor: Actor,
  target: WatchTarget,
): Promise<{ room: string; handshake: boolean } | null> {
  if (target.kind === 'ticket') {
    const room = await ticketWatchRoom(db, actor, target.id);
    return room ? { room, handshake: false } : null;
  }
  if (actor.unitId === target.id) return { room: rooms.unit(target.id), handshake: true };
  if (!ANY_UNIT_WATCHERS.includes(actor.role)) return null;
  const found: unknown[] = await db.query(`SELECT 1 FROM unit WHERE id = $1`, [target.id]);
  return found.length > 0 ? { room: rooms.unit(target.id), handshake: false } : null;
}

type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The room a request names for this actor when it leaves it; null for a room from the handshake. */
function roomToLeave(actor: Actor, target: WatchTarget): string | null {
  if (target.kind === 'ticket') return ticketRoomOf(actor, target.id);
  return actor.unitId === target.id ? null : rooms.unit(target.id);
}

/** Its own id's room and user, role and unit: what the handshake gives a socket. */
const HANDSHAKE_ROOMS = 4;

/**
 * Answers a socket's `room.watch` and `room.unwatch`. Payloads come from the client, so they are parsed here
 * whatever the event map says; a watch without an acknowledgement function gets no answer and does nothing.
 * Watched rooms live in the socket's rooms, so connection-state recovery restores them with the rest.
 */
export function handleRoomRequests(socket: ConsoleSocket, db: DataSource, actor: Actor): void {
  socket.on('room.watch', (raw: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as (reply: RoomWatchReply) => void;
    const target = parseWatchRequest(raw);
    if (!target) return reply({ ok: false, error: 'invalid_room' });
    const again = socket.rooms.has(roomToLeave(actor, target) ?? rooms.unit(target.id));
    if (!again && socket.rooms.size >= HANDSHAKE_ROOMS + MAX_WATCHED_ROOMS)
      return reply({ ok: false, error: 'too_many_rooms' });
    roomToWatch(db, actor, target)
      .then(async (granted) => {
        if (!granted) return reply({ ok: false, error: 'refused' });
        if (!granted.handshake && socket.connected) await socket.join(granted.room);
        reply({ ok: true });
      })
      .catch(() => reply({ ok: false, error: 'failed' }));
  });

  socket.on('room.unwatch', (raw: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (reply: RoomWatchReply) => void) : () => undefined;
    const target = parseWatchRequest(raw);
    if (!target) return reply({ ok: false, error: 'invalid_room' });
    const room = roomToLeave(actor, target);
    if (room) void socket.leave(room);
    reply({ ok: true });
  });
}
