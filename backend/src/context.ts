// What the backend's modules need from the outside world, built once in main.ts (or a test).
// Passed explicitly: no module reaches for a global connection.
import type { DataSource } from 'typeorm';
import type { Redis } from 'ioredis';
import type { SearchEngine } from '@kck/knowledge-base';
import type { Config } from './platform/config.ts';
import type { Logger } from './platform/logger.ts';
import type { Queues } from './platform/queues.ts';
import type { SearchLog } from './knowledge/search-log.service.ts';

export interface BackendContext {
  config: Config;
  db: DataSource;
  /** Commands (rate limits, health); BullMQ and Socket.IO have their own connections. */
  redis: Redis;
  queues: Queues;
  /** The search the API uses (Meilisearch with PostgreSQL fallback, or PostgreSQL alone). */
  search: SearchEngine;
  /** The engines behind it, each probed by /health. */
  searchEngines: SearchEngine[];
  /** Knowledge-base searches, written in batches after the answer; flushed on close. */
  searchLog: SearchLog;
  logger: Logger;
}
