// "Sprawy Prezydenta": KP-02's matters addressed to the Mayor with where each is and by when it is due, earliest
// first, the Mayor's own deadlines marked and overdue ones in red; KP-02 registers new ones here. Filters live in
// the URL; live ticket updates refresh the list (its query sits under the ticket lists).
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
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
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import {
  MAYOR_MATTER_ORIGINS,
  MAYOR_MATTER_STATES,
  type MayorMatterDto,
  type MayorMatterOrigin,
  type MayorMatterState,
} from '@kck/contracts';
import { useMayorMatters } from '../../../api/mayor-matters.api';
import { useUnits } from '../../../api/units.api';
import { formatDay } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { useMe } from '../../auth/session';
import { DueChip } from '../../deadlines/components/DueChip';
import { StatusChip } from '../../tickets/components/StatusChip';
import { RegisterMayorMatterDialog } from '../components/RegisterMayorMatterDialog';
import '../i18n/register';

/** Who registers matters; supervisors read the list only (the server says the same). */
const REGISTRARS = ['mayor_office', 'admin'];

const pick = <T extends string>(values: readonly T[], value: string | null): T | undefined =>
  values.find((candidate) => candidate === value);

export function MayorMattersPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const state: MayorMatterState = pick(MAYOR_MATTER_STATES, params.get('state')) ?? 'open';
  const origin: MayorMatterOrigin | undefined = pick(MAYOR_MATTER_ORIGINS, params.get('origin'));
  const unitId = params.get('unitId') || undefined;
  const matters = useMayorMatters({ state, origin, unitId });
  const units = useUnits();
  const [registering, setRegistering] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const lang = i18n.language;

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const deadlineCell = (matter: MayorMatterDto) => (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
      <DueChip ticket={matter.ticket} />
      {matter.mayorDeadline ? (
        <Chip
          size="small"
          color="secondary"
          variant="outlined"
          label={t('mayorMatters.mayorDeadlineChip')}
          title={t('mayorMatters.mayorDeadlineTitle', { date: formatDay(matter.mayorDeadline, lang) })}
          data-testid="mayor-deadline"
        />
      ) : null}
    </Stack>
  );

  return (
    <Paper component="section" aria-labelledby="mayor-matters-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="mayor-matters-heading" sx={{ flexGrow: 1 }}>
          {t('mayorMatters.title')}
          {matters.data ? ` (${matters.data.length})` : ''}
        </Typography>
        {REGISTRARS.includes(me.role) ? (
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setRegistering(true)}
            data-testid="mayor-matter-register"
          >
            {t('mayorMatters.register')}
          </Button>
        ) : null}
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('mayorMatters.intro')}
      </Typography>
      <Box
        role="group"
        aria-label={t('tickets.filters.label')}
        sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', mb: 2, '& > *': { minWidth: 200 } }}
      >
        <NativeSelectField
          id="mayor-matters-state"
          label={t('mayorMatters.filters.state')}
          value={state}
          onChange={(value) => setFilter('state', value === 'open' ? '' : value)}
          options={MAYOR_MATTER_STATES.map((value) => ({ value, label: t(`mayorMatters.state.${value}`) }))}
          testId="mayor-matters-state"
          fullWidth={false}
        />
        <NativeSelectField
          id="mayor-matters-origin"
          label={t('mayorMatters.filters.origin')}
          value={origin ?? ''}
          onChange={(value) => setFilter('origin', value)}
          options={MAYOR_MATTER_ORIGINS.map((value) => ({ value, label: t(`mayorMatters.origin.${value}`) }))}
          placeholder={t('mayorMatters.filters.anyOrigin')}
          testId="mayor-matters-origin"
          fullWidth={false}
        />
        <NativeSelectField
          id="mayor-matters-unit"
          label={t('mayorMatters.filters.unit')}
          value={unitId ?? ''}
          onChange={(value) => setFilter('unitId', value)}
          options={(units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }))}
          placeholder={t('mayorMatters.filters.anyUnit')}
          testId="mayor-matters-unit"
          fullWidth={false}
        />
      </Box>
      <LiveRegion message={announcement} testId="mayor-matters-announcement" />
      <QueryState
        isPending={matters.isPending}
        error={matters.error}
        data={matters.data}
        onRetry={() => void matters.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('mayorMatters.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="mayor-matters-heading" data-testid="mayor-matters-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('mayorMatters.columns.number')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.origin')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.reference')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.receivedOn')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.title')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.unit')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.status')}</TableCell>
                  <TableCell>{t('mayorMatters.columns.dueAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((matter) => {
                  const overdue = matter.ticket.dueState === 'overdue';
                  return (
                    <TableRow
                      key={matter.ticket.id}
                      hover
                      data-testid="mayor-matter-row"
                      data-number={matter.ticket.number}
                      data-overdue={overdue ? 'true' : 'false'}
                      onClick={() => void navigate(`/tickets/${matter.ticket.id}`)}
                      sx={{
                        cursor: 'pointer',
                        // A tint, not the only sign: the due chip says "po terminie" in words.
                        ...(overdue ? { bgcolor: 'rgba(211, 47, 47, 0.08)', boxShadow: 'inset 4px 0 0 #c62828' } : {}),
                      }}
                    >
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        <Link
                          component={RouterLink}
                          to={`/tickets/${matter.ticket.id}`}
                          onClick={(event) => event.stopPropagation()}
                        >
                          {matter.ticket.number}
                        </Link>
                      </TableCell>
                      <TableCell>{matter.origin ? t(`mayorMatters.origin.${matter.origin}`) : '—'}</TableCell>
                      <TableCell>{matter.reference ?? '—'}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDay(matter.receivedOn, lang)}</TableCell>
                      <TableCell>{matter.ticket.title}</TableCell>
                      <TableCell>{matter.ticket.unitCode ?? '—'}</TableCell>
                      <TableCell>
                        <StatusChip status={matter.ticket.status} />
                      </TableCell>
                      <TableCell>{deadlineCell(matter)}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {registering ? (
        <RegisterMayorMatterDialog
          onClose={() => setRegistering(false)}
          onRegistered={(matter) => {
            setRegistering(false);
            setAnnouncement(t('mayorMatters.registered', { number: matter.ticket.number }));
          }}
        />
      ) : null}
    </Paper>
  );
}
