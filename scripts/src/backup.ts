// `npm run backup -- [dir]`: the database (pg_dump, custom format), the attachment files its rows point to and a
// manifest with every table's row count, all read from one snapshot while the platform keeps running.
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { config, type Config } from '@kck/backend/platform/config';
import { createAttachmentStore } from '@kck/backend/attachments/attachments.storage';
import {
  DUMP,
  MANIFEST,
  countRows,
  filePath,
  lastMigration,
  libpqTarget,
  referencedFiles,
  runTool,
  sha256File,
  type AttachmentFile,
  type Manifest,
} from './backup-set.ts';

export async function backup(cfg: Config, dir: string): Promise<Manifest> {
  const target = path.resolve(dir);
  await mkdir(target, { recursive: true });
  if ((await readdir(target)).length > 0) throw new Error(`${target} is not empty; back up into a new folder`);

  const client = new pg.Client({ connectionString: cfg.DATABASE_URL, application_name: 'kck-backup' });
  await client.connect();
  try {
    // pg_dump reads the snapshot this transaction exports, so the counts and file list below match the dump exactly.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ snapshot: string; database: string; version: string }>(
      `SELECT pg_export_snapshot() AS snapshot, current_database() AS database, current_setting('server_version') AS version`,
    );
    const { snapshot, database, version } = rows[0]!;
    const { url, env } = libpqTarget(cfg.DATABASE_URL);
    const dumpFile = path.join(target, DUMP);
    const dumped = runTool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${dumpFile}`, url],
      env,
    );
    const tables = await countRows(client);
    const migration = await lastMigration(client);
    const files = await referencedFiles(client);
    await dumped;
    await client.query('COMMIT');

    const store = createAttachmentStore(cfg);
    const attachments: AttachmentFile[] = [];
    const missingAttachments: string[] = [];
    for (const file of files) {
      const destination = filePath(target, file.key);
      await mkdir(path.dirname(destination), { recursive: true });
      try {
        await pipeline(await store.read(file.key), createWriteStream(destination));
      } catch (err) {
        // A row whose file is gone cannot be helped by failing the whole backup: it is named in the manifest.
        if ((err as { status?: number }).status === 404) {
          missingAttachments.push(file.key);
          continue;
        }
        throw err;
      }
      attachments.push({ key: file.key, contentType: file.contentType, bytes: (await stat(destination)).size });
    }

    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      database,
      serverVersion: version,
      lastMigration: migration,
      dumpSha256: await sha256File(dumpFile),
      tables,
      attachments,
      missingAttachments,
    };
    await writeFile(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = process.argv[2] ?? path.join('var', 'backups', new Date().toISOString().replace(/[:.]/g, '-'));
  backup(config(), dir)
    .then((manifest) => {
      const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
      const bytes = manifest.attachments.reduce((a, f) => a + f.bytes, 0);
      console.log(
        `Backed up ${manifest.database} to ${path.resolve(dir)}: ${Object.keys(manifest.tables).length} tables, ` +
          `${rows} rows, ${manifest.attachments.length} attachment files (${bytes} bytes)`,
      );
      if (manifest.missingAttachments.length > 0)
        console.error(
          `${manifest.missingAttachments.length} attachment files the database names were not in the store: ` +
            manifest.missingAttachments.join(', '),
        );
    })
    .catch((err) => {
      console.error('Backup failed:', err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
