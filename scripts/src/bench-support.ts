// What the benchmark scripts share: percentiles, a closed-loop load runner, and starting and cleaning up
// the processes, ports and Redis keys a run makes.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { connect, createServer as createNetServer } from 'node:net';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '@kck/contracts';
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import pg from 'pg';
import type { Queue } from 'bullmq';
import { Server as SocketServer } from 'socket.io';
import { SMTPServer } from 'smtp-server';
import { parseConfig, type Config } from '@kck/backend/platform/config';
import { createRedis, whenReady } from '@kck/backend/platform/redis';

export const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * A run's own world: a database `kck_<name>_<runId>` beside the configured one and a Redis prefix of its own, no
 * Meilisearch, no console build, no logs; so a run never touches the developer's data or another run's.
 */
export function runEnvironment(
  name: string,
  redisPrefix = 'kckbench',
): { runId: string; databaseUrl: URL; config: Config } {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const databaseUrl = new URL(parseConfig(process.env).DATABASE_URL);
  databaseUrl.pathname = `/kck_${name}_${runId}`;
  const config = parseConfig({
    ...process.env,
    DATABASE_URL: databaseUrl.toString(),
    REDIS_PREFIX: `${redisPrefix}-${runId}`,
    MEILI_URL: '',
    LOG_LEVEL: 'silent',
    CONSOLE_DIST: '',
  });
  return { runId, databaseUrl, config };
}

/**
 * Starts one of the platform's entry points (`backend/src/main.ts`…) as its own process, as deployed.
 * BENCH_PROFILE=<dir> writes a CPU profile of it there when it stops (open it in Chrome DevTools).
 */
