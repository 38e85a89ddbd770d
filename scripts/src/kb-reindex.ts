// `npm run kb:reindex`: rebuilds both knowledge-base search indexes (Meilisearch and the PostgreSQL fallback) from
// the published articles in PostgreSQL, with no moment where searches see a half-built index. Prints count and time.
import { pathToFileURL } from 'node:url';
import type { DataSource } from 'typeorm';
import { config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { createLogger } from '@kck/backend/platform/logger';
import { createSearchEngine } from '@kck/backend/knowledge/search-engines';
import { reindexAllArticles } from '@kck/backend/knowledge/knowledge.service';
import type { SearchEngine } from '@kck/knowledge-base';

export interface ReindexSummary {
  articles: number;
  engines: string[];
  ms: number;
  /** What failed, e.g. Meilisearch being down; the other engine was still rebuilt (the failover engine writes both). */
  errors: string[];
}

export async function kbReindex(
  db: DataSource,
  search: SearchEngine,
  engines: SearchEngine[],
): Promise<ReindexSummary> {
  const started = performance.now();
  const errors: string[] = [];
  const failed = (err: unknown) => void errors.push(err instanceof Error ? err.message : String(err));
  await search.init().catch(failed);
  let articles = await reindexAllArticles(db, search).catch((err: unknown) => (failed(err), -1));
  if (articles < 0) {
    const [row]: { n: number }[] = await db.query(`SELECT count(*)::int AS n FROM article WHERE status = 'published'`);
    articles = row?.n ?? 0;
  }
  return { articles, engines: engines.map((e) => e.name), ms: Math.round(performance.now() - started), errors };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cfg = config();
  const db = createDataSource(cfg.DATABASE_URL, 2);
  const search = createSearchEngine(cfg, createLogger('kb-reindex'));
  db.initialize()
    .then(() => kbReindex(db, search.engine, search.engines))
    .then((s) => {
      if (s.errors.length === 0) {
        console.log(`Reindexed ${s.articles} published articles into ${s.engines.join(' and ')} in ${s.ms} ms`);
      } else {
        console.error(`Reindexing ${s.articles} published articles took ${s.ms} ms and failed in part:`);
        for (const error of s.errors) console.error(`  ${error}`);
        console.error('The engines that answered were rebuilt; run npm run kb:reindex again once the others are back.');
        process.exitCode = 1;
      }
      console.log(JSON.stringify(s));
    })
    .catch((err) => {
      console.error('Reindexing failed:', err instanceof Error ? err.message : err);
      process.exitCode = 1;
    })
    .finally(() => Promise.all([db.destroy(), search.close()]));
}
