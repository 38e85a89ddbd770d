// Benchmark of the analysts' ticket export (GET /api/reports/tickets.xlsx): <rows> tickets written with SQL, then the
// streamed XLSX (and, for comparison, CSV) downloaded through the real HTTP endpoint of a backend running as its own
// process, whose resident memory is read from /proc/<pid>/status every 50 ms while the download runs.
// Usage: npm run bench:report -- [rows=100000]. The last line of output is JSON.
import { request as httpRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { PassThrough, Readable } from 'node:stream';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { createLogger } from '@kck/backend/platform/logger';
import { createDataSource } from '@kck/backend/platform/db';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { TestClient } from '@kck/backend/test-support/test-client';
import { migrate } from './migrate.ts';
import { seed } from './seed.ts';
import {
  clearRedisPrefix,
  freePort,
  round,
  runEnvironment,
  startProcess,
  stopChild,
  waitForHealth,
} from './bench-support.ts';

const rows = Number(process.argv[2] ?? 100_000);
const SAMPLE_MS = 50;
/** The export's period: every generated ticket falls in 2024, local time. */
const FROM = '2024-01-01';
const TO = '2024-12-31';

/** Resident memory of a process in MB, as the kernel counts it (VmRSS). */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** Samples a process's RSS until stopped; answers the peak. */
function sampleRss(pid: number): { stop: () => Promise<{ peak: number; samples: number }> } {
  let peak = 0;
  let samples = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await rssMb(pid));
      samples++;
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { peak, samples };
    },
  };
}

/** Writes the tickets in one statement per 50,000: spread over 2024, over categories, units, districts, channels. */
async function insertTickets(db: ReturnType<typeof createDataSource>, count: number): Promise<void> {
  const categories = (await db.query(
    `SELECT id FROM dictionary_entry c WHERE dictionary = 'category'
        AND NOT EXISTS (SELECT 1 FROM dictionary_entry k WHERE k.parent_id = c.id)`,
  )) as { id: string }[];
  const units = (await db.query(`SELECT id FROM unit`)) as { id: string }[];
  const districts = (await db.query(`SELECT id FROM dictionary_entry WHERE dictionary = 'district'`)) as {
    id: string;
  }[];
  const batch = 50_000;
  for (let start = 1; start <= count; start += batch) {
    const end = Math.min(count, start + batch - 1);
    await db.query(
      `INSERT INTO ticket (number, type, channel, status, priority, title, description, category_id, unit_id,
                           district_id, reporter_name, reporter_phone, due_at, created_at)
       SELECT 'KCK/2024/' || lpad(g::text, 6, '0'),
              (ARRAY['problem', 'problem', 'idea', 'information'])[1 + g % 4],
              (ARRAY['phone', 'email', 'web_form', 'kpum', 'open311'])[1 + g % 5],
              (ARRAY['routed', 'accepted', 'in_progress', 'resolved', 'closed'])[1 + g % 5],
              (ARRAY['low', 'normal', 'normal', 'high'])[1 + g % 4],
              'Zgłoszenie ' || g, 'Opis zgłoszenia ' || g,
              ($1::uuid[])[1 + g % cardinality($1::uuid[])],
              ($2::uuid[])[1 + g % cardinality($2::uuid[])],
              ($3::uuid[])[1 + g % cardinality($3::uuid[])],
              'Mieszkaniec ' || g, '+48 600 ' || lpad((g % 1000000)::text, 6, '0'),
              timestamptz '2024-01-01 08:00+01' + (g * (365 * 86400 / $5::float8)) * interval '1 second' + interval '14 days',
              timestamptz '2024-01-01 08:00+01' + (g * (365 * 86400 / $5::float8)) * interval '1 second'
         FROM generate_series($4::int, $6::int) g`,
      [categories.map((c) => c.id), units.map((u) => u.id), districts.map((d) => d.id), start, count + 1, end],
    );
  }
  await db.query(`ANALYZE ticket`);
}

