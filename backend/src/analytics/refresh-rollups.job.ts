// The worker's scheduled refresh of DK-05's rollups; consoles showing figures are told when something changed.
// One job per ANALYTICS_REFRESH_EVERY_MS across all workers (a BullMQ job scheduler), and a lock inside besides.
import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.ts';
import { refreshRollups, type RefreshResult } from './rollups.ts';

export async function handleRefreshRollupsJob(db: DataSource, logger: Logger): Promise<RefreshResult> {
  const result = await refreshRollups(db);
  // A full rebuild or a long catch-up is worth a line; the usual few days every ten seconds are not.
  if (result.full || result.ms > 5000) logger.info(result, 'analytics rollups refreshed');
  return result;
}
