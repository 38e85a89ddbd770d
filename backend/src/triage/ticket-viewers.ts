// Who is looking at a ticket right now: everyone whose console watches the ticket's room (its detail is open), counted
// across every backend process through the adapter, sent to that room and to DK-03's inboxes whenever someone comes or goes.
import type { Namespace, Socket } from 'socket.io';
import {
  rooms,
  type ClientToServerEvents,
  type Role,
  type ServerToClientEvents,
  type SocketData,
  type TicketViewer,
  type TicketViewersMessage,
} from '@kck/contracts';

type ConsoleNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type ConsoleSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** The plain ticket room (unit staff watch `ticket:<id>:unit:<id>` rooms, which are not about DK-03's work). */
const TICKET_ROOM = /^ticket:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
/** Whose inbox marks the tickets colleagues have open: they hear every ticket's viewers, and may ask for all. */
const INBOX_ROLES: readonly Role[] = ['triage', 'admin'];
/** Joins and leaves of one moment (a console switching tickets, a disconnect leaving several rooms) count once. */
const SETTLE_MS = 50;
/** A process that stopped without saying goodbye is asked for a while; the adapter forgets it after 10 s. */
const FETCH_TIMEOUT_MS = 2_000;

/** Several tabs of one person count once; the order is by name, so every console lists them alike. */
function distinctViewers(sockets: { data: SocketData }[]): TicketViewer[] {
  const byId = new Map<string, TicketViewer>();
  for (const { data } of sockets)
    if (data?.userId) byId.set(data.userId, { id: data.userId, displayName: data.displayName });
  return [...byId.values()].sort(
    (a, b) => a.displayName.localeCompare(b.displayName, 'pl') || a.id.localeCompare(b.id),
  );
}

async function announce(nsp: ConsoleNamespace, ticketId: string): Promise<void> {
  const sockets = await nsp.in(rooms.ticket(ticketId)).timeout(FETCH_TIMEOUT_MS).fetchSockets();
  const message: TicketViewersMessage = { ticketId, viewers: distinctViewers(sockets) };
  nsp.to([rooms.ticket(ticketId), ...INBOX_ROLES.map(rooms.role)]).emit('ticket.viewers', message);
}

/**
 * Announces a ticket's viewers whenever a socket of this process joins or leaves its room: a watch, an unwatch, a
 * disconnect (which leaves every room) or a recovered connection (which rejoins them). Each process announces its
 * own sockets' comings and goings; the count itself asks every process.
 */
export function trackTicketViewers(nsp: ConsoleNamespace): void {
  const pending = new Set<string>();
  const changed = (room: string) => {
    const ticketId = TICKET_ROOM.exec(room)?.[1];
    if (!ticketId || pending.has(ticketId)) return;
    pending.add(ticketId);
    setTimeout(() => {
      pending.delete(ticketId);
      // A process that cannot be asked now is asked again at the next change; a missed count is not worth an error.
      announce(nsp, ticketId).catch(() => undefined);
    }, SETTLE_MS).unref();
  };
  nsp.adapter.on('join-room', changed);
  nsp.adapter.on('leave-room', changed);
}

/** Every ticket someone has open, for an inbox that (re)connects; later changes come as `ticket.viewers`. */
export async function currentViewers(nsp: ConsoleNamespace): Promise<TicketViewersMessage[]> {
  const sockets = await nsp.timeout(FETCH_TIMEOUT_MS).fetchSockets();
  const byTicket = new Map<string, { data: SocketData }[]>();
  for (const socket of sockets) {
    for (const room of socket.rooms) {
      const ticketId = TICKET_ROOM.exec(room)?.[1];
      if (ticketId) byTicket.set(ticketId, [...(byTicket.get(ticketId) ?? []), socket]);
    }
  }
  return [...byTicket].map(([ticketId, watching]) => ({ ticketId, viewers: distinctViewers(watching) }));
}

/** Answers `ticket.viewers.list` for DK-03's inbox; other roles are refused (they have no inbox to mark). */
export function handleViewerRequests(socket: ConsoleSocket): void {
  socket.on('ticket.viewers.list', (ack: unknown) => {
    if (typeof ack !== 'function') return;
    const reply = ack as Parameters<ClientToServerEvents['ticket.viewers.list']>[0];
    if (!INBOX_ROLES.includes(socket.data.role)) return reply({ ok: false, error: 'refused' });
    currentViewers(socket.nsp)
      .then((tickets) => reply({ ok: true, tickets }))
      .catch(() => reply({ ok: false, error: 'failed' }));
  });
}
