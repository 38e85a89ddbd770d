// Turns committed domain events into socket messages, asking each module for its share.
// The outbox relay calls it in the backend process, for the events EVENT_TARGETS sends to `consoles`.
import type { DataSource } from 'typeorm';
import { DOMAIN_EVENTS, rooms, type OutboxJob, type TicketEventKind } from '@kck/contracts';
import { ticketChangedFanOut } from '../../tickets/tickets.realtime.ts';
import type { RealtimeServer } from './socket-server.ts';

const DASHBOARD_ROOMS = [rooms.role('analyst'), rooms.role('supervisor'), rooms.role('admin')];

export async function fanOutEvent(db: DataSource, io: RealtimeServer, job: OutboxJob): Promise<void> {
  if (job.event.startsWith('ticket.')) {
    const kind = job.event as TicketEventKind;
    const { ticketId, seq } = DOMAIN_EVENTS[kind].parse(job.payload);
    const fanOut = await ticketChangedFanOut(db, kind, ticketId, seq);
    io.to(fanOut.rooms).emit('ticket.changed', fanOut.message);
    // Sockets that just got the full message (a triage user is also in DK-03's room) keep the ticket.
    if (fanOut.removedFrom.length > 0)
      io.to(fanOut.removedFrom).except(fanOut.rooms).emit('ticket.removed', { seq, ticketId });
  }
  dashboardChanged(io);
}

const DASHBOARD_INTERVAL_MS = 1000;
const lastDashboardEmit = new WeakMap<RealtimeServer, { at: number; pending?: NodeJS.Timeout }>();

/**
 * Every event can move today's figures and the dashboards refetch them; at 100 events a second they
 * would refetch 100 times. At most one notice a second per process, and always one after the last change.
 */
function dashboardChanged(io: RealtimeServer): void {
  const state = lastDashboardEmit.get(io) ?? { at: 0 };
  lastDashboardEmit.set(io, state);
  const emit = () => {
    state.at = Date.now();
    state.pending = undefined;
    io.to(DASHBOARD_ROOMS).emit('dashboard.changed', { at: new Date(state.at).toISOString() });
  };
  const wait = state.at + DASHBOARD_INTERVAL_MS - Date.now();
  if (wait <= 0) emit();
  else state.pending ??= setTimeout(emit, wait).unref();
}
