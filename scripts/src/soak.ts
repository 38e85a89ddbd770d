// `npm run soak`: mixed load (CTI webhook calls, agents' and residents' tickets, knowledge searches, socket
// consoles) on two backends and two workers while a chaos loop restarts Redis, kills a worker and restarts a backend.
//
//   npm run soak -- [--minutes 2] [--sockets 200] [--calls-per-s 1] [--tickets-per-s 2] [--public-per-s 0.5]
//                   [--searches-per-s 2] [--faults-per-min 2] [--fault-window-s 5] [--seed N] [--log-level error]
//
// Everything is its own: a database and Redis prefix (runEnvironment), and a redis-server on a free port with
// production's persistence (AOF, fsync every second), which is the one the chaos loop restarts; removed at the end.
// At the end, after the load has gone quiet, PostgreSQL is checked: every ticket and call sent exists exactly once in
// its final state, and every console heard every ticket event after its replay. The last line is one JSON object;
// the exit code is 1 if anything was lost, duplicated, stuck or missed.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { CSRF_HEADER, EVENT_TARGETS, type PublicFormDto } from '@kck/contracts';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { TestClient } from '@kck/backend/test-support/test-client';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { clearRedisPrefix, freePort, round, runEnvironment } from './bench-support.ts';
import { SoakConsole } from './soak/consoles.ts';
import {
  checkRecords,
  latencyFigures,
  missedEvents,
  planFaults,
  rssGrowthPctPerHour,
  seededRandom,
  type FaultKind,
  type FaultWindow,
  type Sample,
  type SentRecord,
  type StoredRecord,
} from './soak/maths.ts';
import { OwnRedis, rssKb, Slot } from './soak/processes.ts';

