// What the generated city's residents and staff write, in Polish: report titles and descriptions per category,
// answers, notes, reasons and search queries. Pools, not prose: the generator combines them with streets and names.

export interface CategoryTexts {
  titles: string[];
  /** `{place}` is replaced by the address, or by a general phrase when the report has none. */
  descriptions: string[];
  resolutions: string[];
}

export const CATEGORY_TEXTS: Record<string, CategoryTexts> = {
  'roads.pothole': {
    titles: ['Dziura w jezdni', 'Głęboki ubytek w nawierzchni', 'Zapadnięta studzienka w jezdni', 'Wyrwa w asfalcie'],
    descriptions: [
      'Na jezdni przy {place} jest głęboka dziura, samochody gwałtownie hamują, żeby ją ominąć.',
      'Przy {place} w nawierzchni zrobił się ubytek po zimie, woda stoi w nim po każdym deszczu.',
      'Zapadła się studzienka kanalizacyjna na jezdni, {place}. Grozi uszkodzeniem kół.',
      'Duża wyrwa w asfalcie na pasie do skrętu, {place}. Rowerzyści muszą zjeżdżać na środek jezdni.',
    ],
    resolutions: [
      'Ubytek w nawierzchni został uzupełniony masą asfaltową na gorąco.',
      'Wykonano naprawę cząstkową nawierzchni; pełny remont odcinka ujęto w planie na przyszły rok.',
      'Studzienkę wyregulowano i zabezpieczono, nawierzchnia wokół została odtworzona.',
    ],
  },
  'roads.pavement': {
    titles: ['Uszkodzony chodnik', 'Wystające płyty chodnikowe', 'Oblodzony chodnik', 'Zapadnięta kostka na chodniku'],
    descriptions: [
      'Płyty chodnikowe przy {place} są popękane i wystają, starsi ludzie się potykają.',
      'Chodnik przy {place} jest nieodśnieżony i oblodzony, przejść się nie da.',
      'Kostka brukowa zapadła się na długości kilku metrów, {place}.',
      'Po robotach ziemnych nie odtworzono chodnika przy {place}, zostało błoto i piasek.',
    ],
    resolutions: [
      'Wymieniono uszkodzone płyty chodnikowe i wyrównano nawierzchnię.',
      'Chodnik odśnieżono i posypano; wykonawca zimowego utrzymania dostał upomnienie.',
      'Przełożono zapadniętą kostkę; wykonawca robót ziemnych odtworzył nawierzchnię na swój koszt.',
    ],
  },
  'roads.signs': {
    titles: ['Przewrócony znak drogowy', 'Nieczytelne oznakowanie poziome', 'Brak znaku na skrzyżowaniu'],
    descriptions: [
      'Znak ustąpienia pierwszeństwa leży na trawniku przy {place}.',
      'Pasy na przejściu dla pieszych przy {place} są prawie niewidoczne, zwłaszcza po zmroku.',
      'Na skrzyżowaniu przy {place} ktoś wyrwał znak stopu, kierowcy nie wiedzą, kto ma pierwszeństwo.',
    ],
    resolutions: [
      'Znak został ponownie ustawiony i stabilnie zamocowany.',
      'Odnowienie oznakowania poziomego ujęto w harmonogramie malowania na ten sezon; przejście oznakowano tymczasowo.',
      'Brakujący znak uzupełniono.',
    ],
  },
  'roads.lighting': {
    titles: ['Nie świeci latarnia', 'Ciemna ulica – kilka latarni nie działa', 'Latarnia świeci w dzień'],
    descriptions: [
      'Od tygodnia nie świeci latarnia przy {place}, wieczorem jest zupełnie ciemno.',
      'Kilka lamp ulicznych z rzędu nie działa, {place}. Ludzie boją się wracać po zmroku.',
      'Latarnia przy {place} świeci przez cały dzień, szkoda prądu.',
    ],
    resolutions: [
      'Wymieniono źródło światła i zapłonnik; oświetlenie działa.',
      'Usunięto awarię kabla zasilającego odcinek oświetlenia.',
      'Przestawiono sterownik oświetlenia; lampa wyłącza się o świcie.',
    ],
  },
  'greenery.fallen_tree': {
    titles: ['Powalone drzewo', 'Złamany konar nad chodnikiem', 'Pochylone drzewo grozi upadkiem'],
    descriptions: [
      'Po nocnej wichurze drzewo przewróciło się na chodnik przy {place} i blokuje przejście.',
      'Duży złamany konar wisi nad chodnikiem przy {place}, może spaść na przechodniów.',
      'Drzewo przy {place} mocno się pochyliło, korzenie wychodzą z ziemi. Obok jest plac zabaw.',
    ],
    resolutions: [
      'Drzewo usunięto i uprzątnięto teren; w sezonie nasadzeń posadzimy nowe.',
      'Złamany konar odcięto, drzewo przeszło ocenę dendrologiczną.',
      'Wykonano cięcia sanitarne i zabezpieczenie korony; drzewo jest stabilne.',
    ],
  },
  'greenery.park': {
    titles: ['Zniszczona ławka w parku', 'Zaniedbany skwer', 'Połamane urządzenia na placu zabaw'],
    descriptions: [
      'W parku przy {place} są połamane ławki i przepełnione kosze.',
      'Skwer przy {place} jest zaniedbany, krzewy zarosły ścieżkę.',
      'Na placu zabaw przy {place} huśtawka ma urwany łańcuch, dzieci mogą się skaleczyć.',
    ],
    resolutions: [
      'Ławki naprawiono, a kosze opróżniono; zwiększyliśmy częstotliwość sprzątania w sezonie.',
      'Przycięto krzewy i odnowiono ścieżkę.',
      'Urządzenie zabawowe wyłączono z użytku i naprawiono.',
    ],
  },
  'greenery.mowing': {
    titles: ['Niekoszona trawa', 'Wysoka trawa zasłania widoczność', 'Prośba o koszenie pasa zieleni'],
    descriptions: [
      'Trawa przy {place} ma ponad pół metra, są kleszcze.',
      'Wysoka trawa na pasie zieleni przy {place} zasłania widoczność przy wyjeździe.',
      'Pas zieleni przy {place} nie był koszony od wiosny.',
    ],
    resolutions: [
      'Teren został wykoszony zgodnie z harmonogramem.',
      'Pas zieleni przy skrzyżowaniu wykoszono poza kolejnością ze względu na bezpieczeństwo.',
      'Wyjaśniamy: część terenu to łąka kwietna koszona dwa razy w roku; pas przy chodniku wykoszono.',
    ],
  },
  'cleanliness.bins': {
    titles: ['Przepełnione kosze na śmieci', 'Śmieci wokół kosza', 'Brak kosza na przystanku'],
    descriptions: [
      'Kosze przy {place} są przepełnione od kilku dni, śmieci rozwiewa wiatr.',
      'Wokół kosza przy {place} leżą worki ze śmieciami.',
      'Na przystanku przy {place} nie ma kosza, ludzie rzucają śmieci na trawnik.',
    ],
    resolutions: [
      'Kosze zostały opróżnione, a teren wokół uprzątnięty.',
      'Zwiększono częstotliwość opróżniania koszy w tym rejonie.',
      'Ustawiono nowy kosz.',
    ],
  },
  'cleanliness.dumping': {
    titles: ['Dzikie wysypisko śmieci', 'Porzucone meble i gruz', 'Wyrzucone opony w lesie'],
    descriptions: [
      'Ktoś wyrzucił gruz i stare meble przy {place}.',
      'Przy {place} powstało dzikie wysypisko, przybywa śmieci z każdym tygodniem.',
      'W zaroślach przy {place} leży kilkanaście opon.',
    ],
    resolutions: [
      'Odpady zostały uprzątnięte; sprawę przekazano Straży Miejskiej w celu ustalenia sprawcy.',
      'Teren uprzątnięto i ustawiono tablicę o zakazie wyrzucania odpadów.',
      'Opony zebrano i przekazano do utylizacji.',
    ],
  },
  'cleanliness.missed_collection': {
    titles: ['Nieodebrane odpady', 'Nie odebrano segregowanych śmieci', 'Nieodebrane odpady wielkogabarytowe'],
    descriptions: [
      'Śmieciarka nie przyjechała w wyznaczonym terminie, {place}.',
      'Od dwóch tygodni nie odebrano odpadów segregowanych z altany przy {place}.',
      'Gabaryty wystawione zgodnie z harmonogramem nadal stoją przy {place}.',
    ],
    resolutions: [
      'Odpady odebrano w dodatkowym kursie.',
      'Przyczyną był zastawiony dojazd; odpady odebrano następnego dnia.',
      'Gabaryty odebrano; harmonogram dla adresu został poprawiony.',
    ],
  },
  'transport.stop': {
    titles: ['Zniszczona wiata przystankowa', 'Wybita szyba na przystanku', 'Brak rozkładu na przystanku'],
    descriptions: [
      'Na przystanku przy {place} wybito szybę wiaty, wszędzie leży szkło.',
      'Wiata przystankowa przy {place} przecieka i ma połamaną ławkę.',
      'Na przystanku przy {place} nie ma tablicy z rozkładem jazdy.',
    ],
    resolutions: ['Szybę wymieniono, a szkło uprzątnięto.', 'Wiatę naprawiono.', 'Rozkład jazdy został wywieszony.'],
  },
  'transport.timetable': {
    titles: ['Za rzadko kursujący autobus', 'Prośba o zmianę rozkładu jazdy', 'Nieskomunikowane przesiadki'],
    descriptions: [
      'Autobus linii nocnej kursuje za rzadko, rano ludzie nie mieszczą się do pojazdów.',
      'Proszę o zmianę rozkładu tak, żeby dało się zdążyć na przesiadkę do tramwaju.',
      'Po zmianie rozkładu autobus odjeżdża minutę przed przyjazdem tramwaju.',
    ],
    resolutions: [
      'Przeanalizowaliśmy napełnienie pojazdów; od przyszłego miesiąca w szczycie kursy będą częstsze.',
      'Rozkład skorygowano od najbliższej zmiany rozkładów.',
      'Dziękujemy za sugestię; obecnie nie planujemy zmian, uwagę uwzględnimy przy przeglądzie sieci.',
    ],
  },
  'transport.vehicle': {
    titles: ['Brudny tramwaj', 'Niedziałająca klimatyzacja w autobusie', 'Uszkodzony kasownik w pojeździe'],
    descriptions: [
      'W tramwaju było bardzo brudno, rozlany napój na siedzeniach.',
      'W autobusie nie działała klimatyzacja, w środku było ponad 30 stopni.',
      'W pojeździe nie działał żaden kasownik.',
    ],
    resolutions: [
      'Pojazd skierowano do mycia; zwróciliśmy uwagę zajezdni na kontrolę czystości.',
      'Klimatyzację naprawiono.',
      'Kasowniki w pojeździe wymieniono.',
    ],
  },
  'water.failure': {
    titles: ['Brak wody', 'Awaria wodociągu', 'Wyciek wody z jezdni'],
    descriptions: [
      'Od rana nie ma wody w budynkach przy {place}.',
      'Z jezdni przy {place} wypływa woda, prawdopodobnie pękła rura.',
      'Bardzo niskie ciśnienie wody w całym bloku, {place}.',
    ],
    resolutions: [
      'Awarię sieci usunięto; dostawy wody przywrócono.',
      'Wymieniono uszkodzony odcinek przyłącza.',
      'Wyregulowano ciśnienie w strefie zasilania.',
    ],
  },
  'water.sewer': {
    titles: ['Wybijająca kanalizacja', 'Zalana ulica po ulewie', 'Zapchana studzienka deszczowa'],
    descriptions: [
      'Po ulewie kanalizacja wybija przy {place}, woda zalewa piwnice.',
      'Ulica przy {place} stoi pod wodą, studzienki nie odbierają wody.',
      'Studzienka deszczowa przy {place} jest zapchana liśćmi.',
    ],
    resolutions: [
      'Kanał przepłukano i udrożniono.',
      'Studzienki oczyszczono; odcinek kanału ujęto w planie modernizacji.',
      'Usunięto zator w przykanaliku.',
    ],
  },
  'order.parking': {
    titles: ['Samochód zastawia chodnik', 'Parkowanie na trawniku', 'Auto blokuje wjazd'],
    descriptions: [
      'Samochody codziennie parkują na całej szerokości chodnika przy {place}, z wózkiem trzeba iść jezdnią.',
      'Kierowcy rozjeżdżają trawnik przy {place}, parkując na nim.',
      'Samochód od kilku godzin blokuje wjazd do posesji, {place}.',
    ],
    resolutions: [
      'Patrol Straży Miejskiej podjął interwencję; nałożono mandaty.',
      'Miejsce objęto częstszymi kontrolami patroli.',
      'Pojazd został odholowany na parking strzeżony.',
    ],
  },
  'order.noise': {
    titles: ['Hałas w nocy', 'Głośna muzyka z lokalu', 'Zakłócanie ciszy nocnej'],
    descriptions: [
      'Co noc po 23 z lokalu przy {place} dobiega głośna muzyka.',
      'Grupa osób spotyka się przy {place} i hałasuje do rana.',
      'Prace budowlane przy {place} trwają także w nocy.',
    ],
    resolutions: [
      'Patrol przeprowadził kontrolę; właściciel lokalu został pouczony.',
      'W rejonie wzmocniono patrole w godzinach nocnych.',
      'Skontrolowano budowę; kierownik robót został ukarany mandatem.',
    ],
  },
  'order.vandalism': {
    titles: ['Zniszczone mienie miejskie', 'Graffiti na elewacji', 'Zdewastowany plac zabaw'],
    descriptions: [
      'Ktoś zdewastował ławki i kosze przy {place}.',
      'Na elewacji budynku przy {place} pojawiło się duże graffiti.',
      'Na placu zabaw przy {place} zniszczono zjeżdżalnię.',
    ],
    resolutions: [
      'Sprawę skierowano do Policji; uszkodzenia usunięto.',
      'Graffiti usunięto.',
      'Zniszczone urządzenia naprawiono; miejsce objęto monitoringiem.',
    ],
  },
  'housing.repair': {
    titles: ['Przeciekający dach w budynku komunalnym', 'Niedziałające ogrzewanie', 'Zawilgocone mieszkanie'],
    descriptions: [
      'W mieszkaniu komunalnym przy {place} przecieka dach, woda kapie do pokoju.',
      'W lokalu przy {place} od tygodnia nie działa ogrzewanie.',
      'Ściany w mieszkaniu komunalnym przy {place} są zawilgocone i pokryte grzybem.',
    ],
    resolutions: [
      'Naprawiono pokrycie dachu nad lokalem.',
      'Serwis naprawił kocioł; ogrzewanie działa.',
      'Wykonano osuszanie i odgrzybianie ścian; docieplenie budynku ujęto w planie remontów.',
    ],
  },
  'animals.stray': {
    titles: ['Błąkający się pies', 'Ranny kot na ulicy', 'Bezdomne psy na osiedlu'],
    descriptions: [
      'Od rana przy {place} błąka się pies bez obroży, jest wystraszony.',
      'Przy {place} leży ranny kot, nie może chodzić.',
      'Na osiedlu przy {place} biega kilka bezdomnych psów, dzieci się boją.',
    ],
    resolutions: [
      'Zwierzę zostało odłowione i przewiezione do schroniska.',
      'Kotem zajął się lekarz weterynarii; po leczeniu trafi do adopcji.',
      'Psy odłowiono; jeden miał chip i wrócił do właściciela.',
    ],
  },
  'city_hall.service_quality': {
    titles: ['Długie oczekiwanie w urzędzie', 'Skarga na obsługę w urzędzie', 'Niedziałający system kolejkowy'],
    descriptions: [
      'W punkcie obsługi mieszkańców czekałem ponad dwie godziny na przyjęcie wniosku.',
      'Urzędniczka odmówiła przyjęcia wniosku bez podania podstawy prawnej.',
      'System kolejkowy w urzędzie nie działał, ludzie kłócili się o kolejność.',
    ],
    resolutions: [
      'Przeprosiliśmy za niedogodności; od przyszłego miesiąca w godzinach szczytu pracuje dodatkowe stanowisko.',
      'Sprawę wyjaśniono z kierownikiem referatu; pracownica przeszła dodatkowe szkolenie.',
      'System kolejkowy naprawiono.',
    ],
  },
  'ideas.improvement': {
    titles: ['Pomysł: więcej ławek', 'Pomysł: stojaki rowerowe', 'Pomysł: nowe nasadzenia drzew', 'Pomysł: psi wybieg'],
    descriptions: [
      'Proponuję ustawić ławki wzdłuż alejki przy {place}; starsze osoby nie mają gdzie odpocząć.',
      'Przydałyby się stojaki rowerowe przy {place}, rowery są przypinane do barierek.',
      'Proponuję posadzić drzewa wzdłuż ulicy przy {place}, latem nie ma tam cienia.',
      'Na osiedlu przy {place} przydałby się ogrodzony wybieg dla psów.',
    ],
    resolutions: [
      'Pomysł przyjęty: realizacja w ramach bieżącego utrzymania w przyszłym roku.',
      'Pomysł odrzucony: teren nie jest własnością Gminy.',
      'Pomysł przyjęty: zadanie ujęto w planie inwestycji dzielnicy.',
    ],
  },
  'other.other': {
    titles: ['Sprawa do wyjaśnienia', 'Prośba o informację', 'Zgłoszenie mieszkańca'],
    descriptions: [
      'Proszę o wyjaśnienie, kto odpowiada za teren przy {place}.',
      'Mieszkańcy pytają, kiedy zostaną zakończone prace przy {place}.',
      'Zgłaszam problem, który nie pasuje do żadnej kategorii: {place}.',
    ],
    resolutions: [
      'Udzielono wyjaśnień; teren należy do zarządcy nieruchomości, przekazaliśmy mu sprawę.',
      'Przekazano informację o harmonogramie prac.',
      'Sprawę wyjaśniono z mieszkańcem telefonicznie.',
    ],
  },
};

