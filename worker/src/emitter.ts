// The worker's way to the consoles: a Socket.IO server that never listens, on the same Redis Streams adapter
// as the backends, so what it emits goes onto the stream every backend process reads and reaches their sockets.
// (@socket.io/redis-emitter speaks the classic pub/sub adapter's protocol and would reach no one here.)
import { Server } from 'socket.io';
import type { ServerToClientEvents } from '@kck/contracts';
import { createRedis, whenReady } from '@kck/backend/platform/redis';
import { realtimeAdapter } from '@kck/backend/platform/realtime/socket-server';

export interface WorkerEmitter {
  /** Rooms as the backends name them (`rooms` from contracts); typed with the consoles' event map. */
  to: Server<Record<string, never>, ServerToClientEvents>['to'];
  close(): Promise<void>;
}

export async function createWorkerEmitter(redisUrl: string, redisPrefix: string): Promise<WorkerEmitter> {
  const redis = createRedis(redisUrl, 'socket');
  await whenReady(redis);
  // No connection-state recovery here: each backend stamps the stream offset on what it relays to its sockets.
  const io = new Server<Record<string, never>, ServerToClientEvents>({
    adapter: realtimeAdapter(redis, redisPrefix),
    serveClient: false,
  });
  return {
    to: (room) => io.to(room),
    async close() {
      // Server.close() expects an engine, which a server that never listened does not have.
      await io.of('/').adapter.close();
      redis.disconnect();
    },
  };
}
