// The attachment store this deployment uses (ATTACHMENTS_STORAGE) and the local folders uploads pass through.
// The disk store and the incoming folder share ATTACHMENTS_DIR, so keeping a finished upload is a rename.
import path from 'node:path';
import type { Config } from '../platform/config.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { DiskAttachmentStore } from './disk-attachment-store.ts';
import { S3AttachmentStore } from './s3-attachment-store.ts';

/** ATTACHMENTS_DIR, relative paths counted from the repository root whichever folder the process started in. */
export function attachmentsDir(config: Pick<Config, 'ATTACHMENTS_DIR'>): string {
  return path.resolve(import.meta.dirname, '../../..', config.ATTACHMENTS_DIR);
}

/** Uploads being received wait here, on local disk, whichever store keeps the finished files. */
export const incomingDir = (config: Pick<Config, 'ATTACHMENTS_DIR'>): string =>
  path.join(attachmentsDir(config), '.incoming');

export function createAttachmentStore(config: Config): AttachmentStore {
  if (config.ATTACHMENTS_STORAGE === 's3') {
    return new S3AttachmentStore({
      endpoint: config.S3_ENDPOINT || undefined,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      accessKeyId: config.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new DiskAttachmentStore(attachmentsDir(config));
}
