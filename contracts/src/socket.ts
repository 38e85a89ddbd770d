// Socket.IO event maps shared by the backend server, the worker's emitter and the console client.
// Rooms are joined on the server at handshake from the session; clients never pick their rooms.
import type { TicketDto } from './api/tickets.ts';
import type { Role } from './domain.ts';
import type { TicketEventKind } from './events.ts';

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
}

export type ClientToServerEvents = Record<string, never>;

export interface SocketData {
  userId: string;
  role: Role;
  unitId: string | null;
}

export const rooms = {
  unit: (unitId: string) => `unit:${unitId}`,
  role: (role: Role) => `role:${role}`,
  user: (userId: string) => `user:${userId}`,
};
