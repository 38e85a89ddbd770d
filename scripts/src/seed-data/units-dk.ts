// The department that runs the hotline (DK) and its six internal cells DK-01..DK-06.
// Names and scopes come from Zarządzenie nr 1231/2025 PMK (seed 004_clean.txt); every numbered point is kept
// (wording condensed where long), since each unit's knowledge-base article lists them all.
import { CITY_HALL_HOURS, HOTLINE_HOURS, type SeedUnit } from './unit-model.ts';

const SOURCE = 'Zarządzenie nr 1231/2025 Prezydenta Miasta Krakowa z dnia 23 maja 2025 r.';

// The DK-xx cells are internal cells (wewnętrzne komórki organizacyjne) of a department;
// the platform has no kind for that, so they are 'department' like their parent.
export const DK_UNITS: SeedUnit[] = [
  {
    code: 'DK',
    name: 'Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego',
    kind: 'department',
    parentCode: null,
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `Wydziałem kieruje Dyrektor przy pomocy dwóch Zastępców (§ 1).

W skład Wydziału wchodzą (§ 2):
1. Referat Organizacyjno-Budżetowy (DK-01);
2. Referat Obsługi Infolinii Miejskiej Krakowskie Centrum Kontaktu (DK-02);
3. Referat ds. Bazy Wiedzy i Obsługi Zgłoszeń (DK-03);
4. Referat ds. Partycypacji i Dialogu (DK-04);
5. Samodzielne Stanowisko ds. Analityki Usługi Informacyjnej i Zgłoszeniowej oraz Wykorzystywanych Systemów (DK-05);
6. Referat ds. Komunikacji i Promocji Dialogu Obywatelskiego (DK-06).

Podległość (§ 3): Dyrektorowi – Zastępcy Dyrektora i DK-01; I Zastępcy – DK-04 i DK-06; II Zastępcy – DK-02, DK-03 i DK-05.

**Wszystkie wewnętrzne komórki organizacyjne Wydziału odpowiadają za** (§ 10):
1. prawidłowe pod względem rzeczowym i terminowym wykonanie postanowień obowiązujących zarządzeń, instrukcji oraz innych poleceń dotyczących działalności Wydziału;
2. opracowywanie projektów odpowiedzi na interpelacje, wnioski radnych i komisji Rady Miasta Krakowa oraz interwencje poselskie i senatorskie, wnioski o udostępnienie informacji publicznej;
3. przygotowywanie projektów aktów kierowania;
4. przygotowanie specyfikacji istotnych warunków zamówienia oraz udział w komisjach przetargowych;
5. przygotowywanie materiałów i informacji prasowych oraz dbałość o zapewnienie informacji wizualnej dla stron;
6. opracowywanie materiałów informacyjnych i sprawozdawczych;
7. przygotowywanie i przekazywanie analitykowi budżetowemu Wydziału:
   - a) materiałów do projektu budżetu,
   - b) informacji do harmonogramu i prognozy wydatków;
8. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Biuletynie Informacji Publicznej Miasta Krakowa;
9. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Miejskiej Platformie Internetowej Magiczny Kraków;
10. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Serwisie Informacyjnym (SI) UMK;
11. dyscyplinę pracy i należyte wykorzystanie czasu pracy;
12. przestrzeganie obowiązujących przepisów BHP i ppoż.;
13. realizację zadań wynikających ze współpracy z Zespołem Zarządzania Kryzysowego Miasta Krakowa;
14. przestrzeganie przepisów ustawy z dnia 5 sierpnia 2010 r. o ochronie informacji niejawnych (Dz. U. z 2024 r. poz. 632, 1222), przepisów innych ustaw dotyczących tajemnic prawnie chronionych oraz ustawy z dnia 10 maja 2018 r. o ochronie danych osobowych (Dz.U. z 2019 r. poz. 1781);
15. przestrzeganie przepisów Polityki Bezpieczeństwa Informacji Urzędu Miasta Krakowa;
16. prawidłowe pod względem formalnym i merytorycznym użytkowanie wskazanych systemów SI UMK
17. skutki prawne i szkody materialne wynikłe z tytułu niedopełnienia obowiązków służbowych;
18. należyte dbanie o powierzone wyposażenie biurowe i sprzęt oraz powierzony do eksploatacji sprzęt informatyczny;
19. archiwizowanie dokumentacji zgodnie z obowiązującymi przepisami;
20. bieżącą aktualizację usług publicznych, w szczególności w zakresie możliwości załatwienia spraw związanych z tymi usługami publicznymi poprzez Internet za pośrednictwem elektronicznej Platformy Usług Administracji Publicznej (ePUAP);
21. prawidłową publikację, pod względem formalnym i merytorycznym, usług publicznych na elektronicznej Platformie Usług Administracji Publicznej (ePUAP), w Biuletynie Informacji Publicznej Miasta Krakowa oraz dedykowanych internetowych serwisach miejskich;
22. kompletowanie ukazujących się aktów prawnych i monitorowanie zmian w przepisach;
23. wykonywanie poleceń przełożonego w sprawach nieuregulowanych zakresem obowiązków.

Źródło: ${SOURCE}, § 1–3, § 10.`,
  },
  {
    code: 'DK-01',
    name: 'Referat Organizacyjno-Budżetowy',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. prowadzenie Sekretariatu i obsługi administracyjno-biurowej Wydziału, obsługa skrzynki poczty elektronicznej Wydziału oraz elektronicznych skrzynek podawczych;
2. prowadzenie spraw osobowych pracowników Wydziału (lista obecności, wyjścia, plany urlopów, etatyzacja, zakresy czynności, badania lekarskie, godziny nadliczbowe);
3. współpraca z Wydziałem Organizacji i Nadzoru, w szczególności w zakresie spraw kadrowo-płacowych;
4. prowadzenie i aktualizacja kart użytkowników urządzeń informatycznych i osobistego wyposażenia;
5. prowadzenie ewidencji pieczęci urzędowych (zapotrzebowanie, przekazywanie pracownikom, kasacja);
6. prowadzenie spraw związanych z bezpieczeństwem i higieną pracy w Wydziale;
7. prowadzenie ewidencji majątku trwałego i gospodarowanie składnikami majątkowymi powierzonymi Wydziałowi;
8. zamówienia na materiały biurowe, wyposażenie biurowe i bilety komunikacji miejskiej oraz ich rozdysponowanie;
9. współpraca z komórkami Wydziału przy przygotowywaniu projektów uchwał, zarządzeń itp.;
10. koordynacja udostępniania informacji publicznej i jej publikacji w Biuletynie Informacji Publicznej Miasta Krakowa;
11. koordynacja działań w zakresie Systemu Zarządzania Jakością i Polityki Bezpieczeństwa Informacji; współpraca z Inspektorem Ochrony Danych; obsługa aplikacji SEZAM;
12. koordynacja publikacji na stronach Miejskiej Platformy Internetowej Magiczny Kraków oraz w BIP w zakresie zadań Wydziału;
13. projekty upoważnień i pełnomocnictw Prezydenta Miasta Krakowa, ich ewidencja i aktualizacja;
14. określanie zadań i wnioskowanie ich ujęcia w budżecie Miasta Krakowa;
15. przygotowywanie projektu budżetu, planu finansowego i Wieloletniej Prognozy Finansowej w zakresie zadań Wydziału;
16. analizy, opinie, projekty zarządzeń i uchwał w ujęciu ekonomicznym (plany rzeczowo-finansowe, sprawozdania z działalności Wydziału);
17. monitorowanie dysponowania środkami finansowymi Wydziału i proponowanie zmian budżetowych;
18. współdziałanie z komórkami Urzędu Miasta Krakowa w realizacji zadań budżetowych;
19. dokumentacja finansowa rozliczeń zobowiązań i wewnętrzna ewidencja wydatków budżetu Wydziału;
20. sprawozdania z realizowanych zadań budżetowych Wydziału;
21. opracowywanie i konsultowanie projektów umów, zleceń, porozumień i aneksów Wydziału oraz potwierdzanie finansowe zaangażowanych środków;
22. prowadzenie wydziałowego rejestru umów zawieranych na podstawie ustawy Prawo zamówień publicznych.

Źródło: ${SOURCE}, § 4.`,
  },
  {
    code: 'DK-02',
    name: 'Referat Obsługi Infolinii Miejskiej Krakowskie Centrum Kontaktu',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: HOTLINE_HOURS,
    scope: `1. udzielanie informacji telefonicznej, w szczególności w zakresie:
   - a) spraw dotyczących zadań Gminy Miejskiej Kraków, w szczególności: kart usług, zakresów działania gminnych jednostek oraz godzin ich funkcjonowania,
   - b) wydarzeń kulturalnych, sportowych i ogólnomiejskich,
   - c) zapytań członków komisji oraz wyborców, dotyczących zaplanowanych i przeprowadzanych akcji wyborczych w Krakowie;
