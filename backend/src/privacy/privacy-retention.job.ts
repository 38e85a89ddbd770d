// The worker's scheduled retention run (a BullMQ job scheduler every PRIVACY_RETENTION_EVERY_MS): anonymises what
// has outlived its retention policy. Safe to run twice or on two workers at once (runRetention locks its rows).
import type { DataSource } from 'typeorm';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import type { Logger } from '../platform/logger.ts';
import { runRetention, type RetentionResult } from './retention.ts';

export function handlePrivacyRetentionJob(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
): Promise<RetentionResult> {
  return runRetention(db, store, logger);
}
