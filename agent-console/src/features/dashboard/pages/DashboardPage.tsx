// DK-05's dashboard for today: calls, information-only calls, tickets created; tickets by status and
// by unit; calls per hour. It refetches whenever the server says 'dashboard.changed'.
import type { ReactNode } from 'react';
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TICKET_STATUSES, type TodayFiguresDto } from '@kck/contracts';
import { useTodayFigures } from '../../../api/analytics.api';
import { formatNumber, formatTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { CallsByHour } from '../components/CallsByHour';
import { FigureCard } from '../../../components/FigureCard';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={id} sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function Figures({ data, updatedAt }: { data: TodayFiguresDto; updatedAt: number }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => formatNumber(value, i18n.language);
  const statuses = TICKET_STATUSES.filter((status) => (data.ticketsByStatus[status] ?? 0) > 0);
  const units = [...data.ticketsByUnit].sort((a, b) => b.count - a.count);
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="body2" color="text.secondary" aria-live="polite">
        {t('dashboard.asOf', { date: data.date, time: formatTime(new Date(updatedAt).toISOString(), i18n.language) })}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, gap: 2 }}>
        <FigureCard label={t('dashboard.calls')} value={n(data.calls)} testId="figure-calls" />
        <FigureCard
          label={t('dashboard.informationOnly')}
          value={n(data.callsWithInformationOnly)}
          testId="figure-information-only"
        />
        <FigureCard
          label={t('dashboard.ticketsCreated')}
          value={n(data.ticketsCreated)}
          testId="figure-tickets-created"
        />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <Section id="by-status-heading" title={t('dashboard.byStatus')}>
          <Table size="small" aria-labelledby="by-status-heading" data-testid="dashboard-status-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('ticket.fields.status')}</TableCell>
                <TableCell align="right">{t('dashboard.count')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {statuses.map((status) => (
                <TableRow key={status} data-status={status}>
                  <TableCell>{t(`status.${status}`)}</TableCell>
                  <TableCell align="right">{n(data.ticketsByStatus[status] ?? 0)}</TableCell>
                </TableRow>
              ))}
              {statuses.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={2}>{t('dashboard.none')}</TableCell>
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        </Section>
        <Section id="by-unit-heading" title={t('dashboard.byUnit')}>
          <Table size="small" aria-labelledby="by-unit-heading" data-testid="dashboard-unit-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('ticket.fields.unitId')}</TableCell>
                <TableCell align="right">{t('dashboard.count')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {units.map((unit) => (
                <TableRow key={unit.unitId ?? 'none'} data-unit-code={unit.unitCode ?? ''}>
                  <TableCell>
                    {unit.unitCode ? `${unit.unitCode} — ${unit.unitName ?? ''}` : t('dashboard.noUnit')}
                  </TableCell>
                  <TableCell align="right">{n(unit.count)}</TableCell>
                </TableRow>
              ))}
              {units.length === 0 ? (
                <TableRow>
                  <TableCell colSpan={2}>{t('dashboard.none')}</TableCell>
                </TableRow>
              ) : null}
            </TableBody>
          </Table>
        </Section>
      </Box>
      <Section id="by-hour-heading" title={t('dashboard.byHour')}>
        {data.callsByHour.length ? (
          <CallsByHour rows={data.callsByHour} labelledBy="by-hour-heading" />
        ) : (
          <Typography color="text.secondary">{t('dashboard.none')}</Typography>
        )}
      </Section>
    </Box>
  );
}

export function DashboardPage() {
  const { t } = useTranslation();
  const figures = useTodayFigures();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('dashboard.title')}
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
