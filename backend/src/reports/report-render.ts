// Writes a report (a list of table sections) as CSV or as a streamed XLSX workbook, one sheet per section.
// The same writers serve the download, a saved table's export and the scheduled e-mail's attachment.
import { PassThrough, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ReportColumnKind, ReportDto, ReportSectionDto } from '@kck/contracts';
import { csvLine, UTF8_BOM, type CsvDelimiter } from '../surveys/csv.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** Excel's number formats per column kind: shares as per cent, means with one decimal. */
const NUMBER_FORMATS: Record<ReportColumnKind, string | undefined> = {
  text: undefined,
  count: '#,##0',
  share: '0.0%',
  hours: '0.0',
  seconds: '0',
  days: '0',
};

/**
 * CSV opened by a double click in a Polish Excel: it splits on the list separator of the Windows locale, which is
 * `;` in Poland (the comma is the decimal separator), so a `,` file would land in one column. Decimals are written
 * with a decimal comma for the same reason; the BOM makes Excel read UTF-8 (Polish letters) rather than cp1250.
 */
export const REPORT_CSV_DELIMITER: CsvDelimiter = ';';

/** Means rounded to what is worth reading; a decimal comma, as a Polish spreadsheet reads numbers. */
export function csvNumber(value: number, kind: ReportColumnKind): string | number {
  const digits = kind === 'share' ? 3 : kind === 'hours' ? 1 : 0;
  const rounded = Number(value.toFixed(kind === 'count' ? 6 : digits));
  return Number.isInteger(rounded) ? rounded : String(rounded).replace('.', ',');
}

function csvSection(section: ReportSectionDto): string {
  const lines = [
    csvLine([section.title], REPORT_CSV_DELIMITER),
    csvLine(
      section.columns.map((c) => c.label),
      REPORT_CSV_DELIMITER,
    ),
  ];
  for (const row of section.rows)
    lines.push(
      csvLine(
        row.map((cell, i) => (typeof cell === 'number' ? csvNumber(cell, section.columns[i]?.kind ?? 'count') : cell)),
        REPORT_CSV_DELIMITER,
      ),
    );
  return lines.join('');
}

/** The whole report in one CSV: its title, then each section (title line, header, rows) with a blank line between. */
export function reportCsv(report: ReportDto): string {
  const head =
    csvLine([report.title], REPORT_CSV_DELIMITER) +
    csvLine([`Okres: ${report.from} – ${report.to}`], REPORT_CSV_DELIMITER);
  return UTF8_BOM + [head, ...report.sections.map(csvSection)].join('\r\n');
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(title: string, taken: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 28) || 'Arkusz';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 27 - String(i).length)} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * exceljs's streaming writer with one shortcut: every cell gets a fresh empty style object, which exceljs turns into
 * a style entry one cell at a time (its cache is keyed by object), half the export's time at 100,000 rows. A cell
 * with no style of its own takes the default style (0), which is what that work arrives at; styled cells (the bold
 * headers, number formats) go the usual way.
 */
export function xlsxWriter(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const styles = (
    workbook as unknown as { styles: { addStyleModel(model: object | undefined, type?: number): number } }
  ).styles;
  const addStyleModel = styles.addStyleModel.bind(styles);
  styles.addStyleModel = (model, type) =>
    model && type !== ExcelJS.ValueType.Date && Object.keys(model).length === 0 ? 0 : addStyleModel(model, type);
  workbook.creator = 'Platforma KCK';
  return workbook;
}

const columnWidth = (label: string, kind: ReportColumnKind) =>
  Math.min(60, Math.max(kind === 'text' ? 28 : 12, label.length + 2));

/** Streams the report as XLSX into `out` (the HTTP response, or a buffer for an e-mail). */
export async function writeReportXlsx(report: ReportDto, out: Writable): Promise<void> {
  const workbook = xlsxWriter(out);
  workbook.created = new Date(report.generatedAt);
  const taken = new Set<string>();
  for (const section of report.sections) {
    const sheet = workbook.addWorksheet(sheetName(section.title, taken));
    sheet.columns = section.columns.map((c) => ({
      key: c.key,
      width: columnWidth(c.label, c.kind),
      style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {},
    }));
    const title = sheet.addRow([section.title]);
    title.font = { bold: true, size: 12 };
    title.commit();
    const header = sheet.addRow(section.columns.map((c) => c.label));
    header.font = { bold: true };
    header.commit();
    for (const row of section.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}

/** The XLSX as a buffer: a scheduled report is attached to an e-mail, which nodemailer sends whole. */
export async function reportXlsxBuffer(report: ReportDto): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  await writeReportXlsx(report, sink);
  await ended;
  return Buffer.concat(chunks);
}

/** ASCII file names (Polish letters folded) with the period: `raport-miesieczny-2026-10.xlsx`. */
export function reportFileName(report: ReportDto, extension: 'csv' | 'xlsx' | 'json', name?: string): string {
  const slug = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/ł/g, 'l')
      .replace(/Ł/g, 'L')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60);
  const wholeMonth = report.from.endsWith('-01') && report.to.slice(0, 7) === report.from.slice(0, 7);
  const period = wholeMonth ? report.from.slice(0, 7) : `${report.from}_${report.to}`;
  const what =
    report.kind === 'monthly'
      ? 'raport-miesieczny'
      : report.kind === 'unit'
        ? `raport-jednostki-${slug(report.unit?.code ?? '')}`
        : `tabela-${slug(name ?? 'analityka') || 'analityka'}`;
  return `${what}-${period}.${extension}`;
}
