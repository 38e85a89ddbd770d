// Benchmark of live delivery: two backend processes sharing one Redis prefix and database, `clients`
// authenticated Socket.IO clients split across them, and ticket and presence events emitted by the worker's
// emitter (worker/src/emitter.ts) to the rooms the real fan-out names; times each delivery from emit to receipt.
// Usage: npm run bench:realtime -- [clients=1000] [events=400] [rate=20 events/s]. The last line is JSON.
// The clients run in child processes of this script (one per core, the same file in `fleet` mode), so that
// parsing a burst of messages is not serialised on one event loop, as it is not for consoles on their own PCs.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import {
  rooms,
  type AgentPresenceDto,
  type ClientToServerEvents,
  type MeDto,
  type ServerToClientEvents,
  type TicketChangedMessage,
  type TicketDto,
} from '@kck/contracts';
import { percentile, round } from './bench-support.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
/** Sessions per signed-in user: clients share them, as one person's several tabs do. */
const SESSIONS_PER_USER = 3;
/** Everyone who hears ticket or presence events, so every kind of room is in play. */
const LOGINS = ['drogi', 'zielen', 'triage', 'kierownik', 'agent', 'analityk', 'admin'] as const;
const CONNECT_AT_ONCE = 50;
/** Presence messages carry their event index as milliseconds after this in `since`; tickets carry it in `seq`. */
const SINCE_BASE = Date.UTC(2026, 0, 1);

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Wall-clock milliseconds with sub-millisecond resolution, comparable between processes on one machine. */
const wallNow = () => performance.timeOrigin + performance.now();

/** Parent → fleet, then fleet → parent. */
type FleetCommand = { type: 'connect'; total: number; clients: { url: string; cookie: string }[] } | { type: 'report' };
type FleetMessage =
  | { type: 'connected' }
  | { type: 'progress'; received: number }
  | { type: 'report'; events: Uint32Array; at: Float64Array; duplicates: number; disconnects: number };

/** Fleet mode: connects its share of the clients and records when each one hears each event. */
function runFleet(): void {
  const sockets: ConsoleSocket[] = [];
  let total = 0;
  // Receipts, appended: the event index and the wall-clock time it was heard.
  let events = new Uint32Array(1 << 16);
  let at = new Float64Array(1 << 16);
  let count = 0;
  let duplicates = 0;
  let disconnects = 0;
  const send = (message: FleetMessage) => process.send!(message);

  const connectClient = (client: { url: string; cookie: string }): Promise<void> => {
    const heard = new Uint8Array(total);
    const hear = (i: number) => {
      const now = wallNow();
      if (!(i >= 0 && i < total)) return;
      if (heard[i]) return void duplicates++;
      heard[i] = 1;
      if (count === events.length) {
        const grownEvents = new Uint32Array(count * 2);
        grownEvents.set(events);
        events = grownEvents;
        const grownAt = new Float64Array(count * 2);
        grownAt.set(at);
        at = grownAt;
      }
      events[count] = i;
      at[count++] = now;
    };
    const socket: ConsoleSocket = io(client.url, {
      forceNew: true,
      transports: ['websocket'],
      extraHeaders: { cookie: client.cookie },
    });
    sockets.push(socket);
    socket.on('ticket.changed', (m) => hear(m.seq - 1));
    socket.on('presence.changed', (m) => hear(Date.parse(m.since) - SINCE_BASE));
    return new Promise((resolve, reject) => {
      socket.once('connect', () => {
        socket.on('disconnect', () => disconnects++);
        resolve();
      });
      socket.once('connect_error', reject);
    });
  };

  const progress = setInterval(() => send({ type: 'progress', received: count }), 100);
  // The benchmark is gone (or done with us): so are our clients.
  process.once('disconnect', () => process.exit(0));
  process.on('message', (command: FleetCommand) => {
    if (command.type === 'connect') {
      total = command.total;
      void (async () => {
        for (let c = 0; c < command.clients.length; c += CONNECT_AT_ONCE)
          await Promise.all(command.clients.slice(c, c + CONNECT_AT_ONCE).map(connectClient));
        send({ type: 'connected' });
      })();
    } else {
      clearInterval(progress);
      const report: FleetMessage = {
        type: 'report',
        events: events.slice(0, count),
        at: at.slice(0, count),
        duplicates,
        disconnects,
      };
      for (const socket of sockets) socket.disconnect();
      // Disconnecting before the report is written would drop it.
      process.send!(report, () => process.disconnect());
    }
  });
}

