// Unit tests for hit snippets: short, plain, cut at words, and showing the match.
// Both engines end up in these helpers, so the 200-character promise is checked once here.
import { describe, expect, it } from 'vitest';
import { clipSnippet, makeSnippet } from './snippet.ts';

const LONG_BODY =
  'Wniosek składa się w urzędzie. '.repeat(8) +
  'Abonament mieszkańca uprawnia do parkowania w podstrefie zamieszkania. ' +
  'Dalsze informacje są na stronie miasta. '.repeat(6);

describe('makeSnippet', () => {
  it('returns a short body whole, with whitespace collapsed', () => {
    expect(makeSnippet('Krótki\n\ntekst  artykułu.', ['tekst'])).toBe('Krótki tekst artykułu.');
  });

  it('shows the first matching word in context, within 200 characters', () => {
    const snippet = makeSnippet(LONG_BODY, ['abonament']);
    expect(snippet.length).toBeLessThanOrEqual(200);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet).toContain('Abonament mieszkańca');
  });

  it('matches a folded term against accented text', () => {
    expect(makeSnippet(LONG_BODY, ['mieszkanca'])).toContain('mieszkańca');
  });

  it('starts at the beginning when nothing matches', () => {
    const snippet = makeSnippet(LONG_BODY, ['zzz']);
    expect(snippet.startsWith('Wniosek')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(200);
  });
});

describe('clipSnippet', () => {
  it('cuts at a word boundary and marks the cut', () => {
    const clipped = clipSnippet('słowo '.repeat(50), 30);
    expect(clipped.length).toBeLessThanOrEqual(30);
    expect(clipped).toMatch(/słowo…$/);
  });
});
