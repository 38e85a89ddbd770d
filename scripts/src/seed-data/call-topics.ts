// The call topic dictionary: what a hotline call was about, after the DK-02 scope
// (Zarządzenie nr 1231/2025 PMK, § 5: information in pt 1 a–c, reports in pt 2, surveys in pt 4).

export interface SeedCallTopic {
  code: string;
  labelPl: string;
  labelEn: string;
}

export const CALL_TOPICS: SeedCallTopic[] = [
  { code: 'city_services', labelPl: 'Zadania Gminy i karty usług', labelEn: 'City tasks and service cards' },
  {
    code: 'unit_scope',
    labelPl: 'Zakresy działania i godziny pracy jednostek',
    labelEn: "Units' scopes and opening hours",
  },
  {
    code: 'events',
    labelPl: 'Wydarzenia kulturalne, sportowe i ogólnomiejskie',
    labelEn: 'Cultural, sport and city-wide events',
  },
  { code: 'elections', labelPl: 'Wybory', labelEn: 'Elections' },
  { code: 'problem_report', labelPl: 'Zgłoszenie problemu', labelEn: 'Problem report' },
  { code: 'idea', labelPl: 'Zgłoszenie pomysłu', labelEn: 'Idea' },
  { code: 'survey', labelPl: 'Ankieta telefoniczna', labelEn: 'Phone survey' },
  { code: 'other', labelPl: 'Inne', labelEn: 'Other' },
];
