// The open data as CSV: one record per month × group and per month for the whole city, comma-separated with a
// decimal point (RFC 4180, as open-data portals take it), UTF-8 with a BOM so a spreadsheet reads Polish letters.
import type { OpenDataCellDto, OpenDataMonthlyDto } from '@kck/contracts';
import { csvLine, UTF8_BOM } from '../surveys/csv.ts';

export const OPEN_DATA_CSV_COLUMNS = [
  'row',
  'by',
  'month',
  'code',
  'label_pl',
  'label_en',
  'tickets',
  'resolved',
  'deadline_kept_share',
  'mean_days_to_resolve',
  'open_share',
  'suppressed',
] as const;

const TOTAL_LABELS = { labelPl: 'Całe miasto', labelEn: 'Whole city' };

/** A suppressed cell reads `<5` (the threshold) in `tickets` and nothing in its other measures. */
function measures(cell: OpenDataCellDto, minCell: number): (string | number | null)[] {
  if (cell.suppressed) return [`<${minCell}`, null, null, null, null, 'true'];
  return [cell.tickets, cell.resolved, cell.deadlineKeptShare, cell.meanDaysToResolve, cell.openShare, 'false'];
}

export function openDataCsv(data: OpenDataMonthlyDto): string {
  const lines = [UTF8_BOM + csvLine(OPEN_DATA_CSV_COLUMNS, ',')];
  for (const month of data.months) {
    for (const group of data.groups) {
      const cell = group.cells.find((c) => c.month === month);
      if (!cell) continue; // no tickets: no record (zero)
      lines.push(
        csvLine(
          ['group', data.by, month, group.code ?? '', group.labelPl, group.labelEn, ...measures(cell, data.minCell)],
          ',',
        ),
      );
    }
    const total = data.totals.find((c) => c.month === month);
    if (total)
      lines.push(
        csvLine(
          ['total', data.by, month, '', TOTAL_LABELS.labelPl, TOTAL_LABELS.labelEn, ...measures(total, data.minCell)],
          ',',
        ),
      );
  }
  return lines.join('');
}
