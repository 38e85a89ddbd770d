// Knowledge-base articles the demo starts with: a unit_scope article per ordinance unit, plus service cards
// and procedures that restate only what the ordinances (seeds 001–004) say. Each body names its source; the
// structured fields repeat the body's facts in the type's form (what, who, where, documents, legal basis, steps).
// They are interchange records: the seed loads them through the same import as kb:import.
import type { SeedArticle } from './article-model.ts';
import { UNIT_SCOPE_ARTICLES } from './articles-unit-scope.ts';

export type { SeedArticle } from './article-model.ts';

const DK = 'Zarządzenie nr 1231/2025 Prezydenta Miasta Krakowa z dnia 23 maja 2025 r.';
const KP = 'Zarządzenie nr 2658/2022 Prezydenta Miasta Krakowa z dnia 22 września 2022 r.';
const NGO = 'Zarządzenie nr 351/2026 Prezydenta Miasta Krakowa z dnia 24 lutego 2026 r.';
const OPEN = 'Zarządzenie nr 3487/2023 Prezydenta Miasta Krakowa z dnia 24 listopada 2023 r.';

const GUIDES: SeedArticle[] = [
  {
    externalId: 'infolinia-zakres-informacji',
    type: 'service_card',
    title: 'Infolinia miejska – w jakich sprawach udziela informacji',
    responsibleUnit: 'DK-02',
    tags: ['infolinia', 'Krakowskie Centrum Kontaktu', 'informacja telefoniczna', 'wybory', 'wydarzenia'],
    fields: {
      purpose:
        'Informacja telefoniczna o sprawach Gminy Miejskiej Kraków: karty usług, zakresy działania i godziny pracy gminnych jednostek, wydarzenia kulturalne, sportowe i ogólnomiejskie, akcje wyborcze.',
      whoMayApply: 'Mieszkańcy; w sprawach akcji wyborczych także członkowie komisji i wyborcy.',
      whereAndWhen: 'Infolinia miejska – Referat Obsługi Infolinii Miejskiej Krakowskie Centrum Kontaktu (DK-02).',
      legalBasis: `${DK}, § 5 pkt 1, 3 i 5; § 6 pkt 4.`,
    },
    body: `Infolinia miejska Krakowskiego Centrum Kontaktu (Referat Obsługi Infolinii Miejskiej KCK, DK-02) udziela informacji telefonicznej, w szczególności w zakresie:

- spraw dotyczących zadań Gminy Miejskiej Kraków, w tym kart usług, zakresów działania gminnych jednostek oraz godzin ich funkcjonowania;
- wydarzeń kulturalnych, sportowych i ogólnomiejskich;
- zapytań członków komisji oraz wyborców dotyczących zaplanowanych i przeprowadzanych akcji wyborczych w Krakowie.

Każda udzielona informacja telefoniczna jest rejestrowana w aplikacji informatycznej.

Konsultanci korzystają z Bazy Wiedzy, którą prowadzi i aktualizuje Referat ds. Bazy Wiedzy i Obsługi Zgłoszeń (DK-03) we współpracy z DK-02.

Źródło: ${DK}, § 5 pkt 1, 3 i 5; § 6 pkt 4.`,
  },
  {
    externalId: 'zgloszenie-problemu-lub-pomyslu',
    type: 'procedure',
    title: 'Zgłoszenie problemu lub pomysłu dotyczącego funkcjonowania Krakowa',
    responsibleUnit: 'DK-03',
    tags: ['zgłoszenie', 'problem', 'pomysł', 'infolinia', 'przekazanie zgłoszenia'],
    fields: {
      appliesWhen:
        'Mieszkaniec zgłasza problem lub pomysł dotyczący funkcjonowania Krakowa – telefonicznie albo kanałem elektronicznym.',
      steps: [
        'Zgłoszenie telefoniczne przyjmuje infolinia (DK-02) i rejestruje je w aplikacji informatycznej (§ 5 pkt 2–3).',
        'Zgłoszenia z elektronicznych kanałów komunikacji przyjmuje DK-03 (§ 6 pkt 1).',
        'DK-03 przekazuje zgłoszenie do właściwej komórki Urzędu Miasta Krakowa, miejskiej jednostki organizacyjnej lub spółki miejskiej (§ 6 pkt 2).',
        'DK-03 monitoruje realizację zgłoszenia, współpracując z DK-02 i jednostkami miejskimi (§ 6 pkt 3 i 5).',
        'DK-05 przygotowuje analizy, zestawienia i raporty ze zgłoszeń, problemów i pomysłów (§ 8 pkt 4).',
      ],
    },
    body: `Mieszkańcy mogą zgłaszać problemy i pomysły dotyczące funkcjonowania Krakowa:

- **telefonicznie** – infolinia miejska (DK-02) przyjmuje zgłoszenie i rejestruje je w aplikacji informatycznej (§ 5 pkt 2–3);
- **elektronicznymi kanałami komunikacji** – zgłoszenia przyjmuje Referat ds. Bazy Wiedzy i Obsługi Zgłoszeń (DK-03) (§ 6 pkt 1).

Dalszy tok sprawy:
1. DK-03 przekazuje zgłoszenie do właściwej komórki organizacyjnej Urzędu Miasta Krakowa, miejskiej jednostki organizacyjnej lub spółki miejskiej (§ 6 pkt 2).
2. DK-03 monitoruje realizację zgłoszenia (§ 6 pkt 3) i współpracuje w tym zakresie z DK-02 oraz jednostkami miejskimi (§ 6 pkt 5).
3. Samodzielne Stanowisko ds. Analityki (DK-05) przygotowuje analizy, zestawienia i raporty z wpływających zgłoszeń, problemów i pomysłów (§ 8 pkt 4).

Źródło: ${DK}, § 5, § 6, § 8.`,
  },
  {
    externalId: 'ankiety-telefoniczne',
    type: 'procedure',
    title: 'Ankiety telefoniczne zlecane przez Kierowników pionów',
    responsibleUnit: 'DK-02',
    tags: ['ankieta', 'badania ankietowe', 'infolinia'],
    fields: {
      appliesWhen: 'Kierownik pionu zleca przeprowadzenie ankiety (badania ankietowego) telefonicznie.',
      steps: [
        'Infolinia miejska (DK-02) przeprowadza ankietę telefonicznie (§ 5 pkt 4).',
        'DK-05 koordynuje czynności związane z realizacją badań ankietowych (§ 8 pkt 5).',
        'DK-05 wykonuje raporty zlecone przez Kierowników pionów (§ 8 pkt 6).',
      ],
    },
    body: `- Ankiety zlecają Kierownicy pionów; infolinia miejska (DK-02) przeprowadza je telefonicznie (§ 5 pkt 4).
- Czynności związane z realizacją badań ankietowych koordynuje Samodzielne Stanowisko ds. Analityki Usługi Informacyjnej i Zgłoszeniowej oraz Wykorzystywanych Systemów (DK-05) (§ 8 pkt 5).
- DK-05 wykonuje także raporty zlecone przez Kierowników pionów (§ 8 pkt 6).

Źródło: ${DK}, § 5 pkt 4; § 8 pkt 5–6.`,
  },
  {
    externalId: 'awaria-aplikacji-wydzialu',
    type: 'procedure',
    title: 'Awaria aplikacji lub systemu KCK – kto koordynuje usunięcie',
    responsibleUnit: 'DK-05',
    tags: ['awaria', 'Atmosfera KCK', 'KPUM', 'FENIX CALL CENTER'],
    fields: {
      appliesWhen:
        'Nie działa aplikacja lub system wykorzystywany przez Wydział (Atmosfera KCK, KPUM, FENIX CALL CENTER).',
      steps: [
        'Zgłoś awarię do DK-05 – gospodarza aplikacji i systemów Wydziału (§ 8 pkt 2).',
        'DK-05 współpracuje z kierownikami pozostałych referatów i koordynuje wszelkie czynności związane z usunięciem awarii (§ 8 pkt 7).',
      ],
    },
    body: `Gospodarzem aplikacji i systemów wykorzystywanych przez Wydział (Atmosfera KCK, KPUM, FENIX CALL CENTER) jest Samodzielne Stanowisko ds. Analityki Usługi Informacyjnej i Zgłoszeniowej oraz Wykorzystywanych Systemów (DK-05) (§ 8 pkt 2).

Po zgłoszeniu awarii aplikacji lub systemu DK-05 współpracuje z kierownikami pozostałych referatów i koordynuje wszelkie czynności związane z usunięciem awarii (§ 8 pkt 7).

Źródło: ${DK}, § 8 pkt 2 i 7.`,
  },
  {
    externalId: 'budzet-obywatelski-i-inicjatywa-lokalna',
    type: 'service_card',
    title: 'Budżet obywatelski i inicjatywa lokalna – kto prowadzi',
    responsibleUnit: 'DK-04',
    tags: ['budżet obywatelski', 'inicjatywa lokalna', 'rady dzielnic'],
    fields: {
      purpose:
        'Budżet obywatelski w Krakowie oraz wnioski o realizację zadania publicznego w ramach inicjatywy lokalnej.',
      whoMayApply:
        'Mieszkańcy Krakowa; w sprawach inicjatyw społecznych DK-04 współpracuje z Radami i Zarządami Dzielnic.',
      whereAndWhen:
        'Referat ds. Partycypacji i Dialogu (DK-04), Wydział Dialogu, Konsultacji i Kontaktu Obywatelskiego.',
      documents: [
        'Wniosek o realizację zadania publicznego w ramach inicjatywy lokalnej – DK-04 przyjmuje go, rejestruje i sprawdza pod względem formalnym.',
      ],
      legalBasis: `${DK}, § 7 pkt 3–5.`,
    },
    body: `Referat ds. Partycypacji i Dialogu (DK-04):

- koordynuje zadania podejmowane przez Gminę Miejską Kraków w zakresie Budżetu obywatelskiego w Krakowie (§ 7 pkt 4);
- przyjmuje, rejestruje i sprawdza pod względem formalnym wnioski o realizację zadania publicznego w ramach inicjatywy lokalnej oraz współdziała w tym zakresie z komórkami Urzędu Miasta Krakowa i miejskimi jednostkami organizacyjnymi (§ 7 pkt 5);
- współpracuje z Radami i Zarządami Dzielnic w zakresie inicjatyw społecznych (§ 7 pkt 3).

Źródło: ${DK}, § 7 pkt 3–5.`,
  },
  {
    externalId: 'konsultacje-spoleczne',
    type: 'service_card',
    title: 'Konsultacje społeczne – kto je prowadzi i koordynuje',
    responsibleUnit: 'DK-04',
    tags: ['konsultacje społeczne', 'dialog', 'partycypacja', 'e-konsultacje'],
    fields: {
      purpose: 'Konsultacje społeczne z mieszkańcami: kto je prowadzi, koordynuje i promuje.',
      whoMayApply: 'Mieszkańcy Krakowa, Krakowska Rada Działalności Pożytku Publicznego, organizacje pozarządowe.',
      whereAndWhen:
        'Referat ds. Partycypacji i Dialogu (DK-04) prowadzi i koordynuje konsultacje; Referat ds. Komunikacji i Promocji Dialogu Obywatelskiego (DK-06) je promuje i publikuje raporty.',
      legalBasis: `${DK}, § 7 i § 9.`,
    },
    body: `- Referat ds. Partycypacji i Dialogu (DK-04) tworzy standardy dialogu społecznego i konsultacji społecznych, prowadzi konsultacje społeczne z mieszkańcami i koordynuje wszystkie procesy konsultacyjne realizowane przez komórki Urzędu Miasta Krakowa i miejskie jednostki organizacyjne (§ 7 pkt 2, 8, 9).
- DK-04 konsultuje z mieszkańcami oraz Krakowską Radą Działalności Pożytku Publicznego lub z organizacjami pozarządowymi projekty aktów prawa miejscowego w dziedzinach dotyczących działalności statutowej tych organizacji (§ 7 pkt 6).
- Referat ds. Komunikacji i Promocji Dialogu Obywatelskiego (DK-06) organizuje i promuje wydarzenia (m.in. debaty, warsztaty, panele obywatelskie, konsultacje społeczne), upowszechnia ich rezultaty i prowadzi kampanie informacyjne, w tym z użyciem narzędzi cyfrowych (np. platformy e-konsultacji, formularze online) (§ 9 pkt 4–5); publikuje raporty z konsultacji (§ 9 pkt 7).

Źródło: ${DK}, § 7 i § 9.`,
  },
  {
    externalId: 'sprawy-kierowane-do-prezydenta',
    type: 'procedure',
    title: 'Sprawy kierowane do Prezydenta i spotkania z mieszkańcami',
    responsibleUnit: 'KP-02',
    tags: ['Prezydent', 'spotkania z mieszkańcami', 'Kancelaria Prezydenta'],
    fields: {
      appliesWhen: 'Mieszkaniec chce przedstawić sprawę Prezydentowi Miasta Krakowa albo spotkać się z Prezydentem.',
      steps: [
        'KP-02 przyjmuje zgłoszenie, analizuje je i ocenia zasadność spotkania z Prezydentem (§ 5 pkt 1 i 3).',
        'KP-02 współpracuje z właściwymi komórkami Urzędu lub miejskimi jednostkami i na podstawie ich informacji udziela wyjaśnień (§ 5 pkt 2 i 4).',
        'Sprawy są kierowane według właściwości do Zastępców Prezydenta lub kierujących komórkami i jednostkami (§ 5 pkt 5).',
        'KP-02 ustala listę osób na spotkania z Prezydentem, sporządza notatki, informuje uczestników o ustaleniach i przesyła dyspozycje Prezydenta (§ 5 pkt 6–7).',
        'KP-02 monitoruje sposób załatwienia spraw i terminy wyznaczone przez Prezydenta (§ 5 pkt 8).',
      ],
    },
    body: `Zgłoszenia mieszkańców w sprawach kierowanych do Prezydenta przyjmują Stanowiska ds. Spotkań z Mieszkańcami (KP-02) w Kancelarii Prezydenta.

Tok sprawy:
1. KP-02 przyjmuje zgłoszenie (§ 5 pkt 1), analizuje je i ocenia zasadność spotkania z Prezydentem (pkt 3).
2. KP-02 współpracuje z merytorycznie właściwymi komórkami Urzędu Miasta Krakowa lub miejskimi jednostkami organizacyjnymi (pkt 2) i na podstawie uzyskanych od nich informacji udziela wyjaśnień w sprawie (pkt 4).
3. Sprawy są kierowane według właściwości do Zastępców Prezydenta lub kierujących komórkami Urzędu i miejskimi jednostkami (pkt 5).
4. KP-02 ustala listę osób na spotkania Prezydenta z mieszkańcami, sporządza notatki i informuje uczestników o ustaleniach i dyspozycjach (pkt 6); dyspozycje Prezydenta przesyła do właściwych komórek i jednostek (pkt 7).
5. KP-02 monitoruje sposób załatwienia spraw przedstawionych Prezydentowi oraz terminy wyznaczone przez Prezydenta (pkt 8).

Źródło: ${KP}, § 5.`,
  },
  {
    externalId: 'patronat-honorowy-i-wyroznienia-miejskie',
    type: 'service_card',
    title: 'Honorowy patronat Prezydenta i wyróżnienia miejskie – kto prowadzi sprawy',
    responsibleUnit: 'KP-03',
    tags: ['patronat honorowy', 'Honoris Gratia', 'Cracoviae Merenti', 'Honorowy Obywatel'],
    fields: {
      purpose:
        'Honorowy patronat Prezydenta i inne formy honorowego wsparcia; odznaka Honoris Gratia, medal „Cracoviae Merenti”, tytuł Honorowego Obywatela Krakowa.',
      whereAndWhen: 'Biuro Współpracy Krajowej (KP-03), Kancelaria Prezydenta Miasta Krakowa.',
      legalBasis: `${KP}, § 6 ust. 1 pkt 6 i 11.`,
    },
    body: `Biuro Współpracy Krajowej (KP-03) w Kancelarii Prezydenta prowadzi sprawy związane z:

- obejmowaniem honorowego patronatu Prezydenta i innymi formami honorowego wsparcia (§ 6 ust. 1 pkt 6);
- przyznawaniem odznaki Honoris Gratia, medalu „Cracoviae Merenti” oraz tytułu „Honorowy Obywatel Stołecznego Królewskiego Miasta Krakowa” (§ 6 ust. 1 pkt 11).

Źródło: ${KP}, § 6.`,
  },
  {
    externalId: 'herb-logo-i-nazwa-miasta',
    type: 'service_card',
    title: 'Posługiwanie się herbem, logo i nazwą Miasta Krakowa',
    responsibleUnit: 'KP-04',
    tags: ['herb', 'logo', 'wartości niematerialne', 'zgoda'],
    fields: {
      purpose: 'Zgoda na posługiwanie się wartościami niematerialnymi Miasta: nazwą, logo i herbem Miasta Krakowa.',
      whoMayApply: 'Podmioty wewnętrzne i zewnętrzne.',
      whereAndWhen:
        'Stanowisko ds. Prawnych i Ochrony Wartości Niematerialnych Miasta w Referacie Organizacyjnym Kancelarii Prezydenta (KP-04).',
      documents: ['Wniosek o udzielenie zgody na posługiwanie się wartościami niematerialnymi Miasta.'],
      legalBasis: `${KP}, § 7 ust. 2.`,
    },
    body: `W Referacie Organizacyjnym Kancelarii Prezydenta (KP-04) działa Stanowisko ds. Prawnych i Ochrony Wartości Niematerialnych Miasta, które:

- obsługuje wnioski o udzielenie zgody na posługiwanie się wartościami niematerialnymi znajdującymi się w dysponowaniu Kancelarii Prezydenta;
- udziela podmiotom wewnętrznym i zewnętrznym informacji o podstawach prawnych oraz zasadach posługiwania się i udostępniania wartości niematerialnych, w tym m.in. nazwy, logo i herbu Miasta Krakowa;
- przygotowuje umowy cywilnoprawne i licencyjne w tym zakresie.

Źródło: ${KP}, § 7 ust. 2.`,
  },
  {
    externalId: 'program-otwarty-krakow',
    type: 'service_card',
    title: 'Program „Otwarty Kraków” – mniejszości narodowe i etniczne oraz cudzoziemcy',
    responsibleUnit: 'SZ',
    tags: ['Otwarty Kraków', 'cudzoziemcy', 'mniejszości narodowe', 'mniejszości etniczne', 'otwarty.krakow.pl'],
    fields: {
      purpose:
        'Miejski program na rzecz mniejszości narodowych i etnicznych oraz cudzoziemców: współpraca, pomoc finansowa i pozafinansowa, przeciwdziałanie dyskryminacji.',
      whoMayApply:
        'Przedstawiciele mniejszości narodowych i etnicznych, cudzoziemcy, organizacje pozarządowe, mieszkańcy.',
      whereAndWhen:
        'Wydział Polityki Społecznej, Równości i Zdrowia (SZ) oraz Koordynatorzy programu w każdej komórce Urzędu i miejskiej jednostce.',
      legalBasis: `Uchwała nr LII/964/16 Rady Miasta Krakowa z dnia 14 września 2016 r.; ${OPEN}, § 1, § 2, § 5.`,
      links: [{ label: 'Portal „Otwarty Kraków”', url: 'https://otwarty.krakow.pl/' }],
    },
    body: `**Program „Otwarty Kraków”** to miejski program uchwalony przez Radę Miasta Krakowa (uchwała nr LII/964/16 z dnia 14 września 2016 r.). Zakłada działania na poziomie instytucjonalnym i społecznym na rzecz tworzenia społeczeństwa żyjącego we wspólnocie, wykorzystującego ludzki, ekonomiczny i kulturowy potencjał przedstawicieli mniejszości narodowych i etnicznych oraz cudzoziemców, przy zachowaniu harmonii i wzajemnego szacunku (§ 1 pkt 7).

**Portal:** „Otwarty Kraków” – https://otwarty.krakow.pl/ – część Miejskiej Platformy Internetowej „Magiczny Kraków” (www.krakow.pl) (§ 1 pkt 9).

**Kto się zajmuje:** Wydział Polityki Społecznej, Równości i Zdrowia (SZ; w zarządzeniu z 2023 r. „Wydział Polityki Społecznej i Zdrowia”) – wspieranie inicjatyw i współpracy z przedstawicielami mniejszości narodowych i etnicznych oraz cudzoziemców (§ 1 pkt 4).

**Koordynatorzy w jednostkach:** każda komórka Urzędu i miejska jednostka organizacyjna wyznacza Koordynatora ds. współpracy przy realizacji programu (§ 2). Koordynator, zgodnie z zakresem swojej jednostki (§ 5):
- udziela informacji o współpracy jednostki z mieszkańcami, organizacjami pozarządowymi i podmiotami prywatnymi oraz odpowiada na ich zapytania (z powiadomieniem SZ);
- udziela informacji o rodzajach pomocy finansowej i pozafinansowej jednostki w zakresie przeciwdziałania dyskryminacji, rasizmowi, ksenofobii, ochrony praw cudzoziemców, działalności na rzecz mniejszości narodowych i etnicznych, pracy na rzecz wielokulturowości i krzewienia tolerancji;
- nawiązuje i rozwija współpracę i partnerstwa na rzecz wspólnych inicjatyw i projektów.

Źródło: ${OPEN}, § 1, § 2, § 5.`,
  },
  {
    externalId: 'wspolpraca-z-organizacjami-pozarzadowymi',
    type: 'service_card',
    title: 'Współpraca Miasta z organizacjami pozarządowymi – portal ngo.krakow.pl i koordynatorzy',
    responsibleUnit: 'SZ',
    tags: ['organizacje pozarządowe', 'NGO', 'ngo.krakow.pl', 'otwarte konkursy ofert', 'dotacje'],
    fields: {
      purpose:
        'Współpraca Gminy Miejskiej Kraków z organizacjami pozarządowymi: informacje, pomoc finansowa i pozafinansowa, otwarte konkursy ofert, konsultacje programu współpracy.',
      whoMayApply: 'Organizacje pozarządowe.',
      whereAndWhen:
        'Wydział Polityki Społecznej, Równości i Zdrowia (SZ) koordynuje; w każdej komórce Urzędu i miejskiej jednostce jest Koordynator ds. współpracy z organizacjami pozarządowymi.',
      legalBasis: `${NGO}, § 1, § 2, § 5, § 6.`,
      links: [{ label: 'Portal dla organizacji pozarządowych', url: 'https://www.ngo.krakow.pl/' }],
    },
    body: `**Kto koordynuje:** Wydział Polityki Społecznej, Równości i Zdrowia (SZ) koordynuje współpracę Gminy Miejskiej Kraków z organizacjami pozarządowymi na rzecz wzmocnienia społeczeństwa obywatelskiego i partycypacji społecznej (§ 1 pkt 5).

**Portal:** miejski portal internetowy dla organizacji pozarządowych www.ngo.krakow.pl (§ 1 pkt 4).

**Koordynatorzy:** w każdej komórce Urzędu Miasta Krakowa i miejskiej jednostce organizacyjnej jest wyznaczony Koordynator ds. współpracy z organizacjami pozarządowymi (wraz z zastępcą) (§ 2 pkt 1). Koordynator, zgodnie z zakresem swojej jednostki (§ 5):
1. udziela informacji o współpracy jednostki z organizacjami pozarządowymi;
2. odpowiada na zapytania organizacji pozarządowych;
3. udziela informacji o rodzajach pomocy finansowej i pozafinansowej świadczonej organizacjom przez jednostkę;
4. nawiązuje i rozwija współpracę i partnerstwa na rzecz wspólnych inicjatyw i projektów;
5. opiniuje wnioski, projekty, przedsięwzięcia i dokumenty dotyczące działalności organizacji pozarządowych.

Koordynator pomaga też nowym użytkownikom systemu obsługującego otwarte konkursy ofert na realizację zadań publicznych i zbiera uwagi o jego działaniu (§ 6).

**Spotkania i konsultacje:** SZ konsultuje z organizacjami projekty rocznego i wieloletniego programu współpracy, m.in. na spotkaniach branżowych/konsultacyjnych i dyżurach telefonicznych (§ 2 pkt 4 lit. a); każda komórka merytoryczna organizuje przynajmniej raz w roku spotkanie branżowe dla przedstawicieli organizacji pozarządowych (§ 2 pkt 5).

Źródło: ${NGO}, § 1, § 2, § 5, § 6.`,
  },
];

export const ARTICLES: SeedArticle[] = [...UNIT_SCOPE_ARTICLES, ...GUIDES];