/** For categories an admin added after the seed. */
export const GENERIC_TEXTS: CategoryTexts = {
  titles: ['Zgłoszenie mieszkańca', 'Problem do rozwiązania'],
  descriptions: ['Mieszkaniec zgłasza problem: {place}.', 'Proszę o interwencję w sprawie przy {place}.'],
  resolutions: ['Sprawa została załatwiona.', 'Udzielono odpowiedzi mieszkańcowi.'],
};

/** Added to some descriptions. */
export const EXTRA_SENTENCES = [
  'Proszę o pilną interwencję.',
  'Problem występuje od kilku dni.',
  'Zgłaszam to już drugi raz.',
  'Sąsiedzi też to zauważyli.',
  'Załączam zdjęcie w osobnej wiadomości.',
  'Będę wdzięczna za informację zwrotną.',
  'Sytuacja jest niebezpieczna zwłaszcza wieczorem.',
  'Dotyczy to także sąsiedniej ulicy.',
];

export const NO_PLACE = ['w moim rejonie', 'na moim osiedlu', 'niedaleko mojego domu'];

export const UNIT_NOTES = [
  'Zlecono oględziny w terenie.',
  'Przekazano do wykonawcy utrzymania.',
  'Oględziny potwierdziły zgłoszenie.',
  'Czekamy na materiał od dostawcy.',
  'Zlecenie ujęto w harmonogramie na przyszły tydzień.',
  'Wykonawca potwierdził termin prac.',
  'Potrzebna decyzja kierownika działu.',
  'Sprawdzono w ewidencji: teren w zarządzie jednostki.',
  'Ekipa była na miejscu, prace wymagają sprzętu ciężkiego.',
  'Uzgodniono z zarządcą sąsiedniej nieruchomości.',
  'Telefon do zgłaszającego: doprecyzowano lokalizację.',
  'Zdjęcia z oględzin dołączone do dokumentacji.',
  'Prace wstrzymane z powodu pogody.',
  'Wykonawca zgłosił zakończenie prac, do odbioru.',
  'Odbiór prac bez uwag.',
];

