// The relevance set (scripts/src/kb-relevance-queries.ts) against both engines filled with the seed articles:
// an agent finds the article they need among the first five hits for at least 95 % of the queries, on either engine.
import { describe, expect, it } from 'vitest';
import { ARTICLES } from '../../scripts/src/seed-data/index.ts';
import { RELEVANCE_QUERIES } from '../../scripts/src/kb-relevance-queries.ts';
import { formatRelevance, runRelevance } from '../../scripts/src/kb-relevance.ts';

describe('knowledge-base relevance on the seed articles', () => {
  it('has at least 40 queries, each expecting a seed article', () => {
    expect(RELEVANCE_QUERIES.length).toBeGreaterThanOrEqual(40);
    const seeded = new Set(ARTICLES.map((a) => a.externalId));
    expect(RELEVANCE_QUERIES.filter((q) => !seeded.has(q.expected))).toEqual([]);
  });

  it('finds the expected article in the first five hits for ≥ 95 % of the queries, on Meilisearch and on PostgreSQL', async () => {
    const results = await runRelevance();
    expect(results.map((r) => r.engine)).toEqual(['meilisearch', 'postgres']);
    // Both engines are checked (soft), and the message lists every miss of both.
    const report = results.map(formatRelevance).join('\n');
    for (const result of results) expect.soft(result.recallAt5, report).toBeGreaterThanOrEqual(0.95);
  }, 120_000);
});
