// Polish text helpers for search: diacritics folding, tokens, stop words and a light stemmer.
// Used by the PostgreSQL engine to build queries that match what Meilisearch finds on its own.

// Polish letters and their base letters, position by position.
const POLISH_LETTERS = 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ';
const BASE_LETTERS = 'acelnoszzacelnoszz';
const POLISH_FOLDS = new Map([...POLISH_LETTERS].map((letter, i) => [letter, BASE_LETTERS.charAt(i)]));

const COMBINING_MARKS = /[\u0300-\u036f]/g;

function foldChar(ch: string): string {
  const polish = POLISH_FOLDS.get(ch);
  if (polish !== undefined) return polish;
  if (ch.charCodeAt(0) < 128) return ch.toLowerCase();
  // Other Latin letters (é, ü, ö…) fold the way PostgreSQL's unaccent does; anything whose
  // folded form is not one character stays as it is, so offsets into the text stay valid.
  const stripped = ch.normalize('NFD').replace(COMBINING_MARKS, '').toLowerCase();
  if (stripped.length === 1) return stripped;
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

/**
 * Lowercases and removes Polish (and other Latin) diacritics: "Żłobek" → "zlobek".
 * The result has the same length as the input, so a match found in the folded text
 * points at the same place in the original (snippets rely on this).
 */
export function foldPolish(text: string): string {
  // Only upper-case ASCII and non-ASCII characters change; a regex replace is far cheaper than a loop.
  return text.replace(FOLDABLE, cachedFold);
}

const FOLDABLE = /[A-Z]|[^\p{ASCII}]/gu;
const FOLD_CACHE = new Map<string, string>();
function cachedFold(ch: string): string {
  let folded = FOLD_CACHE.get(ch);
  if (folded === undefined) {
    folded = foldChar(ch);
    if (FOLD_CACHE.size < 10_000) FOLD_CACHE.set(ch, folded);
  }
  return folded;
}

/** Folded words of a text: letters and digits only, in order. */
export function searchTokens(text: string): string[] {
  return foldPolish(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words too common to help a search. Kept short on purpose: agents type two or three words,
 * and dropping a meaningful one (e.g. "nie") would hurt more than it saves. The second line is how agents
 * phrase a caller's question ("kto prowadzi…", "gdzie można…", "mieszkaniec ma…"): an article answers
 * it without containing "kto" or "ma", and both engines would otherwise require those words.
 */
export const POLISH_STOP_WORDS: readonly string[] = (
  'a aby albo ale czy dla do i jak jest jej jego ich już lub na nad o od oraz po pod przez przy ' +
  'są się to u w we z za ze żeby ' +
  'co kto gdzie kiedy jaki jaka jakie jakich który która które można ma mam mają'
).split(' ');
const STOP_WORDS = new Set(POLISH_STOP_WORDS.map(foldPolish));

export function isStopWord(foldedWord: string): boolean {
  return STOP_WORDS.has(foldedWord);
}

// Common inflection endings, longest first (folded). Polish inflects nouns and adjectives by
// ending, so cutting the ending and matching the rest as a prefix finds "odpadow" from "odpady".
const ENDINGS = 'owie ami ach owi iem ego emu ymi imi ych ich iej ow om em ie ia iu ej ym im a e i o u y'.split(' ');
const MIN_STEM = 4;

/**
 * A crude stem for prefix matching: the folded word without its inflection ending, never
 * shorter than four letters ("dowodu" → "dowod", "odpady" → "odpad", "mpk" → "mpk").
 * Not a linguistic stemmer; it only widens recall, and the ranking puts exact forms first.
 */
export function polishStem(foldedWord: string): string {
  for (const ending of ENDINGS) {
    if (foldedWord.endsWith(ending) && foldedWord.length - ending.length >= MIN_STEM) {
      return foldedWord.slice(0, foldedWord.length - ending.length);
    }
  }
  return foldedWord;
}

/** Longest query text looked at, and most words used: agents type a few words; more only costs time. */
export const MAX_QUERY_CHARS = 300;
export const MAX_QUERY_WORDS = 8;
/** Longest single word kept (nothing in Polish is longer; a pasted hash or URL is not a word to search). */
const MAX_WORD_CHARS = 40;

/**
 * The folded words of what an agent typed, as both engines search them: control characters, quotes and
 * operators gone, capped at {@link MAX_QUERY_WORDS} words. Empty when there is nothing to search.
 */
export function queryWords(text: string): string[] {
  return searchTokens(text.slice(0, MAX_QUERY_CHARS))
    .filter((word) => word.length <= MAX_WORD_CHARS)
    .slice(0, MAX_QUERY_WORDS);
}

/** A synonym term as the engines store it: folded words joined by single spaces ("Dowód  osobisty" → "dowod osobisty"). */
export function foldTerm(term: string): string {
  return searchTokens(term).join(' ');
}

/** Synonym groups folded, without empty terms, duplicates or groups left with fewer than two terms. */
export function foldSynonymGroups(groups: readonly (readonly string[])[]): string[][] {
  const out: string[][] = [];
  for (const group of groups) {
    const terms = [...new Set(group.map(foldTerm).filter((term) => term.length > 0))];
    if (terms.length >= 2) out.push(terms);
  }
  return out;
}
