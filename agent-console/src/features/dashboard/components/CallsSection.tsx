// Calls in the period: per hour, per day (or month) by topic, talk and wrap-up time, and information given versus
// tickets written. Calls have no unit, district or category: only the period applies. Figures lead to the calls.
import { Link as RouterLink } from 'react-router';
import { Box, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CallFiguresDto } from '@kck/contracts';
import { useCallFigures } from '../../../api/analytics.api';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { daysOf, fillTime, timeGrain, timeKeys, type DashboardFilters } from '../dashboard-filters';
import { callsLink } from '../drill-down';
import { CallsByHour } from './CallsByHour';
import { ChartWithTable, type ChartRow } from './ChartWithTable';
import { formatSeconds, timeLabel } from './figure-format';

/** Topics beyond these are summed as "other topics", so the chart stays readable. */
const TOP_TOPICS = 6;
const OTHER = 'other';
const NONE = 'none';

/** Rows per time key with a column per topic (the most called ones), from rows grouped by time and topic. */
function pivotByTopic(
  data: CallFiguresDto,
  grain: 'day' | 'month',
  topicLabel: (id: string, server: string | null) => string,
) {
  const totals = new Map<string, { label: string; calls: number }>();
  for (const row of data.rows) {
    const id = row.key.topic === null ? NONE : String(row.key.topic);
    const entry = totals.get(id) ?? { label: id === NONE ? '' : topicLabel(id, row.label.topic), calls: 0 };
    entry.calls += row.values.calls ?? 0;
    totals.set(id, entry);
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1].calls - a[1].calls);
  const shown = ranked.slice(0, ranked.length > TOP_TOPICS + 1 ? TOP_TOPICS : ranked.length).map(([id]) => id);
  const columnOf = (id: string) => (shown.includes(id) ? id : OTHER);
  const byTime = new Map<string, ChartRow>();
  for (const row of data.rows) {
    const time = String(row.key[grain]);
    const target = byTime.get(time) ?? { id: time, label: time, values: {} };
    const column = columnOf(row.key.topic === null ? NONE : String(row.key.topic));
    target.values[column] = (target.values[column] ?? 0) + (row.values.calls ?? 0);
    byTime.set(time, target);
  }
  const columns = [...shown, ...(shown.length < ranked.length ? [OTHER] : [])];
  return { rows: [...byTime.values()], columns, labelOf: (id: string) => totals.get(id)?.label ?? id };
}

function Totals({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const figures = useCallFigures(filters, [], ['calls', 'answered', 'missed', 'avgTalkSeconds', 'avgWrapUpSeconds']);
  const period = { from: filters.from, to: filters.to };
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
            label={t('analytics.measures.calls')}
            value={
              <Link
                component={RouterLink}
                to={callsLink(period)}
                underline="hover"
                color="inherit"
                data-testid="period-calls"
              >
                {formatNumber(totals.calls ?? 0, i18n.language)}
              </Link>
            }
          />
          <FigureCard
            label={t('analytics.measures.answered')}
            value={formatNumber(totals.answered ?? 0, i18n.language)}
          />
          <FigureCard label={t('analytics.measures.missed')} value={formatNumber(totals.missed ?? 0, i18n.language)} />
          <FigureCard label={t('analytics.measures.avgTalkSeconds')} value={formatSeconds(totals.avgTalkSeconds)} />
          <FigureCard label={t('analytics.measures.avgWrapUpSeconds')} value={formatSeconds(totals.avgWrapUpSeconds)} />
        </Box>
      )}
    </QueryState>
  );
}

function ByHour({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const figures = useCallFigures(filters, ['hour'], ['calls']);
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => (
        <CallsByHour
          name="calls-hour"
          title={t('analytics.calls.byHour')}
          rows={data.rows.map((row) => ({ hour: Number(row.key.hour), count: row.values.calls ?? 0 }))}
          period={filters}
        />
      )}
    </QueryState>
  );
}

