-- Knowledge-base search fallback in PostgreSQL: a denormalised copy of each article plus its search columns.
-- Plain, idempotent SQL for a fresh schema (tests, local runs); the backend's migrations 1763800000001 and
-- 1763800000120 build the same thing step by step.

CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;

-- unaccent() is only STABLE because its dictionary could be changed; naming the dictionary explicitly
-- lets us promise IMMUTABLE, which generated columns and indexes require.
CREATE OR REPLACE FUNCTION kb_unaccent(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, input) $$;

-- The text the index sees: no diacritics, lower case, punctuation turned into single spaces
-- ("Dowód osobisty – wydanie" → "dowod osobisty wydanie"); the application folds queries the same way.
-- SET search_path FROM CURRENT keeps the function working when a restore runs with an empty search_path.
CREATE OR REPLACE FUNCTION kb_fold(input text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  SET search_path FROM CURRENT
  AS $$ SELECT btrim(regexp_replace(lower(kb_unaccent(input)), '[^[:alnum:]]+', ' ', 'g')) $$;

-- array_to_string() is STABLE in general but cannot change for text[]; this overload folds tags.
CREATE OR REPLACE FUNCTION kb_fold(input text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  SET search_path FROM CURRENT
  AS $$ SELECT kb_fold(array_to_string(input, ' ')) $$;

CREATE TABLE IF NOT EXISTS kb_search_document (
  id uuid PRIMARY KEY,
  slug text NOT NULL,
  type text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  unit_code text,
  tags text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL,
  -- The type's structured fields as text (scope points, documents, fees…).
  fields_text text NOT NULL DEFAULT '',
  -- Inclusive; null is open-ended.
  valid_from date,
  valid_to date,
  -- Folded title: the exact-title bonus.
  title_folded text GENERATED ALWAYS AS (kb_fold(title)) STORED,
  -- Title (A), tags and unit code (B): small enough to stay in the row, so ranking title matches is cheap.
  head_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', kb_fold(title)), 'A')
    || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
  ) STORED,
  -- Everything searchable, weighted in Meilisearch's attribute order: title A, tags and unit B, fields C, body D.
  search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', kb_fold(title)), 'A')
    || setweight(to_tsvector('simple', kb_fold(tags) || ' ' || coalesce(kb_fold(unit_code), '')), 'B')
    || setweight(to_tsvector('simple', kb_fold(fields_text)), 'C')
    || setweight(to_tsvector('simple', kb_fold(body)), 'D')
  ) STORED
);

-- The engine flushes the GIN pending list after a full reindex (gin_clean_pending_list), so searches do not
-- scan thousands of pending entries until autovacuum merges them; single-article writes leave only a few.
CREATE INDEX IF NOT EXISTS kb_search_document_search_vector_idx ON kb_search_document USING gin (search_vector);
-- Title and tag matches are found and ranked apart from body matches (see postgres-query.ts).
CREATE INDEX IF NOT EXISTS kb_search_document_head_vector_idx ON kb_search_document USING gin (head_vector);
CREATE INDEX IF NOT EXISTS kb_search_document_title_folded_idx ON kb_search_document (title_folded);

-- The rows the facets count, at most `cap`. Its own function for one reason: SET enable_seqscan = off. With a LIMIT
-- and a prefix query the planner underestimates the matches and picks a sequential scan that evaluates (and
-- de-TOASTs) every row's vector: 76 ms instead of ~10 ms for a word in two thirds of 50,000 articles.
CREATE OR REPLACE FUNCTION kb_search_facet_rows(q tsquery, types text[], units text[], valid_on date, cap integer)
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
  $$;

-- Every word the documents contain (4+ letters), for correcting a typo in a query word through trigrams.
-- Only grows: a word no document has any more only costs a useless alternative in a corrected query.
CREATE TABLE IF NOT EXISTS kb_search_word (word text PRIMARY KEY);
CREATE INDEX IF NOT EXISTS kb_search_word_trgm_idx ON kb_search_word USING gin (word gin_trgm_ops);

-- Up to five vocabulary words per query word that share enough trigrams (the engine keeps those within the typo
-- allowance). Its own function for the threshold: two swapped letters in a seven-letter word ("wnoisek") leave
-- a trigram similarity of about 0.25, under pg_trgm's default 0.3.
CREATE OR REPLACE FUNCTION kb_search_corrections(words text[])
  RETURNS TABLE (typed text, word text)
  LANGUAGE sql STABLE
  SET pg_trgm.similarity_threshold = 0.2
  AS $$
    SELECT q.word, w.word
    FROM unnest(words) AS q(word)
    CROSS JOIN LATERAL (
      SELECT v.word FROM kb_search_word v WHERE v.word % q.word ORDER BY similarity(v.word, q.word) DESC LIMIT 5
    ) w
  $$;

-- Synonym groups (folded terms) the engine expands query words with; replaced whole by setSynonyms().
CREATE TABLE IF NOT EXISTS kb_search_synonym (
  group_no integer NOT NULL,
  term text NOT NULL,
  PRIMARY KEY (group_no, term)
);
INSERT INTO kb_search_synonym (group_no, term)
SELECT * FROM (VALUES
  (1, 'dowod'), (1, 'dowod osobisty'), (2, 'mpk'), (2, 'komunikacja miejska'), (3, 'smieci'), (3, 'odpady'),
  (4, 'meldunek'), (4, 'zameldowanie'), (5, 'usc'), (5, 'urzad stanu cywilnego'), (6, 'spp'),
  (6, 'strefa platnego parkowania'), (7, 'mops'), (7, 'pomoc spoleczna'), (8, 'ztp'),
  (8, 'zarzad transportu publicznego'), (9, 'rejestracja pojazdu'), (9, 'rejestracja samochodu')
) AS hotline(group_no, term)
WHERE NOT EXISTS (SELECT 1 FROM kb_search_synonym);
