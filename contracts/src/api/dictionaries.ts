// Central dictionaries (categories, call topics, channels, districts, closure reasons, call outcomes, streets):
// what other modules and city systems read, and what analysts (DK-05) send when they edit, import and export them.
import { z } from 'zod';
import { DICTIONARY_CODES, ENTRY_DICTIONARY_CODES, type DictionaryCode } from '../domain.ts';

export interface DictionaryEntryDto {
  id: string;
  dictionary: DictionaryCode;
  code: string;
  labelPl: string;
  labelEn: string;
  parentId: string | null;
  active: boolean;
  sortOrder: number;
  /** First day (YYYY-MM-DD, Europe/Warsaw) the entry is valid; null: since always. */
  validFrom: string | null;
  /** Last day the entry is valid; null: open-ended. */
  validTo: string | null;
  /** Bumped by every change; send it back when editing (optimistic locking). */
  version: number;
  /** Streets only: the prefix and name the label is made of (the district is `parentId`). */
  street?: StreetNameDto;
}

/** A street's own parts; its label is `prefix name`. */
export interface StreetNameDto {
  prefix: string | null;
  name: string;
}

/** `?format=tree`: the same entries nested under their parents. */
export interface DictionaryTreeNodeDto extends DictionaryEntryDto {
  children: DictionaryTreeNodeDto[];
}

export const DICTIONARY_VERSION_ACTIONS = ['created', 'updated', 'deactivated', 'reactivated'] as const;
export type DictionaryVersionAction = (typeof DICTIONARY_VERSION_ACTIONS)[number];

/** The state of an entry as a version row keeps it (before and after a change). */
export interface DictionaryEntryStateDto {
  code: string;
  labelPl: string;
  labelEn: string;
  parentId: string | null;
  active: boolean;
  sortOrder: number;
  validFrom: string | null;
  validTo: string | null;
  /** Streets only, as on DictionaryEntryDto. */
  street?: StreetNameDto;
}

export interface DictionaryVersionDto {
  id: string;
  entryId: string;
  dictionary: DictionaryCode;
  code: string;
  version: number;
  action: DictionaryVersionAction;
  changedAt: string;
  /** Null for changes made by the seed or a migration. */
  changedBy: { id: string; displayName: string } | null;
  note: string | null;
  before: DictionaryEntryStateDto | null;
  after: DictionaryEntryStateDto;
}

export interface DictionaryImportErrorDto {
  /** 1-based line of the file where the record starts. */
  line: number;
  /** The CSV column at fault, when one is. */
  column?: string;
  message: string;
}

export interface DictionaryImportResultDto {
  dictionary: DictionaryCode;
  /** Data records read (header and blank lines not counted). */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: DictionaryImportErrorDto[];
}

/** Columns of the dictionaries' CSV (export writes all of them, import needs `code` and `label_pl`). */
export const DICTIONARY_CSV_COLUMNS = [
  'code',
  'label_pl',
  'label_en',
  'parent_code',
  'sort_order',
  'active',
  'valid_from',
  'valid_to',
] as const;