const PASSWORD = 'Krakow2026!';
/** A logical request is retried for this long (faults last seconds; a backend restart up to ~20 s on a busy box). */
const RETRY_BUDGET_MS = 120_000;
const SIM_AGENTS = 30;
/** Load without faults at the end of the run, so that the last fault's retries and catch-ups are under load too. */
const QUIET_TAIL_MS = 15_000;
/** A process restarted during the run: its memory is measured from this long after its start. */
const PROCESS_WARMUP_MS = 30_000;
const SEARCHES = ['dowód osobisty', 'parkowanie', 'wywóz śmieci', 'meldunek', 'karta parkingowa', 'podatek', 'drzewo'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What one attempt came to: done (2xx), worth another try (network, 5xx, 429), or a final refusal. */
type Attempt = { outcome: 'ok' } | { outcome: 'retry'; why: string } | { outcome: 'fail'; why: string };

const classify = async (res: Response): Promise<Attempt> => {
  if (res.ok) return { outcome: 'ok' };
  const text = (await res.text()).slice(0, 200);
  if (res.status >= 500 || res.status === 429 || res.status === 408)
    return { outcome: 'retry', why: `${res.status} ${text}` };
  return { outcome: 'fail', why: `${res.status} ${text}` };
};

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '2' },
      sockets: { type: 'string', default: '200' },
      'calls-per-s': { type: 'string', default: '1' },
      'tickets-per-s': { type: 'string', default: '2' },
      'public-per-s': { type: 'string', default: '0.5' },
      'searches-per-s': { type: 'string', default: '2' },
      'faults-per-min': { type: 'string', default: '2' },
      'fault-window-s': { type: 'string', default: '5' },
      seed: { type: 'string' },
      'log-level': { type: 'string', default: 'error' },
    },
  });
  const num = (name: keyof typeof values) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0`);
    return n;
  };
  const minutes = num('minutes');
  const socketCount = Math.round(num('sockets'));
  const rates = {
    cti: num('calls-per-s'),
    ticket: num('tickets-per-s'),
    public: num('public-per-s'),
    search: num('searches-per-s'),
  };
  const faultWindowMs = num('fault-window-s') * 1000;
  const seedValue = values.seed ? Number(values.seed) : randomBytes(4).readUInt32BE(0);
  if (minutes <= 0) throw new Error('--minutes must be above 0');
  const durationMs = minutes * 60_000;
  const rnd = seededRandom(seedValue);
  const loadRnd = seededRandom(seedValue ^ 0x5eed);

  const { runId, databaseUrl, config } = runEnvironment('soak', 'kcksoak');
  const redis = new OwnRedis(await freePort());
  console.log(
    `soak: ${minutes} min, ${socketCount} sockets, rates/s ${JSON.stringify(rates)}, seed ${seedValue} ` +
      `(repeat with --seed ${seedValue}); database ${databaseUrl.pathname.slice(1)}, own Redis on port ${redis.port}`,
  );
  console.log(
    `soak: machine load before (uptime): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const t0 = performance.now();
  const clock = () => performance.now() - t0;
  const slots: Slot[] = [];
  const consoles: SoakConsole[] = [];
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 });
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const c of consoles) c.close();
      await Promise.all(slots.map((s) => s.stop('SIGTERM')));
      await pool.end().catch(() => undefined);
      const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
      await admin.end();
      await clearRedisPrefix(redis.url, config.REDIS_PREFIX).catch(() => undefined);
      await redis.stop();
    })());
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

  try {
    await redis.start();
    await migrate(config.DATABASE_URL);
    const db = createDataSource(config.DATABASE_URL, 2);
    await db.initialize();
    const search = createSearchEngine(config, createLogger('soak', 'silent'));
    await seed(db, search.engine);
    await Promise.all([search.close(), db.destroy()]);

    // The telephony system and agents with extensions, straight in the database as cti-sim does (no admin login).
    const ctiToken = `cti_${randomBytes(32).toString('base64url')}`;
    const systemId = (
      await pool.query(`INSERT INTO telephony_system (name, token_hash) VALUES ($1, $2) RETURNING id`, [
        `soak ${runId}`,
        createHash('sha256').update(ctiToken).digest('hex'),
      ])
    ).rows[0].id as string;
    // Not an argon2 hash: no password signs these accounts in.
    await pool.query(
      `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, phone_extension)
       SELECT 'soak-agent-' || i, 'Konsultant soak ' || i, '!soak: no sign-in', 'agent',
              (SELECT id FROM unit WHERE code = 'DK-02'), '78' || lpad(i::text, 4, '0')
         FROM generate_series(1, $1::int) i`,
      [SIM_AGENTS],
    );

    // Two backends and two workers on the run's Redis. Jobs of a killed worker are taken over after WORKER_LOCK_MS.
    const ports = [await freePort(), await freePort()];
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    const baseEnv = {
      ...process.env,
      DATABASE_URL: config.DATABASE_URL,
      REDIS_URL: redis.url,
      REDIS_PREFIX: config.REDIS_PREFIX,
      MEILI_URL: '',
      LOG_LEVEL: values['log-level'],
      CONSOLE_DIST: '',
      HOST: '127.0.0.1',
      SMTP_URL: '',
      OUTBOX_POLL_MS: '500',
      WORKER_LOCK_MS: '10000',
      PUBLIC_REPORTS_PER_HOUR: '100000',
      // As the image runs them (Dockerfile): glibc's per-thread malloc arenas otherwise grow the resident size of
      // a long-running process while its JavaScript heap stays flat (heap snapshots 7 minutes apart: 73.2 → 73.7 MB).
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    };
    for (const [i, port] of ports.entries())
      slots.push(
        new Slot(
          `backend-${'ab'[i]}`,
          'backend/src/main.ts',
          { ...baseEnv, PORT: String(port) },
          `${urls[i]}/health`,
          clock,
        ),
      );
    for (const name of ['worker-a', 'worker-b']) {
      const port = await freePort();
      slots.push(
        new Slot(
          name,
          'worker/src/main.ts',
          { ...baseEnv, WORKER_METRICS_PORT: String(port) },
          `http://127.0.0.1:${port}/health/ready`,
          clock,
        ),
      );
    }
    await Promise.all(slots.map((s) => s.start()));
    // The chaos loop restarts B's only: A's run the whole soak, so that their memory can be followed.
    const [, backendB, , workerB] = slots as [Slot, Slot, Slot, Slot];

    // Sessions (PostgreSQL-backed, so any backend honours them): agents send tickets and search, triage watches.
    const signIn = async (login: string, url: string) => {
      const client = new TestClient(url);
      const res = await client.login(login, PASSWORD);
      if (res.status !== 200) throw new Error(`login ${login} answered ${res.status}: ${JSON.stringify(res.body)}`);
      return client;
    };
    const agents = [await signIn('agent', urls[0]!), await signIn('agent', urls[1]!)];
    const triageSessions = await Promise.all([0, 1, 2, 3].map((i) => signIn('triage', urls[i % 2]!)));
    const form = (await (await fetch(`${urls[0]}/api/public/form`)).json()) as PublicFormDto;
    // Categories whose own questions are all optional: the load sends no attributes.
    const withRequired = new Set(
      (await pool.query(`SELECT DISTINCT category_id::text AS id FROM category_attribute WHERE required`)).rows.map(
        (r: { id: string }) => r.id,
      ),
    );
    const categories = form.categories.map((c) => c.id).filter((id) => !withRequired.has(id));
    if (categories.length === 0) throw new Error('the public form offers no categories');

    for (let c = 0; c < socketCount; c++)
      consoles.push(new SoakConsole(urls[c % 2]!, triageSessions[c % triageSessions.length]!.cookie!, () => urls));
    for (let c = 0; c < consoles.length; c += 50) await Promise.all(consoles.slice(c, c + 50).map((k) => k.connect()));
    const baseline = Number((await pool.query(`SELECT COALESCE(max(id), 0) AS m FROM ticket_event`)).rows[0].m);
    console.log(`soak: ${consoles.length} consoles connected; ticket events after #${baseline} are checked`);

    // The load: open loop, Poisson arrivals per kind; each logical request retried (same key) until its budget.
    const samples: Sample[] = [];
    const failures: Record<string, number> = {};
    const firstFailure: Record<string, string> = {};
    let next = 0;
    const pending = new Set<Promise<void>>();
    /** Runs attempts on alternating backends until one succeeds or the budget is spent; true when it succeeded. */
    const attempt = async (kind: string, once: (base: string) => Promise<Attempt>): Promise<boolean> => {
      const started = clock();
      let lastWhy = '';
      for (let i = 0; clock() - started < RETRY_BUDGET_MS; i++) {
        const base = urls[(next++ + i) % urls.length]!;
        let result: Attempt;
        try {
          result = await once(base);
        } catch (err) {
          result = { outcome: 'retry', why: err instanceof Error ? `${err.message} ${String(err.cause ?? '')}` : '?' };
        }
        if (result.outcome === 'ok') {
          samples.push({ kind, startMs: started, endMs: clock() });
          return true;
        }
        lastWhy = result.why;
        if (result.outcome === 'fail') break;
        await sleep(Math.min(2_000, 200 * 2 ** Math.min(i, 4)));
      }
      failures[kind] = (failures[kind] ?? 0) + 1;
      firstFailure[kind] ??= lastWhy;
      return false;
    };
    const track = (p: Promise<void>) => {
      pending.add(p);
      void p.finally(() => pending.delete(p));
    };

    const ticketsSent: SentRecord[] = [];
    const callsSent: (SentRecord & { expected: 'wrap_up' | 'missed' })[] = [];
    let ticketNo = 0;
    const marker = (key: string) => `[soak:${runId}:${key}]`;

    const sendAgentTicket = async () => {
      const key = `t${++ticketNo}`;
      const record: SentRecord = { key, acknowledged: false };
      ticketsSent.push(record);
      const body = {
        type: 'problem',
        channel: 'phone',
        categoryId: categories[Math.floor(loadRnd() * categories.length)]!,
        title: `Zgłoszenie z testu obciążenia ${key}`,
        description: `Mieszkaniec zgłasza sprawę telefonicznie. ${marker(key)}`,
        // The same id on every attempt: a retry after a lost answer gets the ticket written the first time.
        requestId: randomUUID(),
      };
      await attempt('ticket', async (base) => {
        const agent = agents[base === urls[0] ? 0 : 1]!;
        const res = await fetch(`${base}/api/tickets`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: agent.cookie!, [CSRF_HEADER]: agent.csrfToken! },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const result = await classify(res);
        if (result.outcome === 'ok') record.acknowledged = true;
        return result;
      });
    };

    const sendPublicReport = async () => {
      const key = `p${++ticketNo}`;
      const record: SentRecord = { key, acknowledged: false };
      ticketsSent.push(record);
      const body = {
        submissionId: randomUUID(),
        type: 'problem',
        categoryId: categories[Math.floor(loadRnd() * categories.length)]!,
        description: `Zgłoszenie mieszkańca z formularza. ${marker(key)}`,
      };
      await attempt('public', async (base) => {
        const res = await fetch(`${base}/api/public/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const result = await classify(res);
        if (result.outcome === 'ok') record.acknowledged = true;
        return result;
      });
    };

    const sendSearch = async () => {
      const q = SEARCHES[Math.floor(loadRnd() * SEARCHES.length)]!;
      await attempt('search', async (base) =>
        classify(
          await fetch(`${base}/api/knowledge/search?q=${encodeURIComponent(q)}`, {
            headers: { cookie: agents[0]!.cookie! },
            signal: AbortSignal.timeout(15_000),
          }),
        ),
      );
    };

    // A call: ringing, then answered and hung up (wrap-up), or abandoned in the queue (missed); events in order,
    // each retried on its own (the webhook is idempotent by call id and event).
    let callNo = 0;
    const sendCall = async () => {
      const callId = randomUUID();
      const answered = loadRnd() < 0.8;
      const extension = `78${String(1 + (callNo++ % SIM_AGENTS)).padStart(4, '0')}`;
      const record = {
        key: callId,
        acknowledged: false,
        expected: answered ? ('wrap_up' as const) : ('missed' as const),
      };
      callsSent.push(record);
      const base = { callId, from: `+48 600 ${String(callNo).padStart(6, '0')}`, to: '+48 12 616 12 00' };
      const steps = answered
        ? [
            { event: 'ringing', agent: extension, queue: 'infolinia' },
            { event: 'answered', agent: extension },
            { event: 'hangup', cause: 'normalClearing' },
          ]
        : [
            { event: 'ringing', queue: 'infolinia' },
            { event: 'hangup', cause: 'abandoned' },
          ];
      let all = true;
      for (const step of steps) {
        const body = { ...base, direction: 'in', ...step, at: new Date().toISOString() };
        const ok = await attempt('cti', async (url) =>
          classify(
            await fetch(`${url}/api/cti/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${ctiToken}` },
              body: JSON.stringify(body),
              signal: AbortSignal.timeout(15_000),
            }),
          ),
        );
        all &&= ok;
        await sleep(500 + loadRnd() * 2_000);
      }
      record.acknowledged = all;
    };

    const loadStart = clock();
    // The load runs its minutes, and on past them until the last fault is QUIET_TAIL_MS behind: on a busy machine a
    // backend's restart can take a minute, and a fault without load proves nothing.
    let chaosOverAt: number | undefined;
    const loadOver = (at: number) =>
      at >= loadStart + durationMs && chaosOverAt !== undefined && at >= chaosOverAt + QUIET_TAIL_MS;
    const generator = async (rate: number, send: () => Promise<void>) => {
      if (rate <= 0) return;
      for (let at = loadStart; ;) {
        at += -Math.log(1 - loadRnd()) * (1000 / rate);
        if (loadOver(at)) return;
        const wait = at - clock();
        if (wait > 0) await sleep(wait);
        track(send());
      }
    };

    // Memory: every process's RSS every 5 s (its own series per process life).
    const rssSamples: Record<string, { atMs: number; kb: number }[]> = {};
    const memoryTimer = setInterval(() => {
      for (const s of slots) void s.sample();
      const pid = redis.pid;
      if (pid)
        void rssKb(pid).then((kb) => {
          if (kb !== null) (rssSamples[`redis:${pid}`] ??= []).push({ atMs: clock(), kb });
        });
    }, 5_000);

    // The chaos loop: planned from the seed, each fault over (its process back) before the next.
    const plan = planFaults(rnd, {
      durationS: durationMs / 1000,
      warmupS: Math.max(20, (durationMs / 1000) * 0.15),
      quietTailS: QUIET_TAIL_MS / 1000,
      minGapS: 10,
      perMinute: num('faults-per-min'),
    });
    console.log(`soak: chaos plan ${plan.map((f) => `${f.kind}@${f.at}s`).join(', ')}`);
    const windows: FaultWindow[] = [];
    const faults: Record<FaultKind, number> = { redis: 0, 'redis-kill': 0, worker: 0, backend: 0 };
    const chaos = async () => {
      for (const fault of plan) {
        const wait = loadStart + fault.at * 1000 - clock();
        if (wait > 0) await sleep(wait);
        const startMs = clock();
        if (fault.kind === 'redis') await redis.restart('SIGTERM');
        else if (fault.kind === 'redis-kill') await redis.restart('SIGKILL');
        else if (fault.kind === 'worker') await workerB.restart('SIGKILL');
        else {
          // As a deploy would: a checkout edited during a long run may bring migrations the new process insists on.
          await backendB.stop('SIGTERM');
          for (let tries = 1; ; tries++) {
            try {
              await migrate(config.DATABASE_URL);
              await backendB.start();
              break;
            } catch (err) {
              // A busy shared PostgreSQL may time out a connection: try again rather than abandon the run.
              if (tries === 3) throw err;
              console.log(`soak: restarting backend-b failed (${String(err).split('\n')[0]}); again`);
              await backendB.stop('SIGTERM');
            }
          }
        }
        windows.push({ kind: fault.kind, startMs, endMs: clock() });
        faults[fault.kind]++;
        console.log(
          `soak: ${round((startMs - loadStart) / 1000)} s ${fault.kind}: back after ${round((clock() - startMs) / 1000)} s`,
        );
      }
      chaosOverAt = clock();
    };

    const progress = setInterval(() => {
      const connected = consoles.filter((c) => c.connected).length;
      console.log(
        `soak: ${round((clock() - loadStart) / 1000)} s: ${samples.length} requests done, ${pending.size} in flight, ` +
          `${connected}/${consoles.length} consoles connected`,
      );
    }, 30_000);
    await Promise.all([
      generator(rates.cti, sendCall),
      generator(rates.ticket, sendAgentTicket),
      generator(rates.public, sendPublicReport),
      generator(rates.search, sendSearch),
      chaos(),
    ]);
    console.log(
      `soak: load over after ${round((clock() - loadStart) / 1000)} s; waiting for ${pending.size} requests still retrying`,
    );
    while (pending.size > 0) await Promise.all([...pending]);
    clearInterval(progress);

    // Quiet: the outbox empty and every ticket of the run past `new`, or two minutes gone.
    const quietStart = clock();
    for (;;) {
      const { rows } = await pool.query(
        `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS unpublished,
                (SELECT count(*) FROM ticket WHERE description LIKE $1 AND (status = 'new' OR number IS NULL))::int AS unrouted`,
        [`%[soak:${runId}:%`],
      );
      if ((rows[0].unpublished === 0 && rows[0].unrouted === 0) || clock() - quietStart > 120_000) break;
      await sleep(1_000);
    }
    // Every console connected, caught up, and nothing more arriving for 3 s (at most 60 s).
    const expectedRows = (
      await pool.query(`SELECT id::int AS id FROM ticket_event WHERE id > $1 AND kind = ANY($2) ORDER BY id`, [
        baseline,
        Object.entries(EVENT_TARGETS)
          .filter(([event, targets]) => event.startsWith('ticket.') && targets.includes('consoles'))
          .map(([event]) => event),
      ])
    ).rows as { id: number }[];
    const expectedIds = expectedRows.map((r) => r.id);
    const heardAll = () => consoles.reduce((n, c) => n + expectedIds.filter((id) => c.heard.has(id)).length, 0);
    const settleStart = clock();
    let last = -1;
    let lastChange = clock();
    while (clock() - settleStart < 60_000) {
      const heard = heardAll();
      const allConnected = consoles.every((c) => c.connected);
      if (heard === expectedIds.length * consoles.length && allConnected) break;
      if (heard !== last) {
        last = heard;
        lastChange = clock();
      } else if (allConnected && clock() - lastChange > 3_000) break;
      await sleep(500);
    }
    clearInterval(memoryTimer);

    // The checks, in PostgreSQL.
    const ticketRows = (
      await pool.query(
        `SELECT substring(description from '\\[soak:[^:]+:([a-z0-9]+)\\]') AS key, count(*)::int AS n,
                bool_and(number IS NOT NULL AND status <> 'new') AS settled
           FROM ticket WHERE description LIKE $1 GROUP BY 1`,
        [`%[soak:${runId}:%`],
      )
    ).rows as { key: string; n: number; settled: boolean }[];
    const tickets = checkRecords(
      ticketsSent,
      new Map<string, StoredRecord>(ticketRows.map((r) => [r.key, { count: r.n, settled: r.settled }])),
    );
    const expectedCallState = new Map(callsSent.map((c) => [c.key, c.expected]));
    const callRows = (
      await pool.query(
        `SELECT external_call_id AS key, count(*)::int AS n, min(state) AS state
           FROM interaction WHERE telephony_system_id = $1 GROUP BY 1`,
        [systemId],
      )
    ).rows as { key: string; n: number; state: string }[];
    const calls = checkRecords(
      callsSent,
      new Map<string, StoredRecord>(
        callRows.map((r) => {
          const want = expectedCallState.get(r.key);
          const settled = r.state === want || (want === 'wrap_up' && r.state === 'recorded');
          return [r.key, { count: r.n, settled }];
        }),
      ),
    );
    let eventsMissed = 0;
    let consolesMissing = 0;
    const missedExamples: number[] = [];
    for (const c of consoles) {
      const missed = missedEvents(expectedIds, c.heard);
      eventsMissed += missed.length;
      if (missed.length > 0) consolesMissing++;
      for (const id of missed) if (missedExamples.length < 10 && !missedExamples.includes(id)) missedExamples.push(id);
    }
    if (missedExamples.length > 0) {
      // Where the missed events fall against the faults, and who missed them: the first thing to look at.
      const wallAtLoadStart = Date.now() - (clock() - loadStart);
      const rows = (
        await pool.query(
          `SELECT e.id::int AS id, e.kind, e.at, o.published_at
             FROM ticket_event e LEFT JOIN outbox o ON (o.payload->>'seq')::bigint = e.id AND o.event = e.kind
            WHERE e.id = ANY($1) ORDER BY e.id`,
          [missedExamples],
        )
      ).rows as { id: number; kind: string; at: Date; published_at: Date | null }[];
      const sinceLoad = (d: Date | null) => (d ? `${round((d.getTime() - wallAtLoadStart) / 1000)} s` : 'never');
      for (const row of rows) {
        const atS = `${sinceLoad(row.at)}, published at ${sinceLoad(row.published_at)},`;
        const missedBy = consoles.filter((c) => !c.heard.has(row.id));
        console.log(
          `  missed #${row.id} ${row.kind} written at ${atS} s by ${missedBy.length} consoles ` +
            `(${missedBy.map((c) => `${c.url.slice(-5)} d${c.disconnects}/r${c.recovered}/c${c.catchUps}`).join(' ')})`,
        );
      }
      console.log(
        `  faults: ${windows.map((w) => `${w.kind} ${round((w.startMs - loadStart) / 1000)}–${round((w.endMs - loadStart) / 1000)} s`).join(', ')}`,
      );
    }
    const latency = latencyFigures(samples, windows, faultWindowMs);
    const warmupMs = loadStart + Math.max(30_000, durationMs * 0.2);
    const rssGrowth: Record<string, number | null> = {};
    for (const slot of slots)
      for (const [i, life] of slot.lives.entries())
        // A process started by the chaos loop warms up from its own start.
        rssGrowth[`${slot.name}${slot.lives.length > 1 ? `#${i + 1}` : ''}`] = rssGrowthPctPerHour(
          life.rss,
          Math.max(warmupMs, life.startedMs + PROCESS_WARMUP_MS),
        );
    for (const [name, series] of Object.entries(rssSamples))
      rssGrowth[`redis${Object.keys(rssSamples).length > 1 ? `@${name.split(':')[1]}` : ''}`] = rssGrowthPctPerHour(
        series,
        Math.max(warmupMs, (series[0]?.atMs ?? 0) + PROCESS_WARMUP_MS),
      );
    const rssMb = Object.fromEntries(
      slots.map((s) => [s.name, round((s.lives[s.lives.length - 1]?.rss.at(-1)?.kb ?? 0) / 1024)]),
    );

    const disconnects = consoles.reduce((n, c) => n + c.disconnects, 0);
    const recovered = consoles.reduce((n, c) => n + c.recovered, 0);
    const catchUps = consoles.reduce((n, c) => n + c.catchUps, 0);
    // Consoles-bound events a recovered connection did not replay and only the catch-up brought.
    const afterRecovery = consoles.reduce(
      (n, c) => n + expectedIds.filter((id) => c.firstHeardAfterRecovery.has(id)).length,
      0,
    );
    const unexpectedExits = slots.reduce((n, s) => n + s.unexpectedExits, 0);
    console.log(
      `tickets: ${tickets.sent} sent; lost after a 2xx ${tickets.lostAcknowledged}, never through ${tickets.neverThrough}, ` +
        `duplicated ${tickets.duplicated}, not routed ${tickets.stuck}, stored though the answer was lost ${tickets.storedUnacknowledged}`,
    );
    console.log(
      `calls: ${calls.sent} sent; lost after a 2xx ${calls.lostAcknowledged}, never through ${calls.neverThrough}, ` +
        `duplicated ${calls.duplicated}, wrong final state ${calls.stuck}`,
    );
    for (const example of [...tickets.examples, ...calls.examples]) console.log(`  ${example}`);
    console.log(
      `consoles: ${expectedIds.length} ticket events × ${consoles.length} consoles; missed after replay ${eventsMissed} ` +
        `(${consolesMissing} consoles${missedExamples.length ? `, e.g. #${missedExamples.join(', #')}` : ''}); ` +
        `${disconnects} disconnects, ${recovered} recovered by Socket.IO, ${catchUps} catch-ups through GET /api/events ` +
        `(${afterRecovery} live events first heard in a catch-up after a recovered reconnect)`,
    );
    console.log(
      `latency: outside faults p50 ${latency.all.outside.p50} ms, p95 ${latency.all.outside.p95} ms (${latency.all.outside.n}); ` +
        `during faults (+${faultWindowMs / 1000} s) p50 ${latency.all.during.p50} ms, p95 ${latency.all.during.p95} ms (${latency.all.during.n})`,
    );
    for (const [kind, f] of Object.entries(latency.byKind))
      console.log(
        `  ${kind}: p95 outside ${f.outside.p95} ms (${f.outside.n}), during ${f.during.p95} ms (${f.during.n})`,
      );
    if (Object.keys(failures).length > 0)
      console.log(
        `requests that never got through: ${JSON.stringify(failures)}; first: ${JSON.stringify(firstFailure)}`,
      );
    console.log(
      `memory growth after warm-up, %/h: ${JSON.stringify(rssGrowth)}; RSS now, MB: ${JSON.stringify(rssMb)}`,
    );
    console.log(
      `soak: machine load after (uptime): ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );

    const figures = {
      bench: 'soak',
      minutes,
      seed: seedValue,
      sockets: consoles.length,
      tickets: tickets.sent,
      tickets_lost: tickets.lostAcknowledged,
      tickets_never_through: tickets.neverThrough,
      tickets_duplicated: tickets.duplicated,
      tickets_not_routed: tickets.stuck,
      calls: calls.sent,
      calls_lost: calls.lostAcknowledged,
      calls_never_through: calls.neverThrough,
      calls_duplicated: calls.duplicated,
      calls_wrong_state: calls.stuck,
      events_expected: expectedIds.length * consoles.length,
      events_missed: eventsMissed,
      events_only_in_catch_up_after_recovery: afterRecovery,
      searches: latency.byKind.search ? latency.byKind.search.during.n + latency.byKind.search.outside.n : 0,
      requests_failed: failures,
      p95_ms_outside: latency.all.outside.p95,
      p95_ms_during: latency.all.during.p95,
      p95_ms_by_kind: latency.byKind,
      rss_growth_pct_per_h: rssGrowth,
      faults,
      unexpected_exits: unexpectedExits,
      load_avg: loadavg().map((l) => round(l)),
    };
    console.log(JSON.stringify(figures));
    const bad =
      tickets.lostAcknowledged +
      tickets.neverThrough +
      tickets.duplicated +
      tickets.stuck +
      tickets.unexpected +
      calls.lostAcknowledged +
      calls.neverThrough +
      calls.duplicated +
      calls.stuck +
      eventsMissed +
      unexpectedExits;
    if (bad > 0) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main()
  .then(() => process.exit(process.exitCode ?? 0))
  .catch((err) => {
    console.error(err);
    process.exit(1);
  });
