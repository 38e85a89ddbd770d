// A Socket.IO server that never listens: the worker emits through it, and the Redis Streams
// adapter carries each message to every backend process (the classic redis-emitter cannot).
import { Server } from 'socket.io';
import { realtimeAdapter, type RealtimeServer } from '@kck/backend/platform/realtime/socket-server';
import type { Redis } from '@kck/backend/platform/redis';

export function createEmitter(redis: Redis, redisPrefix: string): RealtimeServer {
  return new Server({ adapter: realtimeAdapter(redis, redisPrefix) }) as RealtimeServer;
}

/** The emitter never listened, so Server.close() has no engine to stop; close the adapter's stream reader. */
export async function closeEmitter(emitter: RealtimeServer): Promise<void> {
  await emitter.of('/').adapter.close();
}
