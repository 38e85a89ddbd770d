// Analysts build their own table: tickets or calls, up to three dimensions, measures, filters of the period; they
// preview it, save it with a name (shared with all analysts or private) and download it like a report.
import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControlLabel,
  FormGroup,
  FormLabel,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  CALL_DIMENSIONS,
  CALL_DIRECTIONS,
  CALL_MEASURES,
  CALL_OUTCOMES,
  CHANNELS,
  RELATIVE_PERIODS,
  TICKET_STATUSES,
  TICKET_TYPES,
  TICKET_DIMENSIONS,
  TICKET_MEASURES,
  type ReportTableDefinitionInput,
  type ReportTableDto,
} from '@kck/contracts';
import { tableFileUrl, useDeleteTable, usePreviewTable, useReportTables, useSaveTable } from '../../../api/reports.api';
import { NativeSelectField, type Option } from '../../../components/NativeSelectField';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryState } from '../../../components/QueryState';
import { ReportSections } from './ReportSections';

type Subject = 'tickets' | 'calls';

interface Draft {
  id?: string;
  version?: number;
  name: string;
  shared: boolean;
  subject: Subject;
  dimensions: [string, string, string];
  measures: string[];
  period: string;
  from: string;
  to: string;
  /** The table's filters by name (channel, unitId, topicId…); '' or missing: all. */
  filters: Record<string, string>;
}

type TicketFilters = Extract<ReportTableDefinitionInput, { subject: 'tickets' }>['filters'];
type CallFilters = Extract<ReportTableDefinitionInput, { subject: 'calls' }>['filters'];

/** The filters each subject's tables take, in the order the form shows them. */
const FILTERS: Record<Subject, readonly string[]> = {
  tickets: ['unitId', 'districtId', 'categoryId', 'channel', 'type', 'status'],
  calls: ['topicId', 'outcome', 'direction'],
};

const chosenFilters = (draft: Draft) =>
  Object.fromEntries(FILTERS[draft.subject].filter((name) => draft.filters[name]).map((n) => [n, draft.filters[n]]));

const EMPTY: Draft = {
  name: '',
  shared: true,
  subject: 'tickets',
  dimensions: ['unit', '', ''],
  measures: ['tickets', 'resolved', 'deadlineKeptShare'],
  period: 'last_month',
  from: '',
  to: '',
  filters: {},
};

function definitionOf(draft: Draft): ReportTableDefinitionInput {
  const period =
    draft.period === 'fixed'
      ? { kind: 'fixed' as const, from: draft.from, to: draft.to }
      : { kind: 'relative' as const, relative: draft.period as (typeof RELATIVE_PERIODS)[number] };
  const dimensions = draft.dimensions.filter(Boolean);
  return draft.subject === 'tickets'
    ? {
        subject: 'tickets',
        dimensions: dimensions as (typeof TICKET_DIMENSIONS)[number][],
        measures: draft.measures as (typeof TICKET_MEASURES)[number][],
        filters: chosenFilters(draft) as TicketFilters,
        period,
      }
    : {
        subject: 'calls',
        dimensions: dimensions as (typeof CALL_DIMENSIONS)[number][],
        measures: draft.measures as (typeof CALL_MEASURES)[number][],
        filters: chosenFilters(draft) as CallFilters,
        period,
      };
}

function draftOf(table: ReportTableDto): Draft {
  const d = table.definition;
  const dims = [...d.dimensions, '', '', ''].slice(0, 3) as [string, string, string];
  return {
    id: table.id,
    version: table.version,
    name: table.name,
    shared: table.shared,
    subject: d.subject,
    dimensions: dims,
    measures: [...d.measures],
    period: d.period.kind === 'fixed' ? 'fixed' : d.period.relative,
    from: d.period.kind === 'fixed' ? d.period.from : '',
    to: d.period.kind === 'fixed' ? d.period.to : '',
    filters: { ...(d.filters as Record<string, string>) },
  };
}

