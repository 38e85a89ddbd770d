// Tickets written in the period: over time, by channel, type, category, unit, district and status; time to route
// and to resolve and the deadlines kept, per unit. Every figure leads to the list of the tickets it counts.
import { Link as RouterLink } from 'react-router';
import { Box, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { TicketDimension, TicketFiguresDto, TicketMeasure } from '@kck/contracts';
import { useTicketFigures } from '../../../api/analytics.api';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatDay, formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { daysOf, fillTime, timeGrain, timeKeys, type DashboardFilters } from '../dashboard-filters';
import { ticketsLink } from '../drill-down';
import { ChartWithTable, type ChartRow } from './ChartWithTable';
import { formatHours, formatShare, timeLabel } from './figure-format';

const NONE = 'none';

/** A row per value of one dimension; `null` keys (no unit, no district) get their own row, not linked. */
function dimensionRows(
  data: TicketFiguresDto,
  dimension: TicketDimension,
  label: (key: string, serverLabel: string | null) => string,
): ChartRow[] {
  return data.rows.map((row) => {
    const key = row.key[dimension];
    return {
      id: key === null ? NONE : String(key),
      label: label(key === null ? NONE : String(key), row.label[dimension]),
      values: row.values,
    };
  });
}

function keyLabel(t: TFunction, dimension: TicketDimension) {
  return (key: string, serverLabel: string | null): string => {
    if (key === NONE) return dimension === 'unit' ? t('dashboard.noUnit') : t('analytics.none');
    if (dimension === 'channel') return t(`channel.${key}`);
    if (dimension === 'type') return t(`ticketType.${key}`);
    if (dimension === 'status') return t(`status.${key}`);
    return serverLabel ?? key;
  };
}

const COUNTS: TicketMeasure[] = ['tickets', 'open'];
const PER_UNIT: TicketMeasure[] = [
  'tickets',
  'open',
  'resolved',
  'avgRouteHours',
  'avgResolveHours',
  'withDeadline',
  'deadlineKept',
  'deadlineKeptShare',
];

function ByDimension({
  filters,
  dimension,
  title,
  closedOnly = false,
}: {
  filters: DashboardFilters;
  dimension: TicketDimension;
  title: string;
  /** Leave out the tickets without a value (the open ones, for a closure reason). */
  closedOnly?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const categories = useDictionary('category');
  const figures = useTicketFigures(filters, [dimension], COUNTS);
  const base = keyLabel(t, dimension);
  const label =
    dimension === 'category'
      ? (key: string, server: string | null) =>
          key === NONE ? base(key, server) : (entryLabelById(key, categories.data, i18n.language, server) ?? key)
      : base;
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => (
        <ChartWithTable
          name={`tickets-${dimension}`}
          title={title}
          rowHeader={t(`analytics.dimensions.${dimension}`)}
          horizontal={['category', 'unit', 'district', 'closureReason'].includes(dimension)}
          rows={dimensionRows(data, dimension, label).filter((row) => !closedOnly || row.id !== NONE)}
          series={[
            { key: 'tickets', label: t('analytics.measures.tickets') },
            { key: 'open', label: t('analytics.measures.open'), tableOnly: true },
          ]}
          linkFor={(row, measure) =>
            row.id === NONE ? null : ticketsLink(filters, { dimension, key: row.id, measure: measure as TicketMeasure })
          }
        />
      )}
    </QueryState>
  );
}

function Totals({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const figures = useTicketFigures(filters, [], PER_UNIT);
  const linked = (value: number | null, measure: TicketMeasure, text: string, testId: string) =>
    value === null ? (
      '—'
    ) : (
      <Link
        component={RouterLink}
        to={ticketsLink(filters, { measure })!}
        underline="hover"
        color="inherit"
        data-testid={testId}
      >
        {text}
      </Link>
    );
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {({ totals }) => (
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)', lg: 'repeat(5, 1fr)' },
            gap: 2,
          }}
        >
          <FigureCard
            label={t('analytics.measures.tickets')}
            value={linked(
              totals.tickets,
              'tickets',
              formatNumber(totals.tickets ?? 0, i18n.language),
              'period-tickets',
            )}
          />
          <FigureCard
            label={t('analytics.measures.open')}
            value={linked(totals.open, 'open', formatNumber(totals.open ?? 0, i18n.language), 'period-open')}
          />
          <FigureCard
            label={t('analytics.measures.avgRouteHours')}
            value={linked(
              totals.avgRouteHours,
              'tickets',
              formatHours(totals.avgRouteHours, i18n.language),
              'period-route',
            )}
          />
          <FigureCard
            label={t('analytics.measures.avgResolveHours')}
            value={linked(
              totals.avgResolveHours,
              'resolved',
              formatHours(totals.avgResolveHours, i18n.language),
              'period-resolve',
            )}
          />
          <FigureCard
            label={t('analytics.measures.deadlineKeptShare')}
            value={linked(
              totals.deadlineKeptShare,
              'deadlineKept',
              formatShare(totals.deadlineKeptShare, i18n.language),
              'period-deadlines',
            )}
            hint={t('analytics.deadlinesHint', { kept: totals.deadlineKept ?? 0, of: totals.withDeadline ?? 0 })}
          />
        </Box>
      )}
    </QueryState>
  );
}

