// The search contract the rest of KCK imports: documents in, ranked hits with plain-text snippets out.
// Meilisearch, PostgreSQL and the failover wrapper all implement it; callers never see which one.
import type { ArticleType } from '@kck/contracts';

/** One knowledge-base article as the search engines store it (`id` is the article's uuid). */
export interface SearchDocument {
  id: string;
  slug: string;
  type: ArticleType;
  title: string;
  body: string;
  unitCode: string | null;
  tags: string[];
  /** The structured fields of the article's type, flattened to searchable text (scope points, documents, fees…). */
  fieldsText: string;
  /** ISO dates (YYYY-MM-DD), inclusive; null means open. Only published articles are indexed at all. */
  validFrom: string | null;
  validTo: string | null;
  /** ISO 8601 timestamp. */
  updatedAt: string;
}

export interface SearchHit {
  id: string;
  type: ArticleType;
  title: string;
  /** Plain text (no markup), at most {@link SNIPPET_MAX_LENGTH} characters, around the match when the body has one. */
  snippet: string;
  /** Where the query matched in `title` and in `snippet`: character offsets, end exclusive. */
  titleHighlights: TextRange[];
  highlights: TextRange[];
  unitCode: string | null;
  validTo: string | null;
}

export interface TextRange {
  start: number;
  end: number;
}

/** Hit counts for the whole query (before `limit`), by article type and by unit code. */
export interface SearchFacets {
  type: Record<string, number>;
  unit: Record<string, number>;
}

export interface SearchResult {
  /** Which engine answered; `postgres` means the fallback answered. */
  engine: 'meilisearch' | 'postgres';
  hits: SearchHit[];
  facets: SearchFacets;
  /** Round trip as the caller saw it, in milliseconds. */
  tookMs: number;
}

export interface SearchOptions {
  /** How many hits at most; defaults to {@link DEFAULT_SEARCH_LIMIT}. */
  limit?: number;
  /** Only these article types / responsible units (empty or absent: all). */
  types?: ArticleType[];
  unitCodes?: string[];
  /** Only articles valid on this date (YYYY-MM-DD): validFrom ≤ date ≤ validTo. Absent: no validity filter. */
  validOn?: string;
}

export interface SearchEngine {
  readonly name: 'meilisearch' | 'postgres' | 'failover';
  /** Creates the index and applies its settings (nothing to do for PostgreSQL). Idempotent. */
  init(): Promise<void>;
  /** Inserts or replaces documents by id; resolves once they are searchable. */
  index(docs: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. Resolves once they no longer show up. */
  remove(ids: string[]): Promise<void>;
  /** Replaces the whole content with `docs` without a moment where searches see a half-built index. */
  replaceAll(docs: SearchDocument[]): Promise<void>;
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  /** Replaces the synonym groups (each term of a group finds the others). Idempotent. */
  setSynonyms(groups: string[][]): Promise<void>;
  /** True when the engine answers; never throws. */
  health(): Promise<boolean>;
  /** Releases connections the engine opened itself (never a pool it was given). */
  close?(): Promise<void>;
}

export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_LIMIT = 50;
export const SNIPPET_MAX_LENGTH = 200;

/** Clamps a requested limit into 1…{@link MAX_SEARCH_LIMIT}. */
export function searchLimit(options?: SearchOptions): number {
  const limit = Math.trunc(options?.limit ?? DEFAULT_SEARCH_LIMIT);
  return Math.min(Math.max(limit, 1), MAX_SEARCH_LIMIT);
}
