// Knowledge-base search documents gain the article's structured fields and validity, and the PostgreSQL engine
// gains synonyms and a typo vocabulary. Brings kb_search_document to knowledge-base/src/postgres/schema.sql as of now.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const STATEMENTS = [
  `ALTER TABLE kb_search_document
     ADD COLUMN IF NOT EXISTS fields_text text NOT NULL DEFAULT '',
     ADD COLUMN IF NOT EXISTS valid_from date,
     ADD COLUMN IF NOT EXISTS valid_to date`,
  `DROP INDEX IF EXISTS kb_search_document_search_vector_idx`,
  `DROP INDEX IF EXISTS kb_search_document_title_vector_idx`,
  `DROP INDEX IF EXISTS kb_search_document_title_trgm_idx`,
  // PostgreSQL 15 cannot change a generated column's expression: drop and add (rewrites the table once).
  `ALTER TABLE kb_search_document
     DROP COLUMN IF EXISTS title_vector,
     DROP COLUMN IF EXISTS search_vector`,
  `ALTER TABLE kb_search_document
     ADD COLUMN head_vector tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('simple', kb_fold(title)), 'A')
       || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
     ) STORED,
     ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
       setweight(to_tsvector('simple', kb_fold(title)), 'A')
       || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
       || setweight(to_tsvector('simple', kb_fold(fields_text)), 'C')
       || setweight(to_tsvector('simple', kb_fold(body)), 'D')
     ) STORED`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_search_vector_idx ON kb_search_document USING gin (search_vector)`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_head_vector_idx ON kb_search_document USING gin (head_vector)`,
  `CREATE INDEX IF NOT EXISTS kb_search_document_title_folded_idx ON kb_search_document (title_folded)`,
  // Facet rows with enable_seqscan off: see schema.sql.
  `CREATE OR REPLACE FUNCTION kb_search_facet_rows(q tsquery, types text[], units text[], valid_on date, cap integer)
  RETURNS TABLE (type text, unit_code text)
  LANGUAGE sql STABLE
  SET enable_seqscan = off
  AS $$
    SELECT d.type, d.unit_code FROM kb_search_document d
    WHERE d.search_vector @@ q
      AND (types IS NULL OR d.type = ANY(types))
      AND (units IS NULL OR d.unit_code = ANY(units))
      AND (valid_on IS NULL OR (coalesce(d.valid_from, '-infinity') <= valid_on
                                AND coalesce(d.valid_to, 'infinity') >= valid_on))
    LIMIT cap
  $$`,
  `CREATE TABLE IF NOT EXISTS kb_search_word (word text PRIMARY KEY)`,
  `CREATE INDEX IF NOT EXISTS kb_search_word_trgm_idx ON kb_search_word USING gin (word gin_trgm_ops)`,
  `INSERT INTO kb_search_word (word)
   SELECT DISTINCT w FROM kb_search_document d, unnest(tsvector_to_array(d.search_vector)) AS w
   WHERE length(w) BETWEEN 4 AND 40
   ON CONFLICT DO NOTHING`,
  // Typo corrections with a lower trigram threshold: see schema.sql.
  `CREATE OR REPLACE FUNCTION kb_search_corrections(words text[])
  RETURNS TABLE (typed text, word text)
  LANGUAGE sql STABLE
  SET pg_trgm.similarity_threshold = 0.2
  AS $$
    SELECT q.word, w.word
    FROM unnest(words) AS q(word)
    CROSS JOIN LATERAL (
      SELECT v.word FROM kb_search_word v WHERE v.word % q.word ORDER BY similarity(v.word, q.word) DESC LIMIT 5
    ) w
  $$`,
  `CREATE TABLE IF NOT EXISTS kb_search_synonym (
     group_no integer NOT NULL,
     term text NOT NULL,
     PRIMARY KEY (group_no, term)
   )`,
  `INSERT INTO kb_search_synonym (group_no, term)
   SELECT * FROM (VALUES
     (1, 'dowod'), (1, 'dowod osobisty'), (2, 'mpk'), (2, 'komunikacja miejska'), (3, 'smieci'), (3, 'odpady'),
     (4, 'meldunek'), (4, 'zameldowanie'), (5, 'usc'), (5, 'urzad stanu cywilnego'), (6, 'spp'),
     (6, 'strefa platnego parkowania'), (7, 'mops'), (7, 'pomoc spoleczna'), (8, 'ztp'),
     (8, 'zarzad transportu publicznego'), (9, 'rejestracja pojazdu'), (9, 'rejestracja samochodu')
   ) AS hotline(group_no, term)
   WHERE NOT EXISTS (SELECT 1 FROM kb_search_synonym)`,
];

export class KnowledgeSearchDocuments1763800000120 implements MigrationInterface {
  name = 'KnowledgeSearchDocuments1763800000120';

  async up(q: QueryRunner): Promise<void> {
    for (const statement of STATEMENTS) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS kb_search_synonym');
    await q.query('DROP FUNCTION IF EXISTS kb_search_corrections(text[])');
    await q.query('DROP TABLE IF EXISTS kb_search_word');
    await q.query('DROP FUNCTION IF EXISTS kb_search_facet_rows(tsquery, text[], text[], date, integer)');
    await q.query('DROP INDEX IF EXISTS kb_search_document_search_vector_idx');
    await q.query('DROP INDEX IF EXISTS kb_search_document_head_vector_idx');
    await q.query('DROP INDEX IF EXISTS kb_search_document_title_folded_idx');
    await q.query(
      'ALTER TABLE kb_search_document DROP COLUMN IF EXISTS search_vector, DROP COLUMN IF EXISTS head_vector',
    );
    await q.query(`ALTER TABLE kb_search_document
      ADD COLUMN title_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', kb_fold(title))) STORED,
      ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', kb_fold(title)), 'A')
        || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
        || setweight(to_tsvector('simple', kb_fold(body)), 'C')
      ) STORED`);
    await q.query(
      'ALTER TABLE kb_search_document DROP COLUMN fields_text, DROP COLUMN valid_from, DROP COLUMN valid_to',
    );
    await q.query('CREATE INDEX kb_search_document_search_vector_idx ON kb_search_document USING gin (search_vector)');
    await q.query('CREATE INDEX kb_search_document_title_vector_idx ON kb_search_document USING gin (title_vector)');
    await q.query(
      'CREATE INDEX kb_search_document_title_trgm_idx ON kb_search_document USING gin (title_folded gin_trgm_ops)',
    );
  }
}
