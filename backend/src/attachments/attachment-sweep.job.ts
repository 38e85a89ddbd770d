// The attachment sweep: deletes stored objects no live attachment row points to (an upload whose commit never
// happened because the process died in between, a removal whose delete failed) and uploads left half-received.
import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.ts';
import type { AttachmentStore } from './attachment-store.ts';

export interface SweepOptions {
  /** Local folder uploads are received in before they are kept. */
  incomingDir: string;
  /**
   * Only what is older than this is touched: an upload puts its object before committing its row, so a young
   * object without a row may be one whose commit is a moment away.
   */
  graceMs: number;
}

export interface SweepResult {
  removedObjects: number;
  removedIncoming: number;
}

export async function handleAttachmentSweepJob(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
  options: SweepOptions,
  now = new Date(),
): Promise<SweepResult> {
  const cutoff = now.getTime() - options.graceMs;
  let removedObjects = 0;
  for await (const page of store.list('tickets')) {
    const old = page.filter((object) => object.modifiedAt.getTime() < cutoff).map((object) => object.key);
    if (old.length === 0) continue;
    const live: { storage_key: string }[] = await db.query(
      `SELECT storage_key FROM ticket_attachment WHERE removed_at IS NULL AND storage_key = ANY($1::text[])`,
      [old],
    );
    const kept = new Set(live.map((row) => row.storage_key));
    for (const key of old) {
      if (kept.has(key)) continue;
      await store.remove(key);
      removedObjects += 1;
    }
  }
  const removedIncoming = await removeOldFiles(options.incomingDir, cutoff);
  if (removedObjects + removedIncoming > 0)
    logger.info({ removedObjects, removedIncoming }, 'attachment sweep removed orphaned files');
  return { removedObjects, removedIncoming };
}

async function removeOldFiles(dir: string, cutoff: number): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (!info?.isFile() || info.mtimeMs >= cutoff) continue;
    await rm(file, { force: true });
    removed += 1;
  }
  return removed;
}
