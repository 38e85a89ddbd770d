// Today's figures, live: calls, information-only calls, tickets created, tickets by status and by unit, calls per
// hour. They refetch whenever the server says 'dashboard.changed'; each figure leads to what it counts.
import { Link as RouterLink } from 'react-router';
import { Box, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES, type TodayFiguresDto } from '@kck/contracts';
import { useTodayFigures } from '../../../api/analytics.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatNumber, formatTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { callsLink } from '../drill-down';
import { CallsByHour } from './CallsByHour';
import { ChartWithTable } from './ChartWithTable';

function Figures({ data, updatedAt }: { data: TodayFiguresDto; updatedAt: number }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const today = { from: data.date, to: data.date };
  const todayTickets = (extra: Record<string, string>) =>
    `/tickets?${new URLSearchParams({ createdFrom: data.date, createdTo: data.date, ...extra }).toString()}`;
  const statuses = TICKET_STATUSES.filter((status) => (data.ticketsByStatus[status] ?? 0) > 0);
  const units = [...data.ticketsByUnit].sort((a, b) => b.count - a.count);
  const linked = (value: number, to: string, testId: string) => (
    <Link component={RouterLink} to={to} underline="hover" color="inherit" data-testid={testId}>
      {n(value)}
    </Link>
  );
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="body2" color="text.secondary" aria-live="polite">
        {t('dashboard.asOf', { date: data.date, time: formatTime(new Date(updatedAt).toISOString(), i18n.language) })}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, gap: 2 }}>
        <FigureCard label={t('dashboard.calls')} value={linked(data.calls, callsLink(today), 'figure-calls')} />
        <FigureCard
          label={t('dashboard.informationOnly')}
          value={linked(
            data.callsWithInformationOnly,
            callsLink({ ...today, outcome: 'information_given', withTicket: 'false' }),
            'figure-information-only',
          )}
        />
        <FigureCard
          label={t('dashboard.ticketsCreated')}
          value={linked(data.ticketsCreated, todayTickets({}), 'figure-tickets-created')}
        />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <ChartWithTable
          name="today-status"
          title={t('dashboard.byStatus')}
          rowHeader={t('ticket.fields.status')}
          rows={statuses.map((status) => ({
            id: status,
            label: t(`status.${status}`),
            values: { count: data.ticketsByStatus[status] ?? 0 },
          }))}
          series={[{ key: 'count', label: t('dashboard.count') }]}
          linkFor={(row) => todayTickets({ status: row.id })}
        />
        <ChartWithTable
          name="today-unit"
          title={t('dashboard.byUnit')}
          rowHeader={t('ticket.fields.unitId')}
          horizontal
          rows={units.map((unit) => ({
            id: unit.unitId ?? 'none',
            label: unit.unitCode ?? t('dashboard.noUnit'),
            values: { count: unit.count },
          }))}
          series={[{ key: 'count', label: t('dashboard.count') }]}
          linkFor={(row) => (row.id === 'none' ? null : todayTickets({ unitId: row.id }))}
        />
      </Box>
      <CallsByHour name="today-hours" title={t('dashboard.byHour')} rows={data.callsByHour} period={today} />
    </Box>
  );
}

export function TodaySection() {
  const { t } = useTranslation();
  const figures = useTodayFigures();
  return (
    <Box component="section" aria-labelledby="dashboard-today-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-today-heading">
        {t('analytics.sections.today')}
      </Typography>
      <QueryState
        isPending={figures.isPending}
        error={figures.error}
        data={figures.data}
        onRetry={() => void figures.refetch()}
      >
        {(data) => <Figures data={data} updatedAt={figures.dataUpdatedAt} />}
      </QueryState>
    </Box>
  );
}
