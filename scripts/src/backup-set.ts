// What a backup folder holds and how both `npm run backup` and `npm run restore` read a database: the manifest,
// the row count of every table and the attachment files the rows point to. Shared by backup.ts and restore.ts.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

export const MANIFEST = 'manifest.json';
export const DUMP = 'database.dump';
export const FILES = 'attachments';

export interface AttachmentFile {
  /** The store's key, also the file's path under FILES. */
  key: string;
  contentType: string;
  bytes: number;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  /** The database's name at the time (restores may go into another). */
  database: string;
  serverVersion: string;
  /** The newest migration the database had run: code older than this cannot serve the restore. */
  lastMigration: string | null;
  /** The dump's SHA-256, checked before a restore starts. */
  dumpSha256: string;
  /** Rows of every table of the public schema, counted in the same snapshot pg_dump read. */
  tables: Record<string, number>;
  /** Attachment files the rows point to, copied from the store (disk or S3). */
  attachments: AttachmentFile[];
  /** Keys the rows point to whose file the store did not have when the backup ran. */
  missingAttachments: string[];
}

/** Rows of every table in the public schema, in the connection's current transaction. */
export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${quote(name)}`);
    counts[name] = Number(rows[0]!.n);
  }
  return counts;
}

/** Every stored file a row points to: the tables with a `storage_key` column (attachments, web-form uploads). */
export async function referencedFiles(client: pg.Client): Promise<{ key: string; contentType: string }[]> {
  const { rows: tables } = await client.query<{ name: string; typed: boolean }>(
    `SELECT c.table_name AS name,
            EXISTS (SELECT 1 FROM information_schema.columns t WHERE t.table_schema = 'public'
                     AND t.table_name = c.table_name AND t.column_name = 'content_type') AS typed
       FROM information_schema.columns c
      WHERE c.table_schema = 'public' AND c.column_name = 'storage_key' ORDER BY c.table_name`,
  );
  const files: { key: string; contentType: string }[] = [];
  for (const { name, typed } of tables) {
    const { rows } = await client.query<{ key: string; contentType: string }>(
      `SELECT storage_key AS key, ${typed ? 'content_type' : `'application/octet-stream'`} AS "contentType"
         FROM public.${quote(name)} ORDER BY storage_key`,
    );
    files.push(...rows);
  }
  return files;
}

export async function lastMigration(client: pg.Client): Promise<string | null> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.name ?? null;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

export const filePath = (dir: string, key: string) => path.join(dir, FILES, ...key.split('/'));

export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * How pg_dump and pg_restore reach the database: the URL without its password, which goes in PGPASSWORD so it never
 * shows in the process list.
 */
export function libpqTarget(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

/** Runs pg_dump or pg_restore; rejects with what it wrote to stderr. */
export function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', (err) => reject(new Error(`${command} could not run: ${err.message}`)));
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
