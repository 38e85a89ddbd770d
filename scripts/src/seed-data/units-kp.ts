// Kancelaria Prezydenta (KP), its cells KP-01..KP-05 and the plenipotentiary PO they list.
// Names, codes and scopes come from Zarządzenie nr 2658/2022 PMK (seed 003); every numbered point is kept
// (wording condensed where long), since each unit's knowledge-base article lists them all.
import { CITY_HALL_HOURS, type SeedUnit } from './unit-model.ts';

const SOURCE = 'Zarządzenie nr 2658/2022 Prezydenta Miasta Krakowa z dnia 22 września 2022 r.';

export const KP_UNITS: SeedUnit[] = [
  {
    code: 'KP',
    name: 'Kancelaria Prezydenta',
    kind: 'department',
    parentCode: null,
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `Kancelarią Prezydenta kieruje Dyrektor, któremu podlega dwóch Zastępców; wszystkie zadania realizowane w Kancelarii są zadaniami własnymi gminy (§ 1).

W skład Kancelarii Prezydenta wchodzą (§ 2):
1. Biuro Współpracy Zagranicznej (KP-01);
2. Stanowiska ds. Spotkań z Mieszkańcami (KP-02);
3. Biuro Współpracy Krajowej (KP-03);
4. Referat Organizacyjny (KP-04);
5. Pełnomocnik Prezydenta Miasta Krakowa ds. Ochrony Informacji Niejawnych (PO) – Kancelaria Tajna (KP-05).

Podległość (§ 3): Dyrektorowi – KP-02 i KP-04; I Zastępcy – KP-03; II Zastępcy – KP-01. Pełnomocnik PO podlega bezpośrednio Prezydentowi Miasta Krakowa (§ 1 ust. 2).

**Wszystkie wewnętrzne komórki organizacyjne Kancelarii Prezydenta odpowiadają za** (§ 9):
1. prawidłowe pod względem rzeczowym i terminowym wykonanie postanowień obowiązujących zarządzeń, poleceń, instrukcji dotyczących działalności Kancelarii Prezydenta;
2. opracowywanie projektów odpowiedzi na interpelacje radnych, wnioski komisji Rady Miasta Krakowa, interwencje poselskie i senatorskie oraz wnioski o udostępnienie informacji publicznej;
3. przygotowywanie projektów aktów kierowania;
4. przygotowywanie specyfikacji istotnych warunków zamówienia oraz udział w komisjach przetargowych (dotyczących zakresu działania);
5. opracowywanie materiałów informacyjnych i sprawozdawczych;
6. przygotowywanie i przekazywanie analitykowi budżetowemu Kancelarii Prezydenta:
   - a) materiałów do planu finansowego,
   - b) informacji do harmonogramu wydatków;
7. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Biuletynie Informacji Publicznej Miasta Krakowa w zakresie kompetencji Kancelarii Prezydenta oraz stała współpraca z administratorem Biuletynu;
8. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Miejskiej Platformie Internetowej „Magiczny Kraków” w zakresie zadań realizowanych przez Kancelarię Prezydenta;
9. prawidłowe pod względem formalnym i merytorycznym publikowanie informacji w Serwisie Informacyjnym UMK;
10. dyscyplinę pracy i należyte wykorzystanie czasu pracy;
11. przestrzeganie obowiązujących przepisów BHP i ppoż.;
12. przestrzeganie przepisów ustawy o ochronie informacji niejawnych, przepisów innych ustaw dotyczących tajemnic prawnie chronionych oraz ustawy o ochronie danych osobowych;
13. przestrzeganie przepisów Polityki Bezpieczeństwa Informacji Urzędu Miasta Krakowa;
14. prawidłowe pod względem formalnym i merytorycznym użytkowanie wskazanych systemów SI UMK;
15. skutki prawne i szkody materialne wynikłe z tytułu niedopełnienia obowiązków służbowych;
16. należyte dbanie o powierzone wyposażenie biurowe i sprzęt oraz powierzony do eksploatacji sprzęt informatyczny;
17. archiwizowanie dokumentacji zgodnie z obowiązującymi przepisami;
18. wykonywanie poleceń przełożonego w sprawach nieuregulowanych zakresem obowiązków;
19. bieżącą aktualizację usług publicznych, w szczególności w zakresie możliwości załatwienia spraw związanych z tymi usługami publicznymi poprzez Internet za pośrednictwem elektronicznej Platformy Usług Administracji Publicznej (ePUAP);
20. prawidłową publikację, pod względem formalnym i merytorycznym, usług publicznych na elektronicznej Platformie Usług Administracji Publicznej (ePUAP), w Biuletynie Informacji Publicznej Miasta Krakowa oraz dedykowanych internetowych serwisach miejskich.

Źródło: ${SOURCE}, § 1–3, § 9.`,
  },
  {
    code: 'KP-01',
    name: 'Biuro Współpracy Zagranicznej',
    kind: 'department',
    parentCode: 'KP',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. koordynacja współpracy międzynarodowej prowadzonej przez komórki organizacyjne Urzędu Miasta Krakowa;
2. koordynacja członkostwa Krakowa w międzynarodowych organizacjach miast i samorządów, terminowe opłacanie składek członkowskich;
3. współpraca z przedstawicielstwami dyplomatycznymi w kraju i za granicą, polskimi instytucjami oraz instytucjami zagranicznymi z siedzibą w Polsce;
4. współpraca z Ministerstwem Spraw Zagranicznych w zakresie kontaktów międzynarodowych oraz wizyt oficjalnych składanych Prezydentowi przez władze państw obcych;
5. współpraca ze służbami Wojewody Małopolskiego oraz Marszałka Województwa Małopolskiego w zakresie spraw międzynarodowych i zagranicznych wizyt oficjalnych;
6. koordynacja i inicjowanie udziału przedstawicieli Miasta w seminariach i konferencjach międzynarodowych;
7. inicjowanie kontaktów oraz koordynacja współpracy Miasta ze środowiskami polonijnymi na świecie;
8. obsługa kontaktów zagranicznych Miasta, w szczególności organizacja wizyt przedstawicieli władz miast zagranicznych (zwłaszcza miast partnerskich), placówek dyplomatycznych i instytucji unijnych w Krakowie;
9. obsługa protokolarna i językowa spotkań Prezydenta, Zastępców Prezydenta i innych przedstawicieli Miasta z delegacjami zagranicznymi;
10. opracowywanie zestawień dla Prezydenta dotyczących współpracy międzynarodowej Miasta;
11. prowadzenie wortalu „Kraków otwarty na świat” w ramach Miejskiej Platformy Internetowej „Magiczny Kraków”, publikacje w mediach społecznościowych i w BIP w zakresie współpracy międzynarodowej i krajowej.

**Stanowisko ds. Administracyjnej Obsługi Zagranicznych Wyjazdów Służbowych**, działające w strukturze Biura (§ 4 ust. 2):
1. prowadzenie administracyjnej obsługi zagranicznych wyjazdów służbowych dla Prezydenta, Zastępców Prezydenta, Pełnomocników Prezydenta, Sekretarza Miasta Krakowa, Skarbnika Miasta Krakowa, pozostałych pracowników Urzędu Miasta Krakowa oraz radnych;
2. przygotowywanie rozliczeń finansowych zagranicznych wyjazdów służbowych;
3. prowadzenie rejestru zagranicznych wyjazdów służbowych oraz ich sprawozdań;
4. opracowywanie okresowych analiz i sprawozdań w zakresie zagranicznych wyjazdów służbowych;
5. podejmowanie działań w zakresie terminowego rozliczania finansowego zagranicznych wyjazdów służbowych przez osoby delegowane;
6. monitorowanie terminowego składania sprawozdań z zagranicznych wyjazdów służbowych przez osoby delegowane.

Źródło: ${SOURCE}, § 4.`,
  },
  {
    code: 'KP-02',
    name: 'Stanowiska ds. Spotkań z Mieszkańcami',
    kind: 'department',
    parentCode: 'KP',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. przyjmowanie zgłoszeń od mieszkańców w sprawach kierowanych do Prezydenta;
2. współpraca z komórkami organizacyjnymi Urzędu Miasta Krakowa lub miejskimi jednostkami organizacyjnymi właściwymi merytorycznie w zakresie spraw zgłaszanych Prezydentowi;
3. analizowanie zgłaszanych spraw i ocena zasadności spotkania z Prezydentem;
4. udzielanie wyjaśnień w sprawie, na podstawie informacji pozyskanych z merytorycznych komórek organizacyjnych UMK i miejskich jednostek organizacyjnych;
5. kierowanie spraw według właściwości do Zastępców Prezydenta lub kierujących komórkami organizacyjnymi Urzędu Miasta Krakowa i miejskimi jednostkami organizacyjnymi;
6. ustalanie listy osób na spotkania Prezydenta z mieszkańcami, sporządzanie notatek oraz informowanie mieszkańców uczestniczących w spotkaniach o podjętych ustaleniach i dyspozycjach;
7. przesyłanie dyspozycji Prezydenta po spotkaniach do właściwych merytorycznie komórek organizacyjnych Urzędu Miasta Krakowa i miejskich jednostek organizacyjnych;
8. monitorowanie sposobu załatwienia spraw przedstawionych Prezydentowi w trakcie spotkań z mieszkańcami oraz monitorowanie terminów wyznaczonych przez Prezydenta.

Źródło: ${SOURCE}, § 5.`,
  },
  {
    code: 'KP-03',
    name: 'Biuro Współpracy Krajowej',
    kind: 'department',
    parentCode: 'KP',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. organizacja wydarzeń miejskich i przygotowanie udziału Prezydenta w oficjalnych spotkaniach, uroczystościach państwowych, imprezach okolicznościowych i innych wystąpieniach publicznych;
2. obsługa protokolarna spotkań i uroczystości z udziałem Prezydenta RP, Premiera RP, Marszałków Sejmu i Senatu RP oraz Ministrów;
3. organizowanie i obsługa protokolarna obchodów świąt państwowych i rocznicowych;
4. czuwanie nad właściwą reprezentacją władz miasta na imprezach zewnętrznych;
5. organizacja spotkań Prezydenta i Zastępców Prezydenta z oficjalnymi delegacjami krajowymi;
6. prowadzenie spraw związanych z obejmowaniem honorowego patronatu Prezydenta i innych form honorowego wsparcia;
7. współpraca z organizacjami kombatanckimi w zakresie uroczystości rocznicowych;
8. współpraca z Referatem Organizacyjnym w zakresie upominków i nagród od Prezydenta i jego reprezentantów;
9. sporządzanie listów okolicznościowych (życzeń, gratulacji itp.) od władz miasta;
10. nadzór nad spójnością identyfikacji wizualnej w korespondencji kurtuazyjnej Prezydenta;
11. prowadzenie spraw związanych z przyznawaniem odznaki Honoris Gratia, medalu „Cracoviae Merenti” oraz tytułu „Honorowy Obywatel Stołecznego Królewskiego Miasta Krakowa”;
12. obsługa techniczna konferencji, seminariów i innych publicznych przedsięwzięć organizowanych przez Prezydenta;
13. prowadzenie portalu oraz serii wydawniczej pn. Poczta Krakowska;
14. koordynowanie współpracy Gminy Miejskiej Kraków z ogólnopolskimi i regionalnymi organizacjami samorządowymi;
15. planowanie budżetu składek rocznych z tytułu przynależności Gminy do organizacji krajowych i dokumentacja ich opłacania;
16. przygotowywanie i prezentacja wystaw okolicznościowych na plenerowym systemie wystawienniczym przed Pawilonem Wyspiańskiego;
17. przygotowywanie wystąpień Prezydenta podczas oficjalnych uroczystości, konferencji itp.;
18. koordynacja i przygotowywanie słów wstępnych Prezydenta i tekstów okolicznościowych do publikacji.

**Stanowisko Fotografii Prezydenta Miasta Krakowa**, działające w strukturze Biura (§ 6 ust. 2):
1. prowadzenie obsługi fotograficznej imprez i spotkań z udziałem władz Miasta;
2. archiwizacja i opracowanie zgromadzonego materiału fotograficznego;
3. przygotowywanie wystaw fotograficznych, prowadzenie OTOFOTOkroniki Miasta w ramach portalu www.krakow.pl oraz bieżąca aktualizacja totemów ze zdjęciem przy wejściu głównym do Magistratu.

Źródło: ${SOURCE}, § 6.`,
  },
  {
    code: 'KP-04',
    name: 'Referat Organizacyjny',
    kind: 'department',
    parentCode: 'KP',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `1. sporządzanie wykazu poleceń Prezydenta z posiedzeń Kolegium Prezydenckiego oraz nadzór nad ich realizacją;
2. monitorowanie stanu realizacji „Zadań Programowych na lata 2018-2023” i koordynacja działań zapewniających ich skuteczną realizację;
3. obsługa sekretarska i asystencka Prezydenta, Zastępców Prezydenta oraz Sekretarza Miasta Krakowa (sekretariat, kalendarz wizyt i spotkań, materiały na spotkania, protokołowanie);
4. obsługa kadrowo-organizacyjna Kancelarii Prezydenta;
5. prowadzenie spraw związanych z delegacjami krajowymi Prezydenta, Zastępców Prezydenta, Sekretarza Miasta Krakowa i pracowników Kancelarii;
6. ewidencjonowanie skarg i wniosków dotyczących zadań Kancelarii Prezydenta;
7. przygotowywanie pisemnych poleceń Dyrektora Kancelarii i wewnętrznych zarządzeń dotyczących jej działalności;
8. koordynacja publikowania informacji w Serwisie Informacyjnym UMK (INTEGRATOR) i monitoring procedur wewnętrznych Kancelarii;
9. obsługa Internetowego Dziennika Zapytań (IDZ) oraz systemu SEZAM;
10. prowadzenie magazynu z upominkami;
11. prowadzenie ewidencji majątku trwałego Kancelarii Prezydenta;
12. zaopatrywanie pracowników Kancelarii w materiały biurowe (aplikacja ESZT);
13. prowadzenie Biblioteki Kancelarii Prezydenta.

**Stanowisko ds. Prawnych i Ochrony Wartości Niematerialnych Miasta**, działające w strukturze Referatu (§ 7 ust. 2):
1. obsługa wniosków o udzielenie zgody na posługiwanie się wartościami niematerialnymi znajdującymi się w dysponowaniu Kancelarii Prezydenta;
2. przygotowanie umów cywilno-prawnych, licencyjnych oraz z zakresu zarządzania prawami autorskimi i pokrewnymi w ramach prowadzonych spraw wraz z nadzorem merytorycznym nad ww. umowami;
3. udzielanie informacji podmiotom wewnętrznym i zewnętrznym w zakresie podstaw prawnych oraz zasad posługiwania się i udostępniania wartości niematerialnych, w tym m.in. nazwy, logo i herbu Miasta Krakowa.

**Stanowisko ds. Domu Krakowskiego w Norymberdze**, działające w strukturze Referatu – całość spraw związanych z funkcjonowaniem Domu Krakowskiego w Norymberdze (§ 7 ust. 3):
1. bieżący kontakt z Koordynatorem ds. Domu Krakowskiego;
2. nadzór nad realizacją programu kulturalnego Domu Krakowskiego;
3. prowadzenie nadzoru nad gospodarką finansową i rzeczową Domu Krakowskiego w tym rozliczanie wydatków Domu;
4. prowadzenie korespondencji i dokumentacji związanej z działalnością Domu Krakowskiego;
5. przygotowanie umów, zleceń oraz nadzór nad ich realizacją w zakresie działalności Domu Krakowskiego;
6. nadzór nad realizacją umów podpisanych z instytucjami mającymi swoje siedziby w Domu Krakowskim;
7. aktualizacja informacji dotyczących Domu Krakowskiego zamieszczonych w Biuletynie Informacji Publicznej Miasta Krakowa oraz na portalu www.krakow.pl.

**Stanowisko ds. Obsługi Budżetowo-Finansowej**, działające w strukturze Referatu (§ 7 ust. 4):
1. koordynacja działań związanych z planowaniem i realizacją budżetu w tym:
   - a) przygotowanie projektu budżetu w układzie zadaniowym oraz zgodnie z klasyfikacją budżetową,
   - b) przygotowanie planów rzeczowo-finansowych zadań Kancelarii Prezydenta,
   - c) sporządzenie wniosków dot. zmian w budżecie w ramach zadań realizowanych przez Kancelarię Prezydenta,
   - d) obsługa aplikacji STRADOM w zakresie wprowadzania danych i zmian w budżecie w odniesieniu do wydatków bieżących w ramach zadań Kancelarii Prezydenta,
   - e) sporządzanie półrocznych i rocznych sprawozdań z wykonania wydatków bieżących,
   - f) przygotowanie umów, aneksów do umów i zleceń,
   - g) dokonywanie rozliczeń rachunków i faktur w zakresie realizowanych zadań; obsługa systemów GRU i WYBUD.
