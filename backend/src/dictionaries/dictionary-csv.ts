// The dictionaries' CSV: reading an analyst's file into rows to upsert (each bad line reported by its number, the
// good ones kept) and writing a dictionary out in the same columns, so an export edited in a spreadsheet imports back.
import { DICTIONARY_CODE_PATTERN, DICTIONARY_CSV_COLUMNS, DICTIONARY_LIMITS, isCalendarDay } from '@kck/contracts';
import type { DictionaryImportErrorDto } from '@kck/contracts';
import { readCsvRecords } from '../streets/streets-csv.ts';

export type DictionaryCsvColumn = (typeof DICTIONARY_CSV_COLUMNS)[number];

/**
 * One good record. A field is undefined when its column is not in the file (the entry keeps what it has); a column
 * that is there but empty means "none" for parent and validity, "same as label_pl" for label_en, 0 for a new entry's
 * order (an existing entry keeps its own) and active for `active`.
 */
export interface DictionaryCsvRow {
  line: number;
  code: string;
  labelPl: string;
  labelEn?: string;
  parentCode?: string | null;
  sortOrder?: number | null;
  active?: boolean;
  validFrom?: string | null;
  validTo?: string | null;
}

export type ParsedDictionaryCsv =
  | { ok: false; headerError: string }
  | {
      ok: true;
      columns: DictionaryCsvColumn[];
      rows: DictionaryCsvRow[];
      problems: DictionaryImportErrorDto[];
      records: number;
    };

/** Headers are matched without case, spaces or dashes, so `Label PL` and `label-pl` both read as label_pl. */
const normaliseHeader = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

const TRUE_WORDS = new Set(['true', '1', 'tak', 'yes', 't', 'y']);
const FALSE_WORDS = new Set(['false', '0', 'nie', 'no', 'f', 'n']);

export function parseDictionaryCsv(text: string): ParsedDictionaryCsv {
  const read = readCsvRecords(text);
  const [header, ...records] = read.records;
  if (!header) return { ok: false, headerError: 'the file is empty: the first line must name the columns' };
  const columns = header.fields.map(normaliseHeader);
  const known: readonly string[] = DICTIONARY_CSV_COLUMNS;
  const unknown = columns.filter((c) => !known.includes(c));
  if (unknown.length > 0)
    return {
      ok: false,
      headerError: `unknown column(s) ${unknown.map((c) => `"${c}"`).join(', ')}; the columns are ${DICTIONARY_CSV_COLUMNS.join(', ')}`,
    };
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (repeated.length > 0) return { ok: false, headerError: `column "${repeated[0]}" appears twice` };
  for (const required of ['code', 'label_pl'])
    if (!columns.includes(required)) return { ok: false, headerError: `the header must have a "${required}" column` };

  const problems: DictionaryImportErrorDto[] = [];
  const rows: DictionaryCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    const result = parseRecord(record.line, record.fields, columns as DictionaryCsvColumn[]);
    if ('message' in result) {
      problems.push(result);
      continue;
    }
    const first = seen.get(result.code);
    if (first !== undefined) {
      problems.push({ line: record.line, column: 'code', message: `code ${result.code} is already on line ${first}` });
      continue;
    }
    seen.set(result.code, record.line);
    rows.push(result);
  }
  if (read.unclosedQuoteLine !== undefined)
    problems.push({
      line: read.unclosedQuoteLine,
      message: 'a quoted field opened here is never closed; this line and the rest of the file were not read',
    });
  return { ok: true, columns: columns as DictionaryCsvColumn[], rows, problems, records: records.length };
}

