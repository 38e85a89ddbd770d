// Reads a street register in CSV (the city's export, or a list typed in a spreadsheet) into street rows, and
// reports every bad line by its number, so an import is all or nothing and the file can be fixed in one pass.
import { foldStreetName, normalisePrefix, splitPrefix } from './street-names.ts';

export interface DistrictRef {
  id: string;
  /** Roman numeral, `I`…`XVIII`. */
  code: string;
  labelPl: string;
  labelEn: string;
}

export interface StreetCsvRow {
  line: number;
  prefix: string | null;
  name: string;
  districtId: string;
}

export interface StreetCsvProblem {
  /** 1-based line of the file where the record starts. */
  line: number;
  message: string;
}

export interface ParsedStreetsCsv {
  rows: StreetCsvRow[];
  problems: StreetCsvProblem[];
  /** Data records read (header and blank lines not counted). */
  lines: number;
}

const COLUMN_NAMES = {
  street: ['street', 'ulica', 'nazwa', 'name', 'nazwa ulicy', 'street name'],
  district: ['district', 'dzielnica', 'district code', 'kod dzielnicy', 'nr dzielnicy'],
  prefix: ['prefix', 'cecha', 'typ', 'type', 'kind', 'rodzaj'],
} as const;
type Column = keyof typeof COLUMN_NAMES;

const MAX_NAME = 200;
const MAX_PREFIX = 20;
/** Enough to fix a file in one pass without an answer the size of the file. */
const MAX_PROBLEMS = 200;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const ROMAN_UP_TO_30 = [...ROMAN, ...ROMAN.map((r) => `X${r}`), 'XX', ...ROMAN.map((r) => `XX${r}`), 'XXX'];

interface CsvRecord {
  line: number;
  fields: string[];
}

function detectDelimiter(firstLine: string): string {
  const counts = [';', '\t', ','].map((d) => [d, firstLine.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** RFC 4180 records with the line each starts on; a quoted field may hold delimiters, quotes ("") and newlines. */
export function readCsvRecords(text: string): { records: CsvRecord[]; unclosedQuoteLine?: number } {
  const source = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(source.split(/\r?\n/, 1)[0] ?? '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldStarted = false;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0]?.trim()) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      quoted = true;
      quoteLine = line;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = false;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += ch;
      if (ch.trim()) fieldStarted = true;
    }
  }
  if (quoted) return { records, unclosedQuoteLine: quoteLine };
  endRecord();
  return { records };
}

function districtResolver(districts: readonly DistrictRef[]): (value: string) => DistrictRef | undefined {
  const byKey = new Map<string, DistrictRef>();
  for (const district of districts) {
    const number = ROMAN_UP_TO_30.indexOf(district.code.toUpperCase()) + 1;
    const keys = [district.code, district.labelPl, district.labelEn];
    // Labels start with the numeral (`VIII Dębniki`); the name alone is what people write.
    for (const label of [district.labelPl, district.labelEn]) {
      if (label.toUpperCase().startsWith(`${district.code.toUpperCase()} `))
        keys.push(label.slice(district.code.length));
    }
    if (number > 0) keys.push(String(number));
    for (const key of keys) byKey.set(foldStreetName(key), district);
  }
  return (value) => byKey.get(foldStreetName(value));
}

function columnsOf(header: string[]): { columns: Partial<Record<Column, number>>; unknown: string[] } {
  const columns: Partial<Record<Column, number>> = {};
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = foldStreetName(raw);
    const column = (Object.keys(COLUMN_NAMES) as Column[]).find((key) =>
      (COLUMN_NAMES[key] as readonly string[]).includes(name),
    );
    if (column && columns[column] === undefined) columns[column] = index;
    else if (name) unknown.push(raw.trim());
  });
  return { columns, unknown };
}

export function parseStreetsCsv(text: string, districts: readonly DistrictRef[]): ParsedStreetsCsv {
  const problems: StreetCsvProblem[] = [];
  const { records, unclosedQuoteLine } = readCsvRecords(text);
  if (unclosedQuoteLine !== undefined)
    return {
      rows: [],
      lines: 0,
      problems: [{ line: unclosedQuoteLine, message: 'a quote opened here is never closed' }],
    };
  const [header, ...data] = records;
  if (!header) return { rows: [], lines: 0, problems: [{ line: 1, message: 'the file is empty' }] };
  const { columns, unknown } = columnsOf(header.fields);
  if (columns.street === undefined || columns.district === undefined) {
    const missing = [columns.street === undefined ? 'street' : null, columns.district === undefined ? 'district' : null]
      .filter(Boolean)
      .join(' and ');
    const extra = unknown.length ? ` (found: ${unknown.join(', ')})` : '';
    return {
      rows: [],
      lines: data.length,
      problems: [
        {
          line: header.line,
          message: `the header must name the columns street (ulica) and district (dzielnica), prefix (cecha) optional; missing ${missing}${extra}`,
        },
      ],
    };
  }
  const resolveDistrict = districtResolver(districts);
  const rows: StreetCsvRow[] = [];
  const seen = new Map<string, number>();
  for (const record of data) {
    if (problems.length >= MAX_PROBLEMS) break;
    const problem = (message: string) => problems.push({ line: record.line, message });
    if (record.fields.length > header.fields.length) {
      problem(
        `${record.fields.length} fields where the header has ${header.fields.length}; quote a value that holds the delimiter`,
      );
      continue;
    }
    const cell = (column: Column) => {
      const index = columns[column];
      return index === undefined ? '' : (record.fields[index] ?? '').trim().replace(/\s+/g, ' ');
    };
    const rawName = cell('street');
    const rawDistrict = cell('district');
    const rawPrefix = cell('prefix');
    const before = problems.length;
    const split = rawPrefix ? { prefix: normalisePrefix(rawPrefix), name: rawName } : splitPrefix(rawName);
    if (!split.name) problem('the street name is empty');
    else if (split.name.length > MAX_NAME) problem(`the street name is longer than ${MAX_NAME} characters`);
    if (split.prefix && split.prefix.length > MAX_PREFIX) problem(`the prefix is longer than ${MAX_PREFIX} characters`);
    const district = rawDistrict ? resolveDistrict(rawDistrict) : undefined;
    if (!rawDistrict) problem('the district is empty');
    else if (!district) problem(`unknown district "${rawDistrict}": give its numeral (I–XVIII), its name or its label`);
    if (problems.length > before || !district) continue;
    const key = `${foldStreetName(split.name)}|${district.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problem(`repeats line ${earlier} (the same street in the same district)`);
      continue;
    }
    seen.set(key, record.line);
    rows.push({ line: record.line, prefix: split.prefix, name: split.name, districtId: district.id });
  }
  if (problems.length === 0 && rows.length === 0)
    problems.push({ line: header.line + 1, message: 'the file lists no streets under its header' });
  return { rows, problems, lines: data.length };
}
