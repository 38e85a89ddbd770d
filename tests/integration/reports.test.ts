// DK-05's reports through the real stack: the monthly and unit reports as JSON, CSV and XLSX (read back with
// exceljs), the raw ticket export, the 400s, saved tables with their 409, and scheduled e-mails through a real SMTP
// server that refuses one mailbox: that recipient is retried with backoff, then the run shows as failed.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { ErrorBody, ReportDto, ReportScheduleDto, ReportTableDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { refreshRollups } from '../../backend/src/analytics/rollups.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { freePort } from '../support/processes.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { sleep } from '../support/waiting.ts';

const REFUSING = 'pelna-skrzynka@example.org';
const TICKETS = 30;

/*
 * A database and Redis prefix of this file's own: its figures count only its tickets, and its worker (with SMTP)
 * takes only its report jobs.
 */
let environment: IsolatedEnvironment;
let smtp: SMTPServer;
const arrivals: ParsedMail[] = [];
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let analyst: TestClient;
let supervisor: TestClient;
let roads: TestClient;
let roadsUnit: string;

beforeAll(async () => {
  environment = await createIsolatedEnvironment(`reports${randomBytes(3).toString('hex')}`);
  const port = await freePort();
  // Refuses one mailbox at RCPT TO with a permanent 5xx, as a full or closed mailbox does.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) =>
      address.address === REFUSING
        ? callback(Object.assign(new Error('5.2.2 Mailbox full'), { responseCode: 552 }))
        : callback(),
    onData: (stream, _session, callback) => {
      simpleParser(stream).then(
        (mail) => {
          arrivals.push(mail);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
  backend = await startTestBackend({
    config: {
      ...environment.env,
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      REPORT_MAIL_ATTEMPTS: '3',
      REPORT_MAIL_BACKOFF_MS: '200',
      DATABASE_POOL_SIZE: '10',
    },
  });
  worker = await startWorkerRuntime({ ...backend.ctx.config }, backend.ctx.db, createLogger('test-reports', 'silent'));
  [analyst, supervisor, roads] = await Promise.all([
    signedIn(backend.url, 'analityk'),
    signedIn(backend.url, 'kierownik'),
    signedIn(backend.url, 'drogi'),
  ]);

  const { db } = backend.ctx;
  roadsUnit = await unitId(db, 'ZDMK');
  const pothole = await entryId(db, 'category', 'roads.pothole');
  // October 2025, half resolved; the reporter's name and phone must not reach any export.
  await db.query(
    `INSERT INTO ticket (number, type, channel, status, title, description, category_id, unit_id, reporter_name,
                         reporter_phone, created_at)
     SELECT 'KCK/2025/' || lpad((800000 + g)::text, 6, '0'), 'problem', 'phone',
            CASE WHEN g % 2 = 0 THEN 'resolved' ELSE 'routed' END, 'Dziura', 'Opis', $1, $2, 'Jan Tajny',
            '+48 600 999 111', timestamptz '2025-10-10 10:00+02' + g * interval '1 hour'
       FROM generate_series(1, ${TICKETS}) g`,
    [pothole, roadsUnit],
  );
  await refreshRollups(db, { full: true });
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await environment?.drop();
});

/** A download as the console makes it: the session cookie, the raw bytes and the headers. */
async function download(client: TestClient, path: string) {
  const res = await fetch(backend.url + path, { headers: { cookie: client.cookie! } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function readXlsx(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

const fieldPaths = (body: unknown) => ((body as ErrorBody).error.fields ?? []).map((f) => f.path);

describe('the monthly and unit reports', () => {
  it('answers the monthly report as JSON with its sections', async () => {
    const res = await analyst.get<ReportDto>('/api/reports/monthly?period=2025-10');
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Raport miesięczny KCK: październik 2025');
    expect(res.body).toMatchObject({ from: '2025-10-01', to: '2025-10-31' });
    const byUnit = res.body.sections.find((s) => s.key === 'tickets_by_unit')!;
    const zdmk = byUnit.rows.find((r) => String(r[0]).startsWith('ZDMK'))!;
    expect(zdmk[1]).toBe(TICKETS);
    expect(res.body.sections.map((s) => s.key)).toEqual(
      expect.arrayContaining(['calls_by_topic', 'tickets_by_channel', 'backlog', 'knowledge_gaps']),
    );
  });

  it('exports it as CSV for a Polish Excel: BOM, semicolons, the period in the file name', async () => {
    const res = await download(analyst, '/api/reports/monthly?period=2025-10&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('raport-miesieczny-2025-10.csv');
    const text = res.body.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('Raport miesięczny KCK: październik 2025');
    expect(text).toMatch(new RegExp(`ZDMK[^\\r\\n]*;${TICKETS};`));
  });

  it('exports it as XLSX: one sheet per section, bold headers, numbers as numbers', async () => {
    const json = (await analyst.get<ReportDto>('/api/reports/monthly?period=2025-10')).body;
    const res = await download(analyst, '/api/reports/monthly?period=2025-10&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('raport-miesieczny-2025-10.xlsx');
    const workbook = await readXlsx(res.body);
    expect(workbook.worksheets).toHaveLength(json.sections.length);
    const sheet = workbook.worksheets.find(
      (w) => w.getCell('A1').value === 'Jednostki: przekazanie, załatwienie i dotrzymane terminy',
    )!;
    expect(sheet.getRow(2).font?.bold ?? sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.getCell('B2').value).toBe('Zgłoszenia');
    let zdmkRow = 0;
    sheet.eachRow((row, n) => {
      if (String(row.getCell(1).value).startsWith('ZDMK')) zdmkRow = n;
    });
    expect(sheet.getRow(zdmkRow).getCell(2).value).toBe(TICKETS);
    expect(sheet.getColumn(1).width).toBeGreaterThanOrEqual(28);
  });

  it("gives a head of unit their own unit's report, and not the KCK-wide one", async () => {
    const own = await roads.get<ReportDto>('/api/reports/unit?period=2025-10');
    expect(own.status).toBe(200);
    expect(own.body.unit?.code).toBe('ZDMK');
    const summary = own.body.sections.find((s) => s.key === 'summary')!;
    expect(summary.rows[0]).toEqual(['Zgłoszenia', TICKETS]);
    const oldest = own.body.sections.find((s) => s.key === 'oldest')!;
    expect(oldest.rows.length).toBe(TICKETS / 2);
    expect((await roads.get('/api/reports/monthly?period=2025-10')).status).toBe(403);

    const file = await download(analyst, `/api/reports/unit?period=2025-10&unitId=${roadsUnit}&format=xlsx`);
    expect(file.headers.get('content-disposition')).toContain('raport-jednostki-zdmk-2025-10.xlsx');
  });

  it('exports the raw tickets of a period without the reporters’ data', async () => {
    const xlsx = await download(analyst, '/api/reports/tickets.xlsx?from=2025-10-01&to=2025-10-31');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toContain('zgloszenia-2025-10-01_2025-10-31.xlsx');
    const sheet = (await readXlsx(xlsx.body)).worksheets[0]!;
    expect(sheet.rowCount).toBe(TICKETS + 1);
    expect(sheet.getCell('A1').value).toBe('Numer');
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('KCK/2025/800001');

    const csv = await download(analyst, `/api/reports/tickets.csv?from=2025-10-01&to=2025-10-31&unitId=${roadsUnit}`);
    const text = csv.body.toString('utf8');
    expect(text.trim().split('\r\n')).toHaveLength(TICKETS + 1);
    expect(text).not.toContain('Jan Tajny');
    expect(text).not.toContain('600 999 111');
    expect((await roads.get('/api/reports/tickets.csv?from=2025-10-01&to=2025-10-31')).status).toBe(403);
  });
});

describe('bad periods and units answer 400 naming the field', () => {
  it.each([
    ['/api/reports/monthly', 'query.period'],
    ['/api/reports/monthly?period=2025-13', 'query.period'],
    ['/api/reports/monthly?from=2025-10-31&to=2025-10-01', 'to'],
    ['/api/reports/monthly?from=2000-01-01&to=2025-10-01', 'to'],
    ['/api/reports/monthly?from=2025-10-01', 'query.to'],
    [`/api/reports/unit?period=2025-10&unitId=${'0'.repeat(8)}-0000-4000-8000-000000000000`, 'unitId'],
    ['/api/reports/unit?period=2025-10', 'unitId'],
    ['/api/reports/tickets.xlsx?from=2025-10-31&to=2025-10-01', 'to'],
  ])('%s', async (path, field) => {
    const res = await analyst.get(path);
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toContain(field);
  });
});

const DEFINITION = {
  subject: 'tickets',
  dimensions: ['unit', 'status'],
  measures: ['tickets', 'open'],
  filters: {},
  period: { kind: 'fixed', from: '2025-10-01', to: '2025-10-31' },
} as const;

describe('saved tables', () => {
  it('previews, saves, shares and exports a table; a stale edit gets 409', async () => {
    const preview = await analyst.post<ReportDto>('/api/report-tables/preview', { definition: DEFINITION });
    expect(preview.status).toBe(200);
    expect(preview.body.sections[0]!.rows.at(-1)).toEqual(['Razem', null, TICKETS, TICKETS / 2]);

    const saved = await analyst.post<ReportTableDto>('/api/report-tables', {
      name: 'ZDMK według statusu',
      shared: false,
      definition: DEFINITION,
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ version: 1, mine: true, shared: false });
    // Private: another analyst-role user does not see it.
    expect((await supervisor.get(`/api/report-tables/${saved.body.id}`)).status).toBe(404);

    const shared = await analyst.request<ReportTableDto>('PUT', `/api/report-tables/${saved.body.id}`, {
      name: 'ZDMK według statusu',
      shared: true,
      definition: { ...DEFINITION, period: { kind: 'relative', relative: 'last_month' } },
      version: 1,
    });
    expect(shared.status).toBe(200);
    expect(shared.body.version).toBe(2);
    const seen = await supervisor.get<ReportTableDto[]>('/api/report-tables');
    expect(seen.body.map((t) => t.id)).toContain(saved.body.id);
    expect((await supervisor.request('PUT', `/api/report-tables/${saved.body.id}`, { ...DEFINITION })).status).toBe(
      400,
    );

    const stale = await analyst.request<ErrorBody>('PUT', `/api/report-tables/${saved.body.id}`, {
      name: 'Nadpisane',
      shared: true,
      definition: DEFINITION,
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect((await analyst.get<ReportTableDto>(`/api/report-tables/${saved.body.id}`)).body.name).toBe(
      'ZDMK według statusu',
    );

    const file = await download(analyst, `/api/report-tables/${saved.body.id}/export?format=xlsx`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('tabela-zdmk-wedlug-statusu-');
  });

  it('refuses a bad definition field by field and saves nothing', async () => {
    const before = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM report_table`);
    const res = await analyst.post('/api/report-tables', {
      name: 'Zła',
      shared: false,
      definition: { ...DEFINITION, dimensions: ['unit', 'status', 'day', 'channel'] },
    });
    expect(res.status).toBe(400);
    expect(fieldPaths(res.body)).toContain('definition.dimensions');
    const reversed = await analyst.post('/api/report-tables', {
      name: 'Odwrócona',
      shared: false,
      definition: { ...DEFINITION, period: { kind: 'fixed', from: '2025-10-31', to: '2025-10-01' } },
    });
    expect(reversed.status).toBe(400);
    expect(fieldPaths(reversed.body)).toContain('definition.period.to');
    expect(await backend.ctx.db.query(`SELECT count(*)::int AS n FROM report_table`)).toEqual(before);
  });
});

async function until<T>(read: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const mailTo = (address: string) =>
  arrivals.filter((m) =>
    (Array.isArray(m.to) ? m.to : [m.to]).some((to) => to?.value.some((v) => v.address === address)),
  );

describe('scheduled reports', () => {
  const schedule = (recipients: string[]) => ({
    name: 'Raport miesięczny dla dyrekcji',
    source: { kind: 'report', report: 'monthly' },
    cadence: { every: 'month', day: 2, hour: 7 },
    recipients,
  });

  it('e-mails the report as XLSX to each recipient and records the run as sent', async () => {
    const created = await analyst.post<ReportScheduleDto>('/api/report-schedules', schedule(['dyrektor@example.org']));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ active: true, lastRun: null });
    expect((await analyst.post(`/api/report-schedules/${created.body.id}/run`)).status).toBe(202);

    const [mail] = await until(
      async () => mailTo('dyrektor@example.org').length > 0 && mailTo('dyrektor@example.org'),
      'mail',
    );
    expect(mail!.subject).toMatch(/^Raport miesięczny KCK: /);
    const attachment = mail!.attachments[0]!;
    expect(attachment.filename).toMatch(/^raport-miesieczny-\d{4}-\d{2}\.xlsx$/);
    expect((await readXlsx(attachment.content)).worksheets.length).toBeGreaterThan(5);
    const run = await until(async () => {
      const s = (await analyst.get<ReportScheduleDto>(`/api/report-schedules/${created.body.id}`)).body;
      return s.lastRun?.status === 'sent' && s.lastRun;
    }, 'run sent');
    expect(run).toMatchObject({ attempts: 1, sentTo: ['dyrektor@example.org'], error: null });
  });

  it('retries a refused mailbox with backoff, then shows the run as failed without re-sending to the others', async () => {
    const created = await analyst.post<ReportScheduleDto>(
      '/api/report-schedules',
      schedule(['zastepca@example.org', REFUSING]),
    );
    await analyst.post(`/api/report-schedules/${created.body.id}/run`);
    const run = await until(async () => {
      const list = (await analyst.get<ReportScheduleDto[]>('/api/report-schedules')).body;
      const s = list.find((x) => x.id === created.body.id);
      return s?.lastRun?.status === 'failed' && s.lastRun;
    }, 'run failed');
    expect(run.attempts).toBe(3);
    expect(run.error).toContain(REFUSING);
    expect(run.error).toContain('552');
    expect(run.sentTo).toEqual(['zastepca@example.org']);
    expect(mailTo('zastepca@example.org')).toHaveLength(1);
    expect(mailTo(REFUSING)).toHaveLength(0);
  });

  it('refuses a bad recipient or unknown unit, naming the field, and writes nothing', async () => {
    const before = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM report_schedule`);
    const bad = await analyst.post('/api/report-schedules', schedule(['dyrektor@example.org', 'nie-adres']));
    expect(bad.status).toBe(400);
    expect(fieldPaths(bad.body)).toContain('recipients.1');
    const unit = await analyst.post('/api/report-schedules', {
      ...schedule(['dyrektor@example.org']),
      source: { kind: 'report', report: 'unit', unitId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(unit.status).toBe(400);
    expect(fieldPaths(unit.body)).toContain('source.unitId');
    expect(await backend.ctx.db.query(`SELECT count(*)::int AS n FROM report_schedule`)).toEqual(before);
  });
});
