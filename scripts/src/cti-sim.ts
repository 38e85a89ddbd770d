// `npm run cti:sim`: a realistic day of hotline calls driven through the telephony webhook, for demos and load
// tests; at the end it checks in the database that every call exists exactly once, in the state it should.
//
//   npm run cti:sim -- [--hours 1] [--start-hour 9] [--rate-multiplier 1] [--speed 60] [--agents N]
//                      [--base-url http://127.0.0.1:3000 --token cti_…] [--seed 1] [--max-in-flight 128]
//
// Without --base-url it makes its own database and Redis prefix, starts a backend process, and removes them at
// the end (as the benchmarks do). With --base-url it drives that backend and checks through DATABASE_URL (the
// same database): without --token it adds a telephony system there. Either way it creates simulation agents
// (`sim-agent-0001`…, extensions 79xxxx, no password that signs in) besides the seeded agents with extensions,
// and deactivates them at the end. The last line is one JSON object.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import type { CtiEventRequest } from '@kck/contracts';
import { parseConfig } from '@kck/backend/platform/config';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import {
  clearRedisPrefix,
  freePort,
  percentile,
  round,
  runEnvironment,
  stopChild,
  waitForHealth,
} from './bench-support.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Calls per hour of the day at multiplier 1: Kraków's hotline peaks at about 600 an hour between 9 and 11,
 * is busy through office hours and nearly silent at night.
 */
export const CALLS_PER_HOUR = [
  4, 3, 2, 2, 3, 6, 25, 150, 420, 600, 600, 560, 480, 450, 400, 330, 250, 160, 100, 70, 50, 30, 18, 8,
] as const;

export interface SimOptions {
  hours: number;
  startHour: number;
  rateMultiplier: number;
  seed: number;
}

export interface SimSend {
  /** Simulated seconds from the start of the window when the PBX sends it. */
  sendAt: number;
  body: CtiEventRequest;
  duplicate: boolean;
}

export interface SimCall {
  callId: string;
  /** Simulated seconds of each event (the `at` is set from them when sending). */
  sends: SimSend[];
  expectedState: 'wrap_up' | 'missed';
  /** Extension of the agent the call must end with; null for a queue call nobody took. */
  expectedAgent: string | null;
  reordered: boolean;
  transferred: boolean;
}

/** Small, seeded and fast: the same seed gives the same day. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Handling time: log-normal, median 3.3 min, most calls between 2 and 6 minutes. */
const HANDLING_MEDIAN_S = 200;
const HANDLING_SIGMA = 0.35;
const WRAP_UP_S = [20, 90] as const;
const ABANDON_SHARE = 0.08;
const TRANSFER_SHARE = 0.04;
const OUTBOUND_SHARE = 0.05;
const RECORDING_SHARE = 0.3;
const DUPLICATE_SHARE = 0.03;
const REORDER_SHARE = 0.05;

/** The number of agents a day needs: the peak's calls in progress with their wrap-up, and a margin. */
export function agentsNeeded(options: Pick<SimOptions, 'rateMultiplier' | 'hours' | 'startHour'>): number {
  const hours = Array.from({ length: Math.ceil(options.hours) }, (_, i) => (options.startHour + i) % 24);
  const peak = Math.max(...hours.map((h) => CALLS_PER_HOUR[h]!)) * options.rateMultiplier;
  const busySeconds = HANDLING_MEDIAN_S * 1.1 + (WRAP_UP_S[0] + WRAP_UP_S[1]) / 2 + 10;
  return Math.max(3, Math.ceil(((peak * busySeconds) / 3600) * 1.15));
}

/**
 * A day of calls: Poisson arrivals at each hour's rate; a free agent takes the call after a few rings, or the
 * caller waits in the queue until one frees up or gives up (abandoned); some callers hang up while it rings;
 * some calls are transferred, some outbound. Then the PBX's faults: some events sent twice, some calls' events
 * sent out of order (their `at` stays true).
 */
