// Synonym groups are cleaned before they are stored: the engines never get a group that cannot match anything.
import { describe, expect, it } from 'vitest';
import { normaliseSynonymGroups } from './synonyms.service.ts';

describe('normaliseSynonymGroups', () => {
  it('trims terms, drops duplicates within a group (case aside) and groups left with one term', () => {
    expect(
      normaliseSynonymGroups([
        ['  śmieci ', 'odpady', 'Odpady'],
        ['MPK', 'mpk'],
        ['dowód', 'dowód   osobisty'],
      ]),
    ).toEqual([
      ['śmieci', 'odpady'],
      ['dowód', 'dowód osobisty'],
    ]);
  });
});
