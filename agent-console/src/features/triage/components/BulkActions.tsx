// Moves over the tickets chosen in the inbox (or the one with the cursor): route them to a unit, merge them into one
// main ticket, reject them as spam. All or nothing: when one cannot move, the server names it and nothing changes.
import { useState, type FormEvent } from 'react';
import { Box, Button, Checkbox, FormControlLabel, Paper, Stack, TextField, Typography } from '@mui/material';
import BlockIcon from '@mui/icons-material/Block';
import MergeIcon from '@mui/icons-material/MergeType';
import SendIcon from '@mui/icons-material/Send';
import { useTranslation } from 'react-i18next';
import { bulkTriageRequest, type BulkTriageRequest, type TicketDto } from '@kck/contracts';
import { ariaKeys } from '../../../app/shortcuts';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { FormDialog } from '../../../components/FormDialog';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { liveClaim } from '../inbox-filter';

/** The unit field of the bulk route, where R puts the focus while tickets are chosen. */
export const BULK_UNIT_FIELD = 'bulk-route-unit';

/** The names of colleagues holding some of these tickets (live claims). */
export function otherHolders(tickets: readonly TicketDto[], meId: string): string[] {
  const names = tickets.map((ticket) => liveClaim(ticket)).filter((holder) => holder && holder.id !== meId);
  return [...new Set(names.map((holder) => holder!.displayName))];
}

function TakeOver({
  holders,
  checked,
  onChange,
}: {
  holders: string[];
  checked: boolean;
  onChange: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  if (holders.length === 0) return null;
  return (
    <FormControlLabel
      control={
        <Checkbox
          checked={checked}
          onChange={(event) => onChange(event.target.checked)}
          size="small"
          slotProps={{ input: { 'data-testid': 'bulk-takeover' } as object }}
        />
      }
      label={t('triageInbox.bulk.takeOver', { names: holders.join(', ') })}
    />
  );
}

interface BarProps {
  chosen: readonly TicketDto[];
  meId: string;
  pending: boolean;
  /** The last bulk attempt's failure; it names the ticket that held the others up. */
  error: unknown;
  onSubmit: (request: BulkTriageRequest) => void;
  onDialog: (kind: 'merge' | 'reject') => void;
  onClear: () => void;
}

export function BulkBar({ chosen, meId, pending, error, onSubmit, onDialog, onClear }: BarProps) {
  const { t } = useTranslation();
  const units = useUnits();
  const [unitId, setUnitId] = useState('');
  const [takeOver, setTakeOver] = useState(false);
  const holders = otherHolders(chosen, meId);
  const ids = chosen.map((ticket) => ticket.id);

  const route = (event: FormEvent) => {
    event.preventDefault();
    if (!unitId) return document.getElementById(BULK_UNIT_FIELD)?.focus();
    onSubmit({ action: 'route', ticketIds: ids, unitId, takeOver: takeOver || undefined });
  };

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="bulk-heading"
      data-testid="bulk-bar"
      data-count={chosen.length}
      sx={{ mx: 2, mb: 1, p: 1.5, bgcolor: 'action.hover' }}
    >
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2" component="h2" id="bulk-heading" sx={{ flexGrow: 1 }}>
          {t('triageInbox.bulk.chosen', { count: chosen.length })}
        </Typography>
        <Button size="small" onClick={onClear} data-testid="bulk-clear">
          {t('triageInbox.bulk.clear')}
        </Button>
      </Stack>
      <Box
        component="form"
        onSubmit={route}
        noValidate
        sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}
      >
        <Box sx={{ flex: '1 1 220px' }}>
          <NativeSelectField
            id={BULK_UNIT_FIELD}
            label={t('triageInbox.bulk.unit')}
            value={unitId}
            onChange={setUnitId}
            options={(units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }))}
            placeholder={units.isPending ? t('common.loading') : t('common.choose')}
            testId="bulk-route-unit"
          />
        </Box>
        <Button
          type="submit"
          variant="contained"
          startIcon={<SendIcon />}
          disabled={pending}
          aria-keyshortcuts={ariaKeys('triage.route')}
          data-testid="bulk-route-submit"
        >
          {pending ? t('common.saving') : t('triageInbox.bulk.route')}
        </Button>
        <Button
          variant="outlined"
          startIcon={<MergeIcon />}
          onClick={() => onDialog('merge')}
          disabled={pending}
          aria-keyshortcuts={ariaKeys('triage.merge')}
          data-testid="bulk-merge"
        >
          {t('triageInbox.bulk.merge')}
        </Button>
        <Button
          variant="outlined"
          color="error"
          startIcon={<BlockIcon />}
          onClick={() => onDialog('reject')}
          disabled={pending}
          aria-keyshortcuts={ariaKeys('triage.spam')}
          data-testid="bulk-spam"
        >
          {t('triageInbox.bulk.spam')}
        </Button>
      </Box>
      <TakeOver holders={holders} checked={takeOver} onChange={setTakeOver} />
      {error ? (
        <Box sx={{ mt: 1 }}>
          <ErrorAlert error={error} testId="bulk-error" />
        </Box>
      ) : null}
    </Paper>
  );
}

