// Full rebuilds of the knowledge-base search indexes from PostgreSQL (seed, `npm run kb:reindex`, repairs).
// Everyday changes go through the outbox and the `knowledge-index` job instead (knowledge-index.job.ts).
import type { DataSource } from 'typeorm';
import type { SearchEngine } from '@kck/knowledge-base';
import { loadAllSearchDocuments } from './search-document.ts';
import { loadSynonymGroups } from './synonyms.service.ts';

/**
 * Rebuilds every index from the published articles and applies the saved synonym groups. replaceAll builds a new
 * index and swaps it in (Meilisearch) or replaces rows in one transaction (PostgreSQL): searches never see a
 * half-built index. Resolves with how many articles were indexed.
 */
export async function reindexAllArticles(db: DataSource, search: SearchEngine): Promise<number> {
  const docs = await loadAllSearchDocuments(db);
  // The synonyms go on even when Meilisearch refused the rebuild: the PostgreSQL copy was rebuilt and needs them.
  let failure: unknown;
  await search.replaceAll(docs).catch((err: unknown) => (failure = err));
  await search.setSynonyms(await loadSynonymGroups(db)).catch((err: unknown) => (failure ??= err));
  if (failure) throw failure;
  return docs.length;
}
