// Manual routing by DK-03: pick the responsible unit (and say why) for a ticket no rule could place,
// or send a ticket elsewhere. The server checks the transition; a 409 is shown, not swallowed.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { routeTicketRequest, type FieldError, type TicketDto, type TicketStatus } from '@kck/contracts';
import { useRouteTicket } from '../../../api/tickets.api';
import { useUnits } from '../../../api/units.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { NativeSelectField } from '../../../components/NativeSelectField';

/** Statuses from which DK-03 may (re)route a ticket. */
export const ROUTABLE_STATUSES: readonly TicketStatus[] = ['new', 'triage', 'returned', 'routed', 'reopened'];

export function RouteForm({ ticket, onRouted }: { ticket: TicketDto; onRouted?: (ticket: TicketDto) => void }) {
  const { t } = useTranslation();
  const units = useUnits();
  const route = useRouteTicket(ticket.id);
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [routedTo, setRoutedTo] = useState<string | null>(null);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(route.error));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = routeTicketRequest.safeParse({ unitId, reason: reason.trim() || undefined });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (!parsed.success) return;
    setRoutedTo(null);
    route.mutate(parsed.data, {
      onSuccess: (updated) => {
        setRoutedTo(updated.unitCode ?? '');
        setUnitId('');
        setReason('');
        onRouted?.(updated);
      },
    });
  };

  const options = (units.data ?? []).map((unit) => ({ value: unit.id, label: `${unit.code} — ${unit.name}` }));

  return (
    <Box component="form" onSubmit={onSubmit} noValidate aria-labelledby={`route-${ticket.id}`}>
      <Typography variant="subtitle2" component="h3" id={`route-${ticket.id}`} sx={{ mb: 1 }}>
        {ticket.status === 'routed' ? t('triage.rerouteTitle') : t('triage.routeTitle')}
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
          <Button type="submit" variant="contained" disabled={route.isPending} data-testid="route-submit">
            {route.isPending ? t('common.saving') : t('triage.route')}
          </Button>
        </Box>
        <Box aria-live="polite">
          {routedTo !== null ? (
            <Alert severity="success" data-testid="route-success">
              {t('triage.routed', { unit: routedTo })}
            </Alert>
          ) : null}
        </Box>
        {route.error && fieldErrorsOf(route.error).length === 0 ? <ErrorAlert error={route.error} /> : null}
      </Stack>
    </Box>
  );
}
