// Benchmark of residents' intake without an account: web-form reports (POST /api/public/reports) and Open311
// reports (POST /open311/v2/requests.json with an admin-issued key) through the real stack, backend and worker as
// separate processes, until DK-03's Socket.IO client hears each ticket routed to its unit (or sent to triage): at
// saturation, then at a steady rate below it; against the floor of the same steps without application code
// (bench-public-floor.ts), measured in the same run, and the bare floor of earlier runs as a reference. Several
// rounds; the figures are their medians.
// Usage: npm run bench:public -- [tickets=1000] [concurrency=16] [rounds=3]. The last line of output is JSON.
import { Agent, request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import pg from 'pg';
import type { Socket } from 'socket.io-client';
import type { ChildProcess } from 'node:child_process';
import type {
  IssuedOpen311ClientDto,
  Open311CreatedDto,
  PublicFormDto,
  PublicReportCreatedDto,
  ServerToClientEvents,
} from '@kck/contracts';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createRedis, whenReady } from '@kck/backend/platform/redis';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { signedIn, TestClient } from '@kck/backend/test-support/test-client';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { FLOOR_EVENT, FLOOR_TABLES, floorChannel } from './bench-public-floor.ts';
import {
  clearRedisPrefix,
  connectConsole,
  connectSocket,
  cpuSnapshot,
  freePort,
  percentile,
  round,
  runConcurrently,
  runEnvironment,
  startProcess,
  stopChild,
  syscallSnapshot,
  waitForHealth,
  waitUntilHeard,
  waitForPort,
} from './bench-support.ts';

const total = Number(process.argv[2] ?? 1000);
const concurrency = Number(process.argv[3] ?? 16);
const rounds = Number(process.argv[4] ?? 3);
const WORKER_CONCURRENCY = 8;
const CATEGORY = 'roads.pothole';

type Channel = 'form' | 'open311';

/** What one request answered: the key DK-03's socket message is matched by (the ticket's number or id). */
type Send = (i: number) => Promise<string>;

/** One POST over a keep-alive agent (a fraction of fetch's cost to the load generator, which shares the cores). */
function post(
  agent: Agent,
  url: string,
  contentType: string,
  payload: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) },
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
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

interface PhaseFigures {
  created_per_s: number;
  routed_per_s: number;
  request_p95_ms: number;
  to_triage_p50_ms: number;
  to_triage_p95_ms: number;
  paced_rate_per_s: number;
  paced_to_triage_p50_ms: number;
  paced_to_triage_p95_ms: number;
  cpu: Record<string, number>;
}

/**
 * Saturation (`concurrency` clients posting as fast as they can), then a steady open-loop rate at 70 % of what
 * saturation sustained (requests leave on a clock), so the paced latency is the system's, not the queue's.
 */
async function measure(
  send: Send,
  heardAt: Map<string, number>,
  cpu: () => Promise<Record<string, number>>,
  offset: number,
  freshConnections: () => void,
): Promise<PhaseFigures> {
  freshConnections();
  const cpuBefore = await cpu();
  const sentAt = new Map<string, number>();
  const started = performance.now();
  const latencies = await runConcurrently(total, concurrency, async (i) => {
    const before = performance.now();
    sentAt.set(await send(offset + i), before);
  });
  const intakeSeconds = (performance.now() - started) / 1000;
  const { latencies: toTriage, lastHeard } = await waitUntilHeard(sentAt, heardAt, "DK-03's socket");
  const cpuAfter = await cpu();
  const routedPerSecond = total / ((lastHeard - started) / 1000);

  const pacedRate = Math.max(1, Math.floor(0.7 * routedPerSecond));
  freshConnections();
  const paced = new Map<string, number>();
  const pacedStarted = performance.now();
  await Promise.all(
    Array.from({ length: total }, async (_, i) => {
      const at = pacedStarted + (i * 1000) / pacedRate;
      await new Promise((r) => setTimeout(r, Math.max(0, at - performance.now())));
      const before = performance.now();
      paced.set(await send(offset + total + i), before);
    }),
  );
  const { latencies: pacedToTriage } = await waitUntilHeard(paced, heardAt, "DK-03's socket");
  return {
    created_per_s: total / intakeSeconds,
    routed_per_s: routedPerSecond,
    request_p95_ms: percentile(latencies, 95),
    to_triage_p50_ms: percentile(toTriage, 50),
    to_triage_p95_ms: percentile(toTriage, 95),
    paced_rate_per_s: pacedRate,
    paced_to_triage_p50_ms: percentile(pacedToTriage, 50),
    paced_to_triage_p95_ms: percentile(pacedToTriage, 95),
    cpu: perTicket(cpuBefore, cpuAfter, total),
  };
}

