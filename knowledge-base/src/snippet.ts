// Plain-text snippets for search hits: a short excerpt of the body around the first matching word, and where
// the query matched in it. Agents read it while the resident talks: cut at words, never over 200 characters.
import { foldPolish, isStopWord, polishStem } from './polish.ts';
import { SNIPPET_MAX_LENGTH, type TextRange } from './search-engine.ts';

/** Says whether a folded word of a text is something the query matched. */
export type WordMatcher = (foldedWord: string) => boolean;

const WORD = /[\p{L}\p{N}]+/gu;

/** Optimal-string-alignment distance (a swap of two neighbours is one typo), giving up above `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
        d = Math.min(d, prevPrev[j - 2]! + 1);
      }
      row.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** Typos Meilisearch forgives in a word of this length (its defaults: 1 from 5 letters, 2 from 9). */
export function allowedTypos(length: number): number {
  return length >= 9 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * A matcher for the words an agent typed (folded, in order) plus `exact` extra words (synonyms, typo
 * corrections; matched whole or by stem): a text word matches when it equals a query word, starts with its stem (the last word,
 * still being typed, as typed), or is within Meilisearch's typo allowance of it. Stop words never match.
 */
export function queryMatcher(words: readonly string[], exact: readonly string[] = []): WordMatcher {
  const extra = exact.filter((word) => !isStopWord(word));
  const extraStems = extra.map(polishStem).filter((stem) => stem.length >= 4);
  const meaningful = words.filter((word) => !isStopWord(word));
  const terms = meaningful.map((term, i) => ({
    term,
    stem: polishStem(term),
    typos: allowedTypos(term.length),
    last: i === meaningful.length - 1,
  }));
  // Words repeat within and across hits: decide each once.
  const decided = new Map<string, boolean>();
  const decide = (word: string): boolean => {
    if (extra.includes(word) || extraStems.some((stem) => word.startsWith(stem))) return true;
    return terms.some(({ term, stem, typos, last }) => {
      if (word === term) return true;
      if (last && term.length >= 2 && word.startsWith(term)) return true;
      if (stem.length >= 4 && word.startsWith(stem)) return true;
      // Meilisearch counts a typo on the first letter as two, so a word with another first letter never matches.
      if (typos === 0 || word.charCodeAt(0) !== term.charCodeAt(0)) return false;
      if (typoDistance(word, term, typos) <= typos) return true;
      // A word still being typed: compare with the text word's beginning.
      return last && typoDistance(word.slice(0, term.length), term, typos) <= typos;
    });
  };
  return (foldedWord) => {
    let matched = decided.get(foldedWord);
    if (matched === undefined) {
      matched = decide(foldedWord);
      decided.set(foldedWord, matched);
    }
    return matched;
  };
}

/** Where `text`'s words match: offsets into `text` itself (folding keeps the length). */
export function highlightRanges(text: string, matches: WordMatcher): TextRange[] {
  const ranges: TextRange[] = [];
  const folded = foldPolish(text);
  const words = new RegExp(WORD.source, 'gu');
  for (let found = words.exec(folded); found !== null; found = words.exec(folded)) {
    if (matches(found[0])) ranges.push({ start: found.index, end: found.index + found[0].length });
  }
  return ranges;
}

const ELLIPSIS = '…';
/** How much of a body the snippet looks at for the match. */
const SNIPPET_SOURCE_CHARS = 20_000;
/** How much text to show before the match, so the agent sees the word in its sentence. */
const LEAD_IN = 50;

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Index of the first word of `folded` that matches, or -1. An exec loop: far cheaper than matchAll's iterator. */
function firstWordMatch(folded: string, matches: WordMatcher): number {
  const words = new RegExp(WORD.source, 'gu');
  for (let found = words.exec(folded); found !== null; found = words.exec(folded)) {
    if (matches(found[0])) return found.index;
  }
  return -1;
}

function asMatcher(terms: readonly string[] | WordMatcher): WordMatcher {
  if (typeof terms === 'function') return terms;
  const prefixes = terms.filter((term) => term.length > 0);
  return (word) => prefixes.some((prefix) => word.startsWith(prefix));
}

/** Cuts `text` to at most `maxLength` characters at a word boundary, marking the cut with "…". */
export function clipSnippet(text: string, maxLength = SNIPPET_MAX_LENGTH): string {
  const clean = collapseWhitespace(text);
  if (clean.length <= maxLength) return clean;
  const room = maxLength - ELLIPSIS.length;
  const lastSpace = clean.lastIndexOf(' ', room);
  const cut = lastSpace > room / 2 ? lastSpace : room;
  return clean.slice(0, cut).trimEnd() + ELLIPSIS;
}

/** The excerpt of collapsed `text` around the match at `match` (-1: none), at most `maxLength` characters. */
function snippetAt(text: string, match: number, maxLength: number): string {
  if (text.length <= maxLength) return text;
  if (match <= LEAD_IN) return clipSnippet(text.slice(0, maxLength + 20), maxLength);
  // Start at a word boundary a little before the match.
  const space = text.indexOf(' ', match - LEAD_IN);
  const start = space >= 0 && space < match ? space + 1 : match;
  const room = maxLength - ELLIPSIS.length;
  // A little past the room is enough for clipSnippet to see there is more (a trailing space gets trimmed).
  return ELLIPSIS + clipSnippet(text.slice(start, start + room + 20), room);
}

/**
 * An excerpt of `body` around the earliest matching word (`terms`: folded prefixes, or a matcher),
 * the start of the body when none matches, at most `maxLength` characters.
 */
export function makeSnippet(
  body: string,
  terms: readonly string[] | WordMatcher,
  maxLength = SNIPPET_MAX_LENGTH,
): string {
  const text = collapseWhitespace(body);
  if (text.length <= maxLength) return text;
  return snippetAt(text, firstWordMatch(foldPolish(text), asMatcher(terms)), maxLength);
}

/**
 * The snippet and highlights of one hit: the excerpt comes from the body, or from the type's fields
 * when only they contain the match (a fee, a document on the list).
 */
export function describeHit(
  title: string,
  body: string,
  fieldsText: string,
  matches: WordMatcher,
): { snippet: string; highlights: TextRange[]; titleHighlights: TextRange[] } {
  // A 200-character excerpt never needs more than the beginning of a long article.
  let text = collapseWhitespace(body.slice(0, SNIPPET_SOURCE_CHARS));
  let match = firstWordMatch(foldPolish(text), matches);
  if (match < 0 && fieldsText !== '') {
    const fields = collapseWhitespace(fieldsText.slice(0, SNIPPET_SOURCE_CHARS));
    const fieldsMatch = firstWordMatch(foldPolish(fields), matches);
    if (fieldsMatch >= 0) [text, match] = [fields, fieldsMatch];
  }
  const snippet = snippetAt(text, match, SNIPPET_MAX_LENGTH);
  return { snippet, highlights: highlightRanges(snippet, matches), titleHighlights: highlightRanges(title, matches) };
}