export function simulateDay(options: SimOptions, extensions: string[]): SimCall[] {
  const rnd = random(options.seed);
  const uniform = (a: number, b: number) => a + (b - a) * rnd();
  const exponential = (mean: number) => -Math.log(1 - rnd()) * mean;
  const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const handling = () => Math.min(1200, Math.max(45, HANDLING_MEDIAN_S * Math.exp(HANDLING_SIGMA * normal())));
  const regulars = Array.from({ length: 40 }, () => `+48 6${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`);
  const residentNumber = () => {
    const r = rnd();
    if (r < 0.02) return 'anonymous';
    if (r < 0.08) return regulars[Math.floor(rnd() * regulars.length)]!;
    if (r < 0.35) return `+48 12 ${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`;
    return `+48 ${5 + Math.floor(rnd() * 4)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
  };
  const hotline = '+48 12 616 12 00';
  const freeAt = new Map(extensions.map((ext) => [ext, 0]));
  const takeAgent = (at: number, except?: string): { ext: string; at: number } | undefined => {
    let best: { ext: string; at: number } | undefined;
    for (const [ext, free] of freeAt) {
      if (ext === except) continue;
      if (!best || free < best.at) best = { ext, at: free };
    }
    return best ? { ext: best.ext, at: Math.max(at, best.at) } : undefined;
  };

  const calls: SimCall[] = [];
  const end = options.hours * 3600;
  for (let t = 0; ;) {
    const hour = (options.startHour + Math.floor(t / 3600)) % 24;
    const rate = (CALLS_PER_HOUR[hour]! * options.rateMultiplier) / 3600;
    t += rate > 0 ? exponential(1 / rate) : 3600 - (t % 3600);
    if (t >= end) break;

    const callId = randomUUID();
    const outbound = rnd() < OUTBOUND_SHARE;
    const resident = residentNumber();
    const base = {
      callId,
      from: outbound ? hotline : resident,
      to: outbound ? resident : hotline,
      direction: outbound ? ('out' as const) : ('in' as const),
    };
    const events: { at: number; body: Omit<CtiEventRequest, 'at'> }[] = [];
    const push = (at: number, body: Partial<CtiEventRequest> & { event: CtiEventRequest['event'] }) =>
      events.push({ at, body: { ...base, ...body } });
    const agent = takeAgent(t);
    let expectedState: SimCall['expectedState'] = 'wrap_up';
    let expectedAgent: string | null = null;
    let transferred = false;

    if (!agent) continue; // no agents at all
    const waits = agent.at > t;
    const patience = exponential(90);
    const abandonsWhileRinging = !outbound && rnd() < ABANDON_SHARE;
    if (waits && agent.at - t > patience) {
      // Nobody free: the caller waits in the queue and gives up.
      push(t, { event: 'ringing', queue: 'infolinia' });
      push(t + patience, { event: 'hangup', cause: 'abandoned' });
      expectedState = 'missed';
    } else {
      const offeredAt = agent.at;
      const ring = uniform(3, outbound ? 20 : 12);
      push(waits ? t : offeredAt, {
        event: 'ringing',
        ...(waits ? {} : { agent: agent.ext }),
        ...(outbound ? {} : { queue: 'infolinia' }),
      });
      if (abandonsWhileRinging || (outbound && rnd() < 0.2)) {
        push(offeredAt + ring * uniform(0.3, 1), {
          event: 'hangup',
          cause: outbound ? 'noAnswer' : 'cancel',
          agent: agent.ext,
        });
        expectedState = 'missed';
        expectedAgent = agent.ext;
        freeAt.set(agent.ext, offeredAt + ring);
      } else {
        const answeredAt = offeredAt + ring;
        const talk = handling();
        const hangupAt = answeredAt + talk;
        push(answeredAt, { event: 'answered', agent: agent.ext });
        expectedAgent = agent.ext;
        freeAt.set(agent.ext, hangupAt + uniform(...WRAP_UP_S));
        if (rnd() < TRANSFER_SHARE) {
          const transferAt = answeredAt + talk * uniform(0.3, 0.6);
          const second = takeAgent(transferAt, agent.ext);
          if (second && second.at <= transferAt) {
            push(transferAt, { event: 'transfer', agent: second.ext });
            freeAt.set(agent.ext, transferAt + 5);
            freeAt.set(second.ext, hangupAt + uniform(...WRAP_UP_S));
            expectedAgent = second.ext;
            transferred = true;
          }
        }
        push(hangupAt, {
          event: 'hangup',
          cause: 'normalClearing',
          ...(rnd() < RECORDING_SHARE ? { recordingUrl: `https://pbx.krakow.example/rec/${callId}.mp3` } : {}),
        });
      }
    }

    const sends: SimSend[] = events.map((e) => ({
      sendAt: e.at,
      body: { ...e.body, at: String(e.at) } as CtiEventRequest,
      duplicate: false,
    }));
    let reordered = false;
    if (sends.length >= 2 && rnd() < REORDER_SHARE) {
      // The PBX delivers a later event first: two neighbours swap their send times, not their `at`.
      const i = Math.floor(rnd() * (sends.length - 1));
      [sends[i]!.sendAt, sends[i + 1]!.sendAt] = [sends[i + 1]!.sendAt, sends[i]!.sendAt];
      reordered = true;
    }
    for (const send of [...sends])
      if (rnd() < DUPLICATE_SHARE) sends.push({ ...send, sendAt: send.sendAt + uniform(0, 5), duplicate: true });
    calls.push({ callId, sends, expectedState, expectedAgent, reordered, transferred });
  }
  return calls;
}

