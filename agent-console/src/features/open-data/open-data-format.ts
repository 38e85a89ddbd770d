// How the open-data page writes a cell: a suppressed cell as "<5" (the threshold), a month without tickets as "–",
// shares as per cent and days with one decimal, in the page's language. Kept apart from the page to be tested alone.
import type { OpenDataCellDto, OpenDataMeasure } from '@kck/contracts';

export type CellKind = 'value' | 'suppressed' | 'none' | 'empty';

/** `none`: no cell (no tickets that month); `empty`: a measure that cannot be computed (a mean over nothing). */
export function cellText(
  cell: OpenDataCellDto | undefined,
  measure: OpenDataMeasure,
  minCell: number,
  language: string,
): { text: string; kind: CellKind } {
  if (!cell) return { text: '–', kind: 'none' };
  if (cell.suppressed) return { text: `<${minCell}`, kind: 'suppressed' };
  const value = cell[measure];
  if (value === null) return { text: '·', kind: 'empty' };
  return { text: formatMeasure(value, measure, language), kind: 'value' };
}

export function formatMeasure(value: number, measure: OpenDataMeasure, language: string): string {
  switch (measure) {
    case 'deadlineKeptShare':
    case 'openShare':
      return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);
    case 'meanDaysToResolve':
      return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    default:
      return new Intl.NumberFormat(language, { maximumFractionDigits: 0 }).format(value);
  }
}

/** `2025-03` as the page's language writes a month: "mar 2025", "Mar 2025", "бер. 2025 р.". */
export function monthLabel(month: string, language: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, m - 1, 1)),
  );
}
