// The dialog for moves that carry a reason: return to DK-03, reject, reopen (required) and close (optional).
// Checked in the browser with the contracts' own schema, so the user hears "too short" before any request.
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
import { closeTicketRequest, reasonedMoveRequest, type FieldError, type TicketDto } from '@kck/contracts';
import type { TicketMove } from '../../../api/tickets.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import type { DialogAction } from '../ticket-moves';

interface Props {
  action: DialogAction;
  ticket: TicketDto;
  pending: boolean;
  /** The failure of this dialog's last attempt, if any. */
  error: unknown;
  onCancel: () => void;
  onConfirm: (move: TicketMove) => void;
}

export function MoveDialog({ action, ticket, pending, error, onCancel, onConfirm }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(error));
  const optional = action === 'close';
  const titleId = `move-title-${ticket.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (action === 'close') {
      const parsed = closeTicketRequest.safeParse({ reason: reason.trim() || undefined, version: ticket.version });
      setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
      if (parsed.success) onConfirm({ action, body: parsed.data });
      return;
    }
    const parsed = reasonedMoveRequest.safeParse({ reason, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) onConfirm({ action, body: parsed.data });
  };

  return (
    <Dialog
      open
      onClose={pending ? undefined : onCancel}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
      data-testid="move-dialog"
      data-action={action}
    >
      <Box component="form" onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId}>{t(`moves.${action}.title`, { number: ticket.number })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t(`moves.${action}.explain`)}</DialogContentText>
          <TextField
            id={`move-reason-${ticket.id}`}
            label={t(`moves.${action}.reason`)}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              // The message was about what was typed before; the next submit checks again.
              setClientFields([]);
            }}
            multiline
            minRows={3}
            fullWidth
            autoFocus
            required={!optional}
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? t(optional ? 'moves.reasonOptional' : 'moves.reasonRequired')}
            slotProps={{ htmlInput: { 'data-testid': 'move-reason', maxLength: 2000 } }}
          />
          {error && fieldErrorsOf(error).length === 0 ? (
            <Box sx={{ mt: 2 }}>
              <ErrorAlert error={error} testId="move-error" />
            </Box>
          ) : null}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button onClick={onCancel} disabled={pending} data-testid="move-cancel">
            {t('moves.cancel')}
          </Button>
          <Button
            type="submit"
            variant="contained"
            color={action === 'reject' ? 'error' : action === 'return' ? 'warning' : 'primary'}
            disabled={pending}
            data-testid="move-submit"
          >
            {pending ? t('common.saving') : t(`moves.${action}.confirm`)}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