export const TRIAGE_NOTES = [
  'Sprawdzono, czy to nie duplikat – brak podobnych zgłoszeń.',
  'Kontakt ze zgłaszającym w celu doprecyzowania lokalizacji.',
  'Do ustalenia właściwa jednostka.',
  'Konsultacja z koordynatorem jednostki.',
  'Zgłoszenie monitorowane przez DK-03.',
  'Przypomniano jednostce o terminie.',
];

export const PROGRESS_ANSWERS = [
  'Dziękujemy za zgłoszenie. Sprawa została przekazana do realizacji.',
  'Informujemy, że prace zaplanowano na najbliższe dni.',
  'Uprzejmie informujemy, że zgłoszenie jest w trakcie realizacji.',
  'Dziękujemy za cierpliwość: czekamy na warunki pogodowe pozwalające na wykonanie prac.',
];

export const RESIDENT_MESSAGES = [
  'Problem nadal występuje.',
  'Dodaję, że sytuacja się pogorszyła.',
  'Czy jest już jakiś termin naprawy?',
  'Dziękuję za informację.',
  'Dokładna lokalizacja: na wysokości przystanku.',
  'Przesyłam dodatkowe informacje od sąsiadów.',
  'Proszę o kontakt telefoniczny.',
  'Widziałem dziś ekipę na miejscu, dziękuję.',
];

