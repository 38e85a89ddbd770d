// One question's figures as a table whose share cells carry a bar: a chart at a glance, and the plain numbers
// for screen readers and anyone who wants them (the bar itself is hidden from assistive technology).
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../components/format';
import '../i18n/register';

export interface ResultRow {
  key: string;
  label: string;
  count: number;
  share: number;
}

export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language.startsWith('en') ? 'en-GB' : 'pl-PL', {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(share);
}

export function ResultTable({
  rows,
  labelledBy,
  firstColumn,
}: {
  rows: ResultRow[];
  labelledBy: string;
  firstColumn: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Table size="small" aria-labelledby={labelledBy} data-testid="survey-result-table">
      <TableHead>
        <TableRow>
          <TableCell>{firstColumn}</TableCell>
          <TableCell align="right" sx={{ width: 90 }}>
            {t('surveys.results.count')}
          </TableCell>
          <TableCell sx={{ width: '45%' }}>{t('surveys.results.share')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-testid="survey-result-row" data-label={row.label}>
            <TableCell component="th" scope="row">
              {row.label}
            </TableCell>
            <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }} data-testid="survey-result-count">
              {formatNumber(row.count, i18n.language)}
            </TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Box
                  aria-hidden
                  data-testid="survey-result-bar"
                  sx={{
                    height: 14,
                    width: `${Math.min(1, row.share) * 100}%`,
                    minWidth: row.count > 0 ? 4 : 0,
                    maxWidth: 'calc(100% - 64px)',
                    bgcolor: 'primary.main',
                    borderRadius: 0.5,
                  }}
                />
                <Box component="span" sx={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {formatShare(row.share, i18n.language)}
                </Box>
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
