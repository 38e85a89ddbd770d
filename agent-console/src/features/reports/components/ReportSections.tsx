// A report's sections as accessible tables (a caption each), numbers formatted for the reader's language:
// shares as per cent, means with one decimal. The same component shows a report, a saved table and its preview.
import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ReportColumnKind, ReportDto } from '@kck/contracts';

function cell(value: string | number | null, kind: ReportColumnKind, language: string): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  if (kind === 'share')
    return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  const digits = kind === 'hours' ? 1 : 0;
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

export function ReportSections({ report, testId }: { report: ReportDto; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Box sx={{ display: 'grid', gap: 3 }} data-testid={testId}>
      {report.sections.map((section) => (
        <TableContainer key={section.key} className="report-section" data-testid={`report-section-${section.key}`}>
          <Table size="small">
            <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}>
              <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
                {section.title}
              </Typography>
            </caption>
            <TableHead>
              <TableRow>
                {section.columns.map((column) => (
                  <TableCell key={column.key} align={column.kind === 'text' ? 'left' : 'right'} scope="col">
                    {column.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {section.rows.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={section.columns.length}>{t('reports.empty')}</TableCell>
                </TableRow>
              ) : (
                section.rows.map((row, i) => (
                  <TableRow key={i} sx={row[0] === 'Razem' ? { '& td': { fontWeight: 600 } } : undefined}>
                    {row.map((value, j) => (
                      <TableCell key={j} align={section.columns[j]?.kind === 'text' ? 'left' : 'right'}>
                        {cell(value, section.columns[j]?.kind ?? 'count', i18n.language)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))
              )}
            </TableBody>
          </Table>
        </TableContainer>
      ))}
    </Box>
  );
}
