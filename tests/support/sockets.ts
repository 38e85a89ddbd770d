// Socket.IO as a console uses it: a client signed in with a test client's session cookie, and the next
// ticket message it hears that a test is waiting for.
import { io as connect, type Socket } from 'socket.io-client';
import type { ServerToClientEvents, TicketChangedMessage } from '@kck/contracts';
import type { TestClient } from '../../backend/src/test-support/test-client.ts';

export function socketFor(baseUrl: string, client: TestClient): Promise<Socket<ServerToClientEvents>> {
  const socket: Socket<ServerToClientEvents> = connect(baseUrl, {
    extraHeaders: { cookie: client.cookie! },
    transports: ['websocket'],
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The next `ticket.changed` this socket hears that `match` accepts; fails after `timeoutMs`. */
export function nextTicketMessage(
  socket: Socket<ServerToClientEvents>,
  match: (message: TicketChangedMessage) => boolean,
  timeoutMs = 10_000,
): Promise<TicketChangedMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ticket.changed within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (message: TicketChangedMessage) => {
      if (!match(message)) return;
      clearTimeout(timer);
      socket.off('ticket.changed', onMessage);
      resolve(message);
    };
    socket.on('ticket.changed', onMessage);
  });
}
