// The fallback knowledge-base search in PostgreSQL, used when Meilisearch is down: full-text with prefixes, facets,
// synonyms from kb_search_synonym and typo corrections from kb_search_word. The SQL and its design: postgres-query.ts.
import { readFileSync } from 'node:fs';
import type { Pool, PoolClient } from 'pg';
import { foldSynonymGroups, isStopWord, queryWords } from '../polish.ts';
import { type SearchDocument, type SearchEngine, type SearchResult, searchLimit } from '../search-engine.ts';
import { allowedTypos, describeHit, queryMatcher, typoDistance } from '../snippet.ts';
import { createSynonymCache } from '../synonyms.ts';
import { dayNumber } from '../validity.ts';
import { buildPostgresQuery, CORRECTIONS_SQL, SEARCH_SQL } from './postgres-query.ts';

/** The DDL of the search tables for a fresh schema (idempotent); the backend's migrations build the same. */
export const POSTGRES_SEARCH_SCHEMA_SQL: string = readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');

export interface PostgresEngineOptions {
  /** A pool the caller owns; close() leaves it open. */
  pool: Pool;
  /**
   * How many body-only matches are ranked at most when fewer than `limit` titles match. A common word
   * matches most of the corpus; ranking all of it with the full vector took 285 ms at p95 on 50,000 articles.
   */
  candidateCap?: number;
  /** How many title/tag matches are ranked at most (plus the exact title); 500 by default. */
  headCandidates?: number;
  /** How many matches the facets count at most; 1000 by default. Below it the counts are exact. */
  facetCap?: number;
  /** health() gives up after this long; 1 s by default. */
  healthTimeoutMs?: number;
  /** How long another process's setSynonyms() may take to reach this one; 5 s by default. */
  synonymsTtlMs?: number;
}

const UPSERT_BATCH = 500;

const UPSERT_SQL = `
  INSERT INTO kb_search_document
    (id, slug, type, title, body, unit_code, tags, fields_text, valid_from, valid_to, updated_at)
  SELECT x.id, x.slug, x.type, x.title, x.body, x.unit_code, coalesce(x.tags, '{}'), coalesce(x.fields_text, ''),
    x.valid_from, x.valid_to, x.updated_at
  FROM jsonb_to_recordset($1::jsonb) AS x(
    id uuid, slug text, type text, title text, body text, unit_code text, tags text[], fields_text text,
    valid_from date, valid_to date, updated_at timestamptz)
  ON CONFLICT (id) DO UPDATE SET
    slug = EXCLUDED.slug, type = EXCLUDED.type, title = EXCLUDED.title, body = EXCLUDED.body,
    unit_code = EXCLUDED.unit_code, tags = EXCLUDED.tags, fields_text = EXCLUDED.fields_text,
    valid_from = EXCLUDED.valid_from, valid_to = EXCLUDED.valid_to, updated_at = EXCLUDED.updated_at`;

/** The batch's words (4+ letters) into the typo vocabulary. */
const VOCABULARY_SQL = `
  INSERT INTO kb_search_word (word)
  SELECT DISTINCT w FROM kb_search_document d, unnest(tsvector_to_array(d.search_vector)) AS w
  WHERE d.id = ANY($1::uuid[]) AND length(w) BETWEEN 4 AND 40
  ON CONFLICT DO NOTHING`;

const ALL_VOCABULARY_SQL = `
  INSERT INTO kb_search_word (word)
  SELECT DISTINCT w FROM kb_search_document d, unnest(tsvector_to_array(d.search_vector)) AS w
  WHERE length(w) BETWEEN 4 AND 40
  ON CONFLICT DO NOTHING`;

interface SearchRow {
  id: string;
  type: SearchDocument['type'];
  title: string;
  body: string;
  fields_text: string;
  unit_code: string | null;
  valid_to: string | null;
  type_facets: Record<string, number>;
  unit_facets: Record<string, number>;
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
      fields_text: doc.fieldsText,
      valid_from: doc.validFrom,
      valid_to: doc.validTo,
      updated_at: doc.updatedAt,
    })),
  );
}

async function upsert(client: Pool | PoolClient, docs: SearchDocument[], vocabulary = true): Promise<void> {
  // A bad date would otherwise fail the whole batch inside PostgreSQL with a less helpful message.
  for (const doc of docs) {
    if (doc.validFrom !== null) dayNumber(doc.validFrom);
    if (doc.validTo !== null) dayNumber(doc.validTo);
  }
  // One row per id (the last copy wins, as in Meilisearch): ON CONFLICT cannot touch a row twice in one statement.
  const unique = [...new Map(docs.map((doc) => [doc.id, doc])).values()];
  for (let i = 0; i < unique.length; i += UPSERT_BATCH) {
    const batch = unique.slice(i, i + UPSERT_BATCH);
    await client.query(UPSERT_SQL, [toRecords(batch)]);
    if (vocabulary) await client.query(VOCABULARY_SQL, [batch.map((doc) => doc.id)]);
  }
}

const EMPTY: Omit<SearchResult, 'tookMs'> = { engine: 'postgres', hits: [], facets: { type: {}, unit: {} } };