2. przyjmowanie telefonicznych zgłoszeń problemów i pomysłów dotyczących funkcjonowania Krakowa;
3. rejestrowanie w aplikacji informatycznej udzielonej informacji telefonicznej, zgłoszeń problemów i pomysłów;
4. telefoniczne przeprowadzanie ankiet zlecanych przez Kierowników pionów;
5. współpraca z Referatem ds. Bazy Wiedzy i Obsługi Zgłoszeń (DK-03) w zakresie koordynacji działań i standaryzacji prowadzenia Bazy Wiedzy.

Źródło: ${SOURCE}, § 5.`,
  },
  {
    code: 'DK-03',
    name: 'Referat ds. Bazy Wiedzy i Obsługi Zgłoszeń',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. przyjmowanie zgłoszeń, problemów i pomysłów wpływających do Wydziału poprzez elektroniczne kanały komunikacji;
2. przekazywanie zgłoszeń problemów i pomysłów do właściwych komórek organizacyjnych Urzędu Miasta Krakowa, miejskich jednostek organizacyjnych oraz spółek miejskich;
3. monitorowanie realizacji zgłoszeń problemów i pomysłów;
4. prowadzenie i aktualizacja Bazy Wiedzy koniecznej do realizacji usług informacyjnych świadczonych przez pracowników infolinii miejskiej;
5. współpraca z DK-02, komórkami organizacyjnymi Urzędu Miasta Krakowa, miejskimi jednostkami organizacyjnymi oraz innymi podmiotami w zakresie obsługi zgłoszeń problemów, pomysłów i prowadzenia Bazy Wiedzy;
6. koordynacja działań związanych z promocją Wydziału oraz współpraca z DK-01 w zakresie zawierania umów;
7. obsługa Krakowskiego Portalu Usług Miejskich w zakresie dostępnych funkcjonalności strony internetowej Krakowskiego Centrum Kontaktu.

Źródło: ${SOURCE}, § 6.`,
  },
  {
    code: 'DK-04',
    name: 'Referat ds. Partycypacji i Dialogu',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. wsparcie i upowszechnianie wśród mieszkańców Krakowa idei społeczeństwa obywatelskiego i samorządności, działania informacyjno-promocyjne, integrowanie społeczności lokalnej;
2. tworzenie standardów dialogu społecznego i konsultacji społecznych;
3. współpraca z Radami i Zarządami Dzielnic w zakresie inicjatyw społecznych;
4. koordynacja zadań Gminy Miejskiej Kraków w zakresie Budżetu obywatelskiego w Krakowie;
5. przyjmowanie, rejestracja i sprawdzanie pod względem formalnym wniosków o realizację zadania publicznego w ramach inicjatywy lokalnej oraz współdziałanie w tym zakresie z komórkami Urzędu i miejskimi jednostkami organizacyjnymi;
6. konsultowanie z mieszkańcami oraz Krakowską Radą Działalności Pożytku Publicznego lub z organizacjami pozarządowymi projektów aktów prawa miejscowego w dziedzinach dotyczących działalności statutowej tych organizacji;
7. wsparcie budowy aktywnego społeczeństwa obywatelskiego, przede wszystkim poprzez:
   - a) działania badawcze (diagnozowanie potrzeb społecznych mieszkańców) oraz informacyjne z zakresu komunikacji, dialogu społecznego i konsultacji społecznych,
   - b) planowanie, realizację, koordynację, monitoring i kontrolę działań na rzecz rozwoju społeczeństwa obywatelskiego w sferze instrumentów partycypacyjnych;
