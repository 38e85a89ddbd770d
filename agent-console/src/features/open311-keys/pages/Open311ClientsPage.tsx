// "Klucze Open311": the apps and partners' systems (FixMyStreet and others) that send reports over Open311
// GeoReport v2. Admins issue a key per client (shown here once, then never again), see its last use and revoke it.
import { useState } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Chip,
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
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import {
  createOpen311ClientRequest,
  OPEN311_PREFIX,
  type FieldError,
  type IssuedOpen311ClientDto,
  type Open311ClientDto,
} from '@kck/contracts';
import { useIssueOpen311Client, useOpen311Clients, useRevokeOpen311Client } from '../../../api/open311-clients.api';
import { formatDateTime } from '../../../components/format';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';

function IssueDialog({
  onClose,
  onIssued,
}: {
  onClose: () => void;
  onIssued: (client: IssuedOpen311ClientDto) => void;
}) {
  const { t } = useTranslation();
  const issue = useIssueOpen311Client();
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(issue.error));
  const submit = () => {
    const parsed = createOpen311ClientRequest.safeParse({ name, contact });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) issue.mutate(parsed.data, { onSuccess: onIssued });
  };
  const field = (id: string, label: string, value: string, set: (v: string) => void, path: string, max: number) => (
    <TextField
      id={id}
      label={label}
      value={value}
      onChange={(event) => set(event.target.value)}
      size="small"
      fullWidth
      required
      error={Boolean(fieldError(path))}
      helperText={fieldError(path)}
      slotProps={{ htmlInput: { 'data-testid': id, maxLength: max } }}
    />
  );
  return (
    <FormDialog
      testId="open311-issue"
      title={t('open311Clients.issueTitle')}
      explain={t('open311Clients.issueExplain')}
      confirm={t('open311Clients.issue')}
      pending={issue.isPending}
      error={issue.error}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        {field('open311-client-name', t('open311Clients.columns.name'), name, setName, 'name', 100)}
        {field('open311-client-contact', t('open311Clients.columns.contact'), contact, setContact, 'contact', 300)}
      </Stack>
    </FormDialog>
  );
}

function RevokeDialog({
  client,
  onClose,
  onRevoked,
}: {
  client: Open311ClientDto;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useTranslation();
  const revoke = useRevokeOpen311Client();
  return (
    <FormDialog
      testId="open311-revoke"
      title={t('open311Clients.revokeTitle', { name: client.name })}
      explain={t('open311Clients.revokeExplain')}
      confirm={t('open311Clients.revoke')}
      confirmColor="error"
      pending={revoke.isPending}
      error={revoke.error}
      onSubmit={() => revoke.mutate(client.id, { onSuccess: onRevoked })}
      onCancel={onClose}
    >
      {null}
    </FormDialog>
  );
}

export function Open311ClientsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const clients = useOpen311Clients();
  const [issuing, setIssuing] = useState(false);
  const [issued, setIssued] = useState<IssuedOpen311ClientDto | null>(null);
  const [revoking, setRevoking] = useState<Open311ClientDto | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const endpoint = `${window.location.origin}${OPEN311_PREFIX}/`;

  return (
    <Paper component="section" aria-labelledby="open311-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="open311-heading" sx={{ flexGrow: 1 }}>
          {t('open311Clients.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          onClick={() => setIssuing(true)}
          data-testid="open311-client-add"
        >
          {t('open311Clients.issue')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('open311Clients.intro')} <code data-testid="open311-endpoint">{endpoint}</code>
      </Typography>
      <LiveRegion message={announcement} />
      {issued ? (
        <Alert severity="success" sx={{ mb: 2 }} onClose={() => setIssued(null)} data-testid="open311-issued">
          <AlertTitle>{t('open311Clients.issuedTitle', { name: issued.name })}</AlertTitle>
          {t('open311Clients.issuedOnce')}
          <Box
            component="pre"
            sx={{ my: 1, p: 1, bgcolor: 'grey.100', overflowX: 'auto', userSelect: 'all' }}
            data-testid="open311-issued-key"
          >
            {issued.apiKey}
          </Box>
          <Button size="small" onClick={() => void navigator.clipboard?.writeText(issued.apiKey)}>
            {t('open311Clients.copy')}
          </Button>
        </Alert>
      ) : null}
      <QueryState
        isPending={clients.isPending}
        error={clients.error}
        data={clients.data}
        onRetry={() => void clients.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('open311Clients.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-label={t('open311Clients.title')} data-testid="open311-clients-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('open311Clients.columns.name')}</TableCell>
                  <TableCell>{t('open311Clients.columns.contact')}</TableCell>
                  <TableCell>{t('open311Clients.columns.key')}</TableCell>
                  <TableCell>{t('open311Clients.columns.created')}</TableCell>
                  <TableCell>{t('open311Clients.columns.lastUsed')}</TableCell>
                  <TableCell>{t('open311Clients.columns.status')}</TableCell>
                  <TableCell>{t('open311Clients.columns.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((client) => (
                  <TableRow
                    key={client.id}
                    data-testid="open311-client-row"
                    data-revoked={client.revokedAt ? 'true' : 'false'}
                    sx={{ opacity: client.revokedAt ? 0.6 : 1, verticalAlign: 'top' }}
                  >
                    <TableCell>{client.name}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-word' }}>{client.contact}</TableCell>
                    <TableCell>
                      <code>{client.keyHint}</code>
                    </TableCell>
                    <TableCell>
                      {formatDateTime(client.createdAt, language)}
                      {client.createdByName ? (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {client.createdByName}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {client.lastUsedAt ? formatDateTime(client.lastUsedAt, language) : t('open311Clients.never')}
                    </TableCell>
                    <TableCell>
                      {client.revokedAt ? (
                        <Chip
                          size="small"
                          label={t('open311Clients.revokedAt', {
                            at: formatDateTime(client.revokedAt, language),
                            who: client.revokedByName ?? '—',
                          })}
                        />
                      ) : (
                        <Chip size="small" color="success" label={t('open311Clients.live')} />
                      )}
                    </TableCell>
                    <TableCell>
                      {client.revokedAt ? null : (
                        <Button
                          size="small"
                          color="error"
                          onClick={() => setRevoking(client)}
                          data-testid="open311-client-revoke"
                        >
                          {t('open311Clients.revoke')}
                        </Button>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
      {issuing ? (
        <IssueDialog
          onClose={() => setIssuing(false)}
          onIssued={(client) => {
            setIssuing(false);
            setIssued(client);
            setAnnouncement(t('open311Clients.issuedTitle', { name: client.name }));
          }}
        />
      ) : null}
      {revoking ? (
        <RevokeDialog
          client={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setAnnouncement(t('open311Clients.revokedNotice', { name: revoking.name }));
            setRevoking(null);
          }}
        />
      ) : null}
    </Paper>
  );
}