export const WAITING_QUESTIONS = [
  'Prosimy o podanie dokładnej lokalizacji (numer budynku lub najbliższe skrzyżowanie).',
  'Prosimy o przesłanie zdjęcia miejsca.',
  'Czy problem występuje nadal?',
  'Prosimy o numer lokalu i dogodny termin oględzin.',
];

export const RESIDENT_ANSWERS = [
  'Chodzi o odcinek na wysokości numeru 12.',
  'Zdjęcie przesłałam mailem.',
  'Tak, problem nadal występuje.',
  'Lokal nr 4, najlepiej po południu.',
];

export const RETURN_REASONS = [
  'Sprawa nie leży w kompetencji jednostki: teren należy do innego zarządcy.',
  'To nie nasza sprawa: droga w zarządzie innej jednostki.',
  'Zgłoszenie dotyczy nieruchomości prywatnej.',
  'Błędna kategoria zgłoszenia – proszę o przekazanie właściwej jednostce.',
];

export const REJECT_REASONS = [
  'Zgłoszenie nie dotyczy zadań Gminy Miejskiej Kraków.',
  'Zgłoszenie nie zawiera treści pozwalającej na jego rozpatrzenie.',
  'Sprawa prywatna między sąsiadami – poza kompetencją Miasta.',
  'Treść zgłoszenia narusza zasady korzystania z serwisu.',
];