interface DialogProps {
  kind: 'merge' | 'reject';
  tickets: readonly TicketDto[];
  meId: string;
  pending: boolean;
  error: unknown;
  onSubmit: (request: BulkTriageRequest) => void;
  onCancel: () => void;
}

/** Merge into a main ticket (by number; the oldest chosen is offered) or reject as spam, after saying why. */
export function BulkDialog({ kind, tickets, meId, pending, error, onSubmit, onCancel }: DialogProps) {
  const { t } = useTranslation();
  const oldest = [...tickets].sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
  // Several chosen: the oldest is the likely main ticket. One: it is merged into a ticket the person names.
  const [into, setInto] = useState(tickets.length > 1 ? (oldest?.number ?? '') : '');
  const [reason, setReason] = useState(kind === 'reject' ? t('triageInbox.bulk.spamReason') : '');
  const [takeOver, setTakeOver] = useState(false);
  const [clientIssues, setClientIssues] = useState<ReturnType<typeof fieldErrorsFromIssues>>([]);
  const fieldError = useFieldErrors(clientIssues.length ? clientIssues : fieldErrorsOf(error));
  const holders = otherHolders(tickets, meId);
  const numbers = tickets.map((ticket) => ticket.number).join(', ');

  const submit = () => {
    const request = {
      action: kind,
      ticketIds: tickets.map((ticket) => ticket.id),
      reason: reason.trim(),
      takeOver: takeOver || undefined,
      ...(kind === 'merge' ? { into: into.trim() } : {}),
    };
    const parsed = bulkTriageRequest.safeParse(request);
    setClientIssues(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) onSubmit(parsed.data);
  };

  return (
    <FormDialog
      testId={`bulk-${kind}`}
      action={kind}
      title={t(`triageInbox.bulk.${kind}Title`, { count: tickets.length })}
      explain={t(`triageInbox.bulk.${kind}Explain`, { numbers })}
      confirm={t(`triageInbox.bulk.${kind}Confirm`, { count: tickets.length })}
      confirmColor={kind === 'reject' ? 'error' : 'primary'}
      pending={pending}
      error={error}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        {kind === 'merge' ? (
          <TextField
            autoFocus
            required
            label={t('triageInbox.bulk.into')}
            value={into}
            onChange={(event) => setInto(event.target.value)}
            error={Boolean(fieldError('into'))}
            helperText={fieldError('into') ?? t('triageInbox.bulk.intoHelp')}
            slotProps={{ htmlInput: { 'data-testid': 'bulk-into' } }}
          />
        ) : null}
        <TextField
          autoFocus={kind === 'reject'}
          required
          multiline
          minRows={2}
          label={t('triageInbox.bulk.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={Boolean(fieldError('reason'))}
          helperText={fieldError('reason') ?? t(`triageInbox.bulk.${kind}ReasonHelp`)}
          slotProps={{ htmlInput: { 'data-testid': 'bulk-reason', maxLength: 2000 } }}
        />
        <TakeOver holders={holders} checked={takeOver} onChange={setTakeOver} />
      </Stack>
    </FormDialog>
  );
}
