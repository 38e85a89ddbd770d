// Manual routing by DK-03: pick the responsible unit (and say why) for a ticket no rule could place,
// or send a ticket elsewhere. The request and its errors belong to TicketActions, which runs every move.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { routeTicketRequest, type FieldError, type TicketDto, type TicketStatus } from '@kck/contracts';
import type { TicketMove } from '../../../api/tickets.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

/** Statuses in which some unit holds the ticket, so routing means taking it away from that unit. */
const WITH_A_UNIT: readonly TicketStatus[] = ['routed', 'accepted', 'in_progress', 'reopened'];

interface Props {
  ticket: TicketDto;
  pending: boolean;
  /** The failure of the last routing attempt; field errors land on the fields, the rest is shown by the caller. */
  error: unknown;
  onSubmit: (move: TicketMove, onRouted: (ticket: TicketDto) => void) => void;
}

export function RouteForm({ ticket, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const units = useUnits();
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [routedTo, setRoutedTo] = useState<string | null>(null);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = routeTicketRequest.safeParse({
      unitId,
      reason: reason.trim() || undefined,
      version: ticket.version,
    });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    setRoutedTo(null);
    onSubmit({ action: 'route', body: parsed.data }, (updated) => {
      setRoutedTo(updated.unitCode ?? '');
      setUnitId('');
      setReason('');
    });
  };

  const options = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={`route-${ticket.id}`}>
      <Typography variant="subtitle2" component="h3" id={`route-${ticket.id}`} sx={{ mb: 1 }}>
        {WITH_A_UNIT.includes(ticket.status) ? t('triage.rerouteTitle') : t('triage.routeTitle')}
      </Typography>
      <Stack spacing={2}>
        <NativeSelectField
          id={`route-unit-${ticket.id}`}
          label={t('triage.unit')}
          value={unitId}
          onChange={setUnitId}
          options={options}
          placeholder={units.isPending ? t('common.loading') : t('common.choose')}
          testId="route-unit"
          required
          error={fieldError('unitId')}
        />
        {units.error ? <ErrorAlert error={units.error} /> : null}
        <TextField
          id={`route-reason-${ticket.id}`}
          label={t('triage.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          multiline
          minRows={2}
          size="small"
          error={Boolean(fieldError('reason'))}
          helperText={fieldError('reason') ?? t('triage.reasonHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'route-reason', maxLength: 2000 } }}
        />
        <Box>
          <Button type="submit" variant="contained" disabled={pending} data-testid="route-submit">
            {pending ? t('common.saving') : t('triage.route')}
          </Button>
        </Box>
        <Box aria-live="polite">
          {routedTo !== null ? (
            <Alert severity="success" data-testid="route-success">
              {t('triage.routed', { unit: routedTo })}
            </Alert>
          ) : null}
        </Box>
      </Stack>
    </Box>
  );
}
