// "Ochrona danych": the admin answers a resident's access or erasure request (finds the person by phone or e-mail,
// records the request, exports or erases the data) and keeps the retention periods; past requests are listed.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
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
import {
  PRIVACY_FOUND_KINDS,
  PRIVACY_REQUEST_VIA,
  type DataSubjectRequestDto,
  type PrivacyEraseResult,
  type PrivacyRequestKind,
  type PrivacyRequestVia,
  type PrivacySearchResult,
} from '@kck/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { exportUrl, useEraseRequest, usePersonSearch, usePrivacyRequests, useRecordRequest } from '../privacy.api';
import { RetentionPolicies } from '../components/RetentionPolicies';
import '../i18n/register';

const formatDay = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'pl-PL', {
    timeZone: 'Europe/Warsaw',
    dateStyle: 'short',
  }).format(new Date(iso));

function ExportLinks({ id }: { id: string }) {
  const { t } = useTranslation();
  return (
    <Stack direction="row" spacing={1}>
      <Button size="small" variant="outlined" href={exportUrl(id, 'json')} download data-testid="privacy-export-json">
        {t('privacy.exportJson')}
      </Button>
      <Button
        size="small"
        variant="outlined"
        href={exportUrl(id, 'html')}
        target="_blank"
        rel="noopener"
        data-testid="privacy-export-html"
      >
        {t('privacy.exportHtml')}
      </Button>
    </Stack>
  );
}

