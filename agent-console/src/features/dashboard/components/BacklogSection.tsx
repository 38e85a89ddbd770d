// The backlog now: open tickets per unit by age (days since written) and how many are past their due date. It is
// the present state, so only the unit filter applies; figures lead to the unit's open or overdue tickets.
import { Box, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { OPEN_TICKET_STATUSES } from '@kck/contracts';
import { useBacklog } from '../../../api/analytics.api';
import { QueryState } from '../../../components/QueryState';
import type { DashboardFilters } from '../dashboard-filters';
import { ChartWithTable } from './ChartWithTable';

const NONE = 'none';

/**
 * Open tickets of a unit, oldest first. The list filters only "older than N days", so the >90-day bucket leads to
 * exactly its tickets and the younger buckets to all the unit's open tickets, oldest first.
 */
function backlogLink(unitId: string, series: string): string | null {
  if (unitId === NONE) return null;
  const params = new URLSearchParams({ unitId, sort: 'age' });
  if (series === 'overdue') {
    params.set('overdue', 'true');
    params.set('sort', 'due');
  } else params.set('statuses', OPEN_TICKET_STATUSES.join(','));
  if (series === 'older') params.set('olderThanDays', '90');
  return `/tickets?${params.toString()}`;
}

export function BacklogSection({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const backlog = useBacklog(filters.unitId);
  return (
    <Box component="section" aria-labelledby="dashboard-backlog-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-backlog-heading">
        {t('analytics.sections.backlog')}
      </Typography>
      <QueryState
        isPending={backlog.isPending}
        error={backlog.error}
        data={backlog.data}
        onRetry={() => void backlog.refetch()}
      >
        {(rows) => (
          <ChartWithTable
            name="backlog"
            title={t('analytics.backlog.byAge')}
            rowHeader={t('analytics.dimensions.unit')}
            horizontal
            rows={rows.map((row) => ({
              id: row.unitId ?? NONE,
              label: row.unitCode ? `${row.unitCode} ${row.unitName ?? ''}` : t('dashboard.noUnit'),
              values: {
                upTo7: row.byAge.upTo7,
                upTo30: row.byAge.upTo30,
                upTo90: row.byAge.upTo90,
                older: row.byAge.older,
                open: row.open,
                overdue: row.overdue,
                oldestDays: row.oldestDays,
              },
            }))}
            series={[
              { key: 'upTo7', label: t('analytics.backlog.upTo7'), stack: 'age' },
              { key: 'upTo30', label: t('analytics.backlog.upTo30'), stack: 'age' },
              { key: 'upTo90', label: t('analytics.backlog.upTo90'), stack: 'age' },
              { key: 'older', label: t('analytics.backlog.older'), stack: 'age' },
              { key: 'open', label: t('analytics.measures.open'), tableOnly: true },
              { key: 'overdue', label: t('analytics.backlog.overdue'), tableOnly: true },
              { key: 'oldestDays', label: t('analytics.backlog.oldestDays'), tableOnly: true },
            ]}
            linkFor={(row, series) => (series === 'oldestDays' ? null : backlogLink(row.id, series))}
            note={t('analytics.backlog.note')}
          />
        )}
      </QueryState>
    </Box>
  );
}
