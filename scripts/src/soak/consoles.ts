// The soak's socket clients: signed-in consoles that record every ticket event id they hear and, after every
// reconnect, catch up through GET /api/events from their cursor, as agent-console's use-realtime does.
import { io, type Socket } from 'socket.io-client';
import type { MissedEventsDto, ServerToClientEvents } from '@kck/contracts';

/**
 * Where a console resumes: the highest id heard at least `settleMs` ago, as agent-console/src/realtime/
 * seq-cursor.ts (events are numbered when written but fanned out when committed, so a lower id can come later).
 */
class TrailingCursor {
  private settled = 0;
  private recent: { seq: number; at: number }[] = [];
  constructor(private readonly settleMs = 5_000) {}

  note(seq: number): void {
    this.recent.push({ seq, at: Date.now() });
    this.settle();
  }

  resumeFrom(): number {
    this.settle();
    if (this.settled > 0 || this.recent.length === 0) return this.settled;
    return Math.max(0, Math.min(...this.recent.map((r) => r.seq)) - 1);
  }

  private settle(): void {
    const before = Date.now() - this.settleMs;
    while (this.recent.length > 0 && this.recent[0]!.at <= before)
      this.settled = Math.max(this.settled, this.recent.shift()!.seq);
  }
}

export class SoakConsole {
  /** Ticket event ids heard live or read in a catch-up. */
  readonly heard = new Set<number>();
  readonly cursor = new TrailingCursor();
  disconnects = 0;
  recovered = 0;
  catchUps = 0;
  catchUpFailures = 0;
  /** Event ids first heard in a catch-up after a reconnect Socket.IO said it recovered (any kind the API returns). */
  readonly firstHeardAfterRecovery = new Set<number>();
  connected = false;
  private socket: Socket<ServerToClientEvents> | undefined;
  private connectedBefore = false;

  constructor(
    readonly url: string,
    private readonly cookie: string,
    /** Base URLs to read GET /api/events from, in order of preference (the socket's own backend first). */
    private readonly apiUrls: () => string[],
  ) {}

  connect(): Promise<void> {
    const socket: Socket<ServerToClientEvents> = io(this.url, {
      forceNew: true,
      transports: ['websocket'],
      extraHeaders: { cookie: this.cookie },
      reconnectionDelay: 250,
      reconnectionDelayMax: 2_000,
    });
    this.socket = socket;
    const hear = (seq: number) => {
      this.heard.add(seq);
      this.cursor.note(seq);
    };
    socket.on('ticket.changed', (m) => hear(m.seq));
    socket.on('ticket.removed', (m) => hear(m.seq));
    socket.on('disconnect', () => {
      this.connected = false;
      this.disconnects++;
    });
    return new Promise((resolve, reject) => {
      socket.on('connect', () => {
        this.connected = true;
        if (!this.connectedBefore) {
          this.connectedBefore = true;
          resolve();
        } else {
          // Even a recovered connection catches up, as the console does: Socket.IO replays the packets up to the
          // session's restore, but the socket hears nothing until the middlewares (the session check) are done.
          if (socket.recovered) this.recovered++;
          void this.catchUp(socket.recovered);
        }
      });
      socket.once('connect_error', (err) => {
        if (!this.connectedBefore) reject(err);
      });
    });
  }

  /** Every event after the cursor, page by page, retried on another backend while the API is down. */
  private async catchUp(afterRecovery: boolean): Promise<void> {
    this.catchUps++;
    let after = this.cursor.resumeFrom();
    for (let attempt = 0; attempt < 60; attempt++) {
      const base = this.apiUrls()[attempt % this.apiUrls().length]!;
      try {
        for (;;) {
          const res = await fetch(`${base}/api/events?after=${after}`, {
            headers: { cookie: this.cookie },
            signal: AbortSignal.timeout(10_000),
          });
          if (!res.ok) throw new Error(`GET /api/events answered ${res.status}`);
          const page = (await res.json()) as MissedEventsDto;
          for (const event of page.events) {
            if (afterRecovery && !this.heard.has(event.seq)) this.firstHeardAfterRecovery.add(event.seq);
            this.heard.add(event.seq);
            this.cursor.note(event.seq);
          }
          if (page.events.length < 500 || page.lastSeq <= after) return;
          after = page.lastSeq;
        }
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    this.catchUpFailures++;
  }

  close(): void {
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
  }
}
