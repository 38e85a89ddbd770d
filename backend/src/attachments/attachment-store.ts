// Where attachment files live: one small interface, implemented on local disk and in an S3-compatible bucket
// (attachments.storage.ts picks one from the configuration). Only complete, checked files are ever put.
import type { Readable } from 'node:stream';

export interface StoredFile {
  /** A local file holding the whole upload, already checked; the store copies or moves it. */
  path: string;
  sizeBytes: number;
  contentType: string;
}

export interface AttachmentStore {
  readonly kind: 'disk' | 's3';
  /** Keeps the file under `key`; all or nothing: a failed put leaves no object behind. */
  put(key: string, file: StoredFile): Promise<void>;
  /** The object's bytes; rejects with a 404 AppError when there is no such object. */
  read(key: string): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  remove(key: string): Promise<void>;
  /** Every object under `prefix` with when it was last written, page by page (for the attachment sweep). */
  list(prefix: string): AsyncIterable<StoredObject[]>;
}

export interface StoredObject {
  key: string;
  modifiedAt: Date;
}

/** Keys are ours (`tickets/<ticket id>/<attachment id>`), never a user's file name; anything else is a bug. */
export const KEY_PATTERN = /^[a-z0-9]+(?:[/-][a-z0-9]+)*$/;

export function assertKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid attachment key ${JSON.stringify(key)}`);
}
