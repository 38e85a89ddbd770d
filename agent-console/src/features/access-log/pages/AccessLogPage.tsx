// "Rejestr dostępu": the security officer answers "who saw this resident's data and when" by the resident's phone
// or e-mail, a user, an action or a period; exports what is found as CSV and checks the hash chain is intact.
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
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
import DownloadIcon from '@mui/icons-material/Download';
import VerifiedIcon from '@mui/icons-material/VerifiedUser';
import { useTranslation } from 'react-i18next';
import { ACCESS_ACTIONS, type AccessAction, type AccessLogEntryDto } from '@kck/contracts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { LiveRegion } from '../../../components/LiveRegion';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { QueryState } from '../../../components/QueryState';
import { accessLogCsvUrl, EMPTY_FILTERS, useAccessLog, useVerifyChain, type AccessLogFilters } from '../access-log.api';
import '../i18n/register';

/** To the second, in Kraków's time: an audit asks exactly when. */
const formatAt = (iso: string, language: string) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'pl-PL', {
    timeZone: 'Europe/Warsaw',
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(iso));

export function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<AccessLogFilters>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<AccessLogFilters>(EMPTY_FILTERS);
  const log = useAccessLog(filters);
  const verify = useVerifyChain();
  const entries = log.data?.pages.flatMap((page) => page.entries);
  const [announcement, setAnnouncement] = useState('');

  const field = (key: Exclude<keyof AccessLogFilters, 'action'>, type = 'text') => (
    <TextField
      id={`access-log-${key}`}
      label={t(`accessLog.filters.${key}`)}
      type={type}
      size="small"
      value={draft[key]}
      onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      slotProps={{ htmlInput: { 'data-testid': `access-log-${key}` }, inputLabel: { shrink: true } }}
    />
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ ...draft });
  };

  const runVerify = () =>
    verify.mutate(undefined, {
      onSuccess: (result) =>
        setAnnouncement(
          result.ok
            ? t('accessLog.verifyOk', { count: result.checked })
            : t('accessLog.verifyBroken', {
                seq: result.brokenAt?.seq,
                problem: t(`accessLog.problem.${result.brokenAt?.problem ?? 'hash'}`),
              }),
        ),
    });

  const who = (entry: AccessLogEntryDto) =>
    entry.user.login
      ? `${entry.user.displayName ?? ''} (${entry.user.login}${entry.user.role ? `, ${t(`roles.${entry.user.role}`)}` : ''})`
      : '—';

  return (
    <Paper component="section" aria-labelledby="access-log-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="access-log-heading" sx={{ flexGrow: 1 }}>
          {t('accessLog.title')}
        </Typography>
        <Button
          variant="outlined"
          startIcon={<DownloadIcon />}
          href={accessLogCsvUrl(filters)}
          download
          data-testid="access-log-export"
        >
          {t('accessLog.exportCsv')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<VerifiedIcon />}
          onClick={runVerify}
          disabled={verify.isPending}
          data-testid="access-log-verify"
        >
          {t('accessLog.verify')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('accessLog.intro')}
      </Typography>
      {verify.data ? (
        <Alert
          severity={verify.data.ok ? 'success' : 'error'}
          sx={{ mb: 2 }}
          data-testid="access-log-verify-result"
          data-ok={verify.data.ok ? 'true' : 'false'}
        >
          {announcement}
        </Alert>
      ) : null}
      {verify.error ? <ErrorAlert error={verify.error} testId="access-log-verify-error" /> : null}
      <Box
        component="form"
        role="search"
        aria-label={t('accessLog.filters.label')}
        onSubmit={search}
        sx={{
          display: 'flex',
          gap: 2,
          flexWrap: 'wrap',
          mb: 2,
          alignItems: 'center',
          '& > .MuiFormControl-root': { minWidth: 180 },
        }}
      >
        {field('phone', 'tel')}
        {field('email', 'email')}
        {field('user')}
        <NativeSelectField
          id="access-log-action"
          label={t('accessLog.filters.action')}
          value={draft.action}
          onChange={(value) => setDraft({ ...draft, action: value as AccessAction | '' })}
          options={ACCESS_ACTIONS.map((value) => ({ value, label: t(`accessLog.action.${value}`) }))}
          placeholder={t('accessLog.filters.anyAction')}
          testId="access-log-action"
          size="small"
          fullWidth={false}
        />
        {field('from', 'date')}
        {field('to', 'date')}
        <Button type="submit" variant="contained" data-testid="access-log-search">
          {t('accessLog.filters.search')}
        </Button>
        <Button
          type="button"
          onClick={() => {
            setDraft(EMPTY_FILTERS);
            setFilters(EMPTY_FILTERS);
          }}
        >
          {t('accessLog.filters.clear')}
        </Button>
      </Box>
      <LiveRegion message={announcement} testId="access-log-announcement" />
      <QueryState
        isPending={log.isPending}
        error={log.error}
        data={entries}
        onRetry={() => void log.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('accessLog.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="access-log-heading" data-testid="access-log-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('accessLog.columns.seq')}</TableCell>
                  <TableCell>{t('accessLog.columns.at')}</TableCell>
                  <TableCell>{t('accessLog.columns.user')}</TableCell>
                  <TableCell>{t('accessLog.columns.action')}</TableCell>
                  <TableCell>{t('accessLog.columns.subject')}</TableCell>
                  <TableCell>{t('accessLog.columns.description')}</TableCell>
                  <TableCell>{t('accessLog.columns.reason')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((entry) => (
                  <TableRow
                    key={entry.seq}
                    data-testid="access-log-row"
                    data-seq={entry.seq}
                    data-action={entry.action}
                    data-user={entry.user.login ?? ''}
                  >
                    <TableCell>{entry.seq}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatAt(entry.at, i18n.language)}</TableCell>
                    <TableCell>{who(entry)}</TableCell>
                    <TableCell>{t(`accessLog.action.${entry.action}`)}</TableCell>
                    <TableCell>
                      {t(`accessLog.subjectKind.${entry.subject.kind}`)}
                      {entry.subject.label || entry.subject.id ? ` ${entry.subject.label ?? entry.subject.id}` : ''}
                    </TableCell>
                    <TableCell>{entry.description}</TableCell>
                    <TableCell>{entry.reason ?? '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {log.hasNextPage ? (
        <Button
          sx={{ mt: 1 }}
          onClick={() => void log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
          data-testid="access-log-more"
        >
          {t('accessLog.more')}
        </Button>
      ) : null}
    </Paper>
  );
}
