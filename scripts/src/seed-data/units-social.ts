// The social-policy department SZ, the Mayor's social cohesion advisor and the five plenipotentiaries.
// From Zarządzenia PMK nr 351/2026 (seed 001), 3487/2023 (seed 002) and 545/2026 (seed 000).
import { CITY_HALL_HOURS, NO_HOURS, type SeedUnit } from './unit-model.ts';

const NGO_SOURCE = 'Zarządzenie nr 351/2026 Prezydenta Miasta Krakowa z dnia 24 lutego 2026 r.';
const OPEN_SOURCE = 'Zarządzenie nr 3487/2023 Prezydenta Miasta Krakowa z dnia 24 listopada 2023 r.';
const ADVISOR_SOURCE = 'Zarządzenie nr 545/2026 Prezydenta Miasta Krakowa z dnia 19 marca 2026 r.';

// Seeds 001 and 002 define the coordinator role (name, function, phone, e-mail reported to SZ)
// but name no coordinator, so every contacts list here is empty.

const SZ: SeedUnit = {
  code: 'SZ',
  // The name in seed 001 (2026); seed 002 (2023) still calls it "Wydział Polityki Społecznej i Zdrowia".
  name: 'Wydział Polityki Społecznej, Równości i Zdrowia',
  kind: 'department',
  parentCode: null,
  contacts: [],
  openingHours: CITY_HALL_HOURS,
  scope: `Komórka organizacyjna Urzędu Miasta Krakowa koordynująca współpracę Gminy Miejskiej Kraków z organizacjami pozarządowymi na rzecz wzmocnienia społeczeństwa obywatelskiego i partycypacji społecznej (zarządzenie nr 351/2026, § 1 pkt 5).

**Współpraca z organizacjami pozarządowymi** (zarządzenie nr 351/2026):
1. realizuje portale internetowe dla organizacji pozarządowych, w tym miejski portal www.ngo.krakow.pl (§ 1 pkt 4);
2. przyjmuje od kierujących komórkami Urzędu i miejskimi jednostkami dane wyznaczonych Koordynatorów ds. współpracy z organizacjami pozarządowymi i ich zastępców: imię, nazwisko, funkcję, nr telefonu i adres e-mail (§ 2 pkt 2);
3. przeprowadza konsultacje z organizacjami pozarządowymi projektów rocznego i wieloletniego programu współpracy Gminy z organizacjami pozarządowymi, w tym spotkania branżowe/konsultacyjne i dyżury telefoniczne (§ 2 pkt 4 lit. a);
4. prowadzi spotkania i szkolenia dla koordynatorów ds. współpracy z organizacjami pozarządowymi (§ 2 pkt 4 lit. b) oraz coroczne spotkania informacyjne, branżowe i konsultacyjne dla przedstawicieli trzeciego sektora (§ 3 pkt 12);
5. otrzymuje od Koordynatorów projekty aktów i dokumentów dotyczących współpracy z organizacjami pozarządowymi, propozycje do programów współpracy, cokwartalne informacje o środkach na dotacje w trybie art. 19a ustawy o działalności pożytku publicznego i o wolontariacie, informacje o ogłoszonych otwartych konkursach ofert, materiały sprawozdawcze i dane statystyczne dotyczące dotacji (§ 3);
6. Dyrektor Wydziału jest koordynatorem wykonania zarządzenia (§ 7 ust. 2).

**Program „Otwarty Kraków”** (zarządzenie nr 3487/2023, w którym Wydział nosi nazwę „Wydział Polityki Społecznej i Zdrowia”):
7. odpowiada za wspieranie inicjatyw i współpracy z przedstawicielami mniejszości narodowych i etnicznych oraz cudzoziemców (§ 1 pkt 4);
8. współpracuje z Koordynatorami ds. współpracy przy realizacji programu wyznaczonymi w jednostkach: bieżący kontakt i wsparcie konsultacyjno-informacyjne, rozwijanie narzędzi współpracy i koordynacji, rozwijanie wiedzy Koordynatorów, organizowanie współdziałania tak, aby żadna jednostka nie została pominięta (§ 6);
9. Dyrektor Wydziału jest koordynatorem wykonania zarządzenia (§ 7 ust. 2).

Źródło: ${NGO_SOURCE}; ${OPEN_SOURCE}.`,
};

