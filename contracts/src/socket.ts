// Socket.IO event maps shared by the backend server, the worker's emitter and the console client.
// Rooms are joined on the server at handshake from the session; a client may ask to watch a unit's or a
// ticket's room besides (`room.watch`), and the server checks the request against the user's rights.
import type { LiveCallDto } from './api/calls.ts';
import type { AgentPresenceDto } from './api/presence.ts';
import type { IncidentChangedMessage } from './api/incidents.ts';
import type { TicketDto } from './api/tickets.ts';
import type { Role } from './domain.ts';
import type { TicketEventKind } from './events.ts';
import type { QueueName } from './queues.ts';

export interface TicketChangedMessage {
  /** Sequence id of the ticket event; a reconnecting console asks `GET /api/events?after=` for what it missed. */
  seq: number;
  kind: TicketEventKind;
  ticket: TicketDto;
}

export interface ServerToClientEvents {
  'ticket.changed': (message: TicketChangedMessage) => void;
  /** A ticket left the receiver's sight (rerouted to another unit): drop it from lists. Carries no ticket data. */
  'ticket.removed': (message: { seq: number; ticketId: string }) => void;
  /** Today's dashboard figures changed; analysts refetch them. */
  'dashboard.changed': (message: { at: string }) => void;
  /** A call started, was answered, ended or was recorded: to the agent on it and to supervisors. */
  'call.changed': (message: LiveCallDto) => void;
  /** An agent's presence changed: to that agent and to supervisors (the wallboard). */
  'presence.changed': (message: AgentPresenceDto) => void;
  /** A city-wide matter was declared, changed or ended: every console refetches its banner. */
  'city_matter.changed': (message: { cityMatterId: string }) => void;
  /** An incident was opened, changed or closed: every console refetches its banner (and the register, if shown). */
  'incident.changed': (message: IncidentChangedMessage) => void;
  /** A job failed for the last time (no attempt left), from the worker: to admins, whose queue page refetches. */
  'queue.job_failed': (message: QueueJobFailedMessage) => void;
  /**
   * Who has a ticket open right now (its room's watchers, every backend process counted), after anyone came or
   * went: to the ticket's room and to DK-03's consoles, whose inbox marks the tickets others are looking at.
   */
  'ticket.viewers': (message: TicketViewersMessage) => void;
}

/** A person with the ticket open in a console (several tabs count once). */
export interface TicketViewer {
  id: string;
  displayName: string;
}

export interface TicketViewersMessage {
  ticketId: string;
  /** Everyone looking, the receiver included: a console leaves itself out. */
  viewers: TicketViewer[];
}

/** Every ticket someone is looking at now (tickets nobody looks at are left out). */
export type TicketViewersReply =
  { ok: true; tickets: TicketViewersMessage[] } | { ok: false; error: 'refused' | 'failed' };

export interface QueueJobFailedMessage {
  queue: QueueName;
  jobId: string;
  failedAt: string;
}

/** A room a client may ask to watch: `unit:<id>` or `ticket:<id>` (rooms.unit, rooms.ticket). */
export interface RoomWatchRequest {
  room: string;
}

/**
 * `invalid_room`: not a room one can ask for (role and user rooms are the server's to give). `refused`: not
 * allowed, or no such unit or ticket (the same answer, so a refusal does not disclose that a ticket exists).
 */
export type RoomWatchReply =
  { ok: true } | { ok: false; error: 'invalid_room' | 'refused' | 'too_many_rooms' | 'failed' };

export interface ClientToServerEvents {
  'room.watch': (request: RoomWatchRequest, ack: (reply: RoomWatchReply) => void) => void;
  'room.unwatch': (request: RoomWatchRequest, ack: (reply: RoomWatchReply) => void) => void;
  /** DK-03's inbox, on (re)connecting: who is looking at which ticket now; later changes come as `ticket.viewers`. */
  'ticket.viewers.list': (ack: (reply: TicketViewersReply) => void) => void;
}

export interface SocketData {
  userId: string;
  role: Role;
  unitId: string | null;
  /** Shown to colleagues looking at the same ticket (`ticket.viewers`). */
  displayName: string;
}

export const rooms = {
  unit: (unitId: string) => `unit:${unitId}`,
  role: (role: Role) => `role:${role}`,
  user: (userId: string) => `user:${userId}`,
  ticket: (ticketId: string) => `ticket:${ticketId}`,
};

/** Who watches DK-05's figures: `dashboard.changed` goes to these rooms. */
export const DASHBOARD_ROOMS = [rooms.role('analyst'), rooms.role('supervisor'), rooms.role('admin')];
