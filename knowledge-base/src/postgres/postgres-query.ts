// Turns what an agent typed into a PostgreSQL tsquery: folded words, stems matched as prefixes, synonyms OR-ed in.
// Kept apart from the engine so the query rules can be unit-tested without a database.
import { isStopWord, polishStem, searchTokens } from '../polish.ts';
import { SYNONYM_GROUPS } from '../vocabulary.ts';

export interface PostgresQuery {
  /** tsquery text for the `simple` configuration, e.g. `dowod:* & osobist:*`. */
  tsquery: string;
  /** The folded words joined by spaces: compared with `title_folded` (exact title, trigram typos). */
  folded: string;
  /** Folded prefixes a snippet should look for in the body. */
  snippetTerms: string[];
}

/** Words shorter than this are matched exactly unless they are the last (still being typed) word. */
const MIN_PREFIX_WORD = 4;

/** Folded single-word term → the other terms of its synonym group, each as folded words. */
function synonymIndex(): Map<string, string[][]> {
  const index = new Map<string, string[][]>();
  for (const group of SYNONYM_GROUPS) {
    const terms = group.map((term) => searchTokens(term));
    for (const [i, words] of terms.entries()) {
      const [word] = words;
      if (words.length !== 1 || word === undefined) continue;
      const others = terms.filter((_, j) => j !== i);
      index.set(word, [...(index.get(word) ?? []), ...others]);
    }
  }
  return index;
}
const SYNONYMS = synonymIndex();

function wordTerm(word: string, isLast: boolean): string {
  if (isLast) return `${polishStem(word)}:*`;
  return word.length >= MIN_PREFIX_WORD ? `${polishStem(word)}:*` : word;
}

/**
 * Builds the query, or null when the text has no searchable word. Stop words are dropped
 * unless nothing else is left; the last word is a prefix because the agent may still be typing.
 */
export function buildPostgresQuery(text: string): PostgresQuery | null {
  const tokens = searchTokens(text);
  const meaningful = tokens.filter((token) => !isStopWord(token));
  const words = meaningful.length > 0 ? meaningful : tokens;
  if (words.length === 0) return null;

  const snippetTerms = new Set<string>();
  const parts = words.map((word, i) => {
    const term = wordTerm(word, i === words.length - 1);
    snippetTerms.add(polishStem(word));
    const alternatives = (SYNONYMS.get(word) ?? []).map((synonym) => {
      synonym.forEach((w) => snippetTerms.add(polishStem(w)));
      const terms = synonym.map((w) => wordTerm(w, true));
      return terms.length === 1 ? terms[0] : `(${terms.join(' & ')})`;
    });
    return alternatives.length === 0 ? term : `(${[term, ...alternatives].join(' | ')})`;
  });
  // `folded` keeps stop words: it is compared with whole titles, which keep them too.
  return { tsquery: parts.join(' & '), folded: tokens.join(' '), snippetTerms: [...snippetTerms] };
}
