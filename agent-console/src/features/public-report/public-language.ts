// The public pages' language: Polish, English or Ukrainian (the staff console has only the first two). Taken from
// `?lang=`, then what this browser chose before, then the browser's own languages; the choice is remembered.
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PUBLIC_LANGUAGES, type PublicLanguage } from '@kck/contracts';

const STORAGE_KEY = 'kck.public.lang';

const isPublicLanguage = (value: unknown): value is PublicLanguage =>
  typeof value === 'string' && (PUBLIC_LANGUAGES as readonly string[]).includes(value);

export function initialPublicLanguage(search: string, browserLanguages: readonly string[]): PublicLanguage {
  const asked = new URLSearchParams(search).get('lang');
  if (isPublicLanguage(asked)) return asked;
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isPublicLanguage(stored)) return stored;
  } catch {
    // storage blocked: the browser's languages decide
  }
  for (const language of browserLanguages) {
    const base = language.toLowerCase().split('-')[0];
    if (isPublicLanguage(base)) return base;
  }
  return 'pl';
}

/** Sets the page's language once on arrival and gives the current one with a setter that remembers it. */
export function usePublicLanguage(): [PublicLanguage, (language: PublicLanguage) => void] {
  const { i18n } = useTranslation();
  useEffect(() => {
    const language = initialPublicLanguage(window.location.search, navigator.languages ?? [navigator.language]);
    if (i18n.language !== language) void i18n.changeLanguage(language);
    // Once, on arrival: later changes come from the switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const set = useCallback(
    (language: PublicLanguage) => {
      try {
        window.localStorage.setItem(STORAGE_KEY, language);
      } catch {
        // not remembered, but switched for this page
      }
      void i18n.changeLanguage(language);
    },
    [i18n],
  );
  return [isPublicLanguage(i18n.language) ? i18n.language : 'pl', set];
}

/** A label from the dictionary in the page's language: Ukrainian has its own words for our categories in uk.json. */
export function labelIn(language: PublicLanguage, entry: { labelPl: string; labelEn: string }): string {
  return language === 'en' ? entry.labelEn : entry.labelPl;
}