8. prowadzenie konsultacji społecznych z mieszkańcami i uczestniczenie w ważnych procesach konsultacyjnych komórek Urzędu lub miejskich jednostek organizacyjnych;
9. koordynacja wszystkich procesów konsultacyjnych realizowanych przez komórki organizacyjne Urzędu Miasta Krakowa i miejskie jednostki organizacyjne.

Źródło: ${SOURCE}, § 7.`,
  },
  {
    code: 'DK-05',
    name: 'Samodzielne Stanowisko ds. Analityki Usługi Informacyjnej i Zgłoszeniowej oraz Wykorzystywanych Systemów',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. użytkowanie centralnego systemu słowników, w zakresie tworzenia i odczytu słowników;
2. pełnienie roli Gospodarza aplikacji i systemów wykorzystywanych przez Wydział, tj. Atmosfera KCK, KPUM, FENIX CALL CENTER;
3. weryfikacja systemów i aplikacji wykorzystywanych przez Wydział celem rozwoju i usprawnienia ich działania, w tym przeprowadzanie testów informatycznych;
4. analiza usługi informacyjnej i zgłoszeniowej: analizy, zestawienia i raporty z wpływających zgłoszeń, problemów i pomysłów oraz świadczonej przez pracowników infolinii miejskiej usługi informacyjnej;
5. koordynowanie czynności związanych z realizacją badań ankietowych zlecanych przez Kierowników pionów;
6. wykonywanie raportów zleconych przez Kierowników pionów;
7. współpraca z kierownikami pozostałych referatów w zakresie zgłoszonej awarii aplikacji i systemów wykorzystywanych przez Wydział oraz koordynacja wszelkich czynności związanych z usunięciem awarii;
8. zarządzanie wizytówkami kontaktowymi Google komórek organizacyjnych Urzędu Miasta Krakowa.

Źródło: ${SOURCE}, § 8.`,
  },
  {
    code: 'DK-06',
    name: 'Referat ds. Komunikacji i Promocji Dialogu Obywatelskiego',
    kind: 'department',
    parentCode: 'DK',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. kształtowanie i realizacja strategii komunikacyjnej oraz promocyjnej wspierającej dialog obywatelski i konsultacje społeczne, w szczególności poprzez:
   - a) budowanie spójnego wizerunku Wydziału jako platformy współpracy z mieszkańcami,
   - b) monitorowanie i analizę potrzeb informacyjnych społeczności lokalnej oraz inicjowanie działań zwiększających dostępność i przejrzystość procesów konsultacyjnych,
   - c) opracowywanie narzędzi komunikacyjnych ułatwiających partycypację mieszkańców w życiu miasta;