export const MERGE_REASONS = ['To samo miejsce i ta sama sprawa', 'Duplikat zgłoszenia', 'Zgłoszenie tej samej sprawy'];

export const REOPEN_REASONS = [
  'Problem wrócił po kilku dniach.',
  'Naprawa była prowizoryczna, sytuacja się powtarza.',
  'Zgłaszający informuje, że sprawa nie została załatwiona.',
  'Prace nie zostały wykonane, mimo informacji o zakończeniu.',
];

export const ACCEPT_COMMENTS = ['Przyjęte do realizacji.', 'Przyjęte, zlecono oględziny.', 'Przyjęte – priorytet.'];

export const CLOSE_REASONS = ['Sprawa zakończona.', 'Zgłaszający potwierdził załatwienie sprawy.'];

export const IDEA_ACCEPTED = [
  'Pomysł przyjęty: zadanie ujęto w planie na przyszły rok.',
  'Pomysł przyjęty do realizacji w ramach bieżącego utrzymania.',
  'Pomysł przyjęty: zostanie zgłoszony do budżetu dzielnicy.',
];

export const IDEA_REJECTED = [
  'Pomysł odrzucony: teren nie należy do Gminy.',
  'Pomysł odrzucony: koliduje z planem miejscowym.',
  'Pomysł odrzucony: brak środków w budżecie na ten rok; zachęcamy do złożenia go w budżecie obywatelskim.',
];