function OverTime({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const grain = timeGrain(filters.from, filters.to);
  const figures = useTicketFigures(filters, [grain], ['tickets', 'resolved', 'open']);
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => (
        <ChartWithTable
          name="tickets-time"
          title={t(`analytics.tickets.by_${grain}`)}
          rowHeader={t(`analytics.dimensions.${grain}`)}
          kind="line"
          rows={fillTime(
            data.rows.map((row): ChartRow => ({ id: String(row.key[grain]), label: '', values: row.values })),
            timeKeys(filters.from, filters.to, grain),
            (id) => ({ id, label: '', values: { tickets: 0, resolved: 0, open: 0 } }),
          ).map((row) => ({ ...row, label: timeLabel(row.id, i18n.language) }))}
          series={[
            { key: 'tickets', label: t('analytics.measures.tickets') },
            { key: 'resolved', label: t('analytics.measures.resolved') },
            { key: 'open', label: t('analytics.measures.open') },
          ]}
          linkFor={(row, measure) =>
            ticketsLink(filters, { days: daysOf(row.id, filters), measure: measure as TicketMeasure })
          }
        />
      )}
    </QueryState>
  );
}

function PerUnit({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const figures = useTicketFigures(filters, ['unit'], PER_UNIT);
  const label = keyLabel(t, 'unit');
  const link = (row: ChartRow, measure: string) =>
    row.id === NONE
      ? null
      : ticketsLink(filters, { dimension: 'unit', key: row.id, measure: measure as TicketMeasure });
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => {
        const rows = dimensionRows(data, 'unit', label);
        return (
          <>
            <ChartWithTable
              name="tickets-times"
              title={t('analytics.tickets.times')}
              rowHeader={t('analytics.dimensions.unit')}
              horizontal
              rows={rows}
              series={[
                { key: 'avgRouteHours', label: t('analytics.measures.avgRouteHours') },
                { key: 'avgResolveHours', label: t('analytics.measures.avgResolveHours') },
              ]}
              format={(value) => formatHours(value, i18n.language)}
              linkFor={link}
            />
            <ChartWithTable
              name="tickets-deadlines"
              title={t('analytics.tickets.deadlines')}
              rowHeader={t('analytics.dimensions.unit')}
              horizontal
              rows={rows.filter((row) => (row.values.withDeadline ?? 0) > 0)}
              series={[
                { key: 'deadlineKeptShare', label: t('analytics.measures.deadlineKeptShare') },
                { key: 'deadlineKept', label: t('analytics.measures.deadlineKept'), tableOnly: true },
                { key: 'withDeadline', label: t('analytics.measures.withDeadline'), tableOnly: true },
              ]}
              format={(value, key) =>
                key === 'deadlineKeptShare' ? formatShare(value, i18n.language) : formatNumber(value, i18n.language)
              }
              linkFor={link}
              note={t('analytics.tickets.deadlinesNote')}
            />
          </>
        );
      }}
    </QueryState>
  );
}

export function TicketsSection({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  return (
    <Box component="section" aria-labelledby="dashboard-tickets-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-tickets-heading">
        {t('analytics.sections.tickets', {
          from: formatDay(filters.from, i18n.language),
          to: formatDay(filters.to, i18n.language),
        })}
      </Typography>
      <Totals filters={filters} />
      <OverTime filters={filters} />
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
        <ByDimension filters={filters} dimension="channel" title={t('analytics.tickets.by_channel')} />
        <ByDimension filters={filters} dimension="type" title={t('analytics.tickets.by_type')} />
        <ByDimension filters={filters} dimension="status" title={t('analytics.tickets.by_status')} />
        <ByDimension filters={filters} dimension="district" title={t('analytics.tickets.by_district')} />
      </Box>
      <ByDimension
        filters={filters}
        dimension="closureReason"
        title={t('analytics.tickets.by_closureReason')}
        closedOnly
      />
      <ByDimension filters={filters} dimension="category" title={t('analytics.tickets.by_category')} />
      <ByDimension filters={filters} dimension="unit" title={t('analytics.tickets.by_unit')} />
      <PerUnit filters={filters} />
    </Box>
  );
}