2. koordynacja polityki informacyjnej i promocyjnej Wydziału (wymiana informacji wewnątrz Wydziału, bazy danych o projektach, kampaniach i wydarzeniach w obszarze dialogu i partycypacji, spójność przekazów medialnych, harmonogramy akcji i kampanii edukacyjnych);
3. współpraca z komórkami Urzędu, jednostkami miejskimi, Radami Dzielnic oraz organizacjami pozarządowymi w celu integracji działań informacyjno-promocyjnych związanych z dialogiem i partycypacją;
4. organizacja i promocja wydarzeń (m.in. debaty, warsztaty, panele obywatelskie, konsultacje społeczne), w tym materiały podsumowujące i upowszechnianie rezultatów;
5. kampanie informacyjne dot. konsultacji społecznych i mechanizmów partycypacji (treści multimedialne: ulotki, plakaty, filmy, webinary; narzędzia cyfrowe: platformy e-konsultacji, formularze online);
6. zarządzanie kanałami komunikacji Wydziału: profile społecznościowe, dedykowane strony internetowe i portal Magiczny Kraków, rozwiązania poprawiające dostępność informacji dla osób ze szczególnymi potrzebami;
7. przygotowywanie i publikacja materiałów prasowych, komunikatów oraz raportów z konsultacji i koordynacja ich dystrybucji w mediach;
8. obsługa Systemu Koordynacji Promocji Urzędu Miasta Krakowa w zakresie działań Wydziału oraz nadzór nad zgodnością przekazów z wytycznymi wizerunkowymi Miasta;
9. prowadzenie zakładki Wydziału w Biuletynie Informacji Publicznej;
10. współpraca z partnerami zewnętrznymi (m.in. uczelniami, mediami, NGO) w ramach programów CSR wspierających dialog i partycypację obywatelską.

Źródło: ${SOURCE}, § 9.`,
  },
];
