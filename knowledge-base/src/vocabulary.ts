// Hotline vocabulary shared by both engines: groups of words residents and agents use for the same thing.
// Meilisearch gets them as index synonyms; the PostgreSQL engine expands single query words with them.

/** Each group lists interchangeable terms; every term finds the others. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['dowód', 'dowód osobisty'],
  ['MPK', 'komunikacja miejska'],
  ['śmieci', 'odpady'],
  ['meldunek', 'zameldowanie'],
  ['USC', 'Urząd Stanu Cywilnego'],
  ['SPP', 'strefa płatnego parkowania'],
  ['MOPS', 'pomoc społeczna'],
  ['ZTP', 'Zarząd Transportu Publicznego'],
  ['rejestracja pojazdu', 'rejestracja samochodu'],
];

/** The groups in Meilisearch's shape: each term → the other terms of its group. */
export function meiliSynonyms(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of groups) {
    for (const term of group) {
      const others = group.filter((other) => other !== term);
      synonyms[term.toLowerCase()] = [...(synonyms[term.toLowerCase()] ?? []), ...others.map((o) => o.toLowerCase())];
    }
  }
  return synonyms;
}