function parseRecord(
  line: number,
  fields: string[],
  columns: DictionaryCsvColumn[],
): DictionaryCsvRow | DictionaryImportErrorDto {
  if (fields.length !== columns.length)
    return { line, message: `expected ${columns.length} fields as in the header, found ${fields.length}` };
  const cell = (column: DictionaryCsvColumn): string | undefined => {
    const index = columns.indexOf(column);
    return index < 0 ? undefined : (fields[index] ?? '').trim();
  };
  const fail = (column: DictionaryCsvColumn, message: string) => ({ line, column, message });

  const code = cell('code') ?? '';
  if (!code) return fail('code', 'code is empty');
  if (code.length > DICTIONARY_LIMITS.code)
    return fail('code', `code is longer than ${DICTIONARY_LIMITS.code} characters`);
  if (!DICTIONARY_CODE_PATTERN.test(code))
    return fail('code', `code "${code}" may hold only letters, digits, dots, dashes and underscores`);
  const labelPl = cell('label_pl') ?? '';
  if (!labelPl) return fail('label_pl', 'label_pl is empty');
  if (labelPl.length > DICTIONARY_LIMITS.label)
    return fail('label_pl', `label_pl is longer than ${DICTIONARY_LIMITS.label} characters`);
  const row: DictionaryCsvRow = { line, code, labelPl };

  const labelEn = cell('label_en');
  if (labelEn !== undefined) {
    if (labelEn.length > DICTIONARY_LIMITS.label)
      return fail('label_en', `label_en is longer than ${DICTIONARY_LIMITS.label} characters`);
    row.labelEn = labelEn || labelPl;
  }
  const parentCode = cell('parent_code');
  if (parentCode !== undefined) {
    if (parentCode === code) return fail('parent_code', 'an entry cannot be its own parent');
    row.parentCode = parentCode || null;
  }
  const sortOrder = cell('sort_order');
  if (sortOrder !== undefined) {
    if (sortOrder && !/^-?\d{1,7}$/.test(sortOrder))
      return fail('sort_order', `sort_order "${sortOrder}" is not a whole number`);
    row.sortOrder = sortOrder ? Number(sortOrder) : null;
  }
  const active = cell('active');
  if (active !== undefined) {
    const word = active.toLowerCase();
    if (word && !TRUE_WORDS.has(word) && !FALSE_WORDS.has(word))
      return fail('active', `active "${active}" must be true or false`);
    row.active = !FALSE_WORDS.has(word);
  }
  for (const [column, key] of [
    ['valid_from', 'validFrom'],
    ['valid_to', 'validTo'],
  ] as const) {
    const value = cell(column);
    if (value === undefined) continue;
    if (value && !isCalendarDay(value)) return fail(column, `${column} "${value}" is not a date YYYY-MM-DD`);
    row[key] = value || null;
  }
  if (row.validFrom && row.validTo && row.validTo < row.validFrom)
    return fail('valid_to', 'valid_to is before valid_from');
  return row;
}

export interface DictionaryCsvEntry {
  code: string;
  labelPl: string;
  labelEn: string;
  parentCode: string | null;
  sortOrder: number;
  active: boolean;
  validFrom: string | null;
  validTo: string | null;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The file export writes: a BOM (so spreadsheets read Polish letters as UTF-8), the header, CRLF line ends. */
export function toDictionaryCsv(entries: readonly DictionaryCsvEntry[]): string {
  const lines = [DICTIONARY_CSV_COLUMNS.join(',')];
  for (const e of entries)
    lines.push(
      [
        e.code,
        e.labelPl,
        e.labelEn,
        e.parentCode ?? '',
        String(e.sortOrder),
        e.active ? 'true' : 'false',
        e.validFrom ?? '',
        e.validTo ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Parents before their children, so one file can bring a new group and its leaves. */
export function parentsFirst(rows: readonly DictionaryCsvRow[]): DictionaryCsvRow[] {
  const inFile = new Map(rows.map((r) => [r.code, r]));
  const placed = new Set<string>();
  const ordered: DictionaryCsvRow[] = [];
  const visit = (row: DictionaryCsvRow, path: Set<string>) => {
    if (placed.has(row.code) || path.has(row.code)) return;
    path.add(row.code);
    const parent = row.parentCode ? inFile.get(row.parentCode) : undefined;
    if (parent) visit(parent, path);
    placed.add(row.code);
    ordered.push(row);
  };
  for (const row of rows) visit(row, new Set());
  return ordered;
}
