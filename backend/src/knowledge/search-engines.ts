// Builds the knowledge-base search engine from configuration: Meilisearch with the PostgreSQL
// engine as fallback, or PostgreSQL alone when MEILI_URL is empty.
import pg from 'pg';
import { createFailoverEngine, createMeiliEngine, createPostgresEngine, type SearchEngine } from '@kck/knowledge-base';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';

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
