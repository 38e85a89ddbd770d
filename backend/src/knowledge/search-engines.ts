// Builds the knowledge-base search engine from configuration: Meilisearch with the PostgreSQL
// engine as fallback, or PostgreSQL alone when MEILI_URL is empty. Writes go to both (createFailoverEngine).
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { createFailoverEngine, createMeiliEngine, createPostgresEngine, type SearchEngine } from '@kck/knowledge-base';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { syncSynonyms } from './knowledge-index.job.ts';

export interface SearchSetup {
  engine: SearchEngine;
  /** The engines behind `engine`, for health checks. */
  engines: SearchEngine[];
  close(): Promise<void>;
}

export function createSearchEngine(config: Config, logger: Logger): SearchSetup {
  // A small pool of its own: searches must not queue behind ticket writes.
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4, application_name: 'kck-search' });
  pool.on('error', (err) => logger.warn({ err: String(err) }, 'search pool connection error'));
  const postgres = createPostgresEngine({ pool });
  if (!config.MEILI_URL) return { engine: postgres, engines: [postgres], close: () => pool.end() };
  const meili = createMeiliEngine({
    url: config.MEILI_URL,
    masterKey: config.MEILI_MASTER_KEY,
    index: config.MEILI_INDEX,
  });
  let warned = false;
  const engine = createFailoverEngine(meili, postgres, {
    timeoutMs: config.SEARCH_TIMEOUT_MS,
    onFallback: (err: unknown) => {
      if (!warned) logger.warn({ err: String(err) }, 'Meilisearch does not answer; searching with PostgreSQL');
      warned = true;
    },
  });
  return {
    engine,
    engines: [meili, postgres],
    close: async () => {
      await engine.close?.();
      await pool.end();
    },
  };
}

/**
 * At a process's start: creates the Meilisearch index with its settings and gives both engines the saved synonym
 * groups. Never throws and waits at most `timeoutMs`: the API must start while Meilisearch is down (searches then
 * answer from PostgreSQL, and the index jobs and `npm run kb:reindex` catch Meilisearch up).
 */
export async function initSearchEngine(
  db: DataSource,
  engine: SearchEngine,
  logger: Logger,
  timeoutMs = 5_000,
): Promise<void> {
  const work = (async () => {
    await engine.init().catch((err: unknown) => logger.warn({ err: String(err) }, 'search index not initialised'));
    await syncSynonyms(db, engine).catch((err: unknown) =>
      logger.warn({ err: String(err) }, 'search engines did not take the synonym groups'),
    );
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ timeoutMs }, 'search engines still initialising; starting without waiting');
      resolve();
    }, timeoutMs);
  });
  await Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
