// The typed Socket.IO client: the same event maps as the server, so payloads need no casts.
// Same origin with the session cookie; the server picks our rooms from the session, we never join any.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@kck/contracts';

export type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function createSocket(): ConsoleSocket {
  return io({
    withCredentials: true,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });
}