/** The choices of each filter: units, dictionary entries, or the platform's fixed codes with their labels. */
function useFilterOptions(): Record<string, Option[]> {
  const { t, i18n } = useTranslation();
  const units = useUnits();
  const districts = useDictionary('district');
  const categories = useDictionary('category');
  const topics = useDictionary('call_topic');
  const coded = (codes: readonly string[], prefix: string) =>
    codes.map((c) => ({ value: c, label: t(`${prefix}.${c}`) }));
  return {
    unitId: (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` })),
    districtId: dictionaryOptions(districts.data, i18n.language),
    categoryId: dictionaryOptions(categories.data, i18n.language),
    channel: coded(CHANNELS, 'channel'),
    type: coded(TICKET_TYPES, 'ticketType'),
    status: coded(TICKET_STATUSES, 'status'),
    topicId: dictionaryOptions(topics.data, i18n.language),
    outcome: coded(CALL_OUTCOMES, 'outcome'),
    direction: coded(CALL_DIRECTIONS, 'reports.tables.directions'),
  };
}

export function TableBuilder() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [savedName, setSavedName] = useState<string | null>(null);
  const preview = usePreviewTable();
  const save = useSaveTable();
  const remove = useDeleteTable();
  const tables = useReportTables();
  const dimensions = draft.subject === 'tickets' ? TICKET_DIMENSIONS : CALL_DIMENSIONS;
  const measures = draft.subject === 'tickets' ? TICKET_MEASURES : CALL_MEASURES;
  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));
  const filterOptions = useFilterOptions();

  const onSubject = (subject: Subject) =>
    set({
      subject,
      dimensions: [subject === 'tickets' ? 'unit' : 'topic', '', ''],
      measures: subject === 'tickets' ? ['tickets'] : ['calls'],
      filters: {},
    });
  const toggleMeasure = (measure: string, on: boolean) =>
    set({ measures: on ? [...draft.measures, measure] : draft.measures.filter((m) => m !== measure) });
  const onSave = () => {
    const body = { name: draft.name, shared: draft.shared, definition: definitionOf(draft) };
    save.mutate(
      { id: draft.id, body: draft.id ? { ...body, version: draft.version! } : body },
      {
        onSuccess: (table) => {
          setSavedName(table.name);
          setDraft(draftOf(table));
        },
      },
    );
  };

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <NativeSelectField
          id="table-subject"
          label={t('reports.tables.subject')}
          value={draft.subject}
          options={(['tickets', 'calls'] as const).map((s) => ({ value: s, label: t(`reports.tables.subjects.${s}`) }))}
          onChange={(value) => onSubject(value as Subject)}
          testId="table-subject"
          size="small"
        />
        {[0, 1, 2].map((i) => (
          <NativeSelectField
            key={i}
            id={`table-dimension-${i}`}
            label={t('reports.tables.dimension', { n: i + 1 })}
            value={draft.dimensions[i]!}
            placeholder={t('reports.tables.none')}
            options={dimensions.map((d) => ({ value: d, label: t(`reports.tables.dimensions.${d}`) }))}
            onChange={(value) => {
              const next = [...draft.dimensions] as Draft['dimensions'];
              next[i] = value;
              set({ dimensions: next });
            }}
            testId={`table-dimension-${i}`}
            size="small"
          />
        ))}
        <NativeSelectField
          id="table-period"
          label={t('reports.tables.period')}
          value={draft.period}
          options={[
            ...RELATIVE_PERIODS.map((p) => ({ value: p, label: t(`reports.tables.relative.${p}`) })),
            { value: 'fixed', label: t('reports.tables.fixed') },
          ]}
          onChange={(value) => set({ period: value })}
          testId="table-period"
          size="small"
        />
        {draft.period === 'fixed' ? (
          <>
            <TextField
              type="date"
              size="small"
              label={t('reports.tables.from')}
              value={draft.from}
              onChange={(e) => set({ from: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              type="date"
              size="small"
              label={t('reports.tables.to')}
              value={draft.to}
              onChange={(e) => set({ to: e.target.value })}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </>
        ) : null}
      </Stack>
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <FormLabel component="legend">{t('reports.tables.filters')}</FormLabel>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }}>
          {FILTERS[draft.subject].map((name) => (
            <NativeSelectField
              key={`${draft.subject}-${name}`}
              id={`table-filter-${name}`}
              label={t(`reports.tables.filterLabels.${name}`)}
              value={draft.filters[name] ?? ''}
              placeholder={t('reports.tables.all')}
              options={filterOptions[name] ?? []}
              onChange={(value) => set({ filters: { ...draft.filters, [name]: value } })}
              testId={`table-filter-${name}`}
              size="small"
              fullWidth={false}
            />
          ))}
        </Stack>
      </Box>
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <FormLabel component="legend">{t('reports.tables.measures')}</FormLabel>
        <FormGroup row>
          {measures.map((m) => (
            <FormControlLabel
              key={m}
              control={
                <Checkbox
                  size="small"
                  checked={draft.measures.includes(m)}
                  onChange={(e) => toggleMeasure(m, e.target.checked)}
                  slotProps={{ input: { 'data-testid': `table-measure-${m}` } as object }}
                />
              }
              label={t(`reports.tables.measureLabels.${m}`)}
            />
          ))}
        </FormGroup>
      </Box>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Button variant="outlined" onClick={() => preview.mutate(definitionOf(draft))} data-testid="table-preview">
          {t('reports.tables.preview')}
        </Button>
        <TextField
          size="small"
          label={t('reports.tables.name')}
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          slotProps={{ htmlInput: { 'data-testid': 'table-name', maxLength: 120 } }}
        />
        <FormControlLabel
          control={<Checkbox checked={draft.shared} onChange={(e) => set({ shared: e.target.checked })} />}
          label={t('reports.tables.shared')}
        />
        <Button variant="contained" onClick={onSave} disabled={save.isPending} data-testid="table-save">
          {draft.id ? t('reports.tables.saveChanges') : t('reports.tables.save')}
        </Button>
        {draft.id ? (
          <Button onClick={() => setDraft(EMPTY)} data-testid="table-new">
            {t('reports.tables.newTable')}
          </Button>
        ) : null}
      </Stack>
      <ErrorAlert error={preview.error ?? save.error ?? remove.error} testId="table-error" />
      {savedName && !save.error ? (
        <Alert severity="success" data-testid="table-saved" onClose={() => setSavedName(null)}>
          {t('reports.tables.saved', { name: savedName })}
        </Alert>
      ) : null}
      {preview.data ? <ReportSections report={preview.data} testId="table-preview-result" /> : null}

      <Typography component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {t('reports.tables.list')}
      </Typography>
      <QueryState {...tables} isEmpty={(list) => list.length === 0} emptyText={t('reports.tables.none_saved')}>
        {(list) => (
          <Table size="small" data-testid="saved-tables">
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t('reports.tables.name')}</TableCell>
                <TableCell scope="col">{t('reports.tables.owner')}</TableCell>
                <TableCell scope="col" />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((table) => (
                <TableRow key={table.id} data-testid="saved-table-row">
                  <TableCell>
                    {table.name}{' '}
                    <Chip
                      size="small"
                      label={table.shared ? t('reports.tables.sharedChip') : t('reports.tables.privateChip')}
                    />
                  </TableCell>
                  <TableCell>{table.owner.displayName}</TableCell>
                  <TableCell align="right">
                    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                      <Link href={tableFileUrl(table.id, 'xlsx')} download>
                        XLSX
                      </Link>
                      <Link href={tableFileUrl(table.id, 'csv')} download>
                        CSV
                      </Link>
                      {table.mine ? (
                        <>
                          <Button size="small" onClick={() => setDraft(draftOf(table))}>
                            {t('reports.tables.edit')}
                          </Button>
                          <Button size="small" color="error" onClick={() => remove.mutate(table.id)}>
                            {t('reports.tables.delete')}
                          </Button>
                        </>
                      ) : null}
                    </Stack>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </QueryState>
    </Box>
  );
}
