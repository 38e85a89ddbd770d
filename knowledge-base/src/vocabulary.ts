// Hotline vocabulary shared by both engines: groups of words residents and agents use for the same thing.
// The engines start with them (a new Meilisearch index, the migration's kb_search_synonym rows) until setSynonyms().

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
