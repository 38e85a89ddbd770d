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
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldChar(text.charAt(i));
  return out;
}

/** Folded words of a text: letters and digits only, in order. */
export function searchTokens(text: string): string[] {
  return foldPolish(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Words too common to help a search. Kept short on purpose: agents type two or three words,
 * and dropping a meaningful one (e.g. "nie") would hurt more than it saves.
 */
export const POLISH_STOP_WORDS: readonly string[] = (
  'a aby albo ale czy dla do i jak jest jej jego ich już lub na nad o od oraz po pod przez przy ' +
  'są się to u w we z za ze żeby'
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
