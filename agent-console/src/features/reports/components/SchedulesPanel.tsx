// Reports e-mailed on a schedule: what is sent (a report or a saved table), how often, to whom, and how the last run
// went; a schedule is edited in the same form. A run whose recipient's mailbox refused shows as not delivered.
import { useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
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
import type { ReportRunStatus, ReportScheduleDto, ReportScheduleRequest } from '@kck/contracts';
import {
  useSaveSchedule,
  useDeleteSchedule,
  useReportSchedules,
  useReportTables,
  useRunSchedule,
} from '../../../api/reports.api';
import { useUnits } from '../../../api/units.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';

const STATUS_COLOR: Record<ReportRunStatus, 'default' | 'success' | 'error'> = {
  sending: 'default',
  sent: 'success',
  failed: 'error',
};

export function SchedulesPanel() {
  const { t, i18n } = useTranslation();
  const schedules = useReportSchedules();
  const tables = useReportTables();
  const units = useUnits();
  const save = useSaveSchedule();
  const [editingId, setEditingId] = useState<string | null>(null);
  const run = useRunSchedule();
  const remove = useDeleteSchedule();
  const [name, setName] = useState('');
  const [source, setSource] = useState('monthly');
  const [unitId, setUnitId] = useState('');
  const [every, setEvery] = useState<'month' | 'week'>('month');
  const [day, setDay] = useState('2');
  const [hour, setHour] = useState('7');
  const [recipients, setRecipients] = useState('');
  const weekdays = t('reports.schedules.weekdays', { returnObjects: true }) as string[];

  const reset = () => {
    setEditingId(null);
    setName('');
    setSource('monthly');
    setUnitId('');
    setEvery('month');
    setDay('2');
    setHour('7');
    setRecipients('');
  };
  const onEdit = (s: ReportScheduleDto) => {
    setEditingId(s.id);
    setName(s.name);
    setSource(s.source.kind === 'table' ? `table:${s.source.tableId}` : s.source.report);
    setUnitId(s.source.kind === 'report' ? (s.source.unitId ?? '') : '');
    setEvery(s.cadence.every);
    setDay(String(s.cadence.every === 'month' ? s.cadence.day : s.cadence.weekday));
    setHour(String(s.cadence.hour));
    setRecipients(s.recipients.join(', '));
  };

  const onSave = () => {
    const body: ReportScheduleRequest = {
      name,
      source: source.startsWith('table:')
        ? { kind: 'table', tableId: source.slice('table:'.length) }
        : { kind: 'report', report: source as 'monthly' | 'unit', ...(unitId ? { unitId } : {}) },
      cadence:
        every === 'month'
          ? { every: 'month', day: Number(day), hour: Number(hour) }
          : { every: 'week', weekday: Number(day), hour: Number(hour) },
      recipients: recipients
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean),
    };
    save.mutate({ id: editingId ?? undefined, body }, { onSuccess: reset });
  };

  const sourceLabel = (s: ReportScheduleDto) =>
    s.source.kind === 'table'
      ? t('reports.schedules.tableOption', {
          name: tables.data?.find((x) => x.id === (s.source as { tableId: string }).tableId)?.name ?? '…',
        })
      : t(`reports.kind.${s.source.report}`);
  const cadenceLabel = (s: ReportScheduleDto) =>
    s.cadence.every === 'month'
      ? t('reports.schedules.cadenceMonth', { day: s.cadence.day, hour: s.cadence.hour })
      : t('reports.schedules.cadenceWeek', { weekday: weekdays[s.cadence.weekday - 1], hour: s.cadence.hour });

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          size="small"
          label={t('reports.schedules.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'schedule-name', maxLength: 120 } }}
        />
        <NativeSelectField
          id="schedule-source"
          label={t('reports.schedules.source')}
          value={source}
          options={[
            { value: 'monthly', label: t('reports.kind.monthly') },
            { value: 'unit', label: t('reports.kind.unit') },
            ...(tables.data ?? []).map((x) => ({
              value: `table:${x.id}`,
              label: t('reports.schedules.tableOption', { name: x.name }),
            })),
          ]}
          onChange={setSource}
          testId="schedule-source"
          size="small"
        />
        {source === 'unit' ? (
          <NativeSelectField
            id="schedule-unit"
            label={t('reports.unit')}
            value={unitId}
            placeholder={t('reports.pickUnit')}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }))}
            onChange={setUnitId}
            size="small"
          />
        ) : null}
        <NativeSelectField
          id="schedule-every"
          label={t('reports.schedules.every')}
          value={every}
          options={[
            { value: 'month', label: t('reports.schedules.month') },
            { value: 'week', label: t('reports.schedules.week') },
          ]}
          onChange={(value) => {
            setEvery(value as 'month' | 'week');
            setDay('1');
          }}
          size="small"
        />
        <NativeSelectField
          id="schedule-day"
          label={every === 'month' ? t('reports.schedules.day') : t('reports.schedules.weekday')}
          value={day}
          options={
            every === 'month'
              ? Array.from({ length: 28 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }))
              : weekdays.map((w, i) => ({ value: String(i + 1), label: w }))
          }
          onChange={setDay}
          size="small"
        />
        <NativeSelectField
          id="schedule-hour"
          label={t('reports.schedules.hour')}
          value={hour}
          options={Array.from({ length: 24 }, (_, i) => ({ value: String(i), label: `${i}:00` }))}
          onChange={setHour}
          size="small"
        />
      </Stack>
      <TextField
        multiline
        minRows={2}
        size="small"
        label={t('reports.schedules.recipients')}
        value={recipients}
        onChange={(e) => setRecipients(e.target.value)}
        slotProps={{ htmlInput: { 'data-testid': 'schedule-recipients' } }}
      />
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={onSave} disabled={save.isPending} data-testid="schedule-create">
          {editingId ? t('reports.schedules.saveChanges') : t('reports.schedules.create')}
        </Button>
        {editingId ? (
          <Button onClick={reset} data-testid="schedule-cancel-edit">
            {t('common.cancel')}
          </Button>
        ) : null}
      </Stack>
      <ErrorAlert error={save.error ?? run.error ?? remove.error} testId="schedule-error" />
      {run.isSuccess ? <Alert severity="info">{t('reports.schedules.queued')}</Alert> : null}

      <QueryState {...schedules} isEmpty={(list) => list.length === 0} emptyText={t('reports.schedules.none')}>
        {(list) => (
          <Table size="small" data-testid="schedules">
            <TableHead>
              <TableRow>
                <TableCell scope="col">{t('reports.schedules.name')}</TableCell>
                <TableCell scope="col">{t('reports.schedules.source')}</TableCell>
                <TableCell scope="col">{t('reports.schedules.every')}</TableCell>
                <TableCell scope="col">{t('reports.schedules.recipients')}</TableCell>
                <TableCell scope="col">{t('reports.schedules.lastRun')}</TableCell>
                <TableCell scope="col" />
              </TableRow>
            </TableHead>
            <TableBody>
              {list.map((s) => (
                <TableRow key={s.id} data-testid="schedule-row">
                  <TableCell>{s.name}</TableCell>
                  <TableCell>{sourceLabel(s)}</TableCell>
                  <TableCell>{cadenceLabel(s)}</TableCell>
                  <TableCell>{s.recipients.join(', ')}</TableCell>
                  <TableCell>
                    {s.lastRun ? (
                      <Stack spacing={0.5}>
                        <Box>
                          <Chip
                            size="small"
                            color={STATUS_COLOR[s.lastRun.status]}
                            label={t(`reports.schedules.status.${s.lastRun.status}`)}
                            data-testid="schedule-status"
                          />{' '}
                          {formatDateTime(s.lastRun.startedAt, i18n.language)} ·{' '}
                          {t('reports.schedules.attempts', { n: s.lastRun.attempts })}
                        </Box>
                        {s.lastRun.error ? (
                          <Typography variant="body2" color="error">
                            {s.lastRun.error}
                          </Typography>
                        ) : null}
                      </Stack>
                    ) : (
                      t('reports.schedules.never')
                    )}
                  </TableCell>
                  <TableCell align="right">
                    <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
                      <Button size="small" onClick={() => onEdit(s)} data-testid="schedule-edit">
                        {t('reports.schedules.edit')}
                      </Button>
                      <Button size="small" onClick={() => run.mutate(s.id)}>
                        {t('reports.schedules.runNow')}
                      </Button>
                      <Button size="small" color="error" onClick={() => remove.mutate(s.id)}>
                        {t('reports.schedules.delete')}
                      </Button>
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
