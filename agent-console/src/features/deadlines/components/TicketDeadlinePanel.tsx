// The deadline on a ticket's detail: priority, due date chip, the escalation marker, and for the unit working on
// it the "waiting for the resident" switch: ask a question (the clock stops), then resume when they answer.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Chip, Stack, TextField, Typography } from '@mui/material';
import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { useTranslation } from 'react-i18next';
import type { TicketDto, TicketStatus } from '@kck/contracts';
import { useTicketClock } from '../../../api/deadlines.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { useMe } from '../../auth/session';
import { isEscalated } from '../escalation';
import { DueChip } from './DueChip';

/** Where the server lets a unit ask the resident (deadlines.service.ts). */
const WAITING_ALLOWED: readonly TicketStatus[] = ['routed', 'accepted', 'in_progress', 'reopened'];

export function TicketDeadlinePanel({ ticket }: { ticket: TicketDto }) {
  // Keyed: a half-typed question must not follow the user to another ticket.
  return <Panel key={ticket.id} ticket={ticket} />;
}

function Panel({ ticket }: { ticket: TicketDto }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const clock = useTicketClock(ticket.id);
  const [text, setText] = useState('');
  const fieldError = useFieldErrors(fieldErrorsOf(clock.error));
  const waiting = ticket.waitingForResident;
  const mayAct =
    (me.role === 'admin' || (me.role === 'unit_staff' && me.unitId === ticket.unitId)) &&
    (Boolean(waiting) || WAITING_ALLOWED.includes(ticket.status));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const version = ticket.version;
    clock.mutate(
      waiting
        ? { action: 'resume', body: { answer: text.trim() || undefined, version } }
        : { action: 'wait-for-resident', body: { question: text, version } },
      { onSuccess: () => setText('') },
    );
  };
  const error = clock.isError && fieldErrorsOf(clock.error).length === 0 ? clock.error : null;

  return (
    <Box component="section" aria-labelledby={`deadline-${ticket.id}`} data-testid="ticket-deadline" sx={{ mb: 2 }}>
      <Typography variant="subtitle2" component="h3" id={`deadline-${ticket.id}`} sx={{ mb: 1 }}>
        {t('deadlines.title')}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
        <DueChip ticket={ticket} />
        <Chip
          size="small"
          variant="outlined"
          label={`${t('deadlines.priority')}: ${t(`priority.${ticket.priority}`)}`}
        />
        {ticket.escalatedAt && isEscalated(ticket) ? (
          <Chip
            size="small"
            color="error"
            variant="outlined"
            data-testid="escalated-chip"
            label={t('deadlines.escalatedAt', { at: formatDateTime(ticket.escalatedAt, i18n.language) })}
          />
        ) : null}
      </Stack>
      {waiting ? (
        <Alert severity="info" sx={{ mt: 1 }} data-testid="waiting-for-resident">
          {t('deadlines.waitingSince', { at: formatDateTime(waiting.since, i18n.language) })}
          <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>
            {waiting.question}
          </Typography>
        </Alert>
      ) : null}
      {mayAct ? (
        <Stack component="form" onSubmit={submit} spacing={1} sx={{ mt: 1 }} noValidate>
          <TextField
            size="small"
            multiline
            minRows={2}
            label={waiting ? t('deadlines.answer') : t('deadlines.question')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={Boolean(fieldError(waiting ? 'answer' : 'question'))}
            helperText={fieldError(waiting ? 'answer' : 'question') ?? (waiting ? '' : t('deadlines.questionHint'))}
            slotProps={{ htmlInput: { 'data-testid': waiting ? 'resume-answer' : 'wait-question', maxLength: 2000 } }}
          />
          <Box>
            <Button
              type="submit"
              variant="outlined"
              disabled={clock.isPending}
              startIcon={waiting ? <PlayArrowIcon /> : <PauseIcon />}
              data-testid={waiting ? 'ticket-resume' : 'ticket-wait-for-resident'}
            >
              {waiting ? t('deadlines.resume') : t('deadlines.waitForResident')}
            </Button>
          </Box>
          {error ? <ErrorAlert error={error} testId="deadline-error" /> : null}
        </Stack>
      ) : null}
    </Box>
  );
}
