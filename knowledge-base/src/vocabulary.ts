// Hotline vocabulary shared by both engines: groups of words residents and agents use for the same thing.
// The engines start with them (a new Meilisearch index, the migration's kb_search_synonym rows) until setSynonyms();
// the seed saves them as the editable list, which editors then change in the console.

/** Each group lists interchangeable terms; every term finds the others. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['śmieci', 'odpady'],
  ['MPK', 'komunikacja miejska'],
  ['dowód', 'dowód osobisty'],
  ['meldunek', 'zameldowanie'],
  ['USC', 'Urząd Stanu Cywilnego'],
  ['SPP', 'strefa płatnego parkowania'],
  ['MOPS', 'pomoc społeczna'],
  ['ZTP', 'Zarząd Transportu Publicznego'],
  ['rejestracja pojazdu', 'rejestracja samochodu'],
  ['NGO', 'organizacje pozarządowe'],
  ['KCK', 'Krakowskie Centrum Kontaktu'],
  ['BIP', 'Biuletyn Informacji Publicznej'],
  ['KPUM', 'Krakowski Portal Usług Miejskich'],
  ['ePUAP', 'Platforma Usług Administracji Publicznej'],
  ['BHP', 'bezpieczeństwo i higiena pracy'],
  ['cudzoziemcy', 'obcokrajowcy'],
  ['awaria', 'usterka'],
  ['budżet obywatelski', 'budżet partycypacyjny'],
  ['ankieta', 'badanie ankietowe'],
];