const ADVISOR: SeedUnit = {
  // Code invented for the platform (the ordinance gives none): DP-SS = Doradca Prezydenta, spójność społeczna.
  code: 'DP-SS',
  name: 'Społeczny Doradca Prezydenta Miasta Krakowa ds. spójności społecznej',
  kind: 'office',
  parentCode: null,
  contacts: [],
  // A social (unpaid) advisor, not a front office: no hours.
  openingHours: NO_HOURS,
  scope: `Doradca działa pod bezpośrednim nadzorem Prezydenta Miasta Krakowa; powierzono mu opiniowanie i doradztwo w zakresie zagadnień społecznych i socjalnych. Czynności wykonuje nieodpłatnie (§ 1, § 3).

Główne kierunki działania – funkcja opiniotwórczo-doradcza i wsparcie Prezydenta w zakresie (§ 2 ust. 1):
1. tworzenia planów związanych z rozwiązywaniem problemów społecznych Krakowa;
2. koordynacji współpracy o charakterze społecznym i prorozwojowym pomiędzy komórkami organizacyjnymi Urzędu Miasta Krakowa i miejskimi jednostkami organizacyjnymi;
3. analizy polityk, programów i projektów funkcjonujących w Gminie Miejskiej Kraków w obszarze polityki społecznej;
4. analizy materiałów i sprawozdań z wykonania budżetu Miasta Krakowa dotyczących zadań w obszarze polityki społecznej;
5. współpracy z organizacjami pozarządowymi i innymi podmiotami właściwymi dla obszarów polityki społecznej;
6. wpływania na postrzeganie Krakowa jako Miasta przyjaznego, otwartego i dbającego o dobrostan wszystkich ludzi bez względu na różnorodność ich cech.

W tym celu Doradca (§ 2 ust. 2):
1. komunikuje się i współpracuje z branżowymi podmiotami, komórkami Urzędu i miejskimi jednostkami organizacyjnymi;
2. współpracuje w szczególności z Pełnomocnikami Prezydenta Miasta Krakowa: ds. Organizacji Pozarządowych, ds. Osób z Niepełnosprawnościami, ds. Polityki Równościowej, ds. Polityki Senioralnej oraz ds. Rodziny;
3. opiniuje projekty o charakterze strategicznym istotne dla spójności społecznej mieszkańców Krakowa;
4. współpracuje z organami administracji rządowej, samorządowej, parlamentarzystami i środowiskami społeczno-gospodarczymi przy analizach i ocenach;
5. reprezentuje Miasto Kraków w stosunkach zewnętrznych w ramach indywidualnych zleceń Prezydenta.

Źródło: ${ADVISOR_SOURCE}, § 1–3.`,
};

// The five plenipotentiaries are only named in seed 000 (§ 2 ust. 2 pkt 2); no seed gives their scope.
// Codes invented for the platform: PP = Pełnomocnik Prezydenta, then a short tag of the area.
const plenipotentiary = (code: string, area: string): SeedUnit => ({
  code,
  name: `Pełnomocnik Prezydenta Miasta Krakowa ds. ${area}`,
  kind: 'office',
  parentCode: null,
  contacts: [],
  openingHours: CITY_HALL_HOURS,
  scope: `Pełnomocnik Prezydenta Miasta Krakowa ds. ${area} – wymieniony wśród Pełnomocników, z którymi Społeczny Doradca Prezydenta ds. spójności społecznej prowadzi bieżącą komunikację i współpracę.

Szczegółowego zakresu działania Pełnomocnika nie ma w dokumentach źródłowych Bazy Wiedzy; do uzupełnienia przez redakcję (DK-03).

Źródło: ${ADVISOR_SOURCE}, § 2 ust. 2 pkt 2.`,
});

export const SOCIAL_UNITS: SeedUnit[] = [
  SZ,
  ADVISOR,
  plenipotentiary('PP-NGO', 'Organizacji Pozarządowych'),
  plenipotentiary('PP-ON', 'Osób z Niepełnosprawnościami'),
  plenipotentiary('PP-PR', 'Polityki Równościowej'),
  plenipotentiary('PP-SEN', 'Polityki Senioralnej'),
  plenipotentiary('PP-RODZ', 'Rodziny'),
];