export function startProcess(entry: string, env: NodeJS.ProcessEnv): ChildProcess {
  const profileFlags = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return spawn(process.execPath, [...profileFlags, '--import', 'tsx', entry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** A console's socket signed in with a session cookie, once connected. */
export function connectConsole(url: string, cookie: string): Promise<Socket<ServerToClientEvents>> {
  return connectSocket<ServerToClientEvents>(url, cookie);
}

/** A Socket.IO client over WebSocket (a bare server's, or with a session cookie a console's), once connected. */
export function connectSocket<Events extends object = Record<string, (id: string) => void>>(
  url: string,
  cookie?: string,
): Promise<Socket<Events>> {
  const socket: Socket<Events> = io(url, {
    transports: ['websocket'],
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The p-th percentile of an ascending list (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Waits until `heardAt` (filled by a socket or a subscriber) holds every key of `sentAt`, looking every 20 ms; then
 * each key's time from its send to its hearing, ascending, and when the last was heard. Throws, saying how many
 * never reached `where`, once `timeoutMs` has passed.
 */
export async function waitUntilHeard(
  sentAt: Map<string, number>,
  heardAt: Map<string, number>,
  where: string,
  timeoutMs = 120_000,
): Promise<{ latencies: number[]; lastHeard: number }> {
  const deadline = Date.now() + timeoutMs;
  // A short sleep between looks at a map filled elsewhere: no request to anybody.
  while ([...sentAt.keys()].some((key) => !heardAt.has(key)) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
  const missing = [...sentAt.keys()].filter((key) => !heardAt.has(key)).length;
  if (missing > 0) throw new Error(`${missing} of ${sentAt.size} never reached ${where}`);
  const heard = [...sentAt].map(([key, at]) => ({ latency: heardAt.get(key)! - at, at: heardAt.get(key)! }));
  return {
    latencies: heard.map((h) => h.latency).sort((a, b) => a - b),
    lastHeard: Math.max(...heard.map((h) => h.at)),
  };
}

/** One decimal, as the figures are printed. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** Runs `count` tasks, `width` at a time (closed loop); each task's duration in ms, ascending. */
export async function runConcurrently(
  count: number,
  width: number,
  task: (i: number) => Promise<void>,
): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) {
        const i = next++;
        const started = performance.now();
        await task(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

export async function waitForHealth(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the backend did not become healthy at ${url}`);
}

/** Resolves once something listens on the port (a process that has no /health); `what` names it in the error. */
export async function waitForPort(port: number, what = 'the process'): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not listen on ${port}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Deletes every Redis key of a run's prefix. */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = createRedis(redisUrl, 'command');
  await whenReady(redis);
  let cursor = '0';
  do {
    const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = nextCursor;
  } while (cursor !== '0');
  redis.disconnect();
}

/** CPU time (user + system, ms) the given processes used so far, summed per part; a process gone counts 0. */
export async function cpuSnapshot<K extends string>(pids: Record<K, number[]>): Promise<Record<K, number>> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  const out = {} as Record<K, number>;
  for (const [part, list] of Object.entries(pids) as [K, number[]][]) {
    let ticks = 0;
    for (const pid of list) {
      try {
        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
        const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
      } catch {
        // exited
      }
    }
    out[part] = ticks / ticksPerMs;
  }
  return out;
}

/**
 * Read and write system calls the given processes made so far, summed per part (a process gone counts 0). Each
 * round trip to PostgreSQL or Redis costs a write and a read on both sides: unlike CPU time, these counts do not
 * move when other work shares the cores.
 */
export async function syscallSnapshot<K extends string>(
  pids: Record<K, number[]>,
): Promise<Record<K, { reads: number; writes: number }>> {
  const out = {} as Record<K, { reads: number; writes: number }>;
  for (const [part, list] of Object.entries(pids) as [K, number[]][]) {
    const sum = { reads: 0, writes: 0 };
    for (const pid of list) {
      try {
        const io = await readFile(`/proc/${pid}/io`, 'utf8');
        sum.reads += Number(io.match(/^syscr: (\d+)/m)?.[1] ?? 0);
        sum.writes += Number(io.match(/^syscw: (\d+)/m)?.[1] ?? 0);
      } catch {
        // exited
      }
    }
    out[part] = sum;
  }
  return out;
}

/** Runs statements on a connection of their own: the tables a floor or a skeleton writes, made before it starts. */
export async function runSql(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A bare SMTP server on loopback (`port` 0: any free one) for the e-mail floors: each whole message goes to `take`,
 * and the client gets 250 with what it answers, or the error it throws.
 */
export async function bareSmtpServer(
  take: (raw: Buffer) => Promise<string>,
  port = 0,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.once('end', () => {
        take(Buffer.concat(chunks)).then(
          (answer) => callback(null, answer),
          (err: Error) => callback(err),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as { port: number }).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * The bare outbox relay of the skeleton and the public floor: one pass at a time on a connection of its own, as the
 * platform's relay, moving committed rows of `table` (id, payload, published_at) onto each of `queues` in batches of
 * 200: claim, bulk add, stamp. `wake` starts a pass after a commit (or marks one to follow the pass under way).
 */
export async function startBareRelay(
  databaseUrl: string,
  queues: Queue[],
  table: string,
): Promise<{ wake(): void; close(): Promise<void> }> {
  const connection = new pg.Client({ connectionString: databaseUrl });
  await connection.connect();
  // Its stamps need not wait for the disk, as the platform's.
  await connection.query('SET synchronous_commit = off');
  const pass = async (): Promise<number> => {
    await connection.query('BEGIN');
    const { rows } = await connection.query<{ id: string; payload: object }>(
      `SELECT id, payload FROM ${table} WHERE published_at IS NULL ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED`,
    );
    if (rows.length > 0) {
      const jobs = rows.map((r) => ({
        name: 'event',
        data: r.payload,
        opts: { jobId: `o${r.id}`, removeOnComplete: true },
      }));
      await Promise.all(queues.map((queue) => queue.addBulk(jobs)));
      await connection.query(`UPDATE ${table} SET published_at = now() WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
      ]);
    }
    await connection.query('COMMIT');
    return rows.length;
  };
  let running = false;
  let again = false;
  return {
    wake() {
      if (running) {
        again = true;
        return;
      }
      running = true;
      void (async () => {
        do {
          again = false;
          while ((await pass()) === 200);
        } while (again);
      })()
        .catch((err: unknown) => {
          // A relay that stopped would leave the benchmark waiting: end the process, and the benchmark says so.
          console.error(`bare relay of ${table} failed`, err);
          process.exit(1);
        })
        .finally(() => (running = false));
    },
    close: () => connection.end(),
  };
}

/**
 * Socket.IO on a bare HTTP server, passing each id published on a Redis channel (by a bare worker) to every client
 * as `event`: how the skeleton and the public floor make a ticket visible, as the platform does for DK-03.
 */
export async function passToSocketClients(
  http: HttpServer,
  redisUrl: string,
  channel: string,
  event: string,
): Promise<{ close(): Promise<void> }> {
  const io = new SocketServer(http, { transports: ['websocket'] });
  const subscriber = createRedis(redisUrl, 'worker');
  await subscriber.subscribe(channel);
  subscriber.on('message', (_channel, id: string) => io.emit(event, id));
  return {
    close: async () => {
      subscriber.disconnect();
      await io.close();
    },
  };
}
