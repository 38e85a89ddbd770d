import { describe, expect, it } from 'vitest';
import { normaliseRanges, withoutMarkdown } from './highlight';

describe('normaliseRanges', () => {
  it('sorts, clips to the text and merges overlapping ranges', () => {
    expect(
      normaliseRanges('abcdefghij', [
        { start: 6, end: 20 },
        { start: 0, end: 2 },
        { start: 1, end: 4 },
        { start: 5, end: 5 },
      ]),
    ).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 10 },
    ]);
  });
});

describe('withoutMarkdown', () => {
  it('drops heading, bold and code marks and moves the ranges with the text', () => {
    const text = '# Karta **dowód osobisty** i `ePUAP`';
    const dowod = text.indexOf('dowód');
    const epuap = text.indexOf('ePUAP');
    const result = withoutMarkdown(text, [
      { start: dowod, end: dowod + 5 },
      { start: epuap, end: epuap + 5 },
    ]);
    expect(result.text).toBe('Karta dowód osobisty i ePUAP');
    expect(result.ranges.map((r) => result.text.slice(r.start, r.end))).toEqual(['dowód', 'ePUAP']);
  });

  it('keeps a # that is not a heading mark', () => {
    expect(withoutMarkdown('pokój #12', []).text).toBe('pokój #12');
  });
});