export const RATING_COMMENTS = [
  'Szybko i sprawnie, dziękuję.',
  'Trwało to za długo.',
  'Naprawa prowizoryczna.',
  'Bardzo dziękuję za pomoc.',
  'Odpowiedź niezrozumiała.',
];

export const FEMALE_NAMES = [
  'Anna',
  'Maria',
  'Katarzyna',
  'Małgorzata',
  'Agnieszka',
  'Barbara',
  'Ewa',
  'Krystyna',
  'Magdalena',
  'Joanna',
  'Zofia',
  'Monika',
  'Aleksandra',
  'Natalia',
  'Julia',
  'Elżbieta',
  'Teresa',
  'Dorota',
  'Beata',
  'Halina',
];
export const MALE_NAMES = [
  'Piotr',
  'Krzysztof',
  'Andrzej',
  'Tomasz',
  'Paweł',
  'Jan',
  'Michał',
  'Marcin',
  'Jakub',
  'Adam',
  'Stanisław',
  'Józef',
  'Marek',
  'Łukasz',
  'Grzegorz',
  'Mateusz',
  'Wojciech',
  'Mariusz',
  'Dariusz',
  'Zbigniew',
];
/** Surnames in their masculine form; -ski, -cki and -dzki change their ending for women. */
export const SURNAMES = [
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Wójcik',
  'Kowalczyk',
  'Kamiński',
  'Lewandowski',
  'Zieliński',
  'Szymański',
  'Woźniak',
  'Dąbrowski',
  'Kozłowski',
  'Jankowski',
  'Mazur',
  'Kwiatkowski',
  'Krawczyk',
  'Piotrowski',
  'Grabowski',
  'Nowakowski',
  'Pawłowski',
  'Michalski',
  'Nowicki',
  'Adamczyk',
  'Dudek',
  'Zając',
  'Wieczorek',
  'Jabłoński',
  'Król',
  'Majewski',
  'Olszewski',
  'Jaworski',
  'Wróbel',
  'Malinowski',
  'Pawlak',
  'Witkowski',
  'Walczak',
  'Stępień',
  'Górski',
  'Rutkowski',
  'Michalak',
  'Sikora',
  'Ostrowski',
  'Baran',
  'Duda',
  'Szewczyk',
  'Tomaszewski',
  'Pietrzak',
  'Marciniak',
  'Wróblewski',
  'Zalewski',
];

