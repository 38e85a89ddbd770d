// Benchmark of e-mail intake: mails with a 200 KB attachment sent by several SMTP clients to the e-mail intake
// process, with backend and worker running as deployed, until DK-03's Socket.IO client hears each ticket arrive in
// triage; against the floor measured in this run: the same steps without application code (bench-email-floor.ts),
// until the benchmark hears each mail's ticket on Redis. A bare SMTP server that inserts one row is measured too.
// Usage: npm run bench:email -- [mails=1000] [clients=8]. The last line of output is JSON.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import nodemailer from 'nodemailer';
import type { Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '@kck/contracts';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createRedis, whenReady } from '@kck/backend/platform/redis';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { TestClient } from '@kck/backend/test-support/test-client';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import { FLOOR_TABLES, floorChannel } from './bench-public-floor.ts';
import { EMAIL_FLOOR_TABLES } from './bench-email-floor.ts';
import {
  bareSmtpServer,
  clearRedisPrefix,
  connectConsole,
  cpuSnapshot,
  repoRoot,
  runSql,
  freePort,
  percentile,
  round,
  runConcurrently,
  runEnvironment,
  startProcess,
  stopChild,
  syscallSnapshot,
  waitForHealth,
  waitForPort,
  waitUntilHeard,
} from './bench-support.ts';

const total = Number(process.argv[2] ?? 1000);
const clients = Number(process.argv[3] ?? 8);
const KCK = 'kck@um.krakow.pl';
const ATTACHMENT_BYTES = 200 * 1024;

/**
 * One message as the relay hands it over, built once: only its headers change per mail, so the load generator
 * spends its share of the two cores sending, not encoding. The attachment is a PNG by its signature (the type
 * check reads the content) followed by random bytes, which do not compress.
 */
function messageTemplate(): (i: number, runId: string) => string {
  const png = Buffer.concat([
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    randomBytes(ATTACHMENT_BYTES - 16),
  ]);
  const body = [
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="kck-bench"',
    '',
    '--kck-bench',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'Na chodniku przy ul. Długiej leży przewrócony znak drogowy. Zdjęcie w załączniku.',
    '--kck-bench',
    'Content-Type: image/png; name="znak.png"',
    'Content-Disposition: attachment; filename="znak.png"',
    'Content-Transfer-Encoding: base64',
    '',
    png.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--kck-bench--',
    '',
  ].join('\r\n');
  return (i, runId) =>
    [
      `From: Mieszkaniec ${i} <mieszkaniec${i}@example.org>`,
      `To: ${KCK}`,
      `Subject: Przewrócony znak nr ${i}`,
      `Message-ID: <bench-${runId}-${i}@example.org>`,
      `Date: ${new Date().toUTCString()}`,
      body,
    ].join('\r\n');
}

/** Sends `count` messages over `width` pooled SMTP connections; each send's time to its 250, ascending. */
async function sendAll(
  port: number,
  count: number,
  width: number,
  message: (i: number) => string,
  onAccepted: (i: number, response: string, sentAt: number) => void,
): Promise<{ seconds: number; latencies: number[] }> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: width,
    maxMessages: Infinity,
  });
  const started = performance.now();
  const latencies = await runConcurrently(count, width, async (i) => {
    const sentAt = performance.now();
    const info = await transport.sendMail({
      envelope: { from: `mieszkaniec${i}@example.org`, to: [KCK] },
      raw: message(i),
    });
    onAccepted(i, String(info.response), sentAt);
  });
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { seconds, latencies };
}

/**
 * The floor: bench-email-floor.ts takes each mail through the same steps as the intake (SMTP, mailparser, the
 * attachment on disk, one transaction, a BullMQ job) and bench-public-floor.ts's worker updates the ticket and
 * publishes its id. Timed like the platform: from the send until the benchmark hears the ticket.
 */
