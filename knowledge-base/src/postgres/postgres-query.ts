// Turns what an agent typed into a PostgreSQL tsquery (folded words, stems as prefixes, synonyms and typo corrections
// OR-ed in) and holds the SQL that answers it. Kept apart from the engine so the query rules are unit-tested alone.
//
// Why the SQL looks the way it does (measured on 50,000 generated articles, two shared cores): a plain
// `WHERE search_vector @@ q ORDER BY ts_rank(search_vector, q) LIMIT 10` with prefixes took ~280 ms at p95,
// because a common prefix ("wniosek", "ul:*") matches a third of the corpus and ts_rank has to de-TOAST and
// walk every matching row's whole vector. The design keeps every step proportional to what is shown:
//   1. Title and tag matches first: a GIN index of its own on head_vector (title A, tags and unit B; small, kept
//      in the row) finds them, and ts_rank ranks at most `headCandidates` of them, plus the article whose folded
//      title equals the query (a b-tree lookup), so the exact title is never lost to the cap. They always
//      outrank body-only matches (score ≥ 10).
//   2. Only when fewer than `limit` titles match are body-only matches ranked with the full vector, and only the
//      first `bodyCandidates` of them (a bounded set; a gating initplan skips the step otherwise).
//   3. Facets count the matches of search_vector, at most `facetCap` of them: every counted match costs a visit
//      to its row (~7 µs warm), and a three-letter prefix can match the whole corpus. Below the cap the counts
//      are exact; above it they count the first `facetCap` matches (Meilisearch, the primary, counts all).
//      kb_search_facet_rows() runs that scan with enable_seqscan off (see schema.sql for why).
//   4. Prefix expansion is limited: the last word is a prefix from 3 letters, other words from 4 (as stems),
//      so "a:*" never expands to half the dictionary. A full reindex flushes the GIN pending list at once.
//   5. Typos: only when the query found fewer than `limit` hits, the query words (5+ letters) are looked up in
//      kb_search_word (every document word, trigram-indexed) and words within Meilisearch's typo allowance are
//      OR-ed in for a second run. The common query never pays for it.
//   6. Still fewer than `limit` hits with three words or more: one more run of `relaxedTsquery` (every set of all
//      words but one) adds the articles that hold all but one, after those that hold all. Stop words include the
//      question words agents type ("kto", "gdzie", "ma"), and a synonym term of several words is looked up as typed.
import { isStopWord, polishStem, queryWords } from '../polish.ts';
import { SynonymSet } from '../synonyms.ts';
import { SYNONYM_GROUPS } from '../vocabulary.ts';

export interface PostgresQuery {
  /** tsquery text for the `simple` configuration, e.g. `dowod:* & osobist:*`. */
  tsquery: string;
  /**
   * Articles holding all the words but one, e.g. `(dowod:* & osobist:*) | (dowod:* & wydan:*) | …`; null under three
   * words (one word alone is too weak a match, and a word the index has must match). Asked only when `tsquery` finds
   * too little: an agent's phrasing often has a word the article does not ("zgoda na użycie herbu" for an article
   * on "posługiwanie się herbem").
   */
  relaxedTsquery: string | null;
  /** The folded words joined by spaces: compared with `title_folded` (the exact-title bonus). */
  folded: string;
  /** The words searched for (folded, stop words dropped unless nothing else is left), in order. */
  words: string[];
  /** Words synonyms and corrections brought in: highlights mark them too. */
  extraWords: string[];
}

/** Words shorter than this are matched exactly unless they are the last (still being typed) word. */
const MIN_PREFIX_WORD = 4;
/**
 * The last word becomes a prefix only from this length: "a:*" or "po:*" expands to thousands of
 * index entries and costs more than the rest of the search, and two letters say nothing yet.
 */
const MIN_LAST_PREFIX = 3;

const DEFAULT_SYNONYMS = new SynonymSet(SYNONYM_GROUPS.map((group) => [...group]));

function wordTerm(word: string, isLast: boolean): string {
  if (isLast) return word.length >= MIN_LAST_PREFIX ? `${polishStem(word)}:*` : word;
  return word.length >= MIN_PREFIX_WORD ? `${polishStem(word)}:*` : word;
}

/**
 * Builds the query, or null when the text has no searchable word. Stop words are dropped unless nothing
 * else is left; the last word is a prefix because the agent may still be typing. `corrections` maps a
 * query word to vocabulary words within its typo allowance (the engine looks them up when too little matched).
 */
