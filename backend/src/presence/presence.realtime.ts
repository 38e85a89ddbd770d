// This module's share of the socket fan-out: an agent's new presence to the agent's own consoles and to
// whoever watches the wallboard. The message is the row as it is now, so a late or repeated event is harmless.
import type { DataSource } from 'typeorm';
import { rooms, type OutboxJob } from '@kck/contracts';
import type { RealtimeServer } from '../platform/realtime/socket-server.ts';
import { getPresenceOf } from './presence.service.ts';

const WATCHERS = [rooms.role('supervisor'), rooms.role('admin')];

export async function fanOutPresence(db: DataSource, io: RealtimeServer, jobs: OutboxJob[]): Promise<void> {
  const userIds = [
    ...new Set(jobs.filter((job) => job.event === 'presence.changed').map((job) => String(job.payload.userId))),
  ];
  if (userIds.length === 0) return;
  for (const presence of await getPresenceOf(db, userIds))
    io.to([rooms.user(presence.userId), ...WATCHERS]).emit('presence.changed', presence);
}