async function measureFloor(
  config: { DATABASE_URL: string; REDIS_URL: string; REDIS_PREFIX: string },
  filesDir: string,
  count: number,
  width: number,
  message: (i: number) => string,
) {
  await runSql(config.DATABASE_URL, `${FLOOR_TABLES}; ${EMAIL_FLOOR_TABLES}`);
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    FLOOR_PORT: String(port),
    FLOOR_POOL: String(width + 4),
    FLOOR_WORKER_CONCURRENCY: '8',
    FLOOR_FILES_DIR: filesDir,
  };
  const children = [
    startProcess('scripts/src/bench-email-floor.ts', { ...env, FLOOR_ROLE: 'email-server' }),
    startProcess('scripts/src/bench-public-floor.ts', { ...env, FLOOR_ROLE: 'worker' }),
  ];
  const subscriber = createRedis(config.REDIS_URL, 'socket');
  try {
    await Promise.all([waitForPort(port, 'the e-mail floor'), whenReady(subscriber)]);
    const heardAt = new Map<string, number>();
    await subscriber.subscribe(floorChannel(config.REDIS_PREFIX));
    subscriber.on('message', (_channel, id: string) => heardAt.set(id, performance.now()));
    await sendAll(
      port,
      Math.min(50, Math.ceil(count / 10)),
      width,
      (i) => message(1_000_000 + i),
      () => undefined,
    );
    const sentAt = new Map<string, number>();
    const started = performance.now();
    await sendAll(port, count, width, message, (i, response, at) => {
      const id = response.match(/floor (\d+)/)?.[1];
      if (!id) throw new Error(`floor mail ${i} was not taken: ${response}`);
      sentAt.set(id, at);
    });
    const { latencies: toHeard, lastHeard } = await waitUntilHeard(sentAt, heardAt, "the floor's subscriber", 60_000);
    return { perSecond: count / ((lastHeard - started) / 1000), p95: percentile(toHeard, 95) };
  } finally {
    subscriber.disconnect();
    await Promise.all(children.map(stopChild));
  }
}

/** A reference below the floor: a bare SMTP server, in this process, that inserts one row per message. */
async function measureBareSmtp(databaseUrl: string, count: number, width: number, message: (i: number) => string) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: width });
  await pool.query(`CREATE TABLE bare_mail (id bigserial PRIMARY KEY, message_id text UNIQUE, size_bytes int)`);
  const server = await bareSmtpServer(async (raw) => {
    const messageId = raw.toString('latin1', 0, 4096).match(/^Message-ID: (.*)$/im)?.[1] ?? null;
    await pool.query(`INSERT INTO bare_mail (message_id, size_bytes) VALUES ($1, $2)`, [messageId, raw.length]);
    return 'OK';
  });
  const { port } = server;
  const run = await sendAll(port, count, width, message, () => undefined);
  await server.close();
  await pool.end();
  return { perSecond: count / run.seconds, p95: percentile(run.latencies, 95) };
}