export function PrivacyPage() {
  const { t, i18n } = useTranslation();
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [identifier, setIdentifier] = useState<{ phone?: string; email?: string }>({});
  const [via, setVia] = useState<PrivacyRequestVia>('letter');
  const [receivedOn, setReceivedOn] = useState('');
  const [note, setNote] = useState('');
  const [recorded, setRecorded] = useState<DataSubjectRequestDto | null>(null);
  const [confirming, setConfirming] = useState<DataSubjectRequestDto | null>(null);
  const [erased, setErased] = useState<PrivacyEraseResult | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const search = usePersonSearch();
  const record = useRecordRequest();
  const erase = useEraseRequest();
  const requests = usePrivacyRequests();
  const result: PrivacySearchResult | undefined = search.data;

  const runSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = phone.trim() ? { phone: phone.trim() } : { email: email.trim() };
    setIdentifier(next);
    setRecorded(null);
    setErased(null);
    search.mutate(next, {
      onSuccess: (found) =>
        setAnnouncement(
          found.counts.tickets + found.counts.calls + found.counts.emails > 0
            ? t('privacy.search.found', { who: found.identifierMasked })
            : t('privacy.search.nothing'),
        ),
    });
  };

  const recordRequest = (kind: PrivacyRequestKind) =>
    record.mutate(
      {
        kind,
        ...identifier,
        requestedVia: via,
        receivedAt: receivedOn ? new Date(`${receivedOn}T12:00:00`).toISOString() : undefined,
        note: note.trim() || undefined,
      },
      {
        onSuccess: (request) => {
          setRecorded(request);
          setAnnouncement(t('privacy.request.recorded', { kind: t(`privacy.kind.${request.kind}`) }));
        },
      },
    );

  const runErase = (request: DataSubjectRequestDto) =>
    erase.mutate(request.id, {
      onSuccess: (outcome) => {
        setConfirming(null);
        setErased(outcome);
        setRecorded(outcome.request);
        setAnnouncement(
          outcome.openTicketNumbers.length
            ? t('privacy.erased', { numbers: outcome.openTicketNumbers.join(', ') })
            : t('privacy.erasedNone'),
        );
        if (Object.keys(identifier).length) search.mutate(identifier);
      },
    });

  return (
    <Stack spacing={2}>
      <Paper component="section" aria-labelledby="privacy-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h1" id="privacy-heading">
          {t('privacy.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
          {t('privacy.intro')}
        </Typography>
        <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
          {t('privacy.search.heading')}
        </Typography>
        <Box
          component="form"
          role="search"
          aria-label={t('privacy.search.label')}
          onSubmit={runSearch}
          sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center', mb: 1 }}
        >
          <TextField
            id="privacy-phone"
            label={t('privacy.search.phone')}
            type="tel"
            size="small"
            value={phone}
            onChange={(event) => setPhone(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'privacy-phone' } }}
          />
          <TextField
            id="privacy-email"
            label={t('privacy.search.email')}
            type="email"
            size="small"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'privacy-email' } }}
          />
          <Button type="submit" variant="contained" data-testid="privacy-search" disabled={search.isPending}>
            {t('privacy.search.submit')}
          </Button>
        </Box>
        <Typography variant="caption" color="text.secondary">
          {t('privacy.search.hint')}
        </Typography>
        <LiveRegion message={announcement} testId="privacy-announcement" />
        {search.error ? <ErrorAlert error={search.error} testId="privacy-search-error" /> : null}
        {result ? (
          <Box sx={{ mt: 2 }} data-testid="privacy-result">
            <Typography variant="subtitle2" component="p" sx={{ mb: 1 }}>
              {t('privacy.search.found', { who: result.identifierMasked })}
            </Typography>
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: 'flex-start' }}>
              <TableContainer sx={{ maxWidth: 360 }}>
                <Table size="small" aria-label={t('privacy.columns.kind')} data-testid="privacy-counts">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('privacy.columns.kind')}</TableCell>
                      <TableCell align="right">{t('privacy.columns.count')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {PRIVACY_FOUND_KINDS.map((kind) => (
                      <TableRow key={kind} data-testid={`privacy-count-${kind}`} data-count={result.counts[kind]}>
                        <TableCell>{t(`privacy.counts.${kind}`)}</TableCell>
                        <TableCell align="right">{result.counts[kind]}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
              <TableContainer>
                <Table size="small" aria-label={t('privacy.counts.tickets')} data-testid="privacy-tickets">
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('privacy.columns.number')}</TableCell>
                      <TableCell>{t('privacy.columns.status')}</TableCell>
                      <TableCell>{t('privacy.columns.category')}</TableCell>
                      <TableCell>{t('privacy.columns.unit')}</TableCell>
                      <TableCell>{t('privacy.columns.createdAt')}</TableCell>
                      <TableCell>{t('privacy.columns.open')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {result.tickets.map((ticket) => (
                      <TableRow key={ticket.id} data-testid="privacy-ticket" data-open={ticket.open ? 'true' : 'false'}>
                        <TableCell>{ticket.number ?? '—'}</TableCell>
                        <TableCell>{t(`status.${ticket.status}`, { defaultValue: ticket.status })}</TableCell>
                        <TableCell>{ticket.categoryLabel}</TableCell>
                        <TableCell>{ticket.unitName ?? '—'}</TableCell>
                        <TableCell>{formatDay(ticket.createdAt, i18n.language)}</TableCell>
                        <TableCell>{ticket.open ? t('privacy.yes') : t('privacy.no')}</TableCell>
                      </TableRow>
                    ))}
                    {result.calls.map((call) => (
                      <TableRow key={call.id} data-testid="privacy-call">
                        <TableCell colSpan={4}>
                          {t('privacy.columns.startedAt')}: {call.ticketNumbers.join(', ') || '—'}
                        </TableCell>
                        <TableCell>{formatDay(call.startedAt, i18n.language)}</TableCell>
                        <TableCell />
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </TableContainer>
            </Stack>

            <Typography variant="subtitle1" component="h2" sx={{ mt: 2, mb: 1 }}>
              {t('privacy.request.heading')}
            </Typography>
            <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'center' }}>
              <NativeSelectField
                id="privacy-via"
                label={t('privacy.request.via')}
                value={via}
                onChange={(value) => setVia(value as PrivacyRequestVia)}
                options={PRIVACY_REQUEST_VIA.map((value) => ({ value, label: t(`privacy.requestedVia.${value}`) }))}
                testId="privacy-via"
                size="small"
                fullWidth={false}
              />
              <TextField
                id="privacy-received"
                label={t('privacy.request.receivedAt')}
                type="date"
                size="small"
                value={receivedOn}
                onChange={(event) => setReceivedOn(event.target.value)}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                id="privacy-note"
                label={t('privacy.request.note')}
                size="small"
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
              <Button
                variant="outlined"
                onClick={() => recordRequest('access')}
                disabled={record.isPending}
                data-testid="privacy-record-access"
              >
                {t('privacy.request.access')}
              </Button>
              <Button
                variant="outlined"
                color="error"
                onClick={() => recordRequest('erasure')}
                disabled={record.isPending}
                data-testid="privacy-record-erasure"
              >
                {t('privacy.request.erasure')}
              </Button>
            </Box>
            {record.error ? <ErrorAlert error={record.error} testId="privacy-record-error" /> : null}
            {recorded ? (
              <Alert severity="info" sx={{ mt: 2 }} data-testid="privacy-recorded" data-outcome={recorded.outcome}>
                <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
                  <span>{t('privacy.request.recorded', { kind: t(`privacy.kind.${recorded.kind}`) })}</span>
                  {recorded.outcome !== 'erased' ? <ExportLinks id={recorded.id} /> : null}
                  {recorded.kind === 'erasure' && recorded.outcome === 'pending' ? (
                    <Button
                      color="error"
                      variant="contained"
                      size="small"
                      onClick={() => setConfirming(recorded)}
                      data-testid="privacy-erase"
                    >
                      {t('privacy.erase')}
                    </Button>
                  ) : null}
                </Stack>
              </Alert>
            ) : null}
            {erased ? (
              <Alert severity="success" sx={{ mt: 2 }} data-testid="privacy-erased">
                {erased.openTicketNumbers.length
                  ? t('privacy.erased', { numbers: erased.openTicketNumbers.join(', ') })
                  : t('privacy.erasedNone')}
              </Alert>
            ) : null}
          </Box>
        ) : null}
      </Paper>

      <Paper component="section" aria-labelledby="privacy-requests-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="privacy-requests-heading" sx={{ mb: 1 }}>
          {t('privacy.requests.heading')}
        </Typography>
        <QueryState
          isPending={requests.isPending}
          error={requests.error}
          data={requests.data}
          onRetry={() => void requests.refetch()}
          isEmpty={(rows) => rows.length === 0}
          emptyText={t('privacy.requests.empty')}
        >
          {(rows) => (
            <TableContainer>
              <Table size="small" aria-labelledby="privacy-requests-heading" data-testid="privacy-requests">
                <TableHead>
                  <TableRow>
                    <TableCell>{t('privacy.columns.receivedAt')}</TableCell>
                    <TableCell>{t('privacy.columns.requestKind')}</TableCell>
                    <TableCell>{t('privacy.columns.identifier')}</TableCell>
                    <TableCell>{t('privacy.columns.via')}</TableCell>
                    <TableCell>{t('privacy.columns.outcome')}</TableCell>
                    <TableCell>{t('privacy.columns.recordedBy')}</TableCell>
                    <TableCell>{t('privacy.columns.handled')}</TableCell>
                    <TableCell>{t('privacy.columns.actions')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {rows.map((request) => (
                    <TableRow key={request.id} data-testid="privacy-request-row" data-outcome={request.outcome}>
                      <TableCell>{formatDay(request.receivedAt, i18n.language)}</TableCell>
                      <TableCell>{t(`privacy.kind.${request.kind}`)}</TableCell>
                      <TableCell>{request.identifierMasked}</TableCell>
                      <TableCell>{t(`privacy.requestedVia.${request.requestedVia}`)}</TableCell>
                      <TableCell>{t(`privacy.outcome.${request.outcome}`)}</TableCell>
                      <TableCell>{request.recordedBy}</TableCell>
                      <TableCell>
                        {request.handledBy && request.handledAt
                          ? `${request.handledBy}, ${formatDay(request.handledAt, i18n.language)}`
                          : '—'}
                      </TableCell>
                      <TableCell>{request.outcome !== 'erased' ? <ExportLinks id={request.id} /> : null}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          )}
        </QueryState>
      </Paper>

      <RetentionPolicies />

      <Dialog open={confirming !== null} onClose={() => setConfirming(null)} aria-labelledby="privacy-confirm-title">
        <DialogTitle id="privacy-confirm-title">{t('privacy.confirm.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>{t('privacy.confirm.closed')}</DialogContentText>
          <DialogContentText sx={{ mb: 1 }} data-testid="privacy-confirm-open">
            {t('privacy.confirm.open', { count: result?.counts.openTickets ?? 0 })}
          </DialogContentText>
          <DialogContentText>{t('privacy.confirm.final')}</DialogContentText>
          {erase.error ? <ErrorAlert error={erase.error} testId="privacy-erase-error" /> : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)}>{t('privacy.confirm.cancel')}</Button>
          <Button
            color="error"
            variant="contained"
            onClick={() => confirming && runErase(confirming)}
            disabled={erase.isPending}
            data-testid="privacy-confirm-erase"
          >
            {t('privacy.confirm.submit')}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
