// DK-03's monitoring of how reports are handled: totals and open tickets per unit by status and age.
// Every number links to the ticket list filtered to exactly the tickets it counts (the filters live in the URL).
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  Box,
  Link,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { FigureCard } from '../../../components/FigureCard';
import {
  OPEN_TICKET_STATUSES,
  type MonitoringUnitDto,
  type MonitoringUnitsDto,
  type OpenTicketStatus,
} from '@kck/contracts';
import { useMonitoringUnits } from '../../../api/monitoring.api';
import { formatNumber, formatTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

const OPEN = OPEN_TICKET_STATUSES as readonly OpenTicketStatus[];

/** The /tickets address showing the tickets behind a figure; AllTicketsPage reads these parameters. */
function ticketsLink(filters: Record<string, string>): string {
  return `/tickets?${new URLSearchParams(filters).toString()}`;
}
const openFilter = { statuses: OPEN.join(','), sort: 'age' };

type SortKey = 'overdue' | 'open' | 'oldest';
const SORT_VALUE: Record<SortKey, (row: MonitoringUnitDto) => number> = {
  overdue: (row) => row.overdue,
  open: (row) => row.open,
  oldest: (row) => row.oldestAgeHours,
};

function useAge() {
  const { t, i18n } = useTranslation();
  // Past two days, hours are hard to read at a glance: switch to days.
  return (hours: number) =>
    hours >= 48
      ? t('monitoring.days', { value: formatNumber(Math.round(hours / 2.4) / 10, i18n.language) })
      : t('monitoring.hours', { value: formatNumber(hours, i18n.language) });
}

function TotalCard({
  label,
  value,
  to,
  testId,
  hint,
}: {
  label: string;
  value: number;
  to: string;
  testId: string;
  hint?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <FigureCard
      label={label}
      hint={hint}
      value={
        <Link
          component={RouterLink}
          to={to}
          data-testid={testId}
          aria-label={t('monitoring.showTickets', { what: label, count: value })}
        >
          {formatNumber(value, i18n.language)}
        </Link>
      }
    />
  );
}

function NumberLink({ value, to, label, testId }: { value: number; to: string; label: string; testId?: string }) {
  const { i18n } = useTranslation();
  return (
    <Link component={RouterLink} to={to} aria-label={label} data-testid={testId}>
      {formatNumber(value, i18n.language)}
    </Link>
  );
}

function UnitsTable({ units }: { units: MonitoringUnitDto[] }) {
  const { t } = useTranslation();
  const age = useAge();
  const [sort, setSort] = useState<{ key: SortKey; direction: 'asc' | 'desc' }>({ key: 'overdue', direction: 'desc' });
  const sign = sort.direction === 'desc' ? -1 : 1;
  const rows = [...units].sort(
    (a, b) => sign * (SORT_VALUE[sort.key](a) - SORT_VALUE[sort.key](b)) || a.unitCode.localeCompare(b.unitCode),
  );
  const sortable = (key: SortKey, label: string) => (
    <TableCell align="right" sortDirection={sort.key === key ? sort.direction : false}>
      <TableSortLabel
        active={sort.key === key}
        direction={sort.key === key ? sort.direction : 'desc'}
        onClick={() =>
          setSort((old) => ({
            key,
            direction: old.key === key && old.direction === 'desc' ? 'asc' : 'desc',
          }))
        }
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  const label = (row: MonitoringUnitDto, what: string, count: number) =>
    t('monitoring.cellLink', { unit: row.unitCode, what, count });

  return (
    <TableContainer>
      <Table size="small" aria-labelledby="monitoring-units-heading" data-testid="monitoring-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('monitoring.unit')}</TableCell>
            {sortable('open', t('monitoring.open'))}
            {sortable('overdue', t('monitoring.overdue'))}
            {OPEN.map((status) => (
              <TableCell key={status} align="right">
                {t(`status.${status}`)}
              </TableCell>
            ))}
            {sortable('oldest', t('monitoring.oldest'))}
            <TableCell align="right">{t('monitoring.median')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => {
            const unit = { unitId: row.unitId };
            return (
              <TableRow key={row.unitId} data-testid="monitoring-row" data-unit-code={row.unitCode}>
                <TableCell component="th" scope="row">
                  {row.unitCode} — {row.unitName}
                </TableCell>
                <TableCell align="right">
                  <NumberLink
                    value={row.open}
                    to={ticketsLink({ ...unit, ...openFilter })}
                    label={label(row, t('monitoring.open'), row.open)}
                  />
                </TableCell>
                <TableCell align="right" sx={{ color: row.overdue > 0 ? 'error.main' : undefined }}>
                  <NumberLink
                    value={row.overdue}
                    to={ticketsLink({ ...unit, overdue: 'true', sort: 'due' })}
                    label={label(row, t('monitoring.overdue'), row.overdue)}
                    testId="monitoring-overdue"
                  />
                </TableCell>
                {OPEN.map((status) => (
                  <TableCell key={status} align="right">
                    <NumberLink
                      value={row.byStatus[status]}
                      to={ticketsLink({ ...unit, statuses: status, sort: 'age' })}
                      label={label(row, t(`status.${status}`), row.byStatus[status])}
                    />
                  </TableCell>
                ))}
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  <Link
                    component={RouterLink}
                    to={ticketsLink({ ...unit, ...openFilter })}
                    aria-label={t('monitoring.oldestLink', { unit: row.unitCode, age: age(row.oldestAgeHours) })}
                  >
                    {age(row.oldestAgeHours)}
                  </Link>
                </TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                  {age(row.medianAgeHours)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function Figures({ data }: { data: MonitoringUnitsDto }) {
  const { t, i18n } = useTranslation();
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="body2" color="text.secondary" aria-live="polite">
        {t('monitoring.asOf', { time: formatTime(data.at, i18n.language) })}
      </Typography>
      <Box
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', md: 'repeat(5, 1fr)' }, gap: 2 }}
      >
        <TotalCard
          label={t('monitoring.totalOpen')}
          value={data.totals.open}
          to={ticketsLink(openFilter)}
          testId="monitoring-total-open"
        />
        <TotalCard
          label={t('monitoring.totalOverdue')}
          value={data.totals.overdue}
          to={ticketsLink({ overdue: 'true', sort: 'due' })}
          testId="monitoring-total-overdue"
        />
        <TotalCard
          label={t('deadlines.filters.dueSoon')}
          value={data.totals.dueSoon}
          to={ticketsLink({ dueSoon: 'true', sort: 'due' })}
          testId="monitoring-total-due-soon"
        />
        <TotalCard
          label={t('monitoring.totalReturned')}
          value={data.totals.returned}
          to={ticketsLink({ statuses: 'returned', sort: 'age' })}
          testId="monitoring-total-returned"
        />
        <TotalCard
          label={t('monitoring.totalNotPickedUp')}
          value={data.totals.notPickedUp}
          to={ticketsLink({ notPickedUp: 'true', sort: 'age' })}
          testId="monitoring-total-unowned"
          hint={t('monitoring.notPickedUpHint', { hours: data.notPickedUpAfterHours })}
        />
      </Box>
      <Paper component="section" aria-labelledby="monitoring-units-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="monitoring-units-heading" sx={{ mb: 1 }}>
          {t('monitoring.byUnit')}
        </Typography>
        {data.units.length ? (
          <UnitsTable units={data.units} />
        ) : (
          <Typography color="text.secondary">{t('monitoring.empty')}</Typography>
        )}
      </Paper>
    </Box>
  );
}

export function MonitoringPage() {
  const { t } = useTranslation();
  const figures = useMonitoringUnits();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('monitoring.title')}
      </Typography>
      <QueryState
        isPending={figures.isPending}
        error={figures.error}
        data={figures.data}
        onRetry={() => void figures.refetch()}
      >
        {(data) => <Figures data={data} />}
      </QueryState>
    </Box>
  );
}
