// Attachments as files under one directory (ATTACHMENTS_DIR), one file per key.
// A file appears under its key only by a rename of a complete file, so a reader never sees half of one.
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { notFound } from '../platform/errors.ts';
import {
  assertKey,
  KEY_PATTERN,
  type AttachmentStore,
  type StoredFile,
  type StoredObject,
} from './attachment-store.ts';

export class DiskAttachmentStore implements AttachmentStore {
  readonly kind = 'disk';

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, file: StoredFile): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      // The upload waits in ATTACHMENTS_DIR/.incoming, on the same file system: a rename is instant and atomic.
      await rename(file.path, target);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
      // Another file system: copy beside the target first, so the target still appears whole or not at all.
      const partial = `${target}.${randomUUID()}.partial`;
      try {
        await copyFile(file.path, partial);
        await rename(partial, target);
      } finally {
        await rm(partial, { force: true });
      }
    }
  }

  async read(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('Attachment file');
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
  async *list(prefix: string): AsyncIterable<StoredObject[]> {
    assertKey(prefix);
    const top = this.pathOf(prefix);
    let entries;
    try {
      entries = await readdir(top, { recursive: true, withFileTypes: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    let page: StoredObject[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const key = path.relative(this.root, full).split(path.sep).join('/');
      // Half-copied `.partial` files and anything else that is not one of our keys are left alone.
      if (!KEY_PATTERN.test(key)) continue;
      const info = await stat(full).catch(() => null);
      if (!info) continue; // removed meanwhile
      page.push({ key, modifiedAt: info.mtime });
      if (page.length === 1000) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }
}
