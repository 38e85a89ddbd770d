// The synonym groups the knowledge base starts with: words residents and agents use for the same thing
// (abbreviations and their full names, everyday words and official ones). Editors change them in the console;
// the seed writes them only while no group has been saved, so their edits stay.
export const SEED_SYNONYM_GROUPS: string[][] = [
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