async function main() {
  const { runId, databaseUrl, config } = runEnvironment('bench_email');
  const logger = createLogger('bench', 'silent');

  console.log(`e-mail intake benchmark: ${total} mails with a 200 KB attachment, ${clients} SMTP clients`);
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);

  const port = await freePort();
  const smtpPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
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
    DATABASE_POOL_SIZE: String(clients + 4),
    WORKER_CONCURRENCY: '8',
    // No acknowledgements: the benchmark times intake, not mail going out.
    SMTP_URL: '',
    EMAIL_INTAKE: 'smtp',
    EMAIL_INTAKE_SMTP_PORT: String(smtpPort),
    ATTACHMENTS_DIR: `var/bench-attachments-${runId}`,
  };
  const entries = ['backend/src/main.ts', 'worker/src/main.ts', 'backend/src/email-intake/main.ts'];
  const children = entries.map((entry) => startProcess(entry, env));
  let socket: Socket<ServerToClientEvents> | undefined;

  try {
    await waitForHealth(url);
    const triage = new TestClient(url);
    await triage.login('triage', 'Krakow2026!');
    socket = await connectConsole(url, triage.cookie!);
    // When DK-03 sees each ticket in its triage inbox, by number (the 250 names it).
    const inTriageAt = new Map<string, number>();
    socket.on('ticket.changed', (message) => {
      if (message.kind === 'ticket.sent_to_triage' && !inTriageAt.has(message.ticket.number))
        inTriageAt.set(message.ticket.number, performance.now());
    });
    await waitForPort(smtpPort, 'the SMTP endpoint');

    const template = messageTemplate();
    const warmup = Math.min(50, Math.ceil(total / 10));
    await sendAll(
      smtpPort,
      warmup,
      clients,
      (i) => template(i, `${runId}-warm`),
      () => undefined,
    );

    const intakePid = children[2]!.pid!;
    const pids = {
      intake: [intakePid],
      backend: [children[0]!.pid!],
      worker: [children[1]!.pid!],
      postgres: (
        (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)) as { pid: number }[]
      ).map((r) => r.pid),
    };
    const [cpuBefore, callsBefore] = await Promise.all([cpuSnapshot(pids), syscallSnapshot(pids)]);
    const sentAt = new Map<string, number>();
    const started = performance.now();
    const run = await sendAll(
      smtpPort,
      total,
      clients,
      (i) => template(i, runId),
      (i, response, at) => {
        const number = response.match(/ticket (KCK\/\d{4}\/\d{6})/)?.[1];
        if (!number) throw new Error(`mail ${i} was not made a numbered ticket: ${response}`);
        sentAt.set(number, at);
      },
    );
    const { latencies: toTriage, lastHeard: lastSeen } = await waitUntilHeard(
      sentAt,
      inTriageAt,
      "DK-03's triage socket",
    );
    const [cpuAfter, callsAfter] = await Promise.all([cpuSnapshot(pids), syscallSnapshot(pids)]);
    const cpuPerMail = (part: keyof typeof pids) => round((cpuAfter[part] - cpuBefore[part]) / total);
    const writesPerMail = (part: keyof typeof pids) =>
      round((callsAfter[part].writes - callsBefore[part].writes) / total);
    const inTriagePerSecond = total / ((lastSeen - started) / 1000);

    const floorFiles = path.join(repoRoot, `var/bench-floor-files-${runId}`);
    const floor = await measureFloor(config, floorFiles, total, clients, (i) => template(i, `${runId}-floor`));
    const bare = await measureBareSmtp(config.DATABASE_URL, total, clients, (i) => template(i, `${runId}-bare`));
    await rm(floorFiles, { recursive: true, force: true });
    const figures = {
      bench: 'email-intake',
      mails: total,
      clients,
      attachment_kb: ATTACHMENT_BYTES / 1024,
      accepted_per_s: round(total / run.seconds),
      in_triage_per_s: round(inTriagePerSecond),
      smtp_p50_ms: round(percentile(run.latencies, 50)),
      smtp_p95_ms: round(percentile(run.latencies, 95)),
      to_triage_p50_ms: round(percentile(toTriage, 50)),
      to_triage_p95_ms: round(percentile(toTriage, 95)),
      floor_per_s: round(floor.perSecond),
      floor_p95_ms: round(floor.p95),
      floor_ratio: round(floor.perSecond / inTriagePerSecond),
      bare_smtp_per_s: round(bare.perSecond),
      bare_smtp_ratio: round(bare.perSecond / inTriagePerSecond),
      cpu_ms_per_mail_intake: cpuPerMail('intake'),
      cpu_ms_per_mail_backend: cpuPerMail('backend'),
      cpu_ms_per_mail_worker: cpuPerMail('worker'),
      cpu_ms_per_mail_postgres: cpuPerMail('postgres'),
      writes_per_mail_intake: writesPerMail('intake'),
      writes_per_mail_backend: writesPerMail('backend'),
      writes_per_mail_worker: writesPerMail('worker'),
    };
    console.log(
      `SMTP endpoint: ${figures.accepted_per_s} mails/s accepted (250 after commit), p50 ${figures.smtp_p50_ms} ms, p95 ${figures.smtp_p95_ms} ms`,
    );
    console.log(
      `in DK-03's triage: ${figures.in_triage_per_s}/s; send → triage socket event p50 ${figures.to_triage_p50_ms} ms, p95 ${figures.to_triage_p95_ms} ms`,
    );
    console.log(
      `CPU per mail: intake ${figures.cpu_ms_per_mail_intake} ms, backend ${figures.cpu_ms_per_mail_backend} ms, ` +
        `worker ${figures.cpu_ms_per_mail_worker} ms, PostgreSQL ${figures.cpu_ms_per_mail_postgres} ms; ` +
        `write system calls per mail (about one per round trip or file write): intake ` +
        `${figures.writes_per_mail_intake}, backend ${figures.writes_per_mail_backend}, worker ${figures.writes_per_mail_worker}`,
    );
    console.log(
      `floor (SMTP, mailparser, attachment on disk, one transaction, BullMQ job, worker UPDATE, heard on Redis): ` +
        `${figures.floor_per_s}/s, send → heard p95 ${figures.floor_p95_ms} ms → ratio ${figures.floor_ratio}`,
    );
    console.log(
      `bare SMTP server + one INSERT, no parsing (reference): ${figures.bare_smtp_per_s}/s → ratio ${figures.bare_smtp_ratio}`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    socket?.disconnect();
    await Promise.all(children.map(stopChild));
    await search.close();
    await db.destroy();
    const admin = new pg.Client({ connectionString: config.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseUrl.pathname.slice(1))} WITH (FORCE)`);
    await admin.end();
    await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
    await rm(path.join(repoRoot, env.ATTACHMENTS_DIR), { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
