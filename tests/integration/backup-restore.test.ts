// `npm run backup` and `npm run restore`, run as commands: a database with a ticket that has a history, a comment and
// an attachment is backed up, restored into a fresh database, and compared table by table and in that ticket's
// full history and files; the search index is rebuilt from the restored articles; a non-empty database is refused.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDetailDto, TicketDto } from '@kck/contracts';
import { createMeiliEngine } from '@kck/knowledge-base';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { parseConfig } from '../../backend/src/platform/config.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { countRows } from '../../scripts/src/backup-set.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { repoRoot } from '../support/processes.ts';
import { SAMPLE, upload } from '../support/uploads.ts';
import { sleep } from '../support/waiting.ts';

const base = parseConfig(process.env);
let environment: IsolatedEnvironment;
let backend: TestBackend | undefined;
let worker: RunningWorkers | undefined;
let work: string;
let restoredUrl: string;
const restoredIndex = `${base.MEILI_INDEX}_restored`;

/** Runs `npm run <script> -- args` as an operator would (through tsx), with the given variables. */
function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/src/${script}.ts`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** A ticket's whole history as stored: the row, its events, comments and attachments (rows and file bytes). */
async function history(url: string, attachmentsDir: string, ticketId: string) {
  return withClient(url, async (client) => {
    const q = async (sql: string) => (await client.query(sql, [ticketId])).rows;
    const attachments = await q(`SELECT * FROM ticket_attachment WHERE ticket_id = $1 ORDER BY id`);
    const files = await Promise.all(
      attachments.map(async (a: { storage_key: string }) =>
        createHash('sha256')
          .update(await readFile(path.join(attachmentsDir, ...a.storage_key.split('/'))))
          .digest('hex'),
      ),
    );
    return {
      ticket: await q(`SELECT to_jsonb(t) AS row FROM ticket t WHERE id = $1`),
      events: await q(`SELECT * FROM ticket_event WHERE ticket_id = $1 ORDER BY id`),
      comments: await q(`SELECT * FROM ticket_comment WHERE ticket_id = $1 ORDER BY id`),
      attachments,
      files,
    };
  });
}

let ticketId: string;
let sourceFiles: string;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('backup');
  work = await mkdtemp(path.join(tmpdir(), 'kck-backup-test-'));
  sourceFiles = path.join(work, 'source-attachments');
  const url = new URL(environment.databaseUrl);
  url.pathname = `${url.pathname}_restored`;
  restoredUrl = url.toString();

  // A ticket with a history: created, routed by the worker, commented on by the unit, a photo attached.
  backend = await startTestBackend({ config: { ...environment.env, ATTACHMENTS_DIR: sourceFiles } });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  const [agent, roads] = await signedInAll(backend.url, 'agent', 'drogi');
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title: 'Wyrwa w jezdni do kopii zapasowej',
    description: 'Głęboka wyrwa przy krawężniku.',
    reporter: { name: 'Anna Nowak', phone: '+48 600 100 200' },
  });
  expect(created.status).toBe(201);
  ticketId = created.body.id;
  for (let i = 0; i < 150; i++) {
    if ((await roads.get<TicketDetailDto>(`/api/tickets/${ticketId}`)).body?.status === 'routed') break;
    await sleep(100);
  }
  expect(
    (await roads.post(`/api/tickets/${ticketId}/comments`, { kind: 'internal', body: 'Ekipa jutro.' })).status,
  ).toBe(201);
  expect((await upload(roads, ticketId, { name: 'wyrwa.png', bytes: SAMPLE.png, type: 'image/png' })).status).toBe(201);
  // Quiet before the backup: the outbox drained, nothing running that would write during the comparison.
  for (let i = 0; i < 100; i++) {
    const [row] = await backend.ctx.db.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    if (row.n === 0) break;
    await sleep(100);
  }
  await worker.close();
  worker = undefined;
  await backend.close();
  backend = undefined;
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  const admin = new pg.Client({ connectionString: base.DATABASE_URL });
  await admin.connect();
  await admin.query(
    `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(new URL(restoredUrl).pathname.slice(1))} WITH (FORCE)`,
  );
  await admin.end();
  await environment?.drop();
  await rm(work, { recursive: true, force: true });
});

describe('npm run backup, then npm run restore into a fresh database', () => {
  it('restores every table, the ticket’s whole history and files, and rebuilds the search index', async () => {
    const dir = path.join(work, 'backup');
    const backedUp = await run('backup', [dir], { ...environment.env, ATTACHMENTS_DIR: sourceFiles });
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/Backed up .* 1 attachment files/);
    const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.tables.ticket).toBeGreaterThanOrEqual(1);
    expect(manifest.missingAttachments).toEqual([]);

    const restoredFiles = path.join(work, 'restored-attachments');
    const restoreEnv = {
      ...environment.env,
      DATABASE_URL: restoredUrl,
      ATTACHMENTS_DIR: restoredFiles,
      MEILI_URL: base.MEILI_URL,
      MEILI_INDEX: restoredIndex,
    };
    const restored = await run('restore', [dir], restoreEnv);
    expect(restored.code, restored.stderr).toBe(0);
    const summary = JSON.parse(restored.stdout.trim().split('\n').at(-1)!);

    // Every table has the rows it had, counted independently in both databases.
    const sourceCounts = await withClient(environment.databaseUrl, countRows);
    const restoredCounts = await withClient(restoredUrl, countRows);
    expect(restoredCounts).toEqual(sourceCounts);
    expect(restoredCounts).toEqual(manifest.tables);
    expect(Object.keys(restoredCounts).length).toBeGreaterThan(20);

    // The ticket's full history: its row, events, comment, attachment rows and the file's bytes.
    const before = await history(environment.databaseUrl, sourceFiles, ticketId);
    const after = await history(restoredUrl, restoredFiles, ticketId);
    expect(before.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['ticket.created', 'ticket.routed']),
    );
    expect(before.comments).toHaveLength(1);
    expect(before.attachments).toHaveLength(1);
    expect(after).toEqual(before);
    expect(after.files).toEqual(after.attachments.map((a: { sha256: string }) => a.sha256));

    // Meilisearch rebuilt from the restored database: every published article, searchable.
    const [published] = await withClient(
      restoredUrl,
      async (c) =>
        (await c.query(`SELECT count(*)::int AS n, min(id::text) AS id FROM article WHERE status = 'published'`)).rows,
    );
    const [article] = await withClient(
      restoredUrl,
      async (c) => (await c.query(`SELECT id, title FROM article WHERE id = $1`, [published.id])).rows,
    );
    expect(published.n).toBeGreaterThan(0);
    expect(summary.search).toMatchObject({ articles: published.n, errors: [] });
    expect(summary.search.engines).toContain('meilisearch');
    const meili = createMeiliEngine({ url: base.MEILI_URL, masterKey: base.MEILI_MASTER_KEY, index: restoredIndex });
    const found = await meili.search(article.title);
    expect(found.engine).toBe('meilisearch');
    expect(found.hits.map((hit) => hit.id)).toContain(article.id);
    await meili.close?.();
  }, 120_000);

  it('refuses to restore into a database that is not empty, changing nothing, unless --force', async () => {
    const dir = path.join(work, 'backup');
    // The restored database from the test above now holds tables; mark it to see that nothing is replaced.
    await withClient(restoredUrl, (c) =>
      c.query(`UPDATE ticket SET title = 'Zmieniony po odtworzeniu' WHERE id = $1`, [ticketId]),
    );
    const countsBefore = await withClient(restoredUrl, countRows);
    const env = {
      ...environment.env,
      DATABASE_URL: restoredUrl,
      ATTACHMENTS_DIR: path.join(work, 'restored-attachments'),
      MEILI_URL: base.MEILI_URL,
      MEILI_INDEX: restoredIndex,
    };
    const refused = await run('restore', [dir], env);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    expect(await withClient(restoredUrl, countRows)).toEqual(countsBefore);
    const title = async () =>
      withClient(
        restoredUrl,
        async (c) => (await c.query(`SELECT title FROM ticket WHERE id = $1`, [ticketId])).rows[0].title,
      );
    expect(await title()).toBe('Zmieniony po odtworzeniu');

    const forced = await run('restore', [dir, '--force'], env);
    expect(forced.code, forced.stderr).toBe(0);
    expect(await title()).toBe('Wyrwa w jezdni do kopii zapasowej');
    expect(await withClient(restoredUrl, countRows)).toEqual(await withClient(environment.databaseUrl, countRows));
  }, 120_000);

  it('refuses an unknown option or a missing folder with its usage', async () => {
    const res = await run('restore', ['--forse'], { ...environment.env, DATABASE_URL: restoredUrl });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Usage: npm run restore -- <backup folder> [--force]');
  }, 60_000);
});
