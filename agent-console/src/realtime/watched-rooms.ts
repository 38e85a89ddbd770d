// Rooms the screens on display watch besides the socket's own (a ticket's page watches its ticket): counted per
// room, asked for when the first screen needs it, left with the last, and asked for again after every reconnect.
import { useEffect } from 'react';
import type { ConsoleSocket } from './socket';

const watchers = new Map<string, number>();
let current: ConsoleSocket | undefined;

function send(event: 'room.watch' | 'room.unwatch', room: string): void {
  // While disconnected nothing is sent (socket.io would buffer it): the next connect asks for every room anyway.
  // A refusal needs no handling here: the screen's own query shows that the ticket cannot be read.
  if (current?.connected) current.emit(event, { room }, () => undefined);
}

/** The live socket (from useRealtime), or undefined once it is gone. */
export function setRoomSocket(socket: ConsoleSocket | undefined): void {
  current = socket;
}

/** On every connect: a new connection has only the rooms its session gives. */
export function watchRoomsAgain(): void {
  for (const room of watchers.keys()) send('room.watch', room);
}

/** Watches `room` until the returned function is called. */
export function watchRoom(room: string): () => void {
  const count = watchers.get(room) ?? 0;
  watchers.set(room, count + 1);
  if (count === 0) send('room.watch', room);
  return () => {
    const left = (watchers.get(room) ?? 1) - 1;
    if (left > 0) return void watchers.set(room, left);
    watchers.delete(room);
    send('room.unwatch', room);
  };
}

/** Watches `room` while the calling component is mounted (nothing when undefined). */
export function useWatchedRoom(room: string | undefined): void {
  useEffect(() => (room ? watchRoom(room) : undefined), [room]);
}
