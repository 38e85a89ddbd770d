// DK-03 marks a ticket as a duplicate of its main ticket, picked by number (KCK/2026/000123), with a reason.
// The duplicate's reporter is told the main number and later gets the main ticket's answer.
import { useState, type FormEvent } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { mergeTicketRequest, type FieldError, type TicketDto } from '@kck/contracts';
import { useMergeTicket } from '../../../api/ticket-relations.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

export function MergeDialog({ ticket, onClose }: { ticket: TicketDto; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const merge = useMergeTicket(ticket.id);
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(merge.error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = mergeTicketRequest.safeParse({ into, reason, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) merge.mutate(parsed.data, { onSuccess: () => onClose(true) });
  };

  return (
    <Dialog
      open
      onClose={merge.isPending ? undefined : () => onClose(false)}
      fullWidth
      maxWidth="sm"
      data-testid="merge-dialog"
      aria-labelledby="merge-title"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="merge-title">{t('relations.merge.title', { number: ticket.number })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('relations.merge.explain')}</DialogContentText>
          <TextField
            label={t('relations.merge.into')}
            value={into}
            onChange={(event) => setInto(event.target.value)}
            placeholder="KCK/2026/000123"
            fullWidth
            required
            autoFocus
            sx={{ mb: 2 }}
            error={Boolean(fieldError('into'))}
            helperText={fieldError('into') ?? t('relations.numberHint')}
            slotProps={{ htmlInput: { 'data-testid': 'merge-into' } }}
          />
          <TextField
            label={t('relations.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            required
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? t('moves.reasonRequired')}
            slotProps={{ htmlInput: { 'data-testid': 'merge-reason', maxLength: 2000 } }}
          />
          {merge.isError && fieldErrorsOf(merge.error).length === 0 ? (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={merge.error} testId="merge-error" />
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(false)} disabled={merge.isPending}>
            {t('moves.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={merge.isPending} data-testid="merge-submit">
            {merge.isPending ? t('common.saving') : t('relations.merge.confirm')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
