// Two backend processes serve the consoles together (one database, one Redis prefix): a console on process A
// hears what process B fans out; then A is killed (SIGKILL) while tickets keep changing, the console reconnects
// through the balancer to B and, with GET /api/events?after=, ends up with every ticket event, none twice.
import { once } from 'node:events';
import { createServer, connect as tcpConnect, type Server, type Socket as TcpSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  EVENT_TARGETS,
  type ClientToServerEvents,
  type DomainEventName,
  type MissedEventsDto,
  type ServerToClientEvents,
  type TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { fanOutEvents } from '../../backend/src/platform/realtime/fan-out.ts';
import { SeqCursor } from '../../agent-console/src/realtime/seq-cursor.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { freePort, startProcess, waitForHttp, type RunningProcess } from '../support/processes.ts';
import { sleep } from '../support/waiting.ts';

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let environment: IsolatedEnvironment;
let processB: TestBackend;
let processA: RunningProcess | undefined;
let portA: number;
let balancer: Balancer | undefined;
let consoleSocket: ConsoleSocket | undefined;

/** A TCP balancer in front of both processes, as nginx would be: new connections go to A while it lives. */
interface Balancer {
  port: number;
  useB(): void;
  /** Connections made to each process. */
  connections: { a: number; b: number };
  close(): Promise<void>;
}

async function startBalancer(ports: { a: number; b: number }): Promise<Balancer> {
  let target: 'a' | 'b' = 'a';
  const connections = { a: 0, b: 0 };
  const open = new Set<TcpSocket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(ports[target], '127.0.0.1');
    connections[target]++;
    for (const end of [client, upstream]) open.add(end);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const end of [client, upstream]) {
      end.on('error', close);
      end.on('close', () => {
        open.delete(end);
        close();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    connections,
    useB: () => void (target = 'b'),
    close: () =>
      new Promise((resolve) => {
        for (const end of open) end.destroy();
        server.close(() => resolve());
      }),
  };
}

beforeAll(async () => {
  environment = await createIsolatedEnvironment('multi');
  processB = await startTestBackend({ config: environment.env });
  portA = await freePort();
  processA = startProcess('backend/src/main.ts', {
    ...environment.env,
    PORT: String(portA),
    HOST: '127.0.0.1',
    CONSOLE_DIST: '',
    OUTBOX_POLL_MS: '200',
    LOG_LEVEL: 'warn',
  });
  await waitForHttp(`http://127.0.0.1:${portA}/health`, 60_000, processA);
  balancer = await startBalancer({ a: portA, b: Number(new URL(processB.url).port) });
}, 120_000);

afterAll(async () => {
  consoleSocket?.disconnect();
  await balancer?.close();
  await processA?.stop();
  await processB?.close();
  await environment?.drop();
});

/** Every page of what the console missed after `after`, as the console reads it. */
async function missedSince(client: TestClient, after: number): Promise<MissedEventsDto['events']> {
  const events: MissedEventsDto['events'] = [];
  for (;;) {
    const page = await client.get<MissedEventsDto>(`/api/events?after=${after}`);
    expect(page.status).toBe(200);
    events.push(...page.body.events);
    if (page.body.events.length < 500 || page.body.lastSeq <= after) return events;
    after = page.body.lastSeq;
  }
}

describe('two backend processes behind one balancer', () => {
  it('deliver across processes, and a console whose process is killed misses nothing', async () => {
    const { db } = processB.ctx;
    const [agent, triage] = await Promise.all([signedIn(processB.url, 'agent'), signedIn(processB.url, 'triage')]);
    const categoryId = await routedCategory(db, 'ZDMK');
    const roads = await unitId(db, 'ZDMK');

    // DK-03's console, connected through the balancer: to process A.
    const socket: ConsoleSocket = connect(`http://127.0.0.1:${balancer!.port}`, {
      extraHeaders: { cookie: triage.cookie! },
      transports: ['websocket'],
      reconnectionDelay: 300,
      reconnectionDelayMax: 1_000,
    });
    consoleSocket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    expect(balancer!.connections).toEqual({ a: 1, b: 0 });

    // 1. Process B fans a ticket event out; the console on A hears it through the shared streams.
    const first = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId,
      title: 'Zgłoszenie przez proces B',
      description: 'Test wielu procesów',
    });
    expect(first.status).toBe(201);
    const [event] = (await db.query(`SELECT id, kind FROM ticket_event WHERE ticket_id = $1 ORDER BY id LIMIT 1`, [
      first.body.id,
    ])) as { id: string; kind: 'ticket.created' }[];
    const seq = Number(event!.id);
    // `ticket.created` is not for consoles (its routing follows at once): what the console hears now is B's.
    const fromB = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the console on A never heard what B fanned out')), 10_000);
      socket.on('ticket.changed', (m) => m.ticket.id === first.body.id && (clearTimeout(timer), resolve(m.seq)));
    });
    await fanOutEvents(db, processB.io, createLogger('test', 'silent'), [
      { outboxId: '0', event: event!.kind, payload: { ticketId: first.body.id, seq } },
    ]);
    expect(await fromB).toBe(seq);
    socket.off('ticket.changed');

    // 2. Tickets keep being written and routed through B while A is killed without warning.
    const ticketIds = new Set<string>();
    // Delivery is at least once (a relay killed after sending and before stamping sends again, and the catch-up
    // overlaps what was heard): the console applies each sequence id once.
    // A ticket's first event can arrive before its POST answers: everything is kept, and sorted out at the end.
    const applied = new Map<number, { ticketId: string; source: 'live' | 'catch-up' }>();
    const cursor = new SeqCursor();
    const hear = (message: { seq: number; ticketId: string }) => {
      cursor.note(message.seq);
      if (!applied.has(message.seq)) applied.set(message.seq, { ticketId: message.ticketId, source: 'live' });
    };
    socket.on('ticket.changed', (m) => hear({ seq: m.seq, ticketId: m.ticket.id }));
    socket.on('ticket.removed', hear);
    let reconnects = 0;
    let recovered: boolean | undefined;
    let caughtUp: Promise<void> = Promise.resolve();
    socket.on('connect', () => {
      reconnects++;
      recovered = socket.recovered;
      // What the console does (use-realtime): ask the API for everything after its cursor.
      const after = cursor.resumeFrom();
      caughtUp = missedSince(triage, after).then((events) => {
        for (const missed of events) {
          cursor.note(missed.seq);
          if (!applied.has(missed.seq)) applied.set(missed.seq, { ticketId: missed.ticketId, source: 'catch-up' });
        }
      });
    });

    const total = 30;
    for (let i = 0; i < total; i++) {
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId,
        title: `Zgłoszenie ${i} w czasie awarii procesu`,
        description: 'Test wielu procesów',
      });
      expect(created.status).toBe(201);
      ticketIds.add(created.body.id);
      const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId: roads });
      expect(routed.status).toBe(200);
      if (i === 10) {
        balancer!.useB();
        const exited = once(processA!.child, 'exit');
        processA!.child.kill('SIGKILL');
        await exited;
      }
      await sleep(40);
    }
    expect(processA!.child.signalCode).toBe('SIGKILL');
    processA = undefined;
    const ours = () => [...applied].filter(([, heard]) => ticketIds.has(heard.ticketId));

    const events = (await db.query(`SELECT id, kind FROM ticket_event WHERE ticket_id = ANY($1::uuid[])`, [
      [...ticketIds],
    ])) as { id: string; kind: DomainEventName }[];
    const all = new Set(events.map((e) => Number(e.id)));
    // What consoles hear live; the catch-up lists every event (ticket.created too).
    const expected = events
      .filter((e) => EVENT_TARGETS[e.kind]?.includes('consoles'))
      .map((e) => Number(e.id))
      .sort((x, y) => x - y);
    expect(expected).toHaveLength(total);
    const missing = () => expected.filter((seq) => !applied.has(seq));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && missing().length > 0) await sleep(100);
    await caughtUp;

    expect(reconnects).toBeGreaterThanOrEqual(1);
    expect(recovered).toBe(false); // A never saved the session: a fresh connection on B
    expect(balancer!.connections.b).toBeGreaterThanOrEqual(1);
    // Every event of these tickets exactly once in the console's view, and nothing else.
    expect(missing()).toEqual([]);
    expect(ours().filter(([seq]) => !all.has(seq))).toEqual([]);
    // Some came only through the catch-up: the ones fanned out while the console had no connection.
    const bySource = expected.map((seq) => applied.get(seq)!.source);
    expect(bySource.filter((source) => source === 'catch-up').length).toBeGreaterThan(0);
    expect(bySource.filter((source) => source === 'live').length).toBeGreaterThan(0);
  }, 120_000);
});