export const DICTIONARY_LIMITS = { code: 80, label: 200, note: 500, csvBytes: 1_000_000 } as const;

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day; `2025-02-30` is refused, not rolled over. */
export const isCalendarDay = (value: string): boolean => {
  if (!dayPattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};
const day = (name: string) =>
  z.string({ error: `${name} must be a date YYYY-MM-DD` }).refine(isCalendarDay, `${name} must be a date YYYY-MM-DD`);
const label = (name: string) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .min(1, `${name} must not be empty`)
    .max(DICTIONARY_LIMITS.label, `${name} must be at most ${DICTIONARY_LIMITS.label} characters`);
const note = z
  .string({ error: 'note must be text' })
  .trim()
  .max(DICTIONARY_LIMITS.note, `note must be at most ${DICTIONARY_LIMITS.note} characters`)
  .optional();
const version = z
  .number({ error: 'version must be the version you read' })
  .int('version must be a whole number')
  .min(1, 'version must be the version you read');
const sortOrder = z
  .number({ error: 'sortOrder must be a number' })
  .int('sortOrder must be a whole number')
  .min(-1_000_000, 'sortOrder is too small')
  .max(1_000_000, 'sortOrder is too large');
/** Codes other systems keep: letters, digits and `._-`, as the seed's `roads.pothole` or districts' `XIV`. */
export const DICTIONARY_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const dictionaryEntryCode = z
  .string({ error: 'code must be text' })
  .trim()
  .min(1, 'code must not be empty')
  .max(DICTIONARY_LIMITS.code, `code must be at most ${DICTIONARY_LIMITS.code} characters`)
  .regex(DICTIONARY_CODE_PATTERN, 'code may hold only letters, digits, dots, dashes and underscores');

const validityOrder = (v: { validFrom?: string | null; validTo?: string | null }) =>
  !v.validFrom || !v.validTo || v.validFrom <= v.validTo;
const validityMessage = { message: 'validTo must not be before validFrom', path: ['validTo'] };

export const dictionaryParams = z.object({
  code: z.enum(DICTIONARY_CODES, { message: `dictionary must be one of ${DICTIONARY_CODES.join(', ')}` }),
});
export const editableDictionaryParams = z.object({
  code: z.enum(ENTRY_DICTIONARY_CODES, {
    message: `dictionary must be one of ${ENTRY_DICTIONARY_CODES.join(', ')} (streets are added by POST /api/streets/import and edited on /api/dictionaries/street/entries/:id)`,
  }),
});
export const dictionaryEntryParams = editableDictionaryParams.extend({
  id: z.uuid('id must be a dictionary entry id'),
});

export const dictionaryListQuery = z
  .object({
    includeInactive: z.enum(['true', 'false'], { message: 'includeInactive must be true or false' }).default('false'),
    /** The dictionary as it stood at the end of that day: labels, tree and validity of then. */
    asOf: day('asOf').optional(),
    format: z.enum(['list', 'tree'], { message: 'format must be list or tree' }).default('list'),
  })
  .strict();
export type DictionaryListQuery = z.input<typeof dictionaryListQuery>;

export const dictionaryHistoryQuery = z
  .object({
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(500, 'limit must be at most 500')
      .default(100),
  })
  .strict();

export const dictionaryEntryCreateRequest = z
  .object({
    code: dictionaryEntryCode,
    labelPl: label('labelPl'),
    labelEn: label('labelEn'),
    parentId: z.uuid('parentId must be a dictionary entry id').nullable().optional(),
    sortOrder: sortOrder.optional(),
    validFrom: day('validFrom').nullable().optional(),
    validTo: day('validTo').nullable().optional(),
    note,
  })
  .strict()
  .refine(validityOrder, validityMessage);
export type DictionaryEntryCreateRequest = z.infer<typeof dictionaryEntryCreateRequest>;

/** Fields left out stay as they are; `null` clears a parent or a validity bound. */
export const dictionaryEntryUpdateRequest = z
  .object({
    labelPl: label('labelPl').optional(),
    labelEn: label('labelEn').optional(),
    parentId: z.uuid('parentId must be a dictionary entry id').nullable().optional(),
    sortOrder: sortOrder.optional(),
    validFrom: day('validFrom').nullable().optional(),
    validTo: day('validTo').nullable().optional(),
    version,
    note,
  })
  .strict()
  .refine(validityOrder, validityMessage);
export type DictionaryEntryUpdateRequest = z.infer<typeof dictionaryEntryUpdateRequest>;

export const streetEntryParams = z.object({ id: z.uuid('id must be a street id') });

/**
 * PATCH /api/dictionaries/street/entries/:id: rename a street, move it to another district, change its validity.
 * Fields left out stay as they are; `null` clears the prefix or a validity bound.
 */
export const streetEntryUpdateRequest = z
  .object({
    prefix: z
      .string({ error: 'prefix must be text' })
      .trim()
      .min(1, 'prefix must not be empty (send null for none)')
      .max(20, 'prefix must be at most 20 characters')
      .nullable()
      .optional(),
    name: z
      .string({ error: 'name must be text' })
      .trim()
      .min(1, 'name must not be empty')
      .max(DICTIONARY_LIMITS.label, `name must be at most ${DICTIONARY_LIMITS.label} characters`)
      .optional(),
    districtId: z.uuid('districtId must be a district id').optional(),
    validFrom: day('validFrom').nullable().optional(),
    validTo: day('validTo').nullable().optional(),
    version,
    note,
  })
  .strict()
  .refine(validityOrder, validityMessage);
export type StreetEntryUpdateRequest = z.infer<typeof streetEntryUpdateRequest>;

/** Deactivate or reactivate: entries are never deleted, so old tickets keep pointing at them. */
export const dictionaryEntryActivationRequest = z.object({ version, note }).strict();
export type DictionaryEntryActivationRequest = z.infer<typeof dictionaryEntryActivationRequest>;

/** A CSV import sent as JSON (the console); city systems may also POST the file itself as text/csv. */
export const dictionaryImportRequest = z
  .object({
    csv: z
      .string({ error: 'csv must be the file content as text' })
      .min(1, 'csv must not be empty')
      .max(DICTIONARY_LIMITS.csvBytes, `csv must be at most ${DICTIONARY_LIMITS.csvBytes} characters`),
    note,
  })
  .strict();
export type DictionaryImportRequest = z.infer<typeof dictionaryImportRequest>;
