// The soak's own processes: a Redis server of its own (never the machine's shared one) with production's
// persistence, two backends and two workers, each restartable by the chaos loop; and their resident memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConnection } from 'node:net';
import { startProcess } from '../bench-support.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for a child to end, sending `signal` first; resolves at once if it has already ended. */
export function endChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

/** Redis answers PING on this port. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let answer = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
    socket.on('connect', () => socket.write('PING\r\n'));
  });
}

/**
 * A redis-server in a temp directory, configured like production's compose file (append-only file fsynced every
 * second, no eviction). Restarting it with the same directory brings the data back from the AOF: all of it after
 * SIGTERM (Redis fsyncs on shutdown), all but about the last second after SIGKILL.
 */
export class OwnRedis {
  private child: ChildProcess | undefined;
  private dir = '';

  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.dir ||= await mkdtemp(path.join(tmpdir(), 'kck-soak-redis-'));
    // prettier-ignore
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '',
      '--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--logfile', 'redis.log'];
    this.child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 200; i++) {
      if (this.child.exitCode !== null) throw new Error(`redis-server exited with ${this.child.exitCode}`);
      if (await ping(this.port)) return;
      await sleep(50);
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** Stops it (SIGTERM: clean, AOF fsynced; SIGKILL: a crash) and starts it again on the same directory. */
  async restart(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    if (this.child) await endChild(this.child, signal);
    await this.start();
  }

  async stop(): Promise<void> {
    if (this.child) await endChild(this.child, 'SIGTERM');
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}

/** A backend or worker slot: the process in it now, restartable; each process's RSS samples are kept apart. */
export class Slot {
  child: ChildProcess | undefined;
  /** One series per process the slot has run (a restart starts a new one). */
  readonly lives: { pid: number; startedMs: number; rss: { atMs: number; kb: number }[] }[] = [];
  unexpectedExits = 0;
  private stopping = false;

  constructor(
    readonly name: string,
    private readonly entry: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly healthUrl: string | undefined,
    private readonly clock: () => number,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    const child = startProcess(this.entry, this.env);
    this.child = child;
    child.once('exit', (code, signal) => {
      if (!this.stopping && this.child === child) {
        this.unexpectedExits++;
        console.log(`soak: ${this.name} exited by itself (code ${code}, signal ${signal})`);
      }
    });
    this.lives.push({ pid: child.pid!, startedMs: this.clock(), rss: [] });
    if (this.healthUrl) await waitForOk(this.healthUrl, child);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    this.stopping = true;
    if (this.child) await endChild(this.child, signal);
  }

  async restart(signal: NodeJS.Signals): Promise<void> {
    await this.stop(signal);
    await this.start();
  }

  async sample(): Promise<void> {
    const life = this.lives[this.lives.length - 1];
    if (!life || !this.child || this.child.exitCode !== null) return;
    const kb = await rssKb(life.pid);
    if (kb !== null) life.rss.push({ atMs: this.clock(), kb });
  }
}

/** Polls a health URL until it answers 2xx; fails if the process exits first or after a minute. */
async function waitForOk(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not become healthy`);
}

/** Resident set size of a process (VmRSS), null once it is gone. */
export async function rssKb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = status.match(/^VmRSS:\s+(\d+) kB/m);
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}
