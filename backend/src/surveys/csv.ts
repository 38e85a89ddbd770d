// CSV for spreadsheets: RFC 4180 quoting with a chosen delimiter, and text cells that a spreadsheet would run
// as a formula (=, +, -, @, tab, carriage return first) defused with a leading apostrophe (OWASP "CSV injection").

/** Excel reads a UTF-8 file as UTF-8 (and Polish letters right) only when it starts with this mark. */
export const UTF8_BOM = '\uFEFF';

export type CsvDelimiter = ';' | ',';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null, delimiter: CsvDelimiter): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF as RFC 4180 has it. */
export const csvLine = (cells: readonly (string | number | null)[], delimiter: CsvDelimiter): string =>
  `${cells.map((cell) => csvCell(cell, delimiter)).join(delimiter)}\r\n`;
