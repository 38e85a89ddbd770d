// The public open-data page (/otwarte-dane, /open-data): monthly figures by district, category or unit as a table
// with month columns, a chart of the whole city's months, the CSV/JSON downloads and how it is counted. The choice
// lives in the address (?by=&from=&to=&measure=), so a journalist can link to exactly what they saw.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  Alert,
  Box,
  Button,
  Link,
  MenuItem,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableFooter,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { BarChart } from '@mui/x-charts/BarChart';
import { useTranslation } from 'react-i18next';
import {
  OPEN_DATA_GROUPINGS,
  OPEN_DATA_MEASURES,
  OPEN_DATA_MONTH_PATTERN,
  type OpenDataCellDto,
  type OpenDataGroupDto,
  type OpenDataGrouping,
  type OpenDataMeasure,
  type OpenDataMonthlyDto,
  type PublicLanguage,
} from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { openDataUrl, useOpenData, type OpenDataParams } from '../../../api/open-data.api';
import { formatDateTime } from '../../../components/format';
import { PublicLayout } from '../../public-report/components/PublicLayout';
import { usePublicLanguage } from '../../public-report/public-language';
import { cellText, monthLabel } from '../open-data-format';

const isGrouping = (value: string | null): value is OpenDataGrouping =>
  (OPEN_DATA_GROUPINGS as readonly (string | null)[]).includes(value);
const isMeasure = (value: string | null): value is OpenDataMeasure =>
  (OPEN_DATA_MEASURES as readonly (string | null)[]).includes(value);
const monthOrUndefined = (value: string | null) => (value && OPEN_DATA_MONTH_PATTERN.test(value) ? value : undefined);

