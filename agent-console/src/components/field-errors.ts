// Field errors from the server (400 validation_failed) or from the same zod schema run in the browser,
// looked up by the request path (`tickets.0.title`) so each message lands next to its own field.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '@kck/contracts';
import { isApiError } from '../api/http';

export interface ZodLikeIssue {
  path: readonly PropertyKey[];
  message: string;
}

export function fieldErrorsFromIssues(issues: readonly ZodLikeIssue[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

export function fieldErrorsOf(error: unknown): FieldError[] {
  return isApiError(error) ? error.fields : [];
}

const stripPrefix = (path: string) => path.replace(/^(body|query|params)\./, '');

/**
 * Returns a lookup `(path) => message | undefined`. Polish staff get a Polish hint per known field
 * (the schema's messages are English); in English the schema's own message is shown.
 */
export function useFieldErrors(fields: readonly FieldError[]) {
  const { t, i18n } = useTranslation();
  return useCallback(
    (path: string): string | undefined => {
      const found = fields.find((field) => stripPrefix(field.path) === path);
      if (!found) return undefined;
      if (i18n.language.startsWith('en')) return found.message;
      const leaf = path.split('.').pop() ?? path;
      return t(`fieldErrors.${leaf}`, { defaultValue: found.message });
    },
    [fields, t, i18n.language],
  );
}
