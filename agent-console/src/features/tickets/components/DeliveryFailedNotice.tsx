// The warning on a ticket the unit's own system never received, with DK-03's two ways out: deliver again,
// or say how it was passed on (phone, e-mail). Other roles see the warning only.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { clearDeliveryFailedRequest, type FieldError, type TicketDto } from '@kck/contracts';
import { useDeliveryRecovery } from '../../../api/redelivery.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { useMe } from '../../auth/session';

export function DeliveryFailedNotice({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const recovery = useDeliveryRecovery(ticket.id);
  const [passingOn, setPassingOn] = useState(false);
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(recovery.error));
  const mayAct = me.role === 'triage' || me.role === 'admin';

  const submitPassedOn = (event: FormEvent) => {
    event.preventDefault();
    const parsed = clearDeliveryFailedRequest.safeParse({ reason, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) recovery.mutate({ action: 'passed-on', body: parsed.data });
  };

  return (
    <Alert severity="warning" sx={{ mb: 2 }} data-testid="ticket-delivery-failed">
      {t('ticket.deliveryFailed')}
      {mayAct ? (
        <Box sx={{ mt: 1 }}>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap' }}>
            <Button
              size="small"
              variant="outlined"
              disabled={recovery.isPending}
              onClick={() => recovery.mutate({ action: 'retry', body: { version: ticket.version } })}
              data-testid="delivery-retry"
            >
              {t('delivery.retry')}
            </Button>
            <Button
              size="small"
              disabled={recovery.isPending}
              onClick={() => setPassingOn(true)}
              data-testid="delivery-passed-on"
            >
              {t('delivery.passedOn')}
            </Button>
          </Stack>
          {passingOn ? (
            <Box component="form" onSubmit={submitPassedOn} noValidate sx={{ mt: 1.5 }}>
              <TextField
                id={`delivery-reason-${ticket.id}`}
                label={t('delivery.how')}
                value={reason}
                onChange={(event) => {
                  setReason(event.target.value);
                  setClientFields([]);
                }}
                size="small"
                fullWidth
                required
                autoFocus
                error={Boolean(fieldError('reason'))}
                helperText={fieldError('reason') ?? t('delivery.howHint')}
                slotProps={{ htmlInput: { 'data-testid': 'delivery-reason', maxLength: 2000 } }}
              />
              <Button type="submit" size="small" variant="contained" sx={{ mt: 1 }} disabled={recovery.isPending}>
                {t('delivery.confirmPassedOn')}
              </Button>
            </Box>
          ) : null}
          {recovery.isError && fieldErrorsOf(recovery.error).length === 0 ? (
            <Box sx={{ mt: 1 }}>
              <ErrorAlert error={recovery.error} testId="delivery-error" />
            </Box>
          ) : null}
        </Box>
      ) : null}
    </Alert>
  );
}
