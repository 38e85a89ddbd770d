// Calls per hour today as a table whose count cells carry a bar: readable as a chart at a glance,
// and as plain numbers by screen readers (no chart library needed).
import { Box, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TodayFiguresDto } from '@kck/contracts';
import { formatNumber } from '../../../components/format';

export function CallsByHour({ rows, labelledBy }: { rows: TodayFiguresDto['callsByHour']; labelledBy: string }) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...rows.map((row) => row.count));
  const sorted = [...rows].sort((a, b) => a.hour - b.hour);
  return (
    <Table size="small" aria-labelledby={labelledBy} data-testid="dashboard-hours-table">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 90 }}>{t('dashboard.hour')}</TableCell>
          <TableCell>{t('dashboard.calls')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sorted.map((row) => (
          <TableRow key={row.hour}>
            <TableCell sx={{ fontVariantNumeric: 'tabular-nums' }}>{String(row.hour).padStart(2, '0')}:00</TableCell>
            <TableCell>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                <Box
                  aria-hidden
                  sx={{
                    height: 14,
                    width: `${(row.count / max) * 100}%`,
                    minWidth: row.count > 0 ? 4 : 0,
                    maxWidth: 'calc(100% - 48px)',
                    bgcolor: 'primary.main',
                    borderRadius: 0.5,
                  }}
                />
                <span>{formatNumber(row.count, i18n.language)}</span>
              </Box>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
