// Unit tests for the Polish text helpers the PostgreSQL engine builds its queries from.
// Folding must agree with PostgreSQL's kb_fold(), or the fallback misses what Meilisearch finds.
import { describe, expect, it } from 'vitest';
import { foldPolish, foldSynonymGroups, isStopWord, polishStem, queryWords, searchTokens } from './polish.ts';

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
    // How a caller's question is phrased, not what an article says.
    for (const word of ['kto', 'gdzie', 'ma', 'mozna']) expect(isStopWord(word), word).toBe(true);
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

describe('queryWords', () => {
  it('folds ł and the other Polish letters the way documents are folded', () => {
    expect(queryWords('Łódź')).toEqual(['lodz']);
    expect(queryWords('ZGŁOSZENIE')).toEqual(['zgloszenie']);
  });

  it('drops control characters, quotes and operators, and caps huge input', () => {
    expect(queryWords('\u0000\u0007"-*')).toEqual([]);
    expect(queryWords('"dowód" -osobisty\u0000')).toEqual(['dowod', 'osobisty']);
    expect(queryWords('słowo '.repeat(10_000))).toHaveLength(8);
    expect(queryWords('a'.repeat(100_000))).toEqual([]);
  });
});

describe('foldSynonymGroups', () => {
  it('folds terms, drops duplicates and groups left with one term', () => {
    expect(foldSynonymGroups([['Śmieci', 'odpady', 'ŚMIECI'], ['samotny'], ['Dowód  osobisty', 'dowód']])).toEqual([
      ['smieci', 'odpady'],
      ['dowod osobisty', 'dowod'],
    ]);
  });
});