function ByTopic({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const grain = timeGrain(filters.from, filters.to);
  const topics = useDictionary('call_topic');
  const figures = useCallFigures(filters, [grain, 'topic'], ['calls']);
  const topicLabel = (id: string, server: string | null) =>
    entryLabelById(id, topics.data, i18n.language, server) ?? id;
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => {
        const pivot = pivotByTopic(data, grain, topicLabel);
        return (
          <ChartWithTable
            name="calls-topic"
            title={t(`analytics.calls.byTopic_${grain}`)}
            rowHeader={t(`analytics.dimensions.${grain}`)}
            rows={fillTime(pivot.rows, timeKeys(filters.from, filters.to, grain), (id) => ({
              id,
              label: '',
              values: Object.fromEntries(pivot.columns.map((column) => [column, 0])),
            })).map((row) => ({ ...row, label: timeLabel(row.id, i18n.language) }))}
            series={pivot.columns.map((id) => ({
              key: id,
              label:
                id === OTHER
                  ? t('analytics.calls.otherTopics')
                  : id === NONE
                    ? t('analytics.calls.noTopic')
                    : pivot.labelOf(id),
              stack: 'topics',
            }))}
            linkFor={(row, topic) =>
              // Calls without a topic were never recorded (missed, still going): the call list shows recorded ones.
              topic === OTHER || topic === NONE ? null : callsLink({ ...daysOf(row.id, filters), topicId: topic })
            }
            note={t('analytics.calls.recordedNote')}
          />
        );
      }}
    </QueryState>
  );
}

function OverTime({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const grain = timeGrain(filters.from, filters.to);
  const figures = useCallFigures(
    filters,
    [grain],
    ['avgTalkSeconds', 'avgWrapUpSeconds', 'informationOnly', 'withTicket'],
  );
  return (
    <QueryState
      isPending={figures.isPending}
      error={figures.error}
      data={figures.data}
      onRetry={() => void figures.refetch()}
    >
      {(data) => {
        const rows = fillTime(
          data.rows.map((row): ChartRow => ({ id: String(row.key[grain]), label: '', values: row.values })),
          timeKeys(filters.from, filters.to, grain),
          (id) => ({
            id,
            label: '',
            values: { avgTalkSeconds: null, avgWrapUpSeconds: null, informationOnly: 0, withTicket: 0 },
          }),
        ).map((row) => ({ ...row, label: timeLabel(row.id, i18n.language) }));
        return (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}>
            <ChartWithTable
              name="calls-handling"
              title={t('analytics.calls.handling')}
              rowHeader={t(`analytics.dimensions.${grain}`)}
              kind="line"
              rows={rows}
              series={[
                { key: 'avgTalkSeconds', label: t('analytics.measures.avgTalkSeconds') },
                { key: 'avgWrapUpSeconds', label: t('analytics.measures.avgWrapUpSeconds') },
              ]}
              format={(value) => formatSeconds(value)}
              linkFor={(row) => callsLink(daysOf(row.id, filters))}
            />
            <ChartWithTable
              name="calls-outcome"
              title={t('analytics.calls.informationVsTicket')}
              rowHeader={t(`analytics.dimensions.${grain}`)}
              rows={rows}
              series={[
                { key: 'informationOnly', label: t('analytics.measures.informationOnly'), stack: 'outcome' },
                { key: 'withTicket', label: t('analytics.measures.withTicket'), stack: 'outcome' },
              ]}
              linkFor={(row, measure) =>
                callsLink({
                  ...daysOf(row.id, filters),
                  ...(measure === 'informationOnly'
                    ? { outcome: 'information_given', withTicket: 'false' }
                    : { withTicket: 'true' }),
                })
              }
            />
          </Box>
        );
      }}
    </QueryState>
  );
}

export function CallsSection({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  return (
    <Box component="section" aria-labelledby="dashboard-calls-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-calls-heading">
        {t('analytics.sections.calls')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('analytics.calls.filtersNote')}
      </Typography>
      <Totals filters={filters} />
      <ByHour filters={filters} />
      <ByTopic filters={filters} />
      <OverTime filters={filters} />
    </Box>
  );
}
