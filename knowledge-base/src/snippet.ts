// Plain-text snippets for search hits: a short excerpt of the body around the first matching word.
// Agents read it while the resident talks, so it is cut at word boundaries and never exceeds 200 characters.
import { foldPolish } from './polish.ts';
import { SNIPPET_MAX_LENGTH } from './search-engine.ts';

const ELLIPSIS = '…';
/** How much text to show before the match, so the agent sees the word in its sentence. */
const LEAD_IN = 50;

function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Index of the first place where a word of `folded` starts with one of `terms`, or -1. */
function firstWordMatch(folded: string, terms: readonly string[]): number {
  let best = -1;
  for (const term of terms) {
    if (term.length === 0) continue;
    let from = 0;
    for (;;) {
      const at = folded.indexOf(term, from);
      if (at < 0) break;
      const before = at === 0 ? ' ' : folded.charAt(at - 1);
      if (!/[\p{L}\p{N}]/u.test(before)) {
        if (best < 0 || at < best) best = at;
        break;
      }
      from = at + 1;
    }
  }
  return best;
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

/**
 * An excerpt of `body` around the earliest word starting with one of the folded `terms`
 * (the start of the body when none matches), at most `maxLength` characters.
 */
export function makeSnippet(body: string, terms: readonly string[], maxLength = SNIPPET_MAX_LENGTH): string {
  const text = collapseWhitespace(body);
  if (text.length <= maxLength) return text;
  const match = firstWordMatch(foldPolish(text), terms);
  if (match <= LEAD_IN) return clipSnippet(text, maxLength);

  // Start at a word boundary a little before the match.
  const space = text.indexOf(' ', match - LEAD_IN);
  const start = space >= 0 && space < match ? space + 1 : match;
  const rest = text.slice(start);
  const room = maxLength - ELLIPSIS.length;
  const clipped = clipSnippet(rest, room);
  return ELLIPSIS + clipped;
}
