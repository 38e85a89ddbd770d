// The two-level category tree residents' problems and ideas are filed under, with the unit each leaf routes to.
// A null routeToUnitCode on a leaf sends the ticket to DK-03 triage (ideas, service quality, anything else).

export interface SeedCategory {
  code: string;
  labelPl: string;
  labelEn: string;
  /** null for a top-level group. */
  parentCode: string | null;
  /** Unit code from units.ts for routed leaves; null for groups and for leaves DK-03 triages by hand. */
  routeToUnitCode: string | null;
}

type Leaf = [code: string, labelPl: string, labelEn: string, routeToUnitCode: string | null];

const group = (code: string, labelPl: string, labelEn: string, leaves: Leaf[]): SeedCategory[] => [
  { code, labelPl, labelEn, parentCode: null, routeToUnitCode: null },
  ...leaves.map(([leafCode, pl, en, unit]) => ({
    code: `${code}.${leafCode}`,
    labelPl: pl,
    labelEn: en,
    parentCode: code,
    routeToUnitCode: unit,
  })),
];

/** Groups come before their leaves, so the list can be inserted in order. */
export const CATEGORIES: SeedCategory[] = [
  ...group('roads', 'Drogi i chodniki', 'Roads and pavements', [
    ['pothole', 'Dziura w jezdni', 'Pothole', 'ZDMK'],
    ['pavement', 'Uszkodzony chodnik', 'Broken pavement', 'ZDMK'],
    ['signs', 'Znaki i oznakowanie drogowe', 'Road signs and markings', 'ZDMK'],
    ['lighting', 'Oświetlenie uliczne', 'Street lighting', 'ZDMK'],
  ]),
  ...group('greenery', 'Zieleń', 'Greenery', [
    ['fallen_tree', 'Powalone lub zagrażające drzewo', 'Fallen or dangerous tree', 'ZZM'],
    ['park', 'Utrzymanie parków i zieleńców', 'Park maintenance', 'ZZM'],
    ['mowing', 'Koszenie trawy', 'Mowing', 'ZZM'],
  ]),
  ...group('cleanliness', 'Czystość i odpady', 'Cleanliness and waste', [
    ['bins', 'Przepełnione kosze na śmieci', 'Overflowing bins', 'MPO'],
    ['dumping', 'Nielegalne wysypisko śmieci', 'Illegal dumping', 'MPO'],
    ['missed_collection', 'Nieodebrane odpady', 'Missed waste collection', 'MPO'],
  ]),
  ...group('transport', 'Komunikacja miejska', 'Public transport', [
    ['stop', 'Uszkodzony przystanek', 'Damaged stop', 'ZTP'],
    ['timetable', 'Rozkład jazdy', 'Timetable', 'ZTP'],
    ['vehicle', 'Czystość pojazdu', 'Vehicle cleanliness', 'MPK'],
  ]),
  ...group('water', 'Woda i kanalizacja', 'Water and sewage', [
    ['failure', 'Awaria wodociągu, brak wody', 'Water failure', 'WMK'],
    ['sewer', 'Wybijająca kanalizacja, zalanie', 'Sewer flooding', 'WMK'],
  ]),
  ...group('order', 'Porządek publiczny', 'Public order', [
    ['parking', 'Nieprawidłowe parkowanie', 'Illegal parking', 'SMMK'],
    ['noise', 'Hałas, zakłócanie spokoju', 'Noise', 'SMMK'],
    ['vandalism', 'Wandalizm', 'Vandalism', 'SMMK'],
  ]),
  ...group('housing', 'Mieszkania komunalne', 'Municipal housing', [
    ['repair', 'Naprawa w mieszkaniu komunalnym', 'Municipal flat repair', 'ZBK'],
  ]),
  ...group('animals', 'Zwierzęta', 'Animals', [
    ['stray', 'Bezdomne lub błąkające się zwierzę', 'Stray animal', 'KTOZ'],
  ]),
  ...group('city_hall', 'Obsługa w Urzędzie', 'City Hall service', [
    ['service_quality', 'Jakość obsługi', 'Service quality', null],
  ]),
  ...group('ideas', 'Pomysły', 'Ideas', [
    ['improvement', 'Pomysł na usprawnienie miasta', 'City improvement idea', null],
  ]),
  ...group('other', 'Inne', 'Other', [['other', 'Inna sprawa', 'Other matter', null]]),
];
