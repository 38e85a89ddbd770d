// Unit tests for the Polish text helpers the PostgreSQL engine builds its queries from.
// Folding must agree with PostgreSQL's kb_fold(), or the fallback misses what Meilisearch finds.
import { describe, expect, it } from 'vitest';
import { foldPolish, isStopWord, polishStem, searchTokens } from './polish.ts';

describe('foldPolish', () => {
  it('maps every Polish letter to its base letter and lowercases', () => {
    expect(foldPolish('ąćęłńóśźż')).toBe('acelnoszz');
    expect(foldPolish('ĄĆĘŁŃÓŚŹŻ')).toBe('acelnoszz');
    expect(foldPolish('Zażółć gęślą jaźń')).toBe('zazolc gesla jazn');
  });

  it('folds other Latin diacritics the way unaccent does', () => {
    expect(foldPolish('Café Müller')).toBe('cafe muller');
  });

  it('keeps the length, so offsets in the folded text point into the original', () => {
    const text = 'Żłobek Nr 5 – ul. Świętokrzyska';
    expect(foldPolish(text)).toHaveLength(text.length);
  });
});

describe('searchTokens', () => {
  it('returns folded words and numbers without punctuation', () => {
    expect(searchTokens('Dowód osobisty – ul. Długa 2/4, DK-03')).toEqual([
      'dowod',
      'osobisty',
      'ul',
      'dluga',
      '2',
      '4',
      'dk',
      '03',
    ]);
  });
});

describe('isStopWord', () => {
  it('recognises a folded stop word', () => {
    expect(isStopWord('sie')).toBe(true);
    expect(isStopWord('zlobek')).toBe(false);
  });
});

describe('polishStem', () => {
  it('cuts a common inflection ending', () => {
    expect(polishStem('odpady')).toBe('odpad');
    expect(polishStem('odpadow')).toBe('odpad');
    expect(polishStem('dowodu')).toBe('dowod');
    expect(polishStem('osobistego')).toBe('osobist');
  });

  it('never leaves fewer than four letters', () => {
    expect(polishStem('mpk')).toBe('mpk');
    expect(polishStem('ulica')).toBe('ulic');
    expect(polishStem('rowy')).toBe('rowy');
  });
});