/** An event as emitted: where it goes and what it says. */
type BenchEvent =
  | { kind: 'ticket'; rooms: string[]; message: TicketChangedMessage }
  | { kind: 'presence'; rooms: string[]; message: AgentPresenceDto };

async function runBenchmark(clientCount: number, eventCount: number, ratePerSecond: number): Promise<void> {
  // Imported here: a fleet process needs none of the server code.
  const { createLogger } = await import('@kck/backend/platform/logger');
  const { createDataSource } = await import('@kck/backend/platform/db');
  const { createSearchEngine } = await import('@kck/backend/knowledge/search-engines');
  const { getTicket } = await import('@kck/backend/tickets/tickets.queries');
  const { ticketChangedFanOuts } = await import('@kck/backend/tickets/tickets.realtime');
  const { TestClient, signedIn } = await import('@kck/backend/test-support/test-client');
  const { createWorkerEmitter } = await import('@kck/worker/emitter');
  const { migrate } = await import('./migrate.ts');
  const { seed } = await import('./seed.ts');
  const { clearRedisPrefix, freePort, runEnvironment, stopChild, waitForHealth } = await import('./bench-support.ts');

  const { databaseUrl, config } = runEnvironment('bench');
  const logger = createLogger('bench', 'silent');
  const fleetCount = Math.max(1, Math.min(4, availableParallelism(), clientCount));

  console.log(
    `realtime benchmark: ${clientCount} clients (${fleetCount} client processes) on two backends, ` +
      `${eventCount} events at ${ratePerSecond}/s, database ${databaseUrl.pathname.slice(1)}`,
  );
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);

  const ports = [await freePort(), await freePort()];
  const urls = ports.map((port) => `http://127.0.0.1:${port}`);
  const profileFlags = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const backends = ports.map((port) =>
    spawn(process.execPath, [...profileFlags, '--import', 'tsx', 'backend/src/main.ts'], {
      cwd: repoRoot,
      env: {
        ...process.env,
        DATABASE_URL: config.DATABASE_URL,
        REDIS_PREFIX: config.REDIS_PREFIX,
        MEILI_URL: '',
        LOG_LEVEL: 'warn',
        CONSOLE_DIST: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        SMTP_URL: '',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    }),
  );
  const fleets: ChildProcess[] = [];
  const emitter = await createWorkerEmitter(config.REDIS_URL, config.REDIS_PREFIX);
  // Also on Ctrl-C: nothing of a run (processes, database, Redis keys) may stay behind.
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const fleet of fleets) if (fleet.exitCode === null) fleet.kill();
      await emitter.close();
      await Promise.all(backends.map(stopChild));
      await search.close();
      await db.destroy();
      const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
      await admin.end();
      await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    await Promise.all(urls.map(waitForHealth));

    // Sessions: each user signed in a few times; the clients take them in turn.
    const sessions: { cookie: string; user: MeDto }[] = [];
    for (const login of LOGINS) {
      for (let i = 0; i < SESSIONS_PER_USER; i++) {
        // signedIn makes the sessions of admin and supervisor (TOTP due) in the database.
        const client = await signedIn(urls[i % 2]!, login, config.DATABASE_URL);
        sessions.push({ cookie: client.cookie!, user: client.session!.user });
      }
    }
    const userOf = (login: string) => sessions.find((s) => s.user.login === login)!.user;

    // Two real tickets (one per unit) and the rooms the real fan-out sends their routing to.
    const agent = new TestClient(urls[0]!);
    await agent.login('agent', 'Krakow2026!');
    const triage = new TestClient(urls[1]!);
    await triage.login('triage', 'Krakow2026!');
    const ticketEvents: { rooms: string[]; ticket: TicketDto }[] = [];
    for (const unitCode of ['ZDMK', 'ZZM']) {
      const [{ category_id: categoryId, unit_id: unitId }] = await db.query(
        `SELECT r.category_id, r.unit_id FROM routing_rule r JOIN unit u ON u.id = r.unit_id
          WHERE u.code = $1 AND r.district_id IS NULL ORDER BY r.position LIMIT 1`,
        [unitCode],
      );
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId,
        title: `Zgłoszenie benchmarku (${unitCode})`,
        description: 'Benchmark dostarczania na żywo.',
      });
      if (created.status !== 201)
        throw new Error(`creating the bench ticket answered ${created.status}: ${JSON.stringify(created.body)}`);
      const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, { unitId });
      if (routed.status !== 200)
        throw new Error(`routing the bench ticket answered ${routed.status}: ${JSON.stringify(routed.body)}`);
      const [{ id: seq }] = await db.query(
        `SELECT max(id) AS id FROM ticket_event WHERE ticket_id = $1 AND kind = 'ticket.routed'`,
        [created.body.id],
      );
      const fanOut = (await ticketChangedFanOuts(db, [{ kind: 'ticket.routed', seq: Number(seq) }])).get(Number(seq))!;
      ticketEvents.push({ rooms: fanOut.rooms, ticket: await getTicket(db, null, created.body.id) });
    }
    // Presence as the backend fans it out (presence.realtime.ts): to the agent and to the wallboard's watchers.
    const agentUser = userOf('agent');
    const presenceRooms = [rooms.user(agentUser.id), rooms.role('supervisor'), rooms.role('admin')];

    const event = (i: number): BenchEvent => {
      if (i % 2 === 0) {
        const { rooms: to, ticket } = ticketEvents[(i / 2) % ticketEvents.length]!;
        return { kind: 'ticket', rooms: to, message: { seq: i + 1, kind: 'ticket.routed', ticket } };
      }
      return {
        kind: 'presence',
        rooms: presenceRooms,
        message: {
          userId: agentUser.id,
          displayName: agentUser.displayName,
          state: i % 4 === 1 ? 'on_call' : 'available',
          reason: null,
          since: new Date(SINCE_BASE + i).toISOString(),
          callId: null,
        },
      };
    };
    const warmup = Math.min(20, eventCount);
    const total = warmup + eventCount;
    const events = Array.from({ length: total }, (_, i) => event(i));

    // Client c: session c mod sessions, backend c mod 2, fleet c mod fleets. Each hears what its session's
    // rooms (user, role, unit) are sent.
    const expected = new Uint32Array(total);
    const perFleet: { url: string; cookie: string }[][] = Array.from({ length: fleetCount }, () => []);
    for (let c = 0; c < clientCount; c++) {
      const session = sessions[c % sessions.length]!;
      const own = new Set([rooms.user(session.user.id), rooms.role(session.user.role)]);
      if (session.user.unitId) own.add(rooms.unit(session.user.unitId));
      for (let i = 0; i < total; i++) if (events[i]!.rooms.some((room) => own.has(room))) expected[i]!++;
      perFleet[c % fleetCount]!.push({ url: urls[c % 2]!, cookie: session.cookie });
    }
    const progress = new Array<number>(fleetCount).fill(0);
    const reports: Extract<FleetMessage, { type: 'report' }>[] = [];
    const connectStarted = performance.now();
    await Promise.all(
      perFleet.map(
        (clients, f) =>
          new Promise<void>((resolve, reject) => {
            const fleet = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, 'fleet'], {
              cwd: repoRoot,
              stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
              serialization: 'advanced',
            });
            fleets.push(fleet);
            fleet.on('message', (message: FleetMessage) => {
              if (message.type === 'connected') resolve();
              else if (message.type === 'progress') progress[f] = message.received;
              else reports.push(message);
            });
            fleet.once('exit', (code) => code && reject(new Error(`client process ${f} exited with ${code}`)));
            fleet.send({ type: 'connect', total, clients } satisfies FleetCommand);
          }),
      ),
    );
    console.log(`${clientCount} clients connected in ${round((performance.now() - connectStarted) / 1000)} s`);

    const cpuBefore = await cpuMs(backends.map((b) => b.pid!));
    const fleetCpuBefore = await cpuMs(fleets.map((f) => f.pid!));
    // Open loop: events leave on a clock, whatever the clients are doing.
    const sentAt = new Float64Array(total);
    const started = performance.now();
    for (let i = 0; i < total; i++) {
      const at = started + (i * 1000) / ratePerSecond;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const { kind, rooms: to, message } = events[i]!;
      sentAt[i] = wallNow();
      if (kind === 'ticket') emitter.to(to).emit('ticket.changed', message);
      else emitter.to(to).emit('presence.changed', message);
    }
    // Wait until every expected delivery arrived, or nothing more arrived for 5 s.
    const expectedAll = expected.reduce((sum, n) => sum + n, 0);
    let last = -1;
    let quietSince = performance.now();
    for (;;) {
      const got = progress.reduce((sum, n) => sum + n, 0);
      if (got >= expectedAll) break;
      if (got !== last) {
        last = got;
        quietSince = performance.now();
      } else if (performance.now() - quietSince > 5_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cpuAfter = await cpuMs(backends.map((b) => b.pid!));
    const fleetCpuAfter = await cpuMs(fleets.map((f) => f.pid!));
    for (const fleet of fleets) fleet.send({ type: 'report' } satisfies FleetCommand);
    while (reports.length < fleets.length) await new Promise((r) => setTimeout(r, 20));

    const latencies: number[] = [];
    let receivedTotal = 0;
    for (const report of reports) {
      for (let k = 0; k < report.events.length; k++) {
        const i = report.events[k]!;
        if (i < warmup) continue;
        receivedTotal++;
        latencies.push(report.at[k]! - sentAt[i]!);
      }
    }
    latencies.sort((a, b) => a - b);
    const expectedTotal = expected.slice(warmup).reduce((sum, n) => sum + n, 0);
    const perDelivery = (ms: number) => round((ms * 1000) / Math.max(1, receivedTotal));
    const figures = {
      bench: 'realtime',
      clients: clientCount,
      events: eventCount,
      delivered_share: Math.floor((receivedTotal / expectedTotal) * 10_000) / 10_000,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      max_ms: round(latencies[latencies.length - 1] ?? 0),
      rate_per_s: ratePerSecond,
      deliveries_expected: expectedTotal,
      deliveries_received: receivedTotal,
      duplicates: reports.reduce((sum, r) => sum + r.duplicates, 0),
      disconnects: reports.reduce((sum, r) => sum + r.disconnects, 0),
      backend_cpu_us_per_delivery: perDelivery(cpuAfter - cpuBefore),
      clients_cpu_us_per_delivery: perDelivery(fleetCpuAfter - fleetCpuBefore),
    };
    console.log(
      `delivered ${receivedTotal} of ${expectedTotal} expected deliveries (${figures.delivered_share}); ` +
        `${figures.duplicates} duplicates, ${figures.disconnects} disconnects`,
    );
    console.log(
      `emit → client: p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms, p99 ${figures.p99_ms} ms, ` +
        `max ${figures.max_ms} ms; CPU per delivery: backends ${figures.backend_cpu_us_per_delivery} µs, ` +
        `clients ${figures.clients_cpu_us_per_delivery} µs`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await cleanUp();
  }
}

/** CPU time (user + system, ms) the given processes used so far; USER_HZ is 100 on Linux. */
async function cpuMs(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks * 10;
}

if (process.argv[2] === 'fleet') {
  runFleet();
} else {
  const [clientCount, eventCount, ratePerSecond] = [1000, 400, 20].map((fallback, k) =>
    Number(process.argv[2 + k] ?? fallback),
  ) as [number, number, number];
  if (![clientCount, eventCount, ratePerSecond].every((n) => Number.isInteger(n) && n > 0)) {
    console.error('usage: bench-realtime [clients=1000] [events=400] [rate=20]: positive integers');
    process.exit(2);
  }
  runBenchmark(clientCount, eventCount, ratePerSecond)
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
