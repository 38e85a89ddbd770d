// Unit tests for hit snippets: short, plain, cut at words, and showing the match.
// Both engines end up in these helpers, so the 200-character promise is checked once here.
import { describe, expect, it } from 'vitest';
import { clipSnippet, describeHit, highlightRanges, makeSnippet, queryMatcher, typoDistance } from './snippet.ts';

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

describe('typoDistance', () => {
  it('counts a swap of neighbours as one typo', () => {
    expect(typoDistance('zglsozenie', 'zgloszenie', 2)).toBe(1);
    expect(typoDistance('zameldowamie', 'zameldowanie', 2)).toBe(1);
    expect(typoDistance('abc', 'xyz', 1)).toBe(2);
  });
});

describe('queryMatcher and highlightRanges', () => {
  const marked = (text: string, words: string[], extra: string[] = []) =>
    highlightRanges(text, queryMatcher(words, extra)).map((r) => text.slice(r.start, r.end));

  it('marks accented words from a folded query, by stem and by unfinished last word', () => {
    expect(marked('Pociągi do Łodzi i z Łódź Fabryczna', ['lodz'])).toEqual(['Łodzi', 'Łódź']);
    expect(marked('Wywóz odpadów wielkogabarytowych', ['odpady', 'wielkog'])).toEqual([
      'odpadów',
      'wielkogabarytowych',
    ]);
  });

  it('marks a word within the typo allowance, not a short word or another first letter', () => {
    expect(marked('Zgłoszenie awarii', ['zglsozenie'])).toEqual(['Zgłoszenie']);
    expect(marked('kot kit', ['kat'])).toEqual([]);
    expect(marked('Wgłoszenie', ['zgloszenie'])).toEqual([]);
  });

  it('marks synonyms and never stop words', () => {
    expect(marked('Wywóz odpadów', ['smieci'], ['odpady'])).toEqual(['odpadów']);
    expect(marked('Zapisy do żłobka', ['do', 'zlobka'])).toEqual(['żłobka']);
  });

  it('gives offsets into the original text (ranges are end-exclusive)', () => {
    expect(highlightRanges('Karta Krakowska', queryMatcher(['krakowska']))).toEqual([{ start: 6, end: 15 }]);
  });
});

describe('describeHit', () => {
  it('takes the snippet from the fields when only they match, and highlights inside the snippet', () => {
    const hit = describeHit(
      'Karta Krakowska',
      'Karta daje ulgi.',
      'Dokumenty: zdjęcie legitymacyjne.',
      queryMatcher(['zdjecie']),
    );
    expect(hit.snippet).toBe('Dokumenty: zdjęcie legitymacyjne.');
    expect(hit.highlights).toEqual([{ start: 11, end: 18 }]);
    expect(hit.titleHighlights).toEqual([]);
  });

  it('keeps the snippet plain text within 200 characters with highlights inside it', () => {
    const hit = describeHit('Abonament', LONG_BODY, '', queryMatcher(['abonament']));
    expect(hit.snippet.length).toBeLessThanOrEqual(200);
    expect(hit.highlights.map((r) => hit.snippet.slice(r.start, r.end))).toEqual(['Abonament']);
    expect(hit.titleHighlights).toEqual([{ start: 0, end: 9 }]);
  });
});
