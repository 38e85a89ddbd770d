// The fallback knowledge-base search in PostgreSQL, used when Meilisearch is down: full-text plus trigram typo help.
// Ranking only ever looks at a capped set of candidates, because ts_rank over every match is the slow tail.
import { readFileSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { type SearchDocument, type SearchEngine, type SearchResult, searchLimit } from '../search-engine.ts';
import { makeSnippet } from '../snippet.ts';
import { buildPostgresQuery } from './postgres-query.ts';

/** The DDL of `kb_search_document` (idempotent); the backend's first migration carries the same text. */
export const POSTGRES_SEARCH_SCHEMA_SQL: string = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export interface PostgresEngineOptions {
  /** A pool the caller owns; close() leaves it open. */
  pool: Pool;
  /**
   * How many matches each candidate source (title words, any words, title trigrams) contributes
   * before ranking. A common prefix such as "ulica:*" matches most of the corpus; ranking all of
   * it took 285 ms at p95 on 50,000 articles.
   */
  candidateCap?: number;
  /** health() gives up after this long; 1 s by default. */
  healthTimeoutMs?: number;
}

const UPSERT_BATCH = 500;

const UPSERT_SQL = `
  INSERT INTO kb_search_document (id, slug, type, title, body, unit_code, tags, updated_at)
  SELECT x.id, x.slug, x.type, x.title, x.body, x.unit_code, coalesce(x.tags, '{}'), x.updated_at
  FROM jsonb_to_recordset($1::jsonb) AS x(
    id uuid, slug text, type text, title text, body text, unit_code text, tags text[], updated_at timestamptz)
  ON CONFLICT (id) DO UPDATE SET
    slug = EXCLUDED.slug, type = EXCLUDED.type, title = EXCLUDED.title, body = EXCLUDED.body,
    unit_code = EXCLUDED.unit_code, tags = EXCLUDED.tags, updated_at = EXCLUDED.updated_at`;

// $1 tsquery, $2 folded query text, $3 candidate cap, $4 limit.
// Three cheap candidate sources, each capped; only their union is ranked. The title bonuses put
// "the words are in the title" and "this is the title" above body matches; word_similarity
// lifts titles that a typo or an inflected form still resembles.
const SEARCH_SQL = `
  WITH candidates AS (
    (SELECT id FROM kb_search_document WHERE title_vector @@ $1::tsquery LIMIT $3)
    UNION
    (SELECT id FROM kb_search_document WHERE search_vector @@ $1::tsquery LIMIT $3)
    UNION
    (SELECT id FROM kb_search_document WHERE $2 <% title_folded LIMIT $3)
  )
  SELECT d.id, d.type, d.title, d.body, d.unit_code,
    ts_rank(d.search_vector, $1::tsquery)
      + CASE WHEN d.title_vector @@ $1::tsquery THEN 1 ELSE 0 END
      + CASE WHEN d.title_folded = $2 THEN 2 ELSE 0 END
      + word_similarity($2, d.title_folded) AS score
  FROM candidates JOIN kb_search_document d USING (id)
  ORDER BY score DESC, d.updated_at DESC, d.id
  LIMIT $4`;

interface SearchRow {
  id: string;
  type: SearchDocument['type'];
  title: string;
  body: string;
  unit_code: string | null;
}

function toRecords(docs: SearchDocument[]): string {
  return JSON.stringify(
    docs.map((doc) => ({
      id: doc.id,
      slug: doc.slug,
      type: doc.type,
      title: doc.title,
      body: doc.body,
      unit_code: doc.unitCode,
      tags: doc.tags,
      updated_at: doc.updatedAt,
    })),
  );
}

async function upsert(client: Pool | PoolClient, docs: SearchDocument[]): Promise<void> {
  for (let i = 0; i < docs.length; i += UPSERT_BATCH) {
    await client.query(UPSERT_SQL, [toRecords(docs.slice(i, i + UPSERT_BATCH))]);
  }
}

export function createPostgresEngine(options: PostgresEngineOptions): SearchEngine {
  const { pool } = options;
  const candidateCap = options.candidateCap ?? 200;
  const healthTimeoutMs = options.healthTimeoutMs ?? 1_000;

  return {
    name: 'postgres',

    // The table comes from the migration (POSTGRES_SEARCH_SCHEMA_SQL); nothing to prepare per process.
    async init() {},

    async index(docs) {
      if (docs.length > 0) await upsert(pool, docs);
    },

    async remove(ids) {
      if (ids.length > 0) await pool.query('DELETE FROM kb_search_document WHERE id = ANY($1::uuid[])', [ids]);
    },

    async replaceAll(docs) {
      // One transaction, no TRUNCATE: searches keep reading the old rows until the commit.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM kb_search_document WHERE NOT (id = ANY($1::uuid[]))', [docs.map((d) => d.id)]);
        await upsert(client, docs);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async search(query, searchOptions): Promise<SearchResult> {
      const started = performance.now();
      const built = buildPostgresQuery(query);
      if (built === null) return { engine: 'postgres', hits: [], tookMs: 0 };
      const { rows } = await pool.query<SearchRow>(SEARCH_SQL, [
        built.tsquery,
        built.folded,
        candidateCap,
        searchLimit(searchOptions),
      ]);
      const hits = rows.map((row) => ({
        id: row.id,
        type: row.type,
        title: row.title,
        snippet: makeSnippet(row.body, built.snippetTerms),
        unitCode: row.unit_code,
      }));
      return { engine: 'postgres', hits, tookMs: Math.round((performance.now() - started) * 100) / 100 };
    },

    async health() {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), healthTimeoutMs);
      });
      const probe = pool
        .query<{ ok: boolean }>("SELECT to_regclass('kb_search_document') IS NOT NULL AS ok")
        .then((result) => result.rows[0]?.ok === true)
        .catch(() => false);
      try {
        return await Promise.race([probe, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
