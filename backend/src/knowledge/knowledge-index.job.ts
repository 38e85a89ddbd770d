// The `knowledge-index` queue's consumer: brings both search engines in line with PostgreSQL after an article or the
// synonym groups changed. It reads the current state whatever event woke it, so a replayed or late job is harmless.
import type { DataSource } from 'typeorm';
import type { JobsOptions } from 'bullmq';
import { DOMAIN_EVENTS, type OutboxJob } from '@kck/contracts';
import type { SearchEngine } from '@kck/knowledge-base';
import type { Logger } from '../platform/logger.ts';
import { loadSearchDocument } from './search-document.ts';
import { loadSynonymGroups } from './synonyms.service.ts';

/**
 * Retries long enough to outlast a Meilisearch outage of hours (15 attempts, the last ~4.5 h after the one before,
 * ~9 h in all) rather than the default ~2 minutes; a job that still fails is on the admins' queue page, and
 * `npm run kb:reindex` repairs everything at once.
 */
export const KNOWLEDGE_INDEX_JOB_OPTIONS: JobsOptions = {
  attempts: 15,
  backoff: { type: 'exponential', delay: 1000 },
};

/**
 * Indexes the article when it is published, removes it from the engines otherwise (draft, review, archived, deleted).
 * A per-article advisory lock keeps two jobs of the same article from reading in one order and writing in the other.
 * When an engine refuses the write (Meilisearch down) this throws after the other engine took it, and BullMQ retries
 * with backoff until the index has caught up.
 */
export async function syncArticleIndex(
  db: DataSource,
  search: SearchEngine,
  articleId: string,
): Promise<'indexed' | 'removed'> {
  return db.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`kb-index:${articleId}`]);
    const doc = await loadSearchDocument(em, articleId);
    if (doc) await search.index([doc]);
    else await search.remove([articleId]);
    return doc ? 'indexed' : 'removed';
  });
}

/**
 * Hands the saved synonym groups to both engines (idempotent: the whole list replaces the old one). Read and written
 * under one lock, so a backend starting up with the old list cannot overwrite the new one a job just applied.
 */
export async function syncSynonyms(db: DataSource, search: SearchEngine): Promise<number> {
  return db.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock(hashtext('kb-index:synonyms'))`);
    const groups = await loadSynonymGroups(em);
    await search.setSynonyms(groups);
    return groups.length;
  });
}

export async function handleKnowledgeIndexJob(
  db: DataSource,
  search: SearchEngine,
  logger: Logger,
  job: OutboxJob,
): Promise<void> {
  if (job.event === 'article.changed') {
    const { articleId } = DOMAIN_EVENTS['article.changed'].parse(job.payload);
    const outcome = await syncArticleIndex(db, search, articleId);
    logger.debug({ articleId, outcome, outboxId: job.outboxId }, 'knowledge index follows the article');
  } else if (job.event === 'knowledge.synonyms_changed') {
    const groups = await syncSynonyms(db, search);
    logger.info({ groups, outboxId: job.outboxId }, 'search engines took the synonym groups');
  }
}
