// What unit staff do with a ticket routed to them: accept it, then answer the resident and resolve it.
// The answer is what the resident hears back, so it is required and checked with the contracts' schema.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { resolveTicketRequest, type FieldError, type TicketDto, type TicketStatus } from '@kck/contracts';
import { useAcceptTicket, useResolveTicket } from '../../../api/tickets.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

export const ACCEPTABLE_STATUSES: readonly TicketStatus[] = ['routed', 'reopened'];
export const RESOLVABLE_STATUSES: readonly TicketStatus[] = ['accepted', 'in_progress'];

function AcceptAction({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const accept = useAcceptTicket(ticket.id);
  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <Typography variant="body2">{t('unitQueue.acceptHint')}</Typography>
      <Button
        variant="contained"
        onClick={() => accept.mutate({})}
        disabled={accept.isPending}
        data-testid="ticket-accept"
      >
        {accept.isPending ? t('common.saving') : t('unitQueue.accept')}
      </Button>
      {accept.error ? <ErrorAlert error={accept.error} /> : null}
    </Stack>
  );
}

function ResolveAction({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const resolve = useResolveTicket(ticket.id);
  const [answer, setAnswer] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(resolve.error));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = resolveTicketRequest.safeParse({ answer });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) resolve.mutate(parsed.data);
  };

  return (
    <Box component="form" onSubmit={onSubmit} noValidate>
      <Stack spacing={1.5}>
        <TextField
          id={`ticket-answer-${ticket.id}`}
          label={t('unitQueue.answer')}
          value={answer}
          onChange={(event) => setAnswer(event.target.value)}
          multiline
          minRows={4}
          required
          error={Boolean(fieldError('answer'))}
          helperText={fieldError('answer') ?? t('unitQueue.answerHelp')}
          slotProps={{ htmlInput: { 'data-testid': 'ticket-answer', maxLength: 10_000 } }}
        />
        <Box>
          <Button
            type="submit"
            variant="contained"
            color="success"
            disabled={resolve.isPending}
            data-testid="ticket-resolve"
          >
            {resolve.isPending ? t('common.saving') : t('unitQueue.resolve')}
          </Button>
        </Box>
        {resolve.error && fieldErrorsOf(resolve.error).length === 0 ? <ErrorAlert error={resolve.error} /> : null}
      </Stack>
    </Box>
  );
}

export function UnitActions({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  return (
    <Box aria-live="polite">
      {ACCEPTABLE_STATUSES.includes(ticket.status) ? <AcceptAction ticket={ticket} /> : null}
      {RESOLVABLE_STATUSES.includes(ticket.status) ? <ResolveAction key={ticket.id} ticket={ticket} /> : null}
      {ticket.status === 'resolved' ? (
        <Alert severity="success" data-testid="ticket-resolved">
          {t('unitQueue.resolvedInfo')}
        </Alert>
      ) : null}
    </Box>
  );
}
