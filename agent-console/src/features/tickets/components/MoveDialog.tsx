// The dialog for moves that carry a reason: return to DK-03, reject, reopen (required) and close (a closure
// reason from the dictionary, a comment optional). Checked with the contracts' own schema before any request.
import { useState } from 'react';
import { Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { closeTicketRequest, reasonedMoveRequest, type FieldError, type TicketDto } from '@kck/contracts';
import type { TicketMove } from '../../../api/tickets.api';
import { dictionaryOptions, useDictionary } from '../../../api/dictionaries.api';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { FormDialog } from '../../../components/FormDialog';
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
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const [closureReasonId, setClosureReasonId] = useState('');
  const closureReasons = useDictionary('closure_reason');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(error));
  const optional = action === 'close';

  const onSubmit = () => {
    if (action === 'close') {
      const parsed = closeTicketRequest.safeParse({
        closureReasonId,
        reason: reason.trim() || undefined,
        version: ticket.version,
      });
      setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
      if (parsed.success) onConfirm({ action, body: parsed.data });
      return;
    }
    const parsed = reasonedMoveRequest.safeParse({ reason, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) onConfirm({ action, body: parsed.data });
  };

  return (
    <FormDialog
      testId="move"
      action={action}
      title={t(`moves.${action}.title`, { number: ticket.number })}
      explain={t(`moves.${action}.explain`)}
      confirm={t(`moves.${action}.confirm`)}
      confirmColor={action === 'reject' ? 'error' : action === 'return' ? 'warning' : 'primary'}
      pending={pending}
      error={error}
      onSubmit={onSubmit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        {action === 'close' ? (
          <NativeSelectField
            id={`move-closure-reason-${ticket.id}`}
            label={t('moves.close.closureReason')}
            value={closureReasonId}
            onChange={(value) => {
              setClosureReasonId(value);
              setClientFields([]);
            }}
            options={dictionaryOptions(closureReasons.data, i18n.language)}
            placeholder={closureReasons.isPending ? t('common.loading') : t('moves.close.closureReasonPick')}
            testId="move-closure-reason"
            required
            error={fieldError('closureReasonId')}
          />
        ) : null}
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
          autoFocus={!optional}
          required={!optional}
          error={Boolean(fieldError('reason'))}
          helperText={fieldError('reason') ?? t(optional ? 'moves.reasonOptional' : 'moves.reasonRequired')}
          slotProps={{ htmlInput: { 'data-testid': 'move-reason', maxLength: 2000 } }}
        />
      </Stack>
    </FormDialog>
  );
}
