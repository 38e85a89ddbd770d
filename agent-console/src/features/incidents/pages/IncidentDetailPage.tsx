// One incident: what is down, since when, its impact, the timeline of actions and who was told. Every console's banner
// links here (others read it while it is open); the register's keepers also record actions and notices, edit, close.
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import {
  Box,
  Button,
  Chip,
  Link,
  Paper,
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
import {
  INCIDENT_LIMITS,
  INCIDENT_NOTICE_CHANNELS,
  type IncidentActionDto,
  type IncidentDetailDto,
  type IncidentNoticeChannel,
} from '@kck/contracts';
import { useIncident, useRecordIncidentAction, useRecordIncidentNotice } from '../../../api/incidents.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';
import { IncidentFormDialog, ResolveIncidentDialog } from '../components/IncidentDialogs';
import { formatIncidentDuration, fromLocalInput, severityColor, useIncidentFieldErrors } from '../incident-format';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Box>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography component="dd" sx={{ m: 0, fontWeight: 500 }} data-testid={testId}>
        {children}
      </Typography>
    </Box>
  );
}

function kindLabel(t: (key: string) => string, action: IncidentActionDto): string {
  if (action.kind === 'opened' && !action.author) return t('incidents.kind.openedByPlatform');
  return t(`incidents.kind.${action.kind}`);
}

function Timeline({ incident }: { incident: IncidentDetailDto }) {
  const { t, i18n } = useTranslation();
  if (incident.actions.length === 0)
    return <Typography color="text.secondary">{t('incidents.detail.timelineEmpty')}</Typography>;
  return (
    <Box
      component="ol"
      sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1.5 }}
      data-testid="incident-timeline"
    >
      {incident.actions.map((action) => (
        <Box
          component="li"
          key={action.id}
          data-testid="incident-action"
          data-kind={action.kind}
          sx={{ borderLeft: 3, borderColor: action.author ? 'primary.main' : 'grey.500', pl: 1.5 }}
        >
          <Typography variant="body2" color="text.secondary">
            <Box component="time" dateTime={action.at}>
              {formatDateTime(action.at, i18n.language)}
            </Box>{' '}
            · {kindLabel(t, action)}{' '}
            {t('incidents.detail.by', { name: action.author?.displayName ?? t('incidents.platform') })}
          </Typography>
          {action.text ? <Typography sx={{ whiteSpace: 'pre-wrap' }}>{action.text}</Typography> : null}
        </Box>
      ))}
    </Box>
  );
}

function ActionForm({ incident, onSaved }: { incident: IncidentDetailDto; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const record = useRecordIncidentAction();
  const [text, setText] = useState('');
  const [at, setAt] = useState('');
  const fieldError = useIncidentFieldErrors(record.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { id: incident.id, body: { text, at: fromLocalInput(at) } },
      {
        onSuccess: () => {
          setText('');
          setAt('');
          onSaved(t('incidents.action.saved'));
        },
      },
    );
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="incident-action-heading" sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" id="incident-action-heading" sx={{ fontWeight: 600, mb: 1 }}>
        {t('incidents.action.heading')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2 }}>
        <TextField
          label={t('incidents.action.text')}
          value={text}
          onChange={(event) => setText(event.target.value)}
          multiline
          minRows={2}
          required
          error={Boolean(fieldError('text'))}
          helperText={fieldError('text')}
          slotProps={{ htmlInput: { 'data-testid': 'incident-action-text', maxLength: INCIDENT_LIMITS.actionText } }}
        />
        <TextField
          label={t('incidents.action.at')}
          type="datetime-local"
          value={at}
          onChange={(event) => setAt(event.target.value)}
          error={Boolean(fieldError('at'))}
          helperText={fieldError('at')}
          sx={{ maxWidth: 280 }}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incident-action-at' } }}
        />
      </Box>
      {record.error && fieldErrorsOf(record.error).length === 0 ? <ErrorAlert error={record.error} /> : null}
      <Button
        type="submit"
        variant="outlined"
        sx={{ mt: 1 }}
        disabled={record.isPending}
        data-testid="incident-action-submit"
      >
        {t('incidents.action.submit')}
      </Button>
    </Box>
  );
}