export function createPostgresEngine(options: PostgresEngineOptions): SearchEngine {
  const { pool } = options;
  const candidateCap = options.candidateCap ?? 300;
  const headCandidates = options.headCandidates ?? 500;
  const facetCap = options.facetCap ?? 1_000;
  const healthTimeoutMs = options.healthTimeoutMs ?? 1_000;
  const synonyms = createSynonymCache(async () => {
    const { rows } = await pool.query<{ terms: string[] }>(
      'SELECT array_agg(term ORDER BY term) AS terms FROM kb_search_synonym GROUP BY group_no ORDER BY group_no',
    );
    return rows.map((row) => row.terms);
  }, options.synonymsTtlMs ?? 5_000);

  /** Vocabulary words within the typo allowance of each query word (5+ letters) that found too little. */
  async function corrections(words: string[]): Promise<Map<string, string[]>> {
    const typed = words.filter((word) => allowedTypos(word.length) > 0 && !isStopWord(word));
    const found = new Map<string, string[]>();
    if (typed.length === 0) return found;
    const last = words[words.length - 1];
    const { rows } = await pool.query<{ typed: string; word: string }>(CORRECTIONS_SQL, [typed]);
    for (const row of rows) {
      const typos = allowedTypos(row.typed.length);
      const close =
        typoDistance(row.word, row.typed, typos) <= typos ||
        // The last word may be unfinished: compare with the beginning of the vocabulary word.
        (row.typed === last && typoDistance(row.word.slice(0, row.typed.length), row.typed, typos) <= typos);
      if (close && row.word !== row.typed) found.set(row.typed, [...(found.get(row.typed) ?? []), row.word]);
    }
    return found;
  }

  return {
    name: 'postgres',

    // The tables come from the migrations (POSTGRES_SEARCH_SCHEMA_SQL); nothing to prepare per process.
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
        // The vocabulary in one pass over the table, not one per batch: a 50,000-article rebuild spends less.
        await upsert(client, docs, false);
        await client.query(ALL_VOCABULARY_SQL);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      // Merge the GIN pending list now rather than making the next searches scan it.
      await pool.query(`SELECT gin_clean_pending_list('kb_search_document_search_vector_idx'::regclass)`);
    },

    async setSynonyms(groups) {
      const folded = foldSynonymGroups(groups);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('DELETE FROM kb_search_synonym');
        await client.query(
          `INSERT INTO kb_search_synonym (group_no, term)
           SELECT DISTINCT g.no::int, g.term FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(terms, no),
             LATERAL (SELECT x.no, t AS term FROM jsonb_array_elements_text(x.terms) AS t) g`,
          [JSON.stringify(folded)],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      synonyms.set(folded);
    },

    async search(query, searchOptions): Promise<SearchResult> {
      const started = performance.now();
      const tookMs = () => Math.round((performance.now() - started) * 100) / 100;
      if (queryWords(query).length === 0) return { ...EMPTY, tookMs: 0 };
      const limit = searchLimit(searchOptions);
      const types = searchOptions?.types?.length ? searchOptions.types : null;
      const units = searchOptions?.unitCodes?.length ? searchOptions.unitCodes : null;
      const validOn = searchOptions?.validOn ?? null;
      if (validOn !== null) dayNumber(validOn);
      const synonymSet = await synonyms.get();

      let built = buildPostgresQuery(query, synonymSet);
      if (built === null) return { ...EMPTY, tookMs: tookMs() };
      const run = (tsquery: string, folded: string) =>
        pool.query<SearchRow>(SEARCH_SQL, [
          tsquery,
          folded,
          types,
          units,
          validOn,
          limit,
          candidateCap,
          headCandidates,
          facetCap,
        ]);
      let { rows } = await run(built.tsquery, built.folded);
      if (rows.length < limit) {
        const corrected = await corrections(built.words);
        if (corrected.size > 0) {
          built = buildPostgresQuery(query, synonymSet, corrected) ?? built;
          rows = (await run(built.tsquery, built.folded)).rows;
        }
      }
      // Still too little: articles with all the words but one follow those with every word (as Meilisearch's
      // engine does). Their query matches a superset, so its facets count every hit shown.
      const { relaxedTsquery } = built;
      if (rows.length < limit && relaxedTsquery !== null) {
        const relaxed = (await run(relaxedTsquery, built.folded)).rows;
        if (relaxed.length > rows.length) {
          const seen = new Set(rows.map((row) => row.id));
          const first = relaxed[0]!;
          rows = [...rows, ...relaxed.filter((row) => !seen.has(row.id))]
            .slice(0, limit)
            .map((row) => ({ ...row, type_facets: first.type_facets, unit_facets: first.unit_facets }));
        }
      }
      const matches = queryMatcher(built.words, built.extraWords);
      const hits = rows.map((row) => ({
        id: row.id,
        type: row.type,
        title: row.title,
        ...describeHit(row.title, row.body, row.fields_text, matches),
        unitCode: row.unit_code,
        validTo: row.valid_to,
      }));
      const first = rows[0];
      const facets = { type: first?.type_facets ?? {}, unit: first?.unit_facets ?? {} };
      return { engine: 'postgres', hits, facets, tookMs: tookMs() };
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