/** Downloads a URL, reading as fast as the network gives it; answers the status, bytes and seconds taken. */
function timedDownload(
  url: string,
  cookie: string,
  sink?: PassThrough,
): Promise<{ status: number; bytes: number; seconds: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let firstByteMs = 0;
    const req = httpRequest(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        sink?.write(chunk);
      });
      res.on('end', () => {
        sink?.end();
        resolve({ status: res.statusCode ?? 0, bytes, seconds: (performance.now() - started) / 1000, firstByteMs });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Rows of the first sheet, read back with exceljs's streaming reader (outside the timing). */
async function countXlsxRows(input: Readable): Promise<number> {
  let count = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { worksheets: 'emit', sharedStrings: 'cache' });
  for await (const sheet of reader) for await (const _row of sheet) count++;
  return count;
}

async function main() {
  const { databaseUrl, config } = runEnvironment('bench_report');
  const logger = createLogger('bench', 'silent');
  console.log(`report export benchmark: ${rows} tickets, database ${databaseUrl.pathname.slice(1)}`);
  await migrate(config.DATABASE_URL);
  const db = createDataSource(config.DATABASE_URL, 4);
  await db.initialize();
  const search = createSearchEngine(config, logger);
  await seed(db, search.engine);
  const started = performance.now();
  await insertTickets(db, rows);
  console.log(`inserted ${rows} tickets in ${round((performance.now() - started) / 1000)} s`);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const backend = startProcess('backend/src/main.ts', {
    ...process.env,
    DATABASE_URL: config.DATABASE_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    MEILI_URL: '',
    LOG_LEVEL: 'warn',
    CONSOLE_DIST: '',
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  try {
    await waitForHealth(url);
    const analyst = new TestClient(url);
    await analyst.login('analityk', 'Krakow2026!');
    const cookie = analyst.cookie!;
    const pid = backend.pid!;
    const exportUrl = (format: 'xlsx' | 'csv') => `${url}/api/reports/tickets.${format}?from=${FROM}&to=${TO}`;

    // A small export first, so the first timed one does not pay for loading exceljs and warming the pool.
    await timedDownload(`${url}/api/reports/tickets.xlsx?from=${FROM}&to=2024-01-02`, cookie);
    const idleRss = await rssMb(pid);

    // The file is kept and read back only after the timing: parsing it meanwhile would take CPU from the backend.
    const chunks: Buffer[] = [];
    const keep = new PassThrough();
    keep.on('data', (chunk: Buffer) => chunks.push(chunk));
    let sampler = sampleRss(pid);
    const xlsx = await timedDownload(exportUrl('xlsx'), cookie, keep);
    const xlsxRss = await sampler.stop();
    const xlsxRows = (await countXlsxRows(Readable.from([Buffer.concat(chunks)]))) - 1;
    if (xlsx.status !== 200 || xlsxRows !== rows)
      throw new Error(`the XLSX export answered ${xlsx.status} with ${xlsxRows} rows (expected ${rows})`);

    sampler = sampleRss(pid);
    const csv = await timedDownload(exportUrl('csv'), cookie);
    const csvRss = await sampler.stop();

    console.log(`backend RSS idle before the exports: ${round(idleRss)} MB (sampled from /proc every ${SAMPLE_MS} ms)`);
    console.log(
      `XLSX: ${rows} rows, ${round(xlsx.bytes / 1e6)} MB in ${round(xlsx.seconds)} s ` +
        `(first byte after ${Math.round(xlsx.firstByteMs)} ms), peak RSS ${round(xlsxRss.peak)} MB over ${xlsxRss.samples} samples`,
    );
    console.log(
      `CSV:  ${rows} rows, ${round(csv.bytes / 1e6)} MB in ${round(csv.seconds)} s, peak RSS ${round(csvRss.peak)} MB`,
    );
    console.log(
      JSON.stringify({
        bench: 'report-export',
        rows,
        seconds: Math.round(xlsx.seconds * 100) / 100,
        peak_rss_mb: round(xlsxRss.peak),
        idle_rss_mb: round(idleRss),
        rows_per_s: Math.round(rows / xlsx.seconds),
        xlsx_mb: round(xlsx.bytes / 1e6),
        csv_seconds: Math.round(csv.seconds * 100) / 100,
        csv_peak_rss_mb: round(csvRss.peak),
      }),
    );
  } finally {
    await stopChild(backend);
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
