// Knowledge-base search as agents use it: current articles only unless asked otherwise, filters and facets,
// highlights, and a searchId the console posts back with the article it opened. Kept lean: this is a hot path.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { KnowledgeSearchDto, knowledgeSearchQuery } from '@kck/contracts';
import type { SearchEngine } from '@kck/knowledge-base';
import type { SearchLog } from './search-log.service.ts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { warsawDate } from './search-document.ts';

export type SearchQuery = z.output<typeof knowledgeSearchQuery>;

/**
 * Searches and logs the search. The log entry is buffered (SearchLog writes batches after the answer), so the
 * request costs one engine round trip and nothing in PostgreSQL besides the session lookup.
 */
export async function searchKnowledge(
  search: SearchEngine,
  log: SearchLog,
  logger: Logger,
  actorId: string,
  query: SearchQuery,
): Promise<KnowledgeSearchDto> {
  const result = await search
    .search(query.q, {
      limit: query.limit,
      types: query.type,
      unitCodes: query.unit,
      // Expired articles and past events stay in the index for editors; agents see what is valid today in Kraków.
      validOn: query.includeExpired ? undefined : warsawDate(),
    })
    .catch((err: unknown) => {
      // The fallback failed too: the agent learns search is down (503), not that the server broke.
      logger.error({ err }, 'knowledge search failed on every engine');
      throw new AppError(503, 'dependency_unavailable', 'Knowledge-base search is unavailable; try again in a moment');
    });
  const searchId = randomUUID();
  const total = Object.values(result.facets.type).reduce((sum, n) => sum + n, 0);
  log.record({
    id: searchId,
    at: new Date(),
    userId: actorId,
    query: query.q,
    resultsCount: Math.max(total, result.hits.length),
    engine: result.engine,
    filters: {
      ...(query.type ? { type: query.type } : {}),
      ...(query.unit ? { unit: query.unit } : {}),
      ...(query.includeExpired ? { includeExpired: true } : {}),
    },
  });
  return {
    engine: result.engine,
    hits: result.hits,
    facets: result.facets as KnowledgeSearchDto['facets'],
    searchId,
    tookMs: result.tookMs,
  };
}