function NoticeForm({ incident, onSaved }: { incident: IncidentDetailDto; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const record = useRecordIncidentNotice();
  const [recipient, setRecipient] = useState('');
  const [channel, setChannel] = useState<IncidentNoticeChannel>('email');
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const fieldError = useIncidentFieldErrors(record.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { id: incident.id, body: { recipient, channel, at: fromLocalInput(at), note: note.trim() || undefined } },
      {
        onSuccess: () => {
          setRecipient('');
          setAt('');
          setNote('');
          onSaved(t('incidents.notice.saved'));
        },
      },
    );
  };
  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby="incident-notice-heading" sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" id="incident-notice-heading" sx={{ fontWeight: 600, mb: 1 }}>
        {t('incidents.notice.heading')}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '3fr 2fr' } }}>
        <TextField
          label={t('incidents.notice.recipient')}
          value={recipient}
          onChange={(event) => setRecipient(event.target.value)}
          required
          size="small"
          error={Boolean(fieldError('recipient'))}
          helperText={fieldError('recipient')}
          slotProps={{
            htmlInput: { 'data-testid': 'incident-notice-recipient', maxLength: INCIDENT_LIMITS.recipient },
          }}
        />
        <NativeSelectField
          id="incident-notice-channel"
          label={t('incidents.notice.channel')}
          value={channel}
          options={INCIDENT_NOTICE_CHANNELS.map((value) => ({ value, label: t(`incidents.channel.${value}`) }))}
          onChange={(value) => setChannel(value as IncidentNoticeChannel)}
          error={fieldError('channel')}
          testId="incident-notice-channel"
        />
        <TextField
          label={t('incidents.notice.at')}
          type="datetime-local"
          value={at}
          onChange={(event) => setAt(event.target.value)}
          size="small"
          error={Boolean(fieldError('at'))}
          helperText={fieldError('at')}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'incident-notice-at' } }}
        />
        <TextField
          label={t('incidents.notice.note')}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          size="small"
          sx={{ gridColumn: '1 / -1' }}
          error={Boolean(fieldError('note'))}
          helperText={fieldError('note')}
          slotProps={{ htmlInput: { 'data-testid': 'incident-notice-note', maxLength: INCIDENT_LIMITS.noticeNote } }}
        />
      </Box>
      {record.error && fieldErrorsOf(record.error).length === 0 ? <ErrorAlert error={record.error} /> : null}
      <Button
        type="submit"
        variant="outlined"
        sx={{ mt: 1 }}
        disabled={record.isPending}
        data-testid="incident-notice-submit"
      >
        {t('incidents.notice.submit')}
      </Button>
    </Box>
  );
}

