// Knowledge base (Baza Wiedzy) as the console sees it: search hits and articles.
import { z } from 'zod';
import type { ArticleType } from '../domain.ts';

export const knowledgeSearchQuery = z
  .object({
    q: z.string().trim().min(1, 'q (the search text) is required').max(200),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type KnowledgeSearchQuery = z.infer<typeof knowledgeSearchQuery>;

export interface KnowledgeHitDto {
  id: string;
  type: ArticleType;
  title: string;
  snippet: string;
  unitCode: string | null;
}

export interface KnowledgeSearchDto {
  /** Which engine answered: `meilisearch`, or `postgres` when Meilisearch is down. */
  engine: string;
  hits: KnowledgeHitDto[];
  tookMs: number;
}

export interface ArticleDto {
  id: string;
  slug: string;
  type: ArticleType;
  title: string;
  body: string;
  unitId: string | null;
  unitCode: string | null;
  tags: string[];
  updatedAt: string;
}