export function OpenDataPage() {
  const { t } = useTranslation();
  const [language] = usePublicLanguage();
  const [search, setSearch] = useSearchParams();
  const by: OpenDataGrouping = isGrouping(search.get('by')) ? (search.get('by') as OpenDataGrouping) : 'district';
  const measure: OpenDataMeasure = isMeasure(search.get('measure'))
    ? (search.get('measure') as OpenDataMeasure)
    : 'tickets';
  const params: OpenDataParams = {
    by,
    from: monthOrUndefined(search.get('from')),
    to: monthOrUndefined(search.get('to')),
  };
  const figures = useOpenData(params);
  const data = figures.data;

  const [draft, setDraft] = useState({ by, measure, from: params.from ?? '', to: params.to ?? '' });
  // The period the server chose (the last twelve completed months) fills the month fields on arrival.
  useEffect(() => {
    if (data) setDraft((d) => ({ ...d, from: d.from || data.from, to: d.to || data.to }));
  }, [data]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams({ by: draft.by, measure: draft.measure });
    if (draft.from) next.set('from', draft.from);
    if (draft.to) next.set('to', draft.to);
    if (search.get('lang')) next.set('lang', search.get('lang')!);
    setSearch(next);
  };

  const fieldError = (name: 'from' | 'to' | 'by') =>
    isApiError(figures.error) ? figures.error.fieldMessage(`query.${name}`) : undefined;

  return (
    <PublicLayout title={t('openData.title')} footer={t('openData.footer')}>
      <Typography component="h1" variant="h4" sx={{ fontSize: { xs: '1.6rem', sm: '2rem' }, mb: 1 }}>
        {t('openData.title')}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('openData.intro')}</Typography>

      <Paper component="section" aria-labelledby="open-data-filters" variant="outlined" sx={{ p: 2, mb: 3 }}>
        <Typography id="open-data-filters" component="h2" variant="h6" sx={{ mb: 2 }}>
          {t('openData.filters')}
        </Typography>
        <Box component="form" onSubmit={submit} noValidate data-testid="open-data-form">
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ flexWrap: 'wrap' }} useFlexGap>
            <TextField
              select
              label={t('openData.by')}
              value={draft.by}
              onChange={(e) => setDraft({ ...draft, by: e.target.value as OpenDataGrouping })}
              sx={{ minWidth: 180 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'open-data-by' } as object } }}
            >
              {OPEN_DATA_GROUPINGS.map((g) => (
                <MenuItem key={g} value={g} data-value={g}>
                  {t(`openData.byOptions.${g}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={t('openData.measure')}
              value={draft.measure}
              onChange={(e) => setDraft({ ...draft, measure: e.target.value as OpenDataMeasure })}
              sx={{ minWidth: 240 }}
              slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'open-data-measure' } as object } }}
            >
              {OPEN_DATA_MEASURES.map((m) => (
                <MenuItem key={m} value={m} data-value={m}>
                  {t(`openData.measures.${m}`)}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              type="month"
              label={t('openData.from')}
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
              error={Boolean(fieldError('from'))}
              helperText={fieldError('from')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'open-data-from' } }}
            />
            <TextField
              type="month"
              label={t('openData.to')}
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
              error={Boolean(fieldError('to'))}
              helperText={fieldError('to')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'open-data-to' } }}
            />
            <Button
              type="submit"
              variant="contained"
              data-testid="open-data-show"
              sx={{ alignSelf: 'flex-start', mt: 1 }}
            >
              {t('openData.show')}
            </Button>
          </Stack>
        </Box>
      </Paper>

      {figures.error ? (
        <Alert severity="error" role="alert" data-testid="open-data-error" sx={{ mb: 3 }}>
          {isApiError(figures.error) && figures.error.status === 429
            ? t('public.errors.tooManyReads')
            : isApiError(figures.error) && figures.error.status === 400
              ? figures.error.fields.map((f) => f.message).join('; ') || figures.error.message
              : t('openData.error')}
        </Alert>
      ) : null}

      {data ? (
        <Figures data={data} measure={measure} language={language} />
      ) : figures.isLoading ? (
        <Typography role="status">{t('openData.loading')}</Typography>
      ) : null}

      <Methodology data={data} language={language} />
    </PublicLayout>
  );
}

/** A group's name in the page's language: Ukrainian has its own words for the top-level categories. */
function useGroupLabel(by: OpenDataGrouping, language: PublicLanguage) {
  const { t } = useTranslation();
  return (group: OpenDataGroupDto) => {
    if (group.code === null) return t(`openData.none.${by}`);
    if (language === 'en') return group.labelEn;
    if (language === 'uk' && by === 'category')
      return t(`public.categoryGroups.${group.code}`, { lng: 'uk', defaultValue: group.labelPl });
    return group.labelPl;
  };
}

function Figures({
  data,
  measure,
  language,
}: {
  data: OpenDataMonthlyDto;
  measure: OpenDataMeasure;
  language: PublicLanguage;
}) {
  const { t } = useTranslation();
  const captionId = useId();
  const labelOf = useGroupLabel(data.by, language);
  const measureName = t(`openData.measures.${measure}`);
  const byName = t(`openData.byOptions.${data.by}`);
  const period = { from: monthLabel(data.from, language), to: monthLabel(data.to, language) };
  const params = { by: data.by, from: data.from, to: data.to };

  const cell = (value: OpenDataCellDto | undefined, month: string, key: string) => {
    const { text, kind } = cellText(value, measure, data.minCell, language);
    return (
      <TableCell key={month} align="right" data-kind={kind} data-month={month} data-testid={`open-data-cell-${key}`}>
        {kind === 'suppressed' ? (
          <abbr title={t('openData.suppressedTitle', { min: data.minCell })}>{text}</abbr>
        ) : kind === 'none' ? (
          <abbr title={t('openData.noTickets')}>{text}</abbr>
        ) : kind === 'empty' ? (
          <abbr title={t('openData.notComputable')}>{text}</abbr>
        ) : (
          text
        )}
      </TableCell>
    );
  };

  return (
    <>
      <Box component="section" aria-labelledby="open-data-chart" sx={{ mb: 3 }}>
        <Typography id="open-data-chart" component="h2" variant="h6">
          {t('openData.chartTitle', { measure: measureName })}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('openData.chartFallback')}
        </Typography>
        {/* The chart repeats the table's "whole city" row for the eye (with the chart's own keyboard reading). */}
        <Box data-testid="open-data-chart" sx={{ width: '100%', height: 260 }}>
          <BarChart
            height={260}
            xAxis={[{ scaleType: 'band', data: data.months.map((m) => monthLabel(m, language)) }]}
            series={[
              {
                data: data.totals.map((c) => (c.suppressed ? null : c[measure])),
                label: measureName,
                color: '#1565c0',
              },
            ]}
            hideLegend
          />
        </Box>
      </Box>

      <Box component="section" aria-labelledby={captionId} sx={{ mb: 3 }}>
        <Typography id={captionId} component="h2" variant="h6" sx={{ mb: 1 }}>
          {t('openData.caption', { measure: measureName, by: byName, ...period })}
        </Typography>
        {data.groups.length === 0 ? (
          <Typography data-testid="open-data-empty">{t('openData.empty')}</Typography>
        ) : (
          <TableContainer
            component={Paper}
            variant="outlined"
            tabIndex={0}
            role="region"
            aria-label={t('openData.tableRegion', { measure: measureName })}
            sx={{
              maxWidth: '100%',
              overflowX: 'auto',
              '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main' },
            }}
          >
            <Table size="small" data-testid="open-data-table" data-by={data.by} data-measure={measure}>
              <TableHead>
                <TableRow>
                  <TableCell
                    component="th"
                    scope="col"
                    sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper', minWidth: 150 }}
                  >
                    {t(`openData.groupColumn.${data.by}`)}
                  </TableCell>
                  {data.months.map((m) => (
                    <TableCell key={m} component="th" scope="col" align="right" sx={{ whiteSpace: 'nowrap' }}>
                      {monthLabel(m, language)}
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {data.groups.map((g) => {
                  const key = g.code ?? 'none';
                  return (
                    <TableRow key={key} data-testid={`open-data-row-${key}`}>
                      <TableCell
                        component="th"
                        scope="row"
                        sx={{ position: 'sticky', left: 0, bgcolor: 'background.paper' }}
                      >
                        {labelOf(g)}
                      </TableCell>
                      {data.months.map((m) =>
                        cell(
                          g.cells.find((c) => c.month === m),
                          m,
                          key,
                        ),
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
              <TableFooter>
                <TableRow data-testid="open-data-row-total">
                  <TableCell
                    component="th"
                    scope="row"
                    sx={{
                      position: 'sticky',
                      left: 0,
                      bgcolor: 'background.paper',
                      fontWeight: 700,
                      color: 'text.primary',
                    }}
                  >
                    {t('openData.total')}
                  </TableCell>
                  {data.months.map((m) =>
                    cell(
                      data.totals.find((c) => c.month === m),
                      m,
                      'total',
                    ),
                  )}
                </TableRow>
              </TableFooter>
            </Table>
          </TableContainer>
        )}
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="open-data-legend">
          {t('openData.legend', { min: data.minCell })}
        </Typography>
      </Box>

      <Box component="section" aria-labelledby="open-data-downloads" sx={{ mb: 3 }}>
        <Typography id="open-data-downloads" component="h2" variant="h6">
          {t('openData.downloads')}
        </Typography>
        <Stack component="ul" sx={{ pl: 3, my: 1 }}>
          <li>
            <Link href={openDataUrl('csv', params)} download data-testid="open-data-csv">
              {t('openData.downloadCsv', { by: byName, ...period })}
            </Link>
          </li>
          <li>
            <Link href={openDataUrl('json', params)} download data-testid="open-data-json">
              {t('openData.downloadJson', { by: byName, ...period })}
            </Link>
          </li>
        </Stack>
        <Typography variant="body2">{t('openData.downloadsNote')}</Typography>
      </Box>
    </>
  );
}

function Methodology({ data, language }: { data: OpenDataMonthlyDto | undefined; language: PublicLanguage }) {
  const { t } = useTranslation();
  const min = data?.minCell ?? 5;
  return (
    <Box component="section" aria-labelledby="open-data-method" data-testid="open-data-method">
      <Typography id="open-data-method" component="h2" variant="h6">
        {t('openData.methodology')}
      </Typography>
      <Box component="ul" sx={{ pl: 3, '& li': { mb: 1 } }}>
        <li>{t('openData.method.counted')}</li>
        <li>{t('openData.method.measures')}</li>
        <li>{t('openData.method.threshold', { min })}</li>
        <li>{t('openData.method.months')}</li>
        {data?.refreshedAt ? (
          <li>{t('openData.method.refreshed', { at: formatDateTime(data.refreshedAt, language) })}</li>
        ) : null}
        {data ? <li>{t('openData.method.licence', { licence: data.licence })}</li> : null}
      </Box>
    </Box>
  );
}
