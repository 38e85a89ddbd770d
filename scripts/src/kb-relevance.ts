// `npm run kb:relevance`: how well each search engine finds the seed article an agent needs, over the relevance set
// (scripts/src/kb-relevance-queries.ts). Prints recall@5 and MRR per engine, the misses, then one JSON line.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { articleInterchangeRecord } from '@kck/contracts';
import { articleFieldsText } from '@kck/backend/knowledge/article-fields';
import {
  createMeiliEngine,
  createPostgresEngine,
  SYNONYM_GROUPS,
  type SearchDocument,
  type SearchEngine,
} from '@kck/knowledge-base';
import { createTestPostgres, randomSuffix, startTestMeili } from '@kck/knowledge-base/test-support';
import { ARTICLES, type SeedArticle } from './seed-data/index.ts';
import { RELEVANCE_QUERIES, type RelevanceQuery } from './kb-relevance-queries.ts';

/** Where an answer counts as found: the first five hits, what the agent sees without scrolling. */
export const RECALL_AT = 5;

/** A stable uuid for an externalId, so the engines (PostgreSQL stores uuids) can hold seed articles without a database. */
export function uuidFor(externalId: string): string {
  const h = createHash('sha256').update(externalId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The seed articles as the backend indexes them (published only, fields flattened as in search-document.ts). */
export function seedSearchDocuments(articles: SeedArticle[] = ARTICLES): SearchDocument[] {
  return articles
    .map((article) => articleInterchangeRecord.parse(article))
    .filter((record) => record.status === 'published')
    .map((record) => ({
      id: uuidFor(record.externalId),
      slug: record.externalId,
      type: record.type,
      title: record.title,
      body: record.body,
      unitCode: record.responsibleUnit,
      tags: record.tags,
      fieldsText: articleFieldsText(record.type, record.fields),
      validFrom: record.validFrom,
      validTo: record.validTo,
      updatedAt: '2026-11-01T00:00:00.000Z',
    }));
}

export interface QueryOutcome {
  query: string;
  expected: string;
  kind: RelevanceQuery['kind'];
  /** 1-based rank of the expected article in the hits, null when it is not among them. */
  rank: number | null;
  /** externalIds of the first hits, for reading the misses. */
  top: string[];
}

export interface EngineRelevance {
  engine: string;
  queries: number;
  recallAt5: number;
  mrr: number;
  misses: QueryOutcome[];
}

/** Fills the engine with the seed articles and synonym groups (as the seed does), from scratch. */
export async function loadSeedIntoEngine(engine: SearchEngine, docs: SearchDocument[] = seedSearchDocuments()) {
  await engine.init();
  await engine.setSynonyms(SYNONYM_GROUPS.map((group) => [...group]));
  await engine.replaceAll(docs);
}

export async function measureRelevance(
  name: string,
  engine: SearchEngine,
  queries: RelevanceQuery[] = RELEVANCE_QUERIES,
  docs: SearchDocument[] = seedSearchDocuments(),
): Promise<EngineRelevance> {
  const externalIdOf = new Map(docs.map((doc) => [doc.id, doc.slug]));
  const outcomes: QueryOutcome[] = [];
  for (const q of queries) {
    const result = await engine.search(q.query, { limit: 10 });
    const top = result.hits.map((hit) => externalIdOf.get(hit.id) ?? hit.id);
    const index = top.indexOf(q.expected);
    outcomes.push({ ...q, rank: index < 0 ? null : index + 1, top: top.slice(0, RECALL_AT) });
  }
  const found = outcomes.filter((o) => o.rank !== null && o.rank <= RECALL_AT).length;
  const reciprocal = outcomes.reduce((sum, o) => sum + (o.rank === null ? 0 : 1 / o.rank), 0);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    engine: name,
    queries: outcomes.length,
    recallAt5: round(found / outcomes.length),
    mrr: round(reciprocal / outcomes.length),
    misses: outcomes.filter((o) => o.rank === null || o.rank > RECALL_AT),
  };
}

export function formatRelevance(result: EngineRelevance): string {
  const lines = [
    `${result.engine}: recall@${RECALL_AT} ${result.recallAt5}, MRR ${result.mrr} (${result.queries} queries)`,
  ];
  for (const miss of result.misses)
    lines.push(
      `  miss [${miss.kind}] "${miss.query}" → expected ${miss.expected}, rank ${miss.rank ?? '–'}; top: ${miss.top.join(', ') || 'nothing'}`,
    );
  return lines.join('\n');
}

async function deleteMeiliIndex(url: string, masterKey: string, uid: string): Promise<void> {
  for (const index of [uid, `${uid}_new`]) {
    await fetch(`${url}/indexes/${index}`, {
      method: 'DELETE',
      headers: masterKey ? { Authorization: `Bearer ${masterKey}` } : {},
    }).catch(() => undefined);
  }
}

/** Both engines on servers of their own (or the run's, when MEILI_URL / DATABASE_URL are set), removed afterwards. */
export async function runRelevance(): Promise<EngineRelevance[]> {
  const meiliServer = await startTestMeili();
  const postgres = await createTestPostgres();
  const index = `kb_relevance_${randomSuffix()}`;
  const meili = createMeiliEngine({ url: meiliServer.url, masterKey: meiliServer.masterKey, index, timeoutMs: 5_000 });
  // An idle connection cut when the throwaway database is dropped must not end the process.
  postgres.pool.on('error', () => undefined);
  const pg = createPostgresEngine({ pool: postgres.pool });
  try {
    const docs = seedSearchDocuments();
    const results: EngineRelevance[] = [];
    for (const [name, engine] of [
      ['meilisearch', meili],
      ['postgres', pg],
    ] as const) {
      await loadSeedIntoEngine(engine, docs);
      results.push(await measureRelevance(name, engine, RELEVANCE_QUERIES, docs));
    }
    return results;
  } finally {
    // Every step runs even when one fails: nothing of the run may be left behind.
    const steps = [
      () => meili.close?.(),
      () => pg.close?.(),
      () => deleteMeiliIndex(meiliServer.url, meiliServer.masterKey, index),
      () => postgres.dispose(),
      () => meiliServer.stop(),
    ];
    for (const step of steps) await Promise.resolve(step()).catch((err) => console.error('cleanup:', err));
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRelevance()
    .then((results) => {
      for (const result of results) console.log(formatRelevance(result));
      const bench: Record<string, unknown> = { bench: 'kb-relevance', queries: RELEVANCE_QUERIES.length };
      for (const r of results)
        bench[r.engine] = { recallAt5: r.recallAt5, mrr: r.mrr, missed: r.misses.map((m) => m.query) };
      console.log(JSON.stringify(bench));
    })
    .catch((err) => {
      console.error('kb:relevance failed:', err);
      process.exitCode = 1;
    });
}
