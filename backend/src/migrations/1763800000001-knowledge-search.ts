// The PostgreSQL fallback of knowledge-base search: unaccent + pg_trgm, folding functions and
// the kb_search_document table. A frozen copy of knowledge-base/src/postgres/schema.sql as of this migration.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATEMENTS = [
  `CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`,
  `CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`,
  `CREATE OR REPLACE FUNCTION kb_unaccent(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, input) $$`,
  `CREATE OR REPLACE FUNCTION kb_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  SET search_path FROM CURRENT
  AS $$ SELECT btrim(regexp_replace(lower(kb_unaccent(input)), '[^[:alnum:]]+', ' ', 'g')) $$`,
  `CREATE OR REPLACE FUNCTION kb_fold(input text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  SET search_path FROM CURRENT
  AS $$ SELECT kb_fold(array_to_string(input, ' ')) $$`,
  `CREATE TABLE IF NOT EXISTS kb_search_document (
  id uuid PRIMARY KEY,
  slug text NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  unit_code text,
  tags text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  -- Folded title: exact-title bonus and trigram typo matching.
  title_folded text GENERATED ALWAYS AS (kb_fold(title)) STORED,
  -- Title words alone, so "matches in the title" is an index lookup, not a recheck of weights.
  title_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', kb_fold(title))) STORED,
  -- Everything searchable, weighted: title A, tags and unit code B, body C.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', kb_fold(title)), 'A')
    || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
    || setweight(to_tsvector('simple', kb_fold(body)), 'C')
  ) STORED
)`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_search_vector_idx ON kb_search_document USING gin (search_vector)`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_title_vector_idx ON kb_search_document USING gin (title_vector)`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_title_trgm_idx ON kb_search_document USING gin (title_folded gin_trgm_ops)`,
];

export class KnowledgeSearch1763800000001 implements MigrationInterface {
  name = 'KnowledgeSearch1763800000001';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS kb_search_document');
    await q.query('DROP FUNCTION IF EXISTS kb_fold(text[])');
    await q.query('DROP FUNCTION IF EXISTS kb_fold(text)');
    await q.query('DROP FUNCTION IF EXISTS kb_unaccent(text)');
  }
}
