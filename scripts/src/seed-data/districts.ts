// The 18 districts (dzielnice) of Kraków, for the 'district' dictionary: roman-numeral code and labels.
// Proper names stay Polish in English; only "Stare Miasto" has an established English name.

export interface SeedDistrict {
  code: string;
  labelPl: string;
  labelEn: string;
}

const NAMES: [code: string, pl: string, en?: string][] = [
  ['I', 'Stare Miasto', 'Old Town'],
  ['II', 'Grzegórzki'],
  ['III', 'Prądnik Czerwony'],
  ['IV', 'Prądnik Biały'],
  ['V', 'Krowodrza'],
  ['VI', 'Bronowice'],
  ['VII', 'Zwierzyniec'],
  ['VIII', 'Dębniki'],
  ['IX', 'Łagiewniki-Borek Fałęcki'],
  ['X', 'Swoszowice'],
  ['XI', 'Podgórze Duchackie'],
  ['XII', 'Bieżanów-Prokocim'],
  ['XIII', 'Podgórze'],
  ['XIV', 'Czyżyny'],
  ['XV', 'Mistrzejowice'],
  ['XVI', 'Bieńczyce'],
  ['XVII', 'Wzgórza Krzesławickie'],
  ['XVIII', 'Nowa Huta'],
];

export const DISTRICTS: SeedDistrict[] = NAMES.map(([code, pl, en]) => ({
  code,
  labelPl: `${code} ${pl}`,
  labelEn: `${code} ${en ?? pl}`,
}));