function Notices({ incident }: { incident: IncidentDetailDto }) {
  const { t, i18n } = useTranslation();
  if (incident.notices.length === 0)
    return <Typography color="text.secondary">{t('incidents.detail.noticesEmpty')}</Typography>;
  return (
    <TableContainer>
      <Table size="small" aria-labelledby="incident-notices-heading" data-testid="incident-notices">
        <TableHead>
          <TableRow>
            <TableCell>{t('incidents.notice.columns.recipient')}</TableCell>
            <TableCell>{t('incidents.notice.columns.channel')}</TableCell>
            <TableCell>{t('incidents.notice.columns.at')}</TableCell>
            <TableCell>{t('incidents.notice.columns.note')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {incident.notices.map((notice) => (
            <TableRow key={notice.id} data-testid="incident-notice">
              <TableCell component="th" scope="row">
                {notice.recipient}
              </TableCell>
              <TableCell>{t(`incidents.channel.${notice.channel}`)}</TableCell>
              <TableCell>
                {formatDateTime(notice.at, i18n.language)}{' '}
                {t('incidents.detail.by', { name: notice.recordedBy.displayName })}
              </TableCell>
              <TableCell>{notice.note || '—'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function IncidentView({ incident }: { incident: IncidentDetailDto }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const keeper = canUsePage(me.role, 'incidents');
  const lang = i18n.language;
  const [editing, setEditing] = useState(false);
  const [resolving, setResolving] = useState(false);
  const [saved, setSaved] = useState('');

  return (
    <Box sx={{ display: 'grid', gap: 2 }} data-testid="incident-detail" data-status={incident.status}>
      <LiveRegion message={saved} testId="incident-saved" />
      {keeper ? (
        <Link component={RouterLink} to="/incidents" sx={{ justifySelf: 'start' }}>
          {t('incidents.detail.back')}
        </Link>
      ) : null}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }} data-testid="incident-title">
          {incident.title}
        </Typography>
        <Chip
          color={incident.status === 'open' ? 'error' : 'default'}
          label={t(`incidents.status.${incident.status}`)}
          data-testid="incident-status"
        />
        {keeper ? (
          <>
            <Button variant="outlined" onClick={() => setEditing(true)} data-testid="incident-edit">
              {t('incidents.detail.edit')}
            </Button>
            {incident.status === 'open' ? (
              <Button
                variant="contained"
                color="success"
                onClick={() => setResolving(true)}
                data-testid="incident-resolve"
              >
                {t('incidents.detail.resolve')}
              </Button>
            ) : null}
          </>
        ) : null}
      </Box>

      <Paper sx={{ p: 2 }}>
        <Box
          component="dl"
          sx={{ display: 'grid', gap: 2, m: 0, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' } }}
        >
          <Fact label={t('incidents.detail.system')} testId="incident-system">
            {incident.system.name}
          </Fact>
          <Fact label={t('incidents.detail.severity')}>
            <Chip
              size="small"
              variant="outlined"
              color={severityColor(incident.severity)}
              label={t(`incidents.severity.${incident.severity}`)}
            />
          </Fact>
          <Fact label={t('incidents.detail.startedAt')}>{formatDateTime(incident.startedAt, lang)}</Fact>
          <Fact label={t('incidents.detail.endedAt')}>
            {incident.endedAt ? formatDateTime(incident.endedAt, lang) : t('incidents.detail.ongoing')}
          </Fact>
          <Fact label={t('incidents.detail.duration')}>
            {formatIncidentDuration(incident.startedAt, incident.endedAt)}
          </Fact>
          <Fact label={t('incidents.detail.openedBy')}>
            {incident.openedBy?.displayName ?? t('incidents.platform')}
          </Fact>
          <Fact label={t('incidents.detail.resolvedBy')}>
            {incident.status === 'resolved' ? (incident.resolvedBy?.displayName ?? t('incidents.platform')) : '—'}
          </Fact>
          <Fact label={t('incidents.detail.recordedAt')}>{formatDateTime(incident.recordedAt, lang)}</Fact>
        </Box>
      </Paper>

      <Paper component="section" aria-labelledby="incident-impact-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="incident-impact-heading" sx={{ mb: 1 }}>
          {t('incidents.detail.impact')}
        </Typography>
        <Typography sx={{ whiteSpace: 'pre-wrap' }} data-testid="incident-impact">
          {incident.impact}
        </Typography>
      </Paper>

      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, alignItems: 'start' }}>
        <Paper component="section" aria-labelledby="incident-timeline-heading" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" id="incident-timeline-heading" sx={{ mb: 1 }}>
            {t('incidents.detail.timeline')}
          </Typography>
          <Timeline incident={incident} />
          {keeper ? <ActionForm incident={incident} onSaved={setSaved} /> : null}
        </Paper>
        <Paper component="section" aria-labelledby="incident-notices-heading" sx={{ p: 2 }}>
          <Typography variant="h6" component="h2" id="incident-notices-heading" sx={{ mb: 1 }}>
            {t('incidents.detail.notices')}
          </Typography>
          <Notices incident={incident} />
          {keeper ? <NoticeForm incident={incident} onSaved={setSaved} /> : null}
        </Paper>
      </Box>
      {editing ? <IncidentFormDialog incident={incident} onClose={() => setEditing(false)} /> : null}
      {resolving ? <ResolveIncidentDialog incident={incident} onClose={() => setResolving(false)} /> : null}
    </Box>
  );
}

export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const incident = useIncident(id);
  return (
    <QueryState
      isPending={incident.isPending}
      error={incident.error}
      data={incident.data}
      onRetry={() => void incident.refetch()}
    >
      {(data) => <IncidentView incident={data} />}
    </QueryState>
  );
}
