// The relevance set: what a hotline agent types into Baza Wiedzy during a call, and the seed article that answers it.
// Typed as agents type: without Polish letters, with typos, inflected, by another word, cut short. Kept honest:
// each query is the need as a caller states it, not words picked from the expected article to make it match.

export type RelevanceQueryKind = 'plain' | 'no-diacritics' | 'typo' | 'inflected' | 'synonym' | 'partial';

export interface RelevanceQuery {
  query: string;
  /** externalId of the article that answers it (scripts/src/seed-data). */
  expected: string;
  kind: RelevanceQueryKind;
}

export const RELEVANCE_QUERIES: RelevanceQuery[] = [
  // Budżet obywatelski, inicjatywa lokalna, konsultacje
  { query: 'budzet obywatelski', expected: 'budzet-obywatelski-i-inicjatywa-lokalna', kind: 'no-diacritics' },
  { query: 'wniosek inicjatywa lokalna', expected: 'budzet-obywatelski-i-inicjatywa-lokalna', kind: 'plain' },
  { query: 'inicjatywa lokalana', expected: 'budzet-obywatelski-i-inicjatywa-lokalna', kind: 'typo' },
  { query: 'budżet partycypacyjny', expected: 'budzet-obywatelski-i-inicjatywa-lokalna', kind: 'synonym' },
  { query: 'budż obyw', expected: 'budzet-obywatelski-i-inicjatywa-lokalna', kind: 'partial' },
  { query: 'kto prowadzi konsultacje spoleczne', expected: 'konsultacje-spoleczne', kind: 'no-diacritics' },
  { query: 'e-konsultacje', expected: 'konsultacje-spoleczne', kind: 'plain' },
  { query: 'konsultacjach społecznych', expected: 'konsultacje-spoleczne', kind: 'inflected' },
  // The Mayor's office
  { query: 'spotkanie z prezydentem', expected: 'sprawy-kierowane-do-prezydenta', kind: 'inflected' },
  { query: 'sprawa do prezydenta miasta', expected: 'sprawy-kierowane-do-prezydenta', kind: 'inflected' },
  { query: 'patronat honorowy prezydenta', expected: 'patronat-honorowy-i-wyroznienia-miejskie', kind: 'plain' },
  { query: 'honoris gracia', expected: 'patronat-honorowy-i-wyroznienia-miejskie', kind: 'typo' },
  { query: 'medal cracovia merenti', expected: 'patronat-honorowy-i-wyroznienia-miejskie', kind: 'typo' },
  { query: 'honorowy obywatel krakowa', expected: 'patronat-honorowy-i-wyroznienia-miejskie', kind: 'no-diacritics' },
  { query: 'zgoda na uzycie herbu krakowa', expected: 'herb-logo-i-nazwa-miasta', kind: 'no-diacritics' },
  { query: 'logo miasta na plakacie', expected: 'herb-logo-i-nazwa-miasta', kind: 'plain' },
  { query: 'miasta partnerskie', expected: 'zakres-kp-01', kind: 'plain' },
  { query: 'wspolpraca zagraniczna delegacje', expected: 'zakres-kp-01', kind: 'no-diacritics' },
  { query: 'poczta krakowska', expected: 'zakres-kp-03', kind: 'plain' },
  { query: 'wystawa przed pawilonem wyspianskiego', expected: 'zakres-kp-03', kind: 'no-diacritics' },
  { query: 'internetowy dziennik zapytan', expected: 'zakres-kp-04', kind: 'no-diacritics' },
  { query: 'kancelaria tajna', expected: 'zakres-kp-05', kind: 'plain' },
  { query: 'ochrona informacji niejawnych', expected: 'zakres-po', kind: 'plain' },
  // Foreigners, minorities, NGOs
  { query: 'otwarty krakow', expected: 'program-otwarty-krakow', kind: 'no-diacritics' },
  { query: 'obcokrajowcy', expected: 'program-otwarty-krakow', kind: 'synonym' },
  { query: 'mniejszosci narodowe', expected: 'program-otwarty-krakow', kind: 'no-diacritics' },
  { query: 'dyskryminacja cudzoziemców', expected: 'program-otwarty-krakow', kind: 'inflected' },
  { query: 'ngo.krakow.pl', expected: 'wspolpraca-z-organizacjami-pozarzadowymi', kind: 'plain' },
  {
    query: 'koordynator organizacje pozarzadowe',
    expected: 'wspolpraca-z-organizacjami-pozarzadowymi',
    kind: 'no-diacritics',
  },
  { query: 'otwarty konkurs ofert', expected: 'wspolpraca-z-organizacjami-pozarzadowymi', kind: 'inflected' },
  { query: 'NGO dotacje', expected: 'wspolpraca-z-organizacjami-pozarzadowymi', kind: 'synonym' },
  { query: 'pelnomocnik ds seniorow', expected: 'zakres-pp-sen', kind: 'inflected' },
  { query: 'pełnomocnik osoby niepełnosprawne', expected: 'zakres-pp-on', kind: 'inflected' },
  { query: 'pelnomocnik rodziny', expected: 'zakres-pp-rodz', kind: 'no-diacritics' },
  { query: 'polityka rownosciowa', expected: 'zakres-pp-pr', kind: 'no-diacritics' },
  { query: 'doradca spojnosc spoleczna', expected: 'zakres-dp-ss', kind: 'no-diacritics' },
  // The hotline's own department
  { query: 'zgloszenie problemu', expected: 'zgloszenie-problemu-lub-pomyslu', kind: 'no-diacritics' },
  { query: 'mieszkaniec ma pomysł dla miasta', expected: 'zgloszenie-problemu-lub-pomyslu', kind: 'inflected' },
  { query: 'ankieta telefoniczna', expected: 'ankiety-telefoniczne', kind: 'inflected' },
  { query: 'awaria systemu', expected: 'awaria-aplikacji-wydzialu', kind: 'plain' },
  { query: 'fenix nie dziala', expected: 'awaria-aplikacji-wydzialu', kind: 'no-diacritics' },
  { query: 'usterka aplikacji', expected: 'awaria-aplikacji-wydzialu', kind: 'synonym' },
  { query: 'w jakich sprawach informuje infolinia', expected: 'infolinia-zakres-informacji', kind: 'inflected' },
  { query: 'informacja o wydarzeniach kulturalnych', expected: 'infolinia-zakres-informacji', kind: 'inflected' },
  { query: 'godziny pracy infolinii', expected: 'zakres-dk-02', kind: 'inflected' },
  { query: 'kto prowadzi baze wiedzy', expected: 'zakres-dk-03', kind: 'no-diacritics' },
  { query: 'wizytowki google', expected: 'zakres-dk-05', kind: 'no-diacritics' },
  { query: 'udostepnianie informacji publicznej', expected: 'zakres-dk-01', kind: 'no-diacritics' },
  { query: 'dyrektor wydzialu dialogu', expected: 'zakres-dk', kind: 'no-diacritics' },
  { query: 'kampania promocyjna dialogu obywatelskiego', expected: 'zakres-dk-06', kind: 'inflected' },
];
