// DK-03 names another ticket by its number (KCK/2026/000123), with a reason: the main ticket a duplicate is merged
// into, or a related ticket to link. Texts come from `relations.<kind>.*`, test ids are `<kind>-*`.
import { useState } from 'react';
import { TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { FieldError, TicketDto } from '@kck/contracts';
import { FormDialog } from '../../../components/FormDialog';
import {
  fieldErrorsFromIssues,
  fieldErrorsOf,
  useFieldErrors,
  type ZodLikeIssue,
} from '../../../components/field-errors';

/** The request's schema from the contracts, run in the browser first. */
interface RequestSchema<Body> {
  safeParse(input: unknown): { success: true; data: Body } | { success: false; error: { issues: ZodLikeIssue[] } };
}

/** The command's mutation (api/ticket-relations.api.ts). */
interface Command<Body> {
  mutate(body: Body, options: { onSuccess: () => void }): void;
  isPending: boolean;
  error: unknown;
}

interface Props<Body> {
  kind: 'merge' | 'link';
  /** The request field that carries the other ticket's number. */
  field: 'into' | 'other';
  schema: RequestSchema<Body>;
  command: Command<Body>;
  /** A merge must say why; a link may. */
  reasonRequired: boolean;
  ticket: TicketDto;
  onClose: (done: boolean) => void;
}

export function TicketNumberDialog<Body>({
  kind,
  field,
  schema,
  command,
  reasonRequired,
  ticket,
  onClose,
}: Props<Body>) {
  const { t } = useTranslation();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(command.error));

  const submit = () => {
    const parsed = schema.safeParse({
      [field]: number,
      reason: reasonRequired ? reason : reason.trim() || undefined,
      version: ticket.version,
    });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) command.mutate(parsed.data, { onSuccess: () => onClose(true) });
  };

  return (
    <FormDialog
      testId={kind}
      title={t(`relations.${kind}.title`, { number: ticket.number })}
      explain={t(`relations.${kind}.explain`)}
      confirm={t(`relations.${kind}.confirm`)}
      pending={command.isPending}
      error={command.error}
      onSubmit={submit}
      onCancel={() => onClose(false)}
    >
      <TextField
        label={t(`relations.${kind}.${field}`)}
        value={number}
        onChange={(event) => setNumber(event.target.value)}
        placeholder="KCK/2026/000123"
        fullWidth
        required
        autoFocus
        sx={{ mb: 2 }}
        error={Boolean(fieldError(field))}
        helperText={fieldError(field) ?? t('relations.numberHint')}
        slotProps={{ htmlInput: { 'data-testid': `${kind}-${field}` } }}
      />
      <TextField
        label={t('relations.reason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        multiline={reasonRequired}
        minRows={reasonRequired ? 2 : undefined}
        fullWidth
        required={reasonRequired}
        error={Boolean(fieldError('reason'))}
        helperText={fieldError('reason') ?? t(reasonRequired ? 'moves.reasonRequired' : 'moves.reasonOptional')}
        slotProps={{ htmlInput: { 'data-testid': `${kind}-reason`, maxLength: 2000 } }}
      />
    </FormDialog>
  );
}
