// DK-03 links a related ticket (not a duplicate) by its number; the link shows on both tickets.
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
import { linkTicketRequest, type FieldError, type TicketDto } from '@kck/contracts';
import { useLinkTicket } from '../../../api/ticket-relations.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

export function LinkDialog({ ticket, onClose }: { ticket: TicketDto; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const link = useLinkTicket(ticket.id);
  const [other, setOther] = useState('');
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(link.error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = linkTicketRequest.safeParse({ other, reason: reason.trim() || undefined, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) link.mutate(parsed.data, { onSuccess: () => onClose(true) });
  };

  return (
    <Dialog
      open
      onClose={link.isPending ? undefined : () => onClose(false)}
      fullWidth
      maxWidth="sm"
      data-testid="link-dialog"
      aria-labelledby="link-title"
    >
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle id="link-title">{t('relations.link.title', { number: ticket.number })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('relations.link.explain')}</DialogContentText>
          <TextField
            label={t('relations.link.other')}
            value={other}
            onChange={(event) => setOther(event.target.value)}
            placeholder="KCK/2026/000123"
            fullWidth
            required
            autoFocus
            sx={{ mb: 2 }}
            error={Boolean(fieldError('other'))}
            helperText={fieldError('other') ?? t('relations.numberHint')}
            slotProps={{ htmlInput: { 'data-testid': 'link-other' } }}
          />
          <TextField
            label={t('relations.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            fullWidth
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? t('moves.reasonOptional')}
            slotProps={{ htmlInput: { 'data-testid': 'link-reason', maxLength: 2000 } }}
          />
          {link.isError && fieldErrorsOf(link.error).length === 0 ? (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={link.error} testId="link-error" />
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={() => onClose(false)} disabled={link.isPending}>
            {t('moves.cancel')}
          </Button>
          <Button type="submit" variant="contained" disabled={link.isPending} data-testid="link-submit">
            {link.isPending ? t('common.saving') : t('relations.link.confirm')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