/**
 * What each part used per ticket between two snapshots. PostgreSQL's connections come and go with the pools (an idle
 * one closes after 10 s): each is its own `pg:<pid>` entry, one opened meanwhile counts from 0, and they add up to
 * `postgres`.
 */
function perTicket(before: Record<string, number>, after: Record<string, number>, count: number) {
  const out: Record<string, number> = { postgres: 0, postgres_writes: 0 };
  for (const [key, value] of Object.entries(after)) {
    const used = (value - (before[key] ?? 0)) / count;
    const connection = /^pg:\d+(_writes)?$/.exec(key);
    if (connection) out[connection[1] ? 'postgres_writes' : 'postgres']! += used;
    else out[key] = used;
  }
  return out;
}

async function main() {
  const { runId, databaseUrl, config } = runEnvironment('bench_public');
  const logger = createLogger('bench', 'silent');

  console.log(
    `public intake benchmark: ${total} web-form and ${total} Open311 reports per round, ${concurrency} at once, ` +
      `${rounds} rounds, database ${databaseUrl.pathname.slice(1)}`,
  );
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);
  // The bare reference writes tables of the same names in a schema of its own.
  await db.query(FLOOR_TABLES);
  await db.query(`CREATE SCHEMA bare; SET search_path = bare; ${FLOOR_TABLES}; RESET search_path`);

  const port = await freePort();
  const floorPort = await freePort();
  const barePort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Every request comes from the load generator's one address: the public limits are raised for the run through
  // their settings (they are still counted in Redis on every request, as in production).
  const sent = rounds * 2 * (total + Math.min(50, Math.ceil(total / 10)));
  const env = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    MEILI_URL: '',
    LOG_LEVEL: 'warn',
    CONSOLE_DIST: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    OUTBOX_POLL_MS: '200',
    DATABASE_POOL_SIZE: String(concurrency + 4),
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    SMTP_URL: '',
    PUBLIC_REPORTS_PER_HOUR: String(Math.min(100_000, sent + 100)),
    OPEN311_POSTS_PER_MINUTE_PER_ADDRESS: String(1_000_000),
    OPEN311_POSTS_PER_MINUTE_PER_KEY: String(1_000_000),
  };
  // The floor and the bare reference each have a server and a worker, and a Redis prefix of their own.
  const bareDatabaseUrl = new URL(config.DATABASE_URL);
  bareDatabaseUrl.searchParams.set('options', '-c search_path=bare');
  const floorEnv = (steps: 'same' | 'bare', floorPortOfSteps: number) => ({
    ...process.env,
    DATABASE_URL: steps === 'same' ? config.DATABASE_URL : bareDatabaseUrl.toString(),
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: `${config.REDIS_PREFIX}:${steps}`,
    FLOOR_STEPS: steps,
    FLOOR_PORT: String(floorPortOfSteps),
    FLOOR_POOL: String(concurrency + 4),
    FLOOR_WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    FLOOR_REPORTS_PER_HOUR: String(1_000_000),
  });
  const floor = 'scripts/src/bench-public-floor.ts';
  const children = {
    backend: startProcess('backend/src/main.ts', env),
    worker: startProcess('worker/src/main.ts', env),
    floorServer: startProcess(floor, { ...floorEnv('same', floorPort), FLOOR_ROLE: 'server' }),
    floorWorker: startProcess(floor, { ...floorEnv('same', floorPort), FLOOR_ROLE: 'worker' }),
    bareServer: startProcess(floor, { ...floorEnv('bare', barePort), FLOOR_ROLE: 'server' }),
    bareWorker: startProcess(floor, { ...floorEnv('bare', barePort), FLOOR_ROLE: 'worker' }),
  };
  let socket: Socket<ServerToClientEvents> | undefined;
  let floorSocket: Socket | undefined;
  const subscriber = createRedis(config.REDIS_URL, 'socket');
  // Fresh keep-alive connections for each part of a phase: a connection left idle while the run waited for the
  // socket (over the servers' 5 s keep-alive) may be closed by the server just as it is reused (ECONNRESET).
  const newAgent = () => new Agent({ keepAlive: true, maxSockets: concurrency * 2 });
  let keepAlive = newAgent();
  const freshConnections = () => {
    keepAlive.destroy();
    keepAlive = newAgent();
  };

  try {
    await Promise.all([
      waitForHealth(url),
      waitForPort(floorPort, 'the floor server'),
      waitForPort(barePort, 'the bare floor server'),
      whenReady(subscriber),
    ]);
    const triage = new TestClient(url);
    await triage.login('triage', 'Krakow2026!');
    socket = await connectConsole(url, triage.cookie!);
    // DK-03 hears every new ticket, routed to a unit or sent to its own inbox: by number (the form's answer)
    // and by id (Open311's token).
    const heardAt = new Map<string, number>();
    socket.on('ticket.changed', (message) => {
      if (message.kind !== 'ticket.routed' && message.kind !== 'ticket.sent_to_triage') return;
      const now = performance.now();
      if (!heardAt.has(message.ticket.id)) heardAt.set(message.ticket.id, now);
      if (message.ticket.number && !heardAt.has(message.ticket.number)) heardAt.set(message.ticket.number, now);
    });
    // The floor's client hears its Socket.IO event; the bare reference's ids are heard on Redis.
    const floorHeardAt = new Map<string, number>();
    floorSocket = await connectSocket(`http://127.0.0.1:${floorPort}`);
    floorSocket.on(FLOOR_EVENT, (id: string) => floorHeardAt.set(id, performance.now()));
    const bareHeardAt = new Map<string, number>();
    // Redis runs on this machine (its pid from INFO): the CPU it spends on each ticket is counted too.
    const redisPid = Number(/process_id:(\d+)/.exec(await subscriber.info('server'))?.[1]);
    await subscriber.subscribe(floorChannel(`${config.REDIS_PREFIX}:bare`));
    subscriber.on('message', (_channel, id: string) => bareHeardAt.set(id, performance.now()));

    // What a resident's browser reads before the form: the categories and the consent text in force.
    const formRes = await fetch(`${url}/api/public/form`);
    const form = (await formRes.json()) as PublicFormDto;
    const category = form.categories.find((c) => c.code === CATEGORY) ?? form.categories[0]!;
    // The floor's routing rule for it: the form names the category by id, Open311 by its code.
    await db.query(`INSERT INTO floor_rule (category, unit) VALUES ($1, 'ZDMK'), ($2, 'ZDMK')`, [
      category.id,
      category.code,
    ]);
    // The Open311 client's key, issued by an admin as in production.
    const admin = await signedIn(url, 'admin', config.DATABASE_URL);
    const issued = await admin.post<IssuedOpen311ClientDto>('/api/open311/clients', {
      name: `Benchmark ${runId}`,
      contact: 'bench@example.org',
    });
    if (issued.status !== 201) throw new Error(`issuing an Open311 key answered ${issued.status}`);
    const apiKey = issued.body.apiKey;

    const description = (i: number) =>
      `Głęboka dziura w jezdni przy przejściu dla pieszych, nr ${i}. Samochody omijają ją po chodniku.`;
    const formBody = (i: number) => ({
      submissionId: randomUUID(),
      type: 'problem',
      categoryId: category.id,
      description: description(i),
      address: `ul. Długa ${(i % 90) + 1}`,
      location: { latitude: 50.07 + (i % 100) / 10_000, longitude: 19.94 },
      email: `mieszkaniec${i}@example.org`,
      consentVersion: form.consent.version,
      language: 'pl',
    });
    const open311Body = (i: number) =>
      new URLSearchParams([
        ['jurisdiction_id', 'krakow.pl'],
        ['api_key', apiKey],
        ['service_code', category.code],
        ['lat', String(50.07 + (i % 100) / 10_000)],
        ['long', '19.94'],
        ['address_string', `ul. Długa ${(i % 90) + 1}`],
        ['description', description(i)],
        ['email', `mieszkaniec${i}@example.org`],
        ['first_name', 'Jan'],
        ['device_id', `bench-${i}`],
      ]).toString();

    const sends: Record<Channel, Send> = {
      form: async (i) => {
        const res = await post(keepAlive, `${url}/api/public/reports`, 'application/json', JSON.stringify(formBody(i)));
        if (res.status !== 201) throw new Error(`POST /api/public/reports answered ${res.status}: ${res.text}`);
        return (JSON.parse(res.text) as PublicReportCreatedDto).number;
      },
      open311: async (i) => {
        const res = await post(
          keepAlive,
          `${url}/open311/v2/requests.json`,
          'application/x-www-form-urlencoded',
          open311Body(i),
        );
        if (res.status !== 201) throw new Error(`POST requests.json answered ${res.status}: ${res.text}`);
        return (JSON.parse(res.text) as Open311CreatedDto[])[0]!.token;
      },
    };
    /** The same bodies to a floor server (the floor's or the bare reference's), which answers the ticket's id. */
    const floorSends = (floorPortOfSteps: number): Record<Channel, Send> => {
      const send = async (contentType: string, payload: string) => {
        const res = await post(keepAlive, `http://127.0.0.1:${floorPortOfSteps}/`, contentType, payload);
        if (res.status !== 201) throw new Error(`the floor server answered ${res.status}: ${res.text}`);
        return (JSON.parse(res.text) as { id: string }).id;
      };
      return {
        form: (i) => send('application/json', JSON.stringify(formBody(i))),
        open311: (i) => send('application/x-www-form-urlencoded', open311Body(i)),
      };
    };
    const floorSend = floorSends(floorPort);
    const bareSend = floorSends(barePort);

    const postgresPids = async () =>
      (
        (await db.query(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )) as { pid: number }[]
      ).map((r) => r.pid);
    /** CPU ms of each part, and `<part>_writes`: its write system calls (about one per round trip it makes). */
    const usage = async (pids: Record<string, number[]>): Promise<Record<string, number>> => {
      const [cpu, calls] = await Promise.all([cpuSnapshot(pids), syscallSnapshot(pids)]);
      return { ...cpu, ...Object.fromEntries(Object.entries(calls).map(([part, c]) => [`${part}_writes`, c.writes])) };
    };
    const connections = async () => Object.fromEntries((await postgresPids()).map((pid) => [`pg:${pid}`, [pid]]));
    /** What a system's two processes, PostgreSQL's connections and Redis used: the platform's or a floor's. */
    const cpuOf = (parts: Record<string, ChildProcess>) => async () =>
      usage({
        redis: [redisPid],
        ...Object.fromEntries(Object.entries(parts).map(([part, child]) => [part, [child.pid!]])),
        ...(await connections()),
      });
    const appCpu = cpuOf({ backend: children.backend, worker: children.worker });
    const floorCpu = cpuOf({ server: children.floorServer, worker: children.floorWorker });
    const bareCpu = cpuOf({ server: children.bareServer, worker: children.bareWorker });

    const warmup = Math.min(50, Math.ceil(total / 10));
    for (const channel of ['form', 'open311'] as const) {
      await runConcurrently(warmup, concurrency, async (i) => void (await sends[channel](1_000_000 + i)));
      await runConcurrently(warmup, concurrency, async (i) => void (await floorSend[channel](1_000_000 + i)));
      await runConcurrently(warmup, concurrency, async (i) => void (await bareSend[channel](1_000_000 + i)));
    }

    const results: Record<'app' | 'floor' | 'bare', Record<Channel, PhaseFigures[]>> = {
      app: { form: [], open311: [] },
      floor: { form: [], open311: [] },
      bare: { form: [], open311: [] },
    };
    for (let r = 0; r < rounds; r++) {
      for (const channel of ['form', 'open311'] as const) {
        const offset = r * 2 * total;
        const app = await measure(sends[channel], heardAt, appCpu, offset, freshConnections);
        const floor = await measure(floorSend[channel], floorHeardAt, floorCpu, offset, freshConnections);
        const bare = await measure(bareSend[channel], bareHeardAt, bareCpu, offset, freshConnections);
        results.app[channel].push(app);
        results.floor[channel].push(floor);
        results.bare[channel].push(bare);
        console.log(
          `round ${r + 1} ${channel}: ${round(app.created_per_s)}/s created, ${round(app.routed_per_s)}/s heard by DK-03, ` +
            `p95 ${round(app.to_triage_p95_ms)} ms (paced ${app.paced_rate_per_s}/s: p95 ${round(app.paced_to_triage_p95_ms)} ms); ` +
            `floor ${round(floor.routed_per_s)}/s → ratio ${round(floor.routed_per_s / app.routed_per_s)} ` +
            `(bare floor ${round(bare.routed_per_s)}/s → ${round(bare.routed_per_s / app.routed_per_s)}); ` +
            `CPU ms/ticket backend ${round(app.cpu.backend!)}, worker ${round(app.cpu.worker!)}, ` +
            `PostgreSQL ${round(app.cpu.postgres!)}, Redis ${round(app.cpu.redis!)} ` +
            `(floor, all four: ${round(floor.cpu.server! + floor.cpu.worker! + floor.cpu.postgres! + floor.cpu.redis!)}); ` +
            `write syscalls/ticket backend ${round(app.cpu.backend_writes!)}, ` +
            `worker ${round(app.cpu.worker_writes!)}, PostgreSQL ${round(app.cpu.postgres_writes!)}; ` +
            `load ${loadavg()[0]!.toFixed(1)}`,
        );
      }
    }

    const med = (list: PhaseFigures[], pick: (f: PhaseFigures) => number) => round(median(list.map(pick)));
    const channelFigures = (channel: Channel) => {
      const app = results.app[channel];
      const floor = results.floor[channel];
      const bare = results.bare[channel];
      return {
        created_per_s: med(app, (f) => f.created_per_s),
        tickets_per_s: med(app, (f) => f.routed_per_s),
        request_p95_ms: med(app, (f) => f.request_p95_ms),
        to_triage_p50_ms: med(app, (f) => f.to_triage_p50_ms),
        to_triage_p95_ms: med(app, (f) => f.to_triage_p95_ms),
        paced_rate_per_s: med(app, (f) => f.paced_rate_per_s),
        paced_p50_ms: med(app, (f) => f.paced_to_triage_p50_ms),
        paced_p95_ms: med(app, (f) => f.paced_to_triage_p95_ms),
        floor_per_s: med(floor, (f) => f.routed_per_s),
        floor_p95_ms: med(floor, (f) => f.to_triage_p95_ms),
        floor_ratio: round(median(floor.map((f, i) => f.routed_per_s / app[i]!.routed_per_s))),
        bare_floor_per_s: med(bare, (f) => f.routed_per_s),
        bare_floor_ratio: round(median(bare.map((f, i) => f.routed_per_s / app[i]!.routed_per_s))),
        cpu_ms_backend: med(app, (f) => f.cpu.backend!),
        cpu_ms_worker: med(app, (f) => f.cpu.worker!),
        cpu_ms_postgres: med(app, (f) => f.cpu.postgres!),
        cpu_ms_redis: med(app, (f) => f.cpu.redis!),
        writes_backend: med(app, (f) => f.cpu.backend_writes!),
        writes_worker: med(app, (f) => f.cpu.worker_writes!),
        writes_postgres: med(app, (f) => f.cpu.postgres_writes!),
        floor_cpu_ms: med(floor, (f) => f.cpu.server! + f.cpu.worker! + f.cpu.postgres! + f.cpu.redis!),
        bare_floor_cpu_ms: med(bare, (f) => f.cpu.server! + f.cpu.worker! + f.cpu.postgres! + f.cpu.redis!),
      };
    };
    const form311 = { form: channelFigures('form'), open311: channelFigures('open311') };
    for (const channel of ['form', 'open311'] as const) {
      const f = form311[channel];
      console.log(
        `${channel === 'form' ? 'web form' : 'Open311'} (median of ${rounds}): ${f.created_per_s}/s created, ` +
          `${f.tickets_per_s}/s routed and heard by DK-03; submission → DK-03's socket p50 ${f.to_triage_p50_ms} ms, ` +
          `p95 ${f.to_triage_p95_ms} ms at saturation; at a steady ${f.paced_rate_per_s}/s p50 ${f.paced_p50_ms} ms, ` +
          `p95 ${f.paced_p95_ms} ms`,
      );
      console.log(
        `  CPU per ticket: backend ${f.cpu_ms_backend} ms, worker ${f.cpu_ms_worker} ms, PostgreSQL ` +
          `${f.cpu_ms_postgres} ms, Redis ${f.cpu_ms_redis} ms (floor, all four: ${f.floor_cpu_ms} ms; bare floor ` +
          `${f.bare_floor_cpu_ms} ms); ` +
          `write system calls per ticket: backend ${f.writes_backend}, worker ${f.writes_worker}, PostgreSQL ` +
          `${f.writes_postgres}; floor ${f.floor_per_s}/s → ratio ${f.floor_ratio} (bare floor ${f.bare_floor_per_s}/s → ` +
          `${f.bare_floor_ratio})`,
      );
    }
    const figures = {
      bench: 'public-intake',
      tickets: total,
      concurrency,
      rounds,
      load_average: round(loadavg()[0]!),
      form_tickets_per_s: form311.form.tickets_per_s,
      open311_tickets_per_s: form311.open311.tickets_per_s,
      form_p95_ms: form311.form.to_triage_p95_ms,
      open311_p95_ms: form311.open311.to_triage_p95_ms,
      form_paced_p95_ms: form311.form.paced_p95_ms,
      open311_paced_p95_ms: form311.open311.paced_p95_ms,
      form_floor_ratio: form311.form.floor_ratio,
      open311_floor_ratio: form311.open311.floor_ratio,
      form_bare_floor_ratio: form311.form.bare_floor_ratio,
      open311_bare_floor_ratio: form311.open311.bare_floor_ratio,
      form: form311.form,
      open311: form311.open311,
    };
    console.log(JSON.stringify(figures));
  } finally {
    keepAlive.destroy();
    socket?.disconnect();
    floorSocket?.disconnect();
    subscriber.disconnect();
    await Promise.all(Object.values(children).map(stopChild));
    await search.close();
    await db.destroy();
    const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
    await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
