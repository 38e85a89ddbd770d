// i18next set-up: Polish first (the staff's language), English second; the choice survives reloads.
// Resources are bundled (two small JSON files), so the first render already has its strings.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import pl from './pl.json';
import en from './en.json';
// Ukrainian: the residents' public pages only (web form, status page); anything else falls back to Polish.
import uk from './uk.json';

export const LANGUAGES = ['pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kck.console.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'pl';
  } catch {
    return 'pl'; // storage can be blocked (privacy settings); Polish is the default anyway
  }
}

export function setLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // not remembered, but still switched for this page
  }
  void i18n.changeLanguage(language);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'pl');

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { pl: { translation: pl }, en: { translation: en }, uk: { translation: uk } },
  lng: storedLanguage(),
  fallbackLng: 'pl',
  supportedLngs: [...LANGUAGES, 'uk'],
  interpolation: { escapeValue: false }, // React escapes already
  initAsync: false,
  returnNull: false,
});

document.documentElement.lang = i18n.language;

export default i18n;
