// Unit tests for synonym groups as the engines look them up, and for the cache that shares them between processes.
import { describe, expect, it } from 'vitest';
import { createSynonymCache, SynonymSet } from './synonyms.ts';

describe('SynonymSet', () => {
  it('maps a folded single word to the other terms of its groups, as words', () => {
    const set = new SynonymSet([
      ['Śmieci', 'odpady'],
      ['MPK', 'komunikacja miejska'],
    ]);
    expect(set.alternatives('smieci')).toEqual([['odpady']]);
    expect(set.alternatives('odpady')).toEqual([['smieci']]);
    expect(set.alternatives('mpk')).toEqual([['komunikacja', 'miejska']]);
    expect(set.extraWords(['mpk', 'bilet'])).toEqual(['komunikacja', 'miejska']);
  });
});

describe('SynonymSet.phraseAt', () => {
  it('finds the longest term of several words the query spells, stop words left out', () => {
    const set = new SynonymSet([
      ['budżet obywatelski', 'budżet partycypacyjny'],
      ['BHP', 'bezpieczeństwo i higiena pracy'],
    ]);
    expect(set.phraseAt(['wniosek', 'budzet', 'partycypacyjny'], 1)).toEqual({
      words: ['budzet', 'partycypacyjny'],
      alternatives: [['budzet', 'obywatelski']],
    });
    expect(set.phraseAt(['budzet', 'miasta'], 0)).toBeUndefined();
    expect(set.phraseAt(['bezpieczenstwo', 'higiena', 'pracy'], 0)?.alternatives).toEqual([['bhp']]);
    expect(set.extraWords(['budzet', 'partycypacyjny'])).toEqual(['budzet', 'obywatelski']);
  });
});

describe('createSynonymCache', () => {
  it('loads once, then serves the copy; set() wins over a load that started before it', async () => {
    let loads = 0;
    let release: (groups: string[][]) => void = () => {};
    const cache = createSynonymCache(() => {
      loads++;
      return loads === 1 ? Promise.resolve([['a1', 'b1']]) : new Promise((resolve) => (release = resolve));
    }, 0);
    expect((await cache.get()).groups).toEqual([['a1', 'b1']]);
    // Stale at once (ttl 0): the next get() answers from the copy and refreshes in the background.
    expect((await cache.get()).groups).toEqual([['a1', 'b1']]);
    cache.set([['new', 'groups']]);
    release([['old', 'load']]);
    await new Promise((r) => setTimeout(r, 0));
    expect((await cache.get()).groups).toEqual([['new', 'groups']]);
  });
});
