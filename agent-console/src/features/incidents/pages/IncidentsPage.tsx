// "Awarie i incydenty": the register for analysts (DK-05, who own the department's applications), supervisors and
// admins. Open outages first, filtered by system, status and period; report one; analysts and admins keep the systems.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  Box,
  Button,
  Chip,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { INCIDENT_STATUSES, type IncidentListQuery, type IncidentStatus } from '@kck/contracts';
import { useIncidentSystems, useIncidents } from '../../../api/incidents.api';
import { formatDateTime } from '../../../components/format';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useMe } from '../../auth/session';
import { IncidentFormDialog } from '../components/IncidentDialogs';
import { SystemsDialog } from '../components/SystemsDialog';
import { formatIncidentDuration, severityColor } from '../incident-format';

const SYSTEM_KEEPERS = ['analyst', 'admin'];

export function IncidentsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const lang = i18n.language;
  const [systemId, setSystemId] = useState('');
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reporting, setReporting] = useState(false);
  const [managing, setManaging] = useState(false);
  const systems = useIncidentSystems();
  const query: IncidentListQuery = {
    ...(systemId ? { systemId } : {}),
    ...(status ? { status } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const incidents = useIncidents(query);

  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }}>
          {t('incidents.title')}
        </Typography>
        {SYSTEM_KEEPERS.includes(me.role) ? (
          <Button variant="outlined" onClick={() => setManaging(true)} data-testid="incident-systems">
            {t('incidents.manageSystems')}
          </Button>
        ) : null}
        <Button variant="contained" onClick={() => setReporting(true)} data-testid="incident-report">
          {t('incidents.report')}
        </Button>
      </Box>
      <Typography color="text.secondary">{t('incidents.intro')}</Typography>

      <Paper component="section" aria-labelledby="incidents-list-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="incidents-list-heading" sx={{ mb: 2 }}>
          {t('incidents.list.heading')}
        </Typography>
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={2}
          sx={{ mb: 2 }}
          role="group"
          aria-label={t('incidents.filters.label')}
        >
          <NativeSelectField
            id="incidents-filter-system"
            label={t('incidents.filters.system')}
            value={systemId}
            options={(systems.data?.systems ?? []).map((s) => ({ value: s.id, label: s.name }))}
            onChange={setSystemId}
            placeholder={t('incidents.filters.allSystems')}
            testId="incidents-filter-system"
          />
          <NativeSelectField
            id="incidents-filter-status"
            label={t('incidents.filters.status')}
            value={status}
            options={INCIDENT_STATUSES.map((value) => ({ value, label: t(`incidents.status.${value}`) }))}
            onChange={(value) => setStatus(value as IncidentStatus | '')}
            placeholder={t('incidents.filters.allStatuses')}
            testId="incidents-filter-status"
          />
          <TextField
            id="incidents-filter-from"
            label={t('incidents.filters.from')}
            type="date"
            size="small"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            sx={{ minWidth: 170 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incidents-filter-from', max: to } }}
          />
          <TextField
            id="incidents-filter-to"
            label={t('incidents.filters.to')}
            type="date"
            size="small"
            value={to}
            onChange={(event) => setTo(event.target.value)}
            sx={{ minWidth: 170 }}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incidents-filter-to', min: from } }}
          />
        </Stack>
        {/* A reversed period answers 400; the list keeps what it showed, and this says why it did not change. */}
        {incidents.error && incidents.data ? (
          <ErrorAlert error={incidents.error} testId="incidents-filter-error" />
        ) : null}
        <QueryState
          isPending={incidents.isPending}
          error={incidents.error}
          data={incidents.data}
          isEmpty={(data) => data.incidents.length === 0}
          emptyText={t('incidents.list.empty')}
          onRetry={() => void incidents.refetch()}
        >
          {(data) => (
            <TableContainer>
              <Table size="small" aria-labelledby="incidents-list-heading" data-testid="incidents-table">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('incidents.list.title')}</TableCell>
                    <TableCell>{t('incidents.list.system')}</TableCell>
                    <TableCell>{t('incidents.list.severity')}</TableCell>
                    <TableCell>{t('incidents.list.status')}</TableCell>
                    <TableCell>{t('incidents.list.startedAt')}</TableCell>
                    <TableCell>{t('incidents.list.endedAt')}</TableCell>
                    <TableCell>{t('incidents.list.duration')}</TableCell>
                    <TableCell>{t('incidents.list.openedBy')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {data.incidents.map((incident) => (
                    <TableRow
                      key={incident.id}
                      data-testid="incident-row"
                      data-incident-id={incident.id}
                      data-status={incident.status}
                    >
                      <TableCell component="th" scope="row">
                        <Link component={RouterLink} to={`/incidents/${incident.id}`} data-testid="incident-row-link">
                          {incident.title}
                        </Link>
                      </TableCell>
                      <TableCell>{incident.system.name}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          variant="outlined"
                          color={severityColor(incident.severity)}
                          label={t(`incidents.severity.${incident.severity}`)}
                        />
                      </TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          color={incident.status === 'open' ? 'error' : 'default'}
                          label={t(`incidents.status.${incident.status}`)}
                        />
                      </TableCell>
                      <TableCell>{formatDateTime(incident.startedAt, lang)}</TableCell>
                      <TableCell>{formatDateTime(incident.endedAt, lang)}</TableCell>
                      <TableCell>{formatIncidentDuration(incident.startedAt, incident.endedAt)}</TableCell>
                      <TableCell>{incident.openedBy?.displayName ?? t('incidents.platform')}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {data.incidents.length >= data.limit ? (
                <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                  {t('incidents.list.limit', { limit: data.limit })}
                </Typography>
              ) : null}
            </TableContainer>
          )}
        </QueryState>
      </Paper>
      {reporting ? <IncidentFormDialog incident={null} onClose={() => setReporting(false)} /> : null}
      {managing ? <SystemsDialog onClose={() => setManaging(false)} /> : null}
    </Box>
  );
}
