// This module's share of the socket fan-out: every console shows the banner of an open incident, so every role
// hears that one changed and refetches what it shows (the banner, the register, the incident's page).
import { ROLES, rooms, type OutboxJob } from '@kck/contracts';
import type { RealtimeServer } from '../platform/realtime/socket-server.ts';

const EVERYONE = ROLES.map((role) => rooms.role(role));

export function fanOutIncidents(io: RealtimeServer, jobs: OutboxJob[]): void {
  const ids = new Set(
    jobs.filter((job) => job.event === 'incident.changed').map((job) => String(job.payload.incidentId)),
  );
  for (const incidentId of ids) io.to(EVERYONE).emit('incident.changed', { incidentId });
}
