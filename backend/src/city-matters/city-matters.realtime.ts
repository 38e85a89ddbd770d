// This module's share of the socket fan-out: every console shows the banner of an open city-wide matter,
// so every role hears that one changed and refetches it (a link of a call moves the wallboard's count).
import { ROLES, rooms, type OutboxJob } from '@kck/contracts';
import type { RealtimeServer } from '../platform/realtime/socket-server.ts';

const EVERYONE = ROLES.map((role) => rooms.role(role));

export function fanOutCityMatters(io: RealtimeServer, jobs: OutboxJob[]): void {
  const ids = new Set(
    jobs.filter((job) => job.event === 'city_matter.changed').map((job) => String(job.payload.cityMatterId)),
  );
  for (const cityMatterId of ids) io.to(EVERYONE).emit('city_matter.changed', { cityMatterId });
}
