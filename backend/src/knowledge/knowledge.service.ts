// Knowledge base (Baza Wiedzy): articles live in PostgreSQL and are copied into the search engines.
// Search answers from Meilisearch, or from PostgreSQL when Meilisearch does not answer in time.
import type { DataSource } from 'typeorm';
import type { ArticleDto, KnowledgeSearchDto } from '@kck/contracts';
import type { SearchDocument, SearchEngine } from '@kck/knowledge-base';
import { notFound } from '../platform/errors.ts';

interface ArticleRow {
  id: string;
  slug: string;
  type: ArticleDto['type'];
  title: string;
  body: string;
  unit_id: string | null;
  unit_code: string | null;
  tags: string[];
  updated_at: Date;
}

const ARTICLE_SELECT = `SELECT a.id, a.slug, a.type, a.title, a.body, a.unit_id, u.code AS unit_code, a.tags, a.updated_at
                          FROM article a LEFT JOIN unit u ON u.id = a.unit_id`;

const present = (r: ArticleRow): ArticleDto => ({
  id: r.id,
  slug: r.slug,
  type: r.type,
  title: r.title,
  body: r.body,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  tags: r.tags,
  updatedAt: r.updated_at.toISOString(),
});

const toSearchDocument = (r: ArticleRow): SearchDocument => ({
  id: r.id,
  slug: r.slug,
  type: r.type,
  title: r.title,
  body: r.body,
  unitCode: r.unit_code,
  tags: r.tags,
  updatedAt: r.updated_at.toISOString(),
});

export async function getArticle(db: DataSource, id: string): Promise<ArticleDto> {
  const rows: ArticleRow[] = await db.query(`${ARTICLE_SELECT} WHERE a.id = $1`, [id]);
  if (!rows[0]) throw notFound('Article');
  return present(rows[0]);
}

export async function searchArticles(search: SearchEngine, q: string, limit: number): Promise<KnowledgeSearchDto> {
  const result = await search.search(q, { limit });
  return { engine: result.engine, hits: result.hits, tookMs: result.tookMs };
}

/** Rebuilds every search index from PostgreSQL (after seeding, or to repair an index). */
export async function reindexAllArticles(db: DataSource, search: SearchEngine): Promise<number> {
  const rows: ArticleRow[] = await db.query(ARTICLE_SELECT);
  await search.replaceAll(rows.map(toSearchDocument));
  return rows.length;
}
