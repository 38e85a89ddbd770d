// Turns committed domain events into socket messages, asking each module for its share.
// The outbox relay calls it in the backend process, for the events EVENT_TARGETS sends to `consoles`.
import type { DataSource } from 'typeorm';
import { DASHBOARD_ROOMS, DOMAIN_EVENTS, type OutboxJob, type TicketEventKind } from '@kck/contracts';
import { fanOutCalls } from '../../calls/calls.realtime.ts';
import { fanOutCityMatters } from '../../city-matters/city-matters.realtime.ts';
import { fanOutIncidents } from '../../incidents/incidents.realtime.ts';
import { fanOutPresence } from '../../presence/presence.realtime.ts';
import { ticketChangedFanOuts } from '../../tickets/tickets.realtime.ts';
import type { Logger } from '../logger.ts';
import type { RealtimeServer } from './socket-server.ts';

/**
 * Sends a batch of events to the consoles: the tickets behind them are read in one query. An event whose
 * ticket is gone is logged, never allowed to hold up the others.
 */
export async function fanOutEvents(
  db: DataSource,
  io: RealtimeServer,
  logger: Logger,
  jobs: OutboxJob[],
): Promise<void> {
  const ticketEvents = jobs
    .filter((job) => job.event.startsWith('ticket.'))
    .map((job) => {
      const kind = job.event as TicketEventKind;
      return { kind, ...DOMAIN_EVENTS[kind].parse(job.payload) };
    });
  const fanOuts = ticketEvents.length > 0 ? await ticketChangedFanOuts(db, ticketEvents) : new Map();
  for (const { kind, ticketId, seq } of ticketEvents) {
    const fanOut = fanOuts.get(seq);
    if (!fanOut) {
      logger.warn({ event: kind, ticketId, seq }, 'console fan-out skipped: the ticket is not there');
      continue;
    }
    io.to(fanOut.rooms).emit('ticket.changed', fanOut.message);
    // Sockets that just got the full message (a triage user is also in DK-03's room) keep the ticket.
    if (fanOut.removedFrom.length > 0)
      io.to(fanOut.removedFrom).except(fanOut.rooms).emit('ticket.removed', { seq, ticketId });
  }
  await fanOutPresence(db, io, jobs);
  await fanOutCalls(db, io, jobs);
  fanOutCityMatters(io, jobs);
  fanOutIncidents(io, jobs);
  if (jobs.length > 0) dashboardChanged(io);
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