2. Prowadzenie i koordynacja zadań wynikających z obowiązku stosowania ustawy o zamówieniach publicznych w tym:
   - a) przygotowywanie planów zamówień publicznych,
   - b) realizacja procedur w zakresie zamówień publicznych dla zadań budżetowych (m.in. bieżąca weryfikacja, udział w komisjach przetargowych),
   - c) sporządzanie sprawozdań z udzielonych zamówień publicznych w ramach zadań Kancelarii Prezydenta,
   - d) praca w Systemie Obsługi Zamówień Publicznych SOZP.

Źródło: ${SOURCE}, § 7.`,
  },
  {
    code: 'PO',
    name: 'Pełnomocnik Prezydenta Miasta Krakowa ds. Ochrony Informacji Niejawnych',
    kind: 'office',
    parentCode: 'KP',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `Stanowisko funkcjonujące w strukturze Kancelarii Prezydenta, podległe bezpośrednio Prezydentowi Miasta Krakowa (§ 1 ust. 2). Podlega mu Kancelaria Tajna (KP-05).

Zakres działania Pełnomocnika określa odrębne zarządzenie (§ 8).

Źródło: ${SOURCE}, § 1 ust. 2, § 2, § 8.`,
  },
  {
    code: 'KP-05',
    name: 'Kancelaria Tajna',
    kind: 'department',
    parentCode: 'PO',
    contacts: [],
    openingHours: CITY_HALL_HOURS,
    scope: `Komórka podległa Pełnomocnikowi Prezydenta Miasta Krakowa ds. Ochrony Informacji Niejawnych (PO).

Zakres działania określa odrębne zarządzenie (§ 8).

Źródło: ${SOURCE}, § 2, § 8.`,
  },
];
