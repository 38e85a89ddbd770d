// Field errors of the survey editor, by request path (`questions.2.options`): a message for a list's item
// (`questions.2.options.1`) can be shown by the list's own input. Polish staff read a Polish hint per field.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@kck/contracts';
import './i18n/register';

const stripPrefix = (path: string) => path.replace(/^(body|query|params)\./, '');

export function useSurveyFieldErrors(fields: readonly FieldError[]) {
  const { t, i18n } = useTranslation();
  return useCallback(
    (path: string, withItems = false): string | undefined => {
      const found = fields.find((field) => {
        const own = stripPrefix(field.path);
        return own === path || (withItems && own.startsWith(`${path}.`));
      });
      if (!found) return undefined;
      if (i18n.language.startsWith('en')) return found.message;
      const leaf = path.split('.').findLast((part) => !/^\d+$/.test(part)) ?? path;
      return t(`surveys.fieldErrors.${leaf}`, { defaultValue: found.message });
    },
    [fields, t, i18n.language],
  );
}
