// `npm run restore -- <dir> [--force]`: a backup made by `npm run backup` into DATABASE_URL (created when missing),
// its attachment files into the configured store, then both search indexes rebuilt from the restored articles.
// A database that already holds tables is refused unless --force, which replaces everything in it.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { config, type Config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { createLogger } from '@kck/backend/platform/logger';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { createAttachmentStore, incomingDir } from '@kck/backend/attachments/attachments.storage';
import { DUMP, MANIFEST, countRows, filePath, libpqTarget, runTool, sha256File, type Manifest } from './backup-set.ts';
import { ensureDatabase } from './services.ts';
import { kbReindex, type ReindexSummary } from './kb-reindex.ts';

/** The target database holds tables and --force was not given: nothing was changed. */
export class RestoreRefused extends Error {}

export interface RestoreSummary {
  database: string;
  tables: number;
  rows: number;
  attachments: number;
  search: ReindexSummary;
}

export async function restore(cfg: Config, dir: string, options: { force?: boolean } = {}): Promise<RestoreSummary> {
  const source = path.resolve(dir);
  const manifest = JSON.parse(await readFile(path.join(source, MANIFEST), 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new Error(`${MANIFEST} has an unknown format ${String(manifest.format)}`);
  const dumpFile = path.join(source, DUMP);
  if ((await sha256File(dumpFile)) !== manifest.dumpSha256)
    throw new Error(`${dumpFile} does not match the checksum in ${MANIFEST}; the backup is damaged`);

  await ensureDatabase(cfg.DATABASE_URL);
  const client = new pg.Client({ connectionString: cfg.DATABASE_URL, application_name: 'kck-restore' });
  await client.connect();
  let database: string;
  try {
    const { rows } = await client.query<{ database: string; tables: number }>(
      `SELECT current_database() AS database,
              (SELECT count(*)::int FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')) AS tables`,
    );
    database = rows[0]!.database;
    const existing = rows[0]!.tables;
    if (existing > 0 && !options.force)
      throw new RestoreRefused(
        `Database ${database} is not empty (${existing} tables); restoring into it would mix two databases. ` +
          'Restore into a new or empty database (DATABASE_URL), or add --force to replace everything in it.',
      );
    if (existing > 0) {
      // --force: every schema of ours goes, with its tables and extensions; pg_restore brings back what the backup had.
      const { rows: schemas } = await client.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace
          WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
      );
      for (const { name } of schemas) await client.query(`DROP SCHEMA ${pg.escapeIdentifier(name)} CASCADE`);
      await client.query('CREATE SCHEMA public');
    }
  } finally {
    await client.end();
  }

  const { url, env } = libpqTarget(cfg.DATABASE_URL);
  await runTool(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${url}`, dumpFile],
    env,
  );

  // Files go in through the store itself, so a backup from disk restores into S3 and the other way round.
  const store = createAttachmentStore(cfg);
  const incoming = incomingDir(cfg);
  await mkdir(incoming, { recursive: true });
  for (const file of manifest.attachments) {
    // The disk store moves what it is given: it gets a copy, never the backup's own file.
    const copy = path.join(incoming, `restore-${randomUUID()}`);
    await copyFile(filePath(source, file.key), copy);
    try {
      await store.put(file.key, { path: copy, sizeBytes: file.bytes, contentType: file.contentType });
    } finally {
      await rm(copy, { force: true });
    }
  }

  const check = new pg.Client({ connectionString: cfg.DATABASE_URL, application_name: 'kck-restore' });
  await check.connect();
  let counts: Record<string, number>;
  try {
    counts = await countRows(check);
  } finally {
    await check.end();
  }
  const differing = [...new Set([...Object.keys(counts), ...Object.keys(manifest.tables)])].filter(
    (table) => counts[table] !== manifest.tables[table],
  );
  if (differing.length > 0)
    throw new Error(
      `The restored database differs from the backup's counts in: ${differing
        .map((t) => `${t} (${counts[t] ?? 'missing'} instead of ${manifest.tables[t] ?? 'none'})`)
        .join(', ')}`,
    );

  // The search indexes are not in the backup: they are rebuilt from the restored articles (Meilisearch and PostgreSQL).
  const db = createDataSource(cfg.DATABASE_URL, 2);
  const search = createSearchEngine(cfg, createLogger('restore', cfg.LOG_LEVEL));
  await db.initialize();
  let reindexed: ReindexSummary;
  try {
    reindexed = await kbReindex(db, search.engine, search.engines);
  } finally {
    await Promise.all([db.destroy(), search.close()]);
  }

  return {
    database,
    tables: Object.keys(counts).length,
    rows: Object.values(counts).reduce((a, b) => a + b, 0),
    attachments: manifest.attachments.length,
    search: reindexed,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const dir = args.find((arg) => !arg.startsWith('--'));
  const unknown = args.filter((arg) => arg.startsWith('--') && arg !== '--force');
  if (!dir || unknown.length > 0) {
    console.error('Usage: npm run restore -- <backup folder> [--force]');
    process.exit(2);
  }
  restore(config(), dir, { force })
    .then((s) => {
      console.log(
        `Restored ${s.tables} tables (${s.rows} rows) and ${s.attachments} attachment files into ${s.database}`,
      );
      if (s.search.errors.length === 0)
        console.log(`Search: ${s.search.articles} published articles reindexed into ${s.search.engines.join(' and ')}`);
      else {
        console.error(`Search indexes rebuilt only in part: ${s.search.errors.join('; ')}`);
        console.error('Run npm run kb:reindex once every search engine answers.');
        process.exitCode = 1;
      }
      console.log('If this code is newer than the backup, run npm run migrate before starting the platform.');
      console.log(JSON.stringify(s));
    })
    .catch((err) => {
      console.error(
        err instanceof RestoreRefused ? err.message : `Restore failed: ${err instanceof Error ? err.message : err}`,
      );
      process.exitCode = err instanceof RestoreRefused ? 3 : 1;
    });
}