/** node:http with keep-alive: the load generator shares the cores with what it measures. */
function poster(baseUrl: string, token: string, maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  const url = `${baseUrl}/api/cti/events`;
  const send = (body: CtiEventRequest): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const payload = JSON.stringify(body);
      const req = httpRequest(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
            authorization: `Bearer ${token}`,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { send, close: () => agent.destroy() };
}

interface Target {
  baseUrl: string;
  databaseUrl: string;
  token?: string;
  /** The backend process, when the simulation started it: its CPU time is measured. */
  backendPid?: number;
  cleanup: () => Promise<void>;
}

/** CPU time (user + system, ms) the processes used so far; one that is gone counts 0. */
async function cpuMs(pids: number[]): Promise<number> {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

/** Its own database, Redis prefix and backend process, removed at the end. */
async function ownBackend(): Promise<Target> {
  const { databaseUrl, config } = runEnvironment('ctisim', 'kckctisim');
  console.log(`cti-sim: own database ${databaseUrl.pathname.slice(1)}, Redis prefix ${config.REDIS_PREFIX}`);
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, 2);
  await db.initialize();
  const search = createSearchEngine(config, createLogger('cti-sim', 'silent'));
  await seed(db, search.engine);
  await Promise.all([search.close(), db.destroy()]);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const backend: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
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
      DATABASE_POOL_SIZE: '20',
      SMTP_URL: '',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitForHealth(baseUrl);
  return {
    baseUrl,
    databaseUrl: config.DATABASE_URL,
    backendPid: backend.pid,
    cleanup: async () => {
      await stopChild(backend);
      const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
      await admin.end();
      await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
    },
  };
}

/** Simulation agents and a telephony system (unless a token was given) in the target's database. */
async function prepare(
  pool: pg.Pool,
  count: number,
  token: string | undefined,
): Promise<{ token: string; systemId: string; agents: Map<string, string> }> {
  // Not an argon2 hash: no password signs these accounts in (as the units' system accounts).
  await pool.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, phone_extension)
     SELECT 'sim-agent-' || lpad(i::text, 4, '0'), 'Konsultant symulacji ' || i, '!cti-sim: no sign-in', 'agent',
            (SELECT id FROM unit WHERE code = 'DK-02'), '79' || lpad(i::text, 4, '0')
       FROM generate_series(1, $1::int) i
     ON CONFLICT (login) DO UPDATE SET active = true`,
    [count],
  );
  await pool.query(`UPDATE app_user SET active = false WHERE login LIKE 'sim-agent-%' AND login > $1`, [
    `sim-agent-${String(count).padStart(4, '0')}`,
  ]);
  const rows: { id: string; phone_extension: string }[] = (
    await pool.query(
      `SELECT id, phone_extension FROM app_user
        WHERE active AND role = 'agent' AND phone_extension IS NOT NULL
          AND (login NOT LIKE 'sim-agent-%' OR login <= $1)`,
      [`sim-agent-${String(count).padStart(4, '0')}`],
    )
  ).rows;
  const agents = new Map(rows.map((r) => [r.phone_extension, r.id]));
  if (token) {
    const hash = createHash('sha256').update(token).digest('hex');
    const system = (await pool.query(`SELECT id FROM telephony_system WHERE token_hash = $1 AND active`, [hash]))
      .rows[0];
    if (!system) throw new Error('--token is not an active telephony system token of this database');
    return { token, systemId: system.id as string, agents };
  }
  const fresh = `cti_${randomBytes(32).toString('base64url')}`;
  const created = await pool.query(`INSERT INTO telephony_system (name, token_hash) VALUES ($1, $2) RETURNING id`, [
    `cti-sim ${new Date().toISOString()}`,
    createHash('sha256').update(fresh).digest('hex'),
  ]);
  return { token: fresh, systemId: created.rows[0].id as string, agents };
}

async function main() {
  const { values } = parseArgs({
    options: {
      hours: { type: 'string', default: '1' },
      'start-hour': { type: 'string', default: '9' },
      'rate-multiplier': { type: 'string', default: '1' },
      speed: { type: 'string', default: '60' },
      agents: { type: 'string' },
      'base-url': { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'max-in-flight': { type: 'string', default: '128' },
    },
  });
  const options: SimOptions = {
    hours: Number(values.hours),
    startHour: Number(values['start-hour']),
    rateMultiplier: Number(values['rate-multiplier']),
    seed: Number(values.seed),
  };
  const speed = Number(values.speed);
  const maxInFlight = Number(values['max-in-flight']);
  for (const [name, value] of Object.entries({ ...options, speed, maxInFlight }))
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number ≥ 0`);
  if (speed <= 0 || options.hours <= 0) throw new Error('--speed and --hours must be above 0');
  const agentCount = values.agents ? Number(values.agents) : agentsNeeded(options);

  const target: Target = values['base-url']
    ? {
        baseUrl: values['base-url'].replace(/\/$/, ''),
        databaseUrl: parseConfig(process.env).DATABASE_URL,
        token: values.token,
        cleanup: async () => undefined,
      }
    : await ownBackend();
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 4 });
  let sender: ReturnType<typeof poster> | undefined;
  try {
    const { token, systemId, agents } = await prepare(pool, agentCount, target.token);
    sender = poster(target.baseUrl, token, maxInFlight);
    const post = sender.send;
    const calls = simulateDay(options, [...agents.keys()]);
    const sends = calls.flatMap((call) => call.sends).sort((a, b) => a.sendAt - b.sendAt);
    const simSeconds = options.hours * 3600;
    const realSeconds = simSeconds / speed;
    console.log(
      `cti-sim: ${calls.length} calls, ${sends.length} events over ${options.hours} h from ${options.startHour}:00 ` +
        `(×${options.rateMultiplier}), ${agents.size} agents, sent in ${round(realSeconds)} s (speed ${speed})`,
    );

    // CPU per event is steadier than rates on a shared machine: the backend and this database's sessions
    // (sessions opened during the run count whole).
    const postgresPids = async () =>
      (
        await pool.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
      ).rows.map((r: { pid: number }) => r.pid);
    const backendPids = target.backendPid ? [target.backendPid] : [];
    const pgPidsBefore = await postgresPids();
    const cpuBefore = { backend: await cpuMs(backendPids), pg: await cpuMs(pgPidsBefore) };

    // Event times: the simulated window ends when the run does, so no event is dated after it is sent.
    const started = Date.now();
    const anchor = started - simSeconds * 1000 + realSeconds * 1000;
    const latencies: number[] = [];
    const failures: string[] = [];
    let maxLagMs = 0;
    let inFlight = 0;
    let slotFreed: (() => void) | undefined;
    const pending: Promise<void>[] = [];
    for (const send of sends) {
      const due = started + (send.sendAt * 1000) / speed;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      while (inFlight >= maxInFlight) await new Promise<void>((r) => (slotFreed = r));
      maxLagMs = Math.max(maxLagMs, Date.now() - due);
      const body = { ...send.body, at: new Date(anchor + Number(send.body.at) * 1000).toISOString() };
      inFlight++;
      const t0 = performance.now();
      pending.push(
        post(body)
          .then(({ status, text }) => {
            latencies.push(performance.now() - t0);
            if (status !== 202) failures.push(`${status} ${text.slice(0, 200)}`);
          })
          .catch((err: Error) => void failures.push(err.message))
          .finally(() => {
            inFlight--;
            slotFreed?.();
            slotFreed = undefined;
          }),
      );
    }
    await Promise.all(pending);
    const elapsedS = (Date.now() - started) / 1000;
    const cpuAfter = {
      backend: await cpuMs(backendPids),
      pg: await cpuMs([...new Set([...pgPidsBefore, ...(await postgresPids())])]),
    };

    // Every call exactly once, in the state and with the agent the day says.
    const stored = new Map(
      (
        await pool.query(
          `SELECT external_call_id, count(*)::int AS n, min(state) AS state, min(agent_id::text) AS agent_id
             FROM interaction WHERE telephony_system_id = $1 GROUP BY external_call_id`,
          [systemId],
        )
      ).rows.map((r: { external_call_id: string; n: number; state: string; agent_id: string | null }) => [
        r.external_call_id,
        r,
      ]),
    );
    let lost = 0;
    let duplicated = 0;
    let wrongState = 0;
    let wrongAgent = 0;
    for (const call of calls) {
      const row = stored.get(call.callId);
      if (!row) {
        lost++;
        continue;
      }
      if (row.n > 1) duplicated++;
      // A person at a console may have wrapped up a seeded agent's call meanwhile.
      if (row.state !== call.expectedState && !(call.expectedState === 'wrap_up' && row.state === 'recorded'))
        wrongState++;
      if ((call.expectedAgent ? agents.get(call.expectedAgent) : null) !== row.agent_id) wrongAgent++;
    }
    const results = Object.fromEntries(
      (
        await pool.query(
          `SELECT result, count(*)::int AS n FROM cti_event WHERE telephony_system_id = $1 GROUP BY result`,
          [systemId],
        )
      ).rows.map((r: { result: string; n: number }) => [r.result, r.n]),
    );
    latencies.sort((a, b) => a - b);
    const figures = {
      bench: 'cti-sim',
      calls: calls.length,
      events: sends.length,
      events_per_s: round(sends.length / elapsedS),
      calls_per_hour_simulated: round(calls.length / options.hours),
      duplicated_calls: duplicated,
      lost_calls: lost,
      wrong_state: wrongState,
      wrong_agent: wrongAgent,
      failed_requests: failures.length,
      missed_calls: calls.filter((c) => c.expectedState === 'missed').length,
      transferred_calls: calls.filter((c) => c.transferred).length,
      reordered_calls: calls.filter((c) => c.reordered).length,
      duplicate_events_sent: sends.filter((s) => s.duplicate).length,
      events_applied: results.applied ?? 0,
      events_duplicate: results.duplicate ?? 0,
      events_left_ignored: results.ignored ?? 0,
      agents: agents.size,
      speed,
      p50_ms: round(percentile(latencies, 50)),
      p95_ms: round(percentile(latencies, 95)),
      p99_ms: round(percentile(latencies, 99)),
      max_lag_ms: Math.round(maxLagMs),
      ...(target.backendPid
        ? {
            cpu_ms_per_event_backend: round((cpuAfter.backend - cpuBefore.backend) / sends.length),
            cpu_ms_per_event_postgres: round((cpuAfter.pg - cpuBefore.pg) / sends.length),
          }
        : {}),
    };
    if (failures.length > 0) console.log(`cti-sim: ${failures.length} requests failed, first: ${failures[0]}`);
    console.log(JSON.stringify(figures));
    if (lost || duplicated || wrongState || wrongAgent || failures.length) process.exitCode = 1;
  } finally {
    sender?.close();
    if (values['base-url']) await pool.query(`UPDATE app_user SET active = false WHERE login LIKE 'sim-agent-%'`);
    await pool.end();
    await target.cleanup();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
