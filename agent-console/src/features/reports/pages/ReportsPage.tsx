// "Raporty": the monthly KCK report and a unit's report on screen, as CSV/XLSX downloads and as a printable page
// (the print stylesheet leaves only the report); analysts' own tables and the reports e-mailed on a schedule.
import { useState } from 'react';
import { Box, Button, GlobalStyles, Paper, Stack, TextField, Typography } from '@mui/material';
import PrintIcon from '@mui/icons-material/Print';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { ReportKind } from '@kck/contracts';
import '../i18n/register';
import { reportFileUrl, useReport, type ReportRequest } from '../../../api/reports.api';
import { useUnits } from '../../../api/units.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../components/format';
import { useMe } from '../../auth/session';
import { ReportSections } from '../components/ReportSections';
import { TableBuilder } from '../components/TableBuilder';
import { SchedulesPanel } from '../components/SchedulesPanel';
import { ExportReasonField } from '../../access-log/components/ExportReasonField';

/** Printing keeps the report only: no header, navigation, footer, forms, tables builder or schedules. */
const PRINT_STYLES = {
  '@media print': {
    'header, nav, footer, .no-print, [role="banner"]': { display: 'none !important' },
    '.report-section': { breakInside: 'avoid' },
    body: { background: '#fff' },
  },
} as const;

/** Last month, which is what the monthly report is usually asked for. */
function previousMonth(): string {
  const now = new Date();
  const date = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const units = useUnits();
  // A head of unit (unit staff) reads their own unit's report only; the server holds to that too.
  const analyst = me.role !== 'unit_staff';
  const [chosenKind, setKind] = useState<ReportKind>('monthly');
  const [period, setPeriod] = useState(previousMonth());
  const [chosenUnitId, setUnitId] = useState('');
  const [request, setRequest] = useState<ReportRequest | null>(null);
  const [exportReason, setExportReason] = useState('');
  const report = useReport(request);
  const kind: ReportKind = analyst ? chosenKind : 'unit';
  const unitId = analyst ? chosenUnitId : (me.unitId ?? '');
  const form: ReportRequest = { kind, period, unitId: kind === 'unit' ? unitId : '' };
  const ready = Boolean(period) && (kind === 'monthly' || Boolean(unitId));

  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <GlobalStyles styles={PRINT_STYLES} />
      <Box className="no-print">
        <Typography variant="h5" component="h1">
          {t('reports.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('reports.intro')}
        </Typography>
      </Box>

      <Paper sx={{ p: 2, display: 'grid', gap: 2 }} component="section" aria-labelledby="report-heading">
        <Typography id="report-heading" variant="h6" component="h2" className="no-print">
          {t('reports.kind.label')}
        </Typography>
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          useFlexGap
          sx={{ flexWrap: 'wrap', alignItems: { md: 'center' } }}
          className="no-print"
        >
          {analyst ? (
            <NativeSelectField
              id="report-kind"
              label={t('reports.kind.label')}
              value={kind}
              options={(['monthly', 'unit'] as const).map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
              onChange={(value) => setKind(value as ReportKind)}
              testId="report-kind"
              size="small"
            />
          ) : null}
          <TextField
            type="month"
            size="small"
            label={t('reports.period')}
            value={period}
            onChange={(e) => setPeriod(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'report-period' } }}
          />
          {kind === 'unit' && analyst ? (
            <NativeSelectField
              id="report-unit"
              label={t('reports.unit')}
              value={unitId}
              placeholder={t('reports.pickUnit')}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: `${u.code} ${u.name}` }))}
              onChange={setUnitId}
              testId="report-unit"
              size="small"
            />
          ) : null}
          <ExportReasonField value={exportReason} onChange={setExportReason} />
          <Button variant="contained" disabled={!ready} onClick={() => setRequest(form)} data-testid="report-show">
            {t('reports.show')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            disabled={!ready}
            component="a"
            href={reportFileUrl(form, 'xlsx', exportReason)}
            download
            data-testid="report-xlsx"
          >
            {t('reports.downloadXlsx')}
          </Button>
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            disabled={!ready}
            component="a"
            href={reportFileUrl(form, 'csv', exportReason)}
            download
            data-testid="report-csv"
          >
            {t('reports.downloadCsv')}
          </Button>
          <Button startIcon={<PrintIcon />} disabled={!report.data} onClick={() => window.print()}>
            {t('reports.print')}
          </Button>
        </Stack>
        {request ? (
          <QueryState {...report}>
            {(data) => (
              <Box sx={{ display: 'grid', gap: 2 }} data-testid="report">
                <Box>
                  <Typography variant="h6" component="h2" data-testid="report-title">
                    {data.title}
                  </Typography>
                  <Typography variant="body2" color="text.secondary">
                    {t('reports.generatedAt', {
                      at: formatDateTime(data.generatedAt, i18n.language),
                      refreshed: formatDateTime(data.refreshedAt, i18n.language),
                    })}
                  </Typography>
                </Box>
                <ReportSections report={data} />
              </Box>
            )}
          </QueryState>
        ) : null}
      </Paper>

      {analyst ? (
        <>
          <Paper
            sx={{ p: 2, display: 'grid', gap: 2 }}
            component="section"
            className="no-print"
            aria-labelledby="tables-heading"
          >
            <Typography id="tables-heading" variant="h6" component="h2">
              {t('reports.tables.title')}
            </Typography>
            <TableBuilder />
          </Paper>
          <Paper
            sx={{ p: 2, display: 'grid', gap: 2 }}
            component="section"
            className="no-print"
            aria-labelledby="schedules-heading"
          >
            <Typography id="schedules-heading" variant="h6" component="h2">
              {t('reports.schedules.title')}
            </Typography>
            <SchedulesPanel />
          </Paper>
        </>
      ) : null}
    </Box>
  );
}
