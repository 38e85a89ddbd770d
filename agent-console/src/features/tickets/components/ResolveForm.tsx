// Resolving a ticket: the answer is what the resident hears back, so it is required and checked with
// the contracts' schema in the browser; it stays inline because it is the unit's usual last step.
import { useState, type FormEvent } from 'react';
import { Box, Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { resolveTicketRequest, type FieldError, type TicketDto } from '@kck/contracts';
import type { TicketMove } from '../../../api/tickets.api';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { TemplatePicker } from '../../workspace/components/TemplatePicker';

interface Props {
  ticket: TicketDto;
  pending: boolean;
  error: unknown;
  onSubmit: (move: TicketMove) => void;
}

export function ResolveForm({ ticket, pending, error, onSubmit }: Props) {
  const { t } = useTranslation();
  const [answer, setAnswer] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(error));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resolveTicketRequest.safeParse({ answer, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) onSubmit({ action: 'resolve', body: parsed.data });
  };

  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Stack spacing={1.5}>
        <TemplatePicker ticket={ticket} onPick={setAnswer} testId="resolve-template" />
        <TextField
          id={`ticket-answer-${ticket.id}`}
          label={t('unitQueue.answer')}
          value={answer}
          onChange={(event) => {
            setAnswer(event.target.value);
            // The message was about what was typed before; the next submit checks again.
            setClientFields([]);
          }}
          multiline
          minRows={4}
          required
          error={Boolean(fieldError('answer'))}
          helperText={fieldError('answer') ?? t('unitQueue.answerHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-answer', maxLength: 10_000 } }}
        />
        <Box>
          <Button type="submit" variant="contained" color="success" disabled={pending} data-testid="ticket-resolve">
            {pending ? t('common.saving') : t('unitQueue.resolve')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