export function buildPostgresQuery(
  text: string,
  synonyms: SynonymSet = DEFAULT_SYNONYMS,
  corrections: ReadonlyMap<string, readonly string[]> = new Map(),
): PostgresQuery | null {
  const tokens = queryWords(text);
  const meaningful = tokens.filter((token) => !isStopWord(token));
  const words = meaningful.length > 0 ? meaningful : tokens;
  if (words.length === 0) return null;

  const extraWords = new Set<string>();
  const alternativeTerm = (synonym: string[]) => {
    synonym.forEach((w) => extraWords.add(w));
    const terms = synonym.map((w) => wordTerm(w, true));
    return terms.length === 1 ? terms[0]! : `(${terms.join(' & ')})`;
  };
  // One part per word, or per run of words that spell a synonym term of several words ("budżet partycypacyjny"):
  // the run as typed OR its alternatives, so the other term is found even where the typed words never appear.
  const parts: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = synonyms.phraseAt(words, i);
    if (phrase !== undefined) {
      const typed = phrase.words.map((word, k) => wordTerm(word, i + k === words.length - 1));
      parts.push(`((${typed.join(' & ')}) | ${phrase.alternatives.map(alternativeTerm).join(' | ')})`);
      i += phrase.words.length - 1;
      continue;
    }
    const word = words[i]!;
    const term = wordTerm(word, i === words.length - 1);
    const alternatives = synonyms.alternatives(word).map(alternativeTerm);
    // A corrected word is a stem prefix like any other, so it finds the other forms of the word too.
    for (const corrected of corrections.get(word) ?? []) {
      extraWords.add(corrected);
      const correctedTerm = wordTerm(corrected, true);
      if (!alternatives.includes(correctedTerm)) alternatives.push(correctedTerm);
    }
    parts.push(alternatives.length === 0 ? term : `(${[term, ...alternatives].join(' | ')})`);
  }
  // Every part but one, in turn: see `relaxedTsquery`.
  const relaxedTsquery =
    parts.length < 3
      ? null
      : [...new Set(parts.map((_, skip) => `(${parts.filter((__, i) => i !== skip).join(' & ')})`))].join(' | ');
  // `folded` keeps stop words: it is compared with whole titles, which keep them too.
  return {
    tsquery: parts.join(' & '),
    relaxedTsquery,
    folded: tokens.join(' '),
    words,
    extraWords: [...extraWords],
  };
}

const FILTERS = `($3::text[] IS NULL OR type = ANY($3::text[]))
      AND ($4::text[] IS NULL OR unit_code = ANY($4::text[]))
      AND ($5::date IS NULL OR (coalesce(valid_from, '-infinity') <= $5::date
                                AND coalesce(valid_to, 'infinity') >= $5::date))`;

// $1 tsquery, $2 folded query, $3 types (null: all), $4 unit codes (null: all), $5 valid on (null: any),
// $6 limit, $7 body-only matches ranked at most, $8 title/tag matches ranked at most, $9 matches counted
// for facets at most. See the design notes at the top.
export const SEARCH_SQL = `
  WITH head AS MATERIALIZED (
    (SELECT id, updated_at, 10 + ts_rank(head_vector, $1::tsquery) AS score
     FROM kb_search_document WHERE head_vector @@ $1::tsquery AND ${FILTERS} LIMIT $8)
    UNION
    (SELECT id, updated_at, 15 + ts_rank(head_vector, $1::tsquery) AS score
     FROM kb_search_document WHERE title_folded = $2 AND ${FILTERS})
  ),
  head_top AS (
    SELECT DISTINCT ON (id) id, score, updated_at FROM head ORDER BY id, score DESC
  ),
  head_ranked AS (
    SELECT id, score FROM head_top ORDER BY score DESC, updated_at DESC, id LIMIT $6
  ),
  body_top AS (
    SELECT id, ts_rank(search_vector, $1::tsquery) + 2 * ts_rank(head_vector, any_word.q) AS score FROM (
      SELECT id, search_vector, head_vector FROM kb_search_document
      WHERE search_vector @@ $1::tsquery AND NOT head_vector @@ $1::tsquery AND ${FILTERS}
        AND (SELECT count(*) FROM head_ranked) < $6
      LIMIT $7
    ) c
    -- Some of the words in the title or tags lift a body match, as Meilisearch's attribute rule does:
    -- "sprawa do prezydenta miasta" prefers "Sprawy kierowane do Prezydenta" to a page that names all three in passing.
    CROSS JOIN (SELECT replace($1::tsquery::text, ' & ', ' | ')::tsquery AS q) any_word
    ORDER BY score DESC LIMIT $6
  ),
  facet_rows AS MATERIALIZED (
    SELECT type, unit_code FROM kb_search_facet_rows($1::tsquery, $3::text[], $4::text[], $5::date, $9)
  ),
  top AS (SELECT id, score FROM head_ranked UNION ALL SELECT id, score FROM body_top)
  SELECT d.id, d.type, d.title, d.body, d.fields_text, d.unit_code, d.valid_to::text AS valid_to,
    (SELECT coalesce(json_object_agg(type, n), '{}') FROM
      (SELECT type, count(*) AS n FROM facet_rows GROUP BY type) t) AS type_facets,
    (SELECT coalesce(json_object_agg(unit_code, n), '{}') FROM
      (SELECT unit_code, count(*) AS n FROM facet_rows WHERE unit_code IS NOT NULL GROUP BY unit_code) u) AS unit_facets
  FROM top JOIN kb_search_document d USING (id)
  ORDER BY top.score DESC, d.updated_at DESC, d.id
  LIMIT $6`;

// $1 query words (5+ letters); see kb_search_corrections() in schema.sql.
export const CORRECTIONS_SQL = `SELECT typed, word FROM kb_search_corrections($1::text[])`;