export function femaleSurname(surname: string): string {
  return /(ski|cki|dzki)$/.test(surname) ? `${surname.slice(0, -1)}a` : surname;
}

/** Why the hotline was called, by call topic: what the agent recorded as information given. */
export const INFORMATION_GIVEN: Record<string, string[]> = {
  city_services: [
    'Podano wymagane dokumenty i opłaty.',
    'Wyjaśniono, jak złożyć wniosek przez ePUAP.',
    'Wskazano właściwy wydział i godziny przyjęć.',
    'Poinformowano o terminie załatwienia sprawy.',
  ],
  unit_scope: [
    'Podano godziny pracy i adres jednostki.',
    'Wskazano właściwą jednostkę i numer telefonu.',
    'Wyjaśniono zakres działania jednostki.',
  ],
  events: [
    'Podano program i miejsce wydarzenia.',
    'Poinformowano o biletach i utrudnieniach w ruchu.',
    'Wskazano stronę z programem wydarzeń.',
  ],
  elections: [
    'Podano adres lokalu wyborczego.',
    'Wyjaśniono, jak dopisać się do spisu wyborców.',
    'Poinformowano o głosowaniu korespondencyjnym.',
  ],
  problem_report: ['Przyjęto zgłoszenie.', 'Zgłoszenie zarejestrowane, podano numer.'],
  idea: ['Przyjęto pomysł mieszkańca.'],
  survey: ['Przeprowadzono ankietę telefoniczną.'],
  other: ['Udzielono ogólnej informacji.', 'Przełączono do właściwej jednostki.', 'Wyjaśniono sprawę.'],
};

/** What agents type into the knowledge base search, by call topic. */
export const SEARCH_QUERIES: Record<string, string[]> = {
  city_services: [
    'dowód osobisty',
    'rejestracja samochodu',
    'meldunek',
    'karta mieszkańca',
    'podatek od nieruchomości',
    'opłata za śmieci',
    'wycinka drzewa zezwolenie',
    'ślub cywilny',
    'akt urodzenia',
    'karta dużej rodziny',
  ],
  unit_scope: [
    'godziny pracy',
    'zdmk',
    'zarząd zieleni',
    'straż miejska telefon',
    'mpo kontakt',
    'wydział komunikacji',
    'zbk',
    'mopś',
  ],
  events: ['wianki', 'maraton', 'lajkonik', 'jarmark bożonarodzeniowy', 'noc muzeów', 'sylwester', 'festiwal'],
  elections: ['lokal wyborczy', 'spis wyborców', 'zaświadczenie o prawie do głosowania', 'głosowanie korespondencyjne'],
  problem_report: ['zgłoszenie problemu', 'dziura w jezdni', 'drzewo', 'odpady wielkogabarytowe'],
  idea: ['budżet obywatelski', 'inicjatywa lokalna', 'pomysł'],
  survey: ['ankieta'],
  other: ['infolinia', 'patronat prezydenta', 'herb krakowa', 'konsultacje społeczne', 'organizacje pozarządowe'],
};

/** Searches that find nothing: what the knowledge base lacks. */
export const GAP_QUERIES = [
  'karta seniora zniżki',
  'psi park godziny',
  'parking park and ride cena',
  'dofinansowanie wymiany pieca',
  'zasiłek opiekuńczy termin',
  'wymiana prawa jazdy za granicą',
  'kąpielisko zakrzówek bilety',
  'hulajnogi elektryczne zasady',
  'strefa czystego transportu wyjątki',
  'nocna prohibicja godziny',
  'zielone budżety dzielnic',
  'bon senioralny',
];
