// One figure of the dashboard: a chart (MUI X Charts) with a "Tabela" toggle that shows the same numbers as an
// accessible table (caption, column and row headers). Every bar, point and table figure leads to what it counts.
import { useId, useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import {
  Box,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { LineChart } from '@mui/x-charts/LineChart';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../components/format';

export interface ChartSeries {
  key: string;
  label: string;
  /** Series with the same stack are drawn on top of each other (bars only). */
  stack?: string;
  /** Shown in the table only (a count beside the charted share, say). */
  tableOnly?: boolean;
}

export interface ChartRow {
  /** Stable for the row (a date, an id, a code); tests and links find the row by it. */
  id: string;
  label: string;
  values: Record<string, number | null>;
}

interface Props {
  /** Names the section for tests (`data-testid`) and its heading's id. */
  name: string;
  title: string;
  /** What the row headers are (the first column's header). */
  rowHeader: string;
  rows: readonly ChartRow[];
  series: readonly ChartSeries[];
  kind?: 'bar' | 'line';
  /** Bars lying along the rows: for long labels (categories, units). */
  horizontal?: boolean;
  /** A figure as people read it; numbers by default, `—` for none. */
  format?: (value: number, seriesKey: string) => string;
  /** The page listing what a figure counts (the tickets or calls behind it); null where there is none. */
  linkFor?: (row: ChartRow, seriesKey: string) => string | null;
  /** A line under the heading: what the figure counts, which filters apply. */
  note?: ReactNode;
  emptyText?: string;
}

export function ChartWithTable(props: Props) {
  const { name, title, rowHeader, rows, series, kind = 'bar', horizontal = false, linkFor, note } = props;
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const headingId = `${useId()}-heading`;
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const format = (value: number | null, key: string) =>
    value === null ? '—' : props.format ? props.format(value, key) : formatNumber(value, i18n.language);
  const charted = series.filter((s) => !s.tableOnly);
  // Quiet days are filled with zeros (a time axis without gaps); with nothing but zeros there is nothing to draw.
  const hasData = rows.some((row) => series.some((s) => (row.values[s.key] ?? 0) !== 0));
  const open = (dataIndex: number | undefined, seriesKey: string | undefined) => {
    const row = dataIndex === undefined ? undefined : rows[dataIndex];
    const key = seriesKey ?? (charted.length === 1 ? charted[0]!.key : undefined);
    const to = row && key && linkFor ? linkFor(row, key) : null;
    if (to) void navigate(to);
  };

  const labels = rows.map((row) => row.label);
  const chartSeries = charted.map((s) => ({
    id: s.key,
    label: s.label,
    data: rows.map((row) => row.values[s.key] ?? null),
    stack: s.stack,
    valueFormatter: (value: number | null) => format(value, s.key),
  }));
  const chartHeight = horizontal ? Math.max(160, rows.length * 30 + 70) : 280;
  const band = { scaleType: 'band' as const, data: labels };
  // The value axis reads like the figures (hours, shares) when every charted series is of one kind.
  const valueAxis = props.format
    ? [{ valueFormatter: (value: number) => format(value, charted[0]?.key ?? '') }]
    : undefined;

  return (
    <Paper component="section" aria-labelledby={headingId} sx={{ p: 2, minWidth: 0 }} data-testid={`chart-${name}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h3" id={headingId} sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={view}
          onChange={(_event, next: 'chart' | 'table' | null) => next && setView(next)}
          aria-label={t('analytics.viewAs', { title })}
        >
          <ToggleButton value="chart" data-testid={`chart-${name}-as-chart`}>
            {t('analytics.chart')}
          </ToggleButton>
          <ToggleButton value="table" data-testid={`chart-${name}-as-table`}>
            {t('analytics.table')}
          </ToggleButton>
        </ToggleButtonGroup>
      </Stack>
      {note ? (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {note}
        </Typography>
      ) : null}
      {!hasData ? (
        <Typography color="text.secondary">{props.emptyText ?? t('dashboard.none')}</Typography>
      ) : view === 'chart' ? (
        // The table view is the accessible reading of the chart; the toggle says so to screen readers.
        <Box
          role="figure"
          aria-label={t('analytics.chartOf', { title })}
          sx={{ cursor: linkFor ? 'pointer' : undefined, minWidth: 0 }}
        >
          {kind === 'line' ? (
            <LineChart
              height={chartHeight}
              xAxis={[{ scaleType: 'point', data: labels }]}
              yAxis={valueAxis}
              series={chartSeries.map((s) => ({ ...s, stack: undefined, showMark: true }))}
              onAxisClick={(_event, data) => open(data?.dataIndex, undefined)}
              onMarkClick={(_event, item) => open(item.dataIndex, String(item.seriesId))}
              hideLegend={charted.length < 2}
            />
          ) : (
            <BarChart
              height={chartHeight}
              layout={horizontal ? 'horizontal' : 'vertical'}
              xAxis={horizontal ? valueAxis : [band]}
              yAxis={horizontal ? [{ ...band, width: 200 }] : valueAxis}
              series={chartSeries}
              onItemClick={(_event, item) => open(item.dataIndex, String(item.seriesId))}
              onAxisClick={(_event, data) => open(data?.dataIndex, undefined)}
              hideLegend={charted.length < 2}
            />
          )}
        </Box>
      ) : (
        <TableContainer>
          <Table size="small" data-testid={`chart-${name}-table`}>
            <caption style={{ captionSide: 'top', padding: '0 0 8px', textAlign: 'left' }}>{title}</caption>
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">
                  {rowHeader}
                </TableCell>
                {series.map((s) => (
                  <TableCell key={s.key} component="th" scope="col" align="right">
                    {s.label}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-row={row.id}>
                  <TableCell component="th" scope="row">
                    {row.label}
                  </TableCell>
                  {series.map((s) => {
                    const value = row.values[s.key] ?? null;
                    const to = value !== null && value !== 0 && linkFor ? linkFor(row, s.key) : null;
                    return (
                      <TableCell
                        key={s.key}
                        align="right"
                        data-series={s.key}
                        sx={{ fontVariantNumeric: 'tabular-nums' }}
                      >
                        {to ? (
                          <Link
                            component={RouterLink}
                            to={to}
                            data-testid="figure-link"
                            aria-label={`${row.label}, ${s.label}: ${format(value, s.key)}`}
                          >
                            {format(value, s.key)}
                          </Link>
                        ) : (
                          format(value, s.key)
                        )}
                      </TableCell>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}
