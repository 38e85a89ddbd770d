// The engine's match ranges made safe to draw: clipped, merged, and moved along when Markdown marks are
// taken out of a snippet. Pure functions, so they are tested without a browser.
import type { TextRange } from '@kck/contracts';

/** Ranges sorted, clipped to the text and merged where they touch, so each character is marked at most once. */
export function normaliseRanges(text: string, ranges: readonly TextRange[]): TextRange[] {
  const clipped = ranges
    .map((range) => ({ start: Math.max(0, range.start), end: Math.min(text.length, range.end) }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of clipped) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

// Markdown marks the engine's plain-text snippet still carries (headings' #, **bold**, `code`).
const MARKDOWN_MARKS = /(?:^|(?<=\s))#{1,6}\s|\*\*|__|`/g;

/** The snippet without Markdown marks, its ranges moved to match (a mark inside a range just shortens it). */
export function withoutMarkdown(text: string, ranges: readonly TextRange[]): { text: string; ranges: TextRange[] } {
  const keep = new Array<boolean>(text.length).fill(true);
  for (const match of text.matchAll(MARKDOWN_MARKS)) {
    for (let i = match.index; i < match.index + match[0].length; i++) keep[i] = false;
  }
  // kept[i]: how many characters before position i survive, i.e. where position i lands in the new text.
  const kept = [0];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (keep[i]) out += text[i];
    kept.push(out.length);
  }
  const at = (i: number) => kept[Math.max(0, Math.min(text.length, i))] ?? out.length;
  return { text: out, ranges: ranges.map((range) => ({ start: at(range.start), end: at(range.end) })) };
}
