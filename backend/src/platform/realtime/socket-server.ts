// Socket.IO for the consoles: signed-in staff only (the session cookie), rooms chosen by the server
// from the session, plus the unit and ticket rooms a console asks for and may read. The Redis Streams adapter
// joins every backend process and the worker's emitter.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { DataSource } from 'typeorm';
import { rooms, type ClientToServerEvents, type ServerToClientEvents, type SocketData } from '@kck/contracts';
import type { Actor } from '../../auth/actor.ts';
import { sessionTokenFromCookieHeader } from '../../auth/session.middleware.ts';
import { resolveSession, type SessionLimits } from '../../auth/sessions.ts';
import { socketStreamName, type Redis } from '../redis.ts';
import { handleRoomRequests } from './room-watch.ts';
import { handleViewerRequests, trackTicketViewers } from '../../triage/ticket-viewers.ts';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Every process of a deployment (backends and the worker's emitter) must use the same options. The pub/sub
 * channels and the recovery sessions carry the prefix too: the library's defaults would be shared by every
 * deployment and test run on the same Redis.
 */
export const realtimeAdapter = (redis: Redis, redisPrefix: string) =>
  createAdapter(redis, {
    streamName: socketStreamName(redisPrefix),
    channelPrefix: socketStreamName(redisPrefix),
    sessionKeyPrefix: `${socketStreamName(redisPrefix)}:session:`,
  });

export function createSocketServer(
  httpServer: HttpServer,
  deps: { db: DataSource; redis: Redis; redisPrefix: string; limits: SessionLimits },
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    adapter: realtimeAdapter(deps.redis, deps.redisPrefix),
    serveClient: false,
    // A console that drops for a moment gets the missed packets replayed; longer gaps use GET /api/events.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
  });

  // The whole actor for the policy checks of room.watch; socket.data keeps only what the contract names.
  const actors = new WeakMap<object, Actor>();
  io.use((socket, next) => {
    const token = sessionTokenFromCookieHeader(socket.handshake.headers.cookie);
    if (!token) return next(new Error('unauthenticated'));
    resolveSession(deps.db, token, deps.limits)
      .then((session) => {
        if (!session) return next(new Error('unauthenticated'));
        socket.data = {
          userId: session.actor.id,
          role: session.actor.role,
          unitId: session.actor.unitId,
          displayName: session.actor.displayName,
        };
        actors.set(socket, session.actor);
        next();
      })
      .catch(() => next(new Error('session check failed')));
  });

  io.on('connection', (socket) => {
    const { userId, role, unitId } = socket.data;
    const joined = [rooms.user(userId), rooms.role(role)];
    if (unitId) joined.push(rooms.unit(unitId));
    void socket.join(joined);
    handleRoomRequests(socket, deps.db, actors.get(socket)!);
    handleViewerRequests(socket);
  });
  // "X is looking at this": who has each ticket open, as its room's watchers come and go.
  trackTicketViewers(io.of('/'));

  return io;
}
