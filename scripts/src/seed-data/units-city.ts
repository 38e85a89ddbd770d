// City bodies that receive residents' problem reports: municipal units, city companies, one City Hall department.
// Not from the ordinances: real Kraków bodies under their own names and usual acronyms, with short plain descriptions.
import { CITY_HALL_HOURS, NO_HOURS, type SeedUnit } from './unit-model.ts';

const NOTE =
  'Opis poglądowy przygotowany dla Bazy Wiedzy; nie pochodzi z zarządzeń źródłowych – do weryfikacji przez redakcję (DK-03).';

// No seed gives contacts or opening hours for these bodies, so both stay empty.
const body = (code: string, name: string, kind: SeedUnit['kind'], scope: string): SeedUnit => ({
  code,
  name,
  kind,
  parentCode: null,
  contacts: [],
  openingHours: NO_HOURS,
  scope: `${scope}\n\n${NOTE}`,
});

export const CITY_UNITS: SeedUnit[] = [
  body(
    'ZDMK',
    'Zarząd Dróg Miasta Krakowa',
    'municipal_unit',
    'Miejska jednostka zarządzająca drogami publicznymi w Krakowie: jezdnie, chodniki, oznakowanie drogowe i oświetlenie uliczne. Właściwa dla zgłoszeń dziur w jezdni, uszkodzonych chodników, zniszczonych lub brakujących znaków oraz niedziałających latarni.',
  ),
  body(
    'ZZM',
    'Zarząd Zieleni Miejskiej w Krakowie',
    'municipal_unit',
    'Miejska jednostka odpowiedzialna za zieleń miejską: parki, skwery i zieleńce, drzewa na terenach miejskich, koszenie trawników. Właściwa dla zgłoszeń powalonych lub zagrażających drzew i utrzymania parków.',
  ),
  body(
    'MPO',
    'Miejskie Przedsiębiorstwo Oczyszczania Sp. z o.o. w Krakowie',
    'city_company',
    'Spółka miejska: odbiór odpadów komunalnych i oczyszczanie ulic. Właściwa dla zgłoszeń przepełnionych koszy, nieodebranych odpadów i nielegalnych wysypisk.',
  ),
  body(
    'MPK',
    'Miejskie Przedsiębiorstwo Komunikacyjne S.A. w Krakowie',
    'city_company',
    'Spółka miejska, przewoźnik obsługujący linie tramwajowe i autobusowe. Właściwa dla zgłoszeń dotyczących stanu i czystości pojazdów.',
  ),
  body(
    'ZTP',
    'Zarząd Transportu Publicznego w Krakowie',
    'municipal_unit',
    'Miejska jednostka organizująca transport publiczny: rozkłady jazdy, trasy linii, przystanki; zarządza także strefą płatnego parkowania. Właściwa dla zgłoszeń dotyczących rozkładów i uszkodzonych przystanków.',
  ),
  body(
    'WMK',
    'Wodociągi Miasta Krakowa S.A.',
    'city_company',
    'Spółka miejska: zaopatrzenie w wodę oraz odbiór i oczyszczanie ścieków. Właściwa dla zgłoszeń awarii wodociągu, braku wody i wybijającej kanalizacji.',
  ),
  body(
    'SMMK',
    'Straż Miejska Miasta Krakowa',
    'municipal_unit',
    'Miejska formacja porządkowa: nieprawidłowe parkowanie, zakłócanie spokoju i porządku publicznego, akty wandalizmu. W sytuacji zagrożenia życia lub zdrowia właściwy jest numer alarmowy 112.',
  ),
  body(
    'ZBK',
    'Zarząd Budynków Komunalnych w Krakowie',
    'municipal_unit',
    'Miejska jednostka zarządzająca komunalnym zasobem mieszkaniowym Gminy. Właściwa dla zgłoszeń usterek w mieszkaniach i budynkach komunalnych.',
  ),
  {
    // A City Hall department, so City Hall hours. WS is the acronym the department is known by (to confirm).
    ...body(
      'WS',
      'Wydział Kształtowania Środowiska',
      'department',
      'Wydział Urzędu Miasta Krakowa właściwy w sprawach ochrony i kształtowania środowiska.',
    ),
    openingHours: CITY_HALL_HOURS,
  },
  // The shelter is run for the city by an association (KTOZ); no kind fits exactly, municipal_unit is the closest.
  body(
    'KTOZ',
    'Schronisko dla Bezdomnych Zwierząt w Krakowie (Krakowskie Towarzystwo Opieki nad Zwierzętami)',
    'municipal_unit',
    'Schronisko dla bezdomnych zwierząt prowadzone na rzecz Gminy Miejskiej Kraków przez Krakowskie Towarzystwo Opieki nad Zwierzętami. Właściwe dla zgłoszeń bezdomnych i błąkających się zwierząt.',
  ),
];
