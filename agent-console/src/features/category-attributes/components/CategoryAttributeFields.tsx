// The chosen category's own questions (a lamp post's number, how much waste) inside any ticket form: the call panel's,
// triage's. Answers are kept as typed; the server reads "2,5" and the date-times this sends. Errors come by request
// path (`<prefix>attributes.<code>`), from the server or from attributeFieldErrors run before sending.
import { useEffect, useMemo } from 'react';
import type { TFunction } from 'i18next';
import {
  Box,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { checkAttributeAnswers, type CategoryAttributeDto, type FieldError } from '@kck/contracts';
import { useCategoryAttributes } from '../../../api/category-attributes.api';
import { NativeSelectField } from '../../../components/NativeSelectField';

/** Answers as the form holds them: text as typed, list answers as keys, date-times in ISO 8601. */
export type AttributeDraft = Record<string, string | string[]>;

interface Props {
  categoryId: string | null | undefined;
  value: AttributeDraft;
  onChange: (value: AttributeDraft) => void;
  /** The message for a request path, e.g. `attributes.lamp_post_number` or `tickets.0.attributes.lamp_post_number`. */
  fieldError: (path: string) => string | undefined;
  /** Where the ticket sits in the request: '' for POST /api/tickets, `tickets.0.` for a call's first ticket. */
  fieldPrefix?: string;
  /** Keeps element ids unique when several ticket forms share a page. */
  idPrefix?: string;
}

const labelOf = (attribute: Pick<CategoryAttributeDto, 'labelPl' | 'labelEn'>, language: string) =>
  language.startsWith('en') ? attribute.labelEn : attribute.labelPl;
const hintOf = (attribute: CategoryAttributeDto, language: string) =>
  (language.startsWith('en') ? attribute.hintEn : attribute.hintPl) ?? undefined;

/** `2026-11-23T09:30:00.000Z` → `2026-11-23T10:30` (the browser's own time zone) for a datetime-local input. */
function toLocalInput(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

const fromLocalInput = (local: string): string => (local ? new Date(local).toISOString() : '');

/** The answers a request carries: empty ones left out. */
export function attributeAnswers(draft: AttributeDraft): AttributeDraft {
  return Object.fromEntries(
    Object.entries(draft).filter(([, answer]) => (Array.isArray(answer) ? answer.length > 0 : answer.trim() !== '')),
  );
}

/**
 * The same check the server makes, with messages in the console's language, for a form to run before it sends;
 * an empty list when the category has no questions (or they are not loaded yet: the server checks anyway).
 */
export function attributeFieldErrors(
  definitions: readonly CategoryAttributeDto[] | undefined,
  draft: AttributeDraft,
  fieldPrefix: string,
  t: TFunction,
): FieldError[] {
  if (!definitions) return [];
  const { problems } = checkAttributeAnswers(definitions, attributeAnswers(draft));
  return problems.map((problem) => ({
    path: `${fieldPrefix}attributes.${problem.code}`,
    message: t(`categoryAttributes.problems.${problem.kind}`),
  }));
}

export function CategoryAttributeFields({
  categoryId,
  value,
  onChange,
  fieldError,
  fieldPrefix = '',
  idPrefix,
}: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const attributes = useCategoryAttributes(categoryId);
  const asked = useMemo(
    () => (attributes.data ?? []).filter((attribute) => attribute.active).sort((a, b) => a.position - b.position),
    [attributes.data],
  );

  // Answers to another category's questions would be refused as unknown: they go when the category changes.
  useEffect(() => {
    if (!attributes.data) return;
    const codes = new Set(asked.map((attribute) => attribute.code));
    if (Object.keys(value).some((code) => !codes.has(code)))
      onChange(Object.fromEntries(Object.entries(value).filter(([code]) => codes.has(code))));
  }, [attributes.data, asked, value, onChange]);

  if (!categoryId || asked.length === 0) return null;
  const id = (code: string) => `${idPrefix ?? 'ticket'}-attribute-${code}`;
  const set = (code: string, answer: string | string[]) => onChange({ ...value, [code]: answer });

  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mt: 1.5 }} data-testid="category-attribute-fields">
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>
        {t('categoryAttributes.formHeading')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 1.5 }}>
        {asked.map((attribute) => {
          const error = fieldError(`${fieldPrefix}attributes.${attribute.code}`);
          const label = labelOf(attribute, language);
          const hint = hintOf(attribute, language);
          const current = value[attribute.code];
          const text = typeof current === 'string' ? current : '';
          const offered = attribute.values.filter((option) => option.active);
          const testId = `attribute-${attribute.code}`;

          if (attribute.datatype === 'singlevaluelist')
            return (
              <NativeSelectField
                key={attribute.id}
                id={id(attribute.code)}
                label={label}
                value={text}
                onChange={(key) => set(attribute.code, key)}
                options={offered.map((option) => ({ value: option.key, label: labelOf(option, language) }))}
                placeholder={t('common.choose')}
                testId={testId}
                required={attribute.required}
                error={error}
                helperText={hint}
              />
            );

          if (attribute.datatype === 'multivaluelist') {
            const chosen = Array.isArray(current) ? current : [];
            return (
              <FormControl
                key={attribute.id}
                component="fieldset"
                required={attribute.required}
                error={Boolean(error)}
                data-testid={testId}
                sx={{ gridColumn: '1 / -1' }}
              >
                <FormLabel component="legend">{label}</FormLabel>
                <FormGroup row>
                  {offered.map((option) => (
                    <FormControlLabel
                      key={option.key}
                      label={labelOf(option, language)}
                      control={
                        <Checkbox
                          size="small"
                          checked={chosen.includes(option.key)}
                          onChange={(event) =>
                            set(
                              attribute.code,
                              event.target.checked
                                ? [...chosen, option.key]
                                : chosen.filter((key) => key !== option.key),
                            )
                          }
                          slotProps={{ input: { 'data-testid': `${testId}-${option.key}` } as object }}
                        />
                      }
                    />
                  ))}
                </FormGroup>
                {error || hint ? <FormHelperText>{error ?? hint}</FormHelperText> : null}
              </FormControl>
            );
          }

          const datetime = attribute.datatype === 'datetime';
          return (
            <TextField
              key={attribute.id}
              id={id(attribute.code)}
              label={label}
              value={datetime ? (text ? toLocalInput(text) : '') : text}
              onChange={(event) =>
                set(attribute.code, datetime ? fromLocalInput(event.target.value) : event.target.value)
              }
              size="small"
              fullWidth
              required={attribute.required}
              multiline={attribute.datatype === 'text'}
              minRows={attribute.datatype === 'text' ? 2 : undefined}
              type={datetime ? 'datetime-local' : 'text'}
              error={Boolean(error)}
              helperText={error ?? hint}
              sx={attribute.datatype === 'text' ? { gridColumn: '1 / -1' } : undefined}
              slotProps={{
                inputLabel: datetime ? { shrink: true } : undefined,
                htmlInput: {
                  'data-testid': testId,
                  maxLength: 500,
                  inputMode: attribute.datatype === 'number' ? 'decimal' : undefined,
                },
              }}
            />
          );
        })}
      </Box>
    </Box>
  );
}
