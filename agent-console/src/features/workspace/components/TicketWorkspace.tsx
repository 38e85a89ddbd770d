// The unit's work on one ticket, under its detail: who works on it (take it, give it to a colleague, give it
// back) and the comment box (an internal note, or an answer the resident is e-mailed, from a template or not).
import { useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Divider,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  addCommentRequest,
  ASSIGNABLE_STATUSES,
  type CommentKind,
  type FieldError,
  type TicketDto,
} from '@kck/contracts';
import { useAddComment, useAssignTicket, useUnitAssignment } from '../../../api/workspace.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { NativeSelectField } from '../../../components/NativeSelectField';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { useMe } from '../../auth/session';
import { TemplatePicker } from './TemplatePicker';

export function TicketWorkspace({ ticket }: { ticket: TicketDto }) {
  const me = useMe();
  // The same rule as the server's: the ticket's own unit, DK-03 and admins; units only kept informed just read.
  const ownUnit = me.role === 'unit_staff' && me.unitId === ticket.unitId;
  const mayAssign = (ownUnit || me.role === 'admin') && ASSIGNABLE_STATUSES.includes(ticket.status);
  const mayComment = ownUnit || me.role === 'admin' || me.role === 'triage';
  if (!mayAssign && !mayComment) return null;
  return (
    <>
      <Divider sx={{ my: 2 }} />
      <Stack spacing={2} data-testid="ticket-workspace">
        {mayAssign ? <Assignment key={`assign-${ticket.id}`} ticket={ticket} /> : null}
        {mayComment ? <CommentBox key={`comment-${ticket.id}`} ticket={ticket} /> : null}
      </Stack>
    </>
  );
}

function Assignment({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const assign = useAssignTicket(ticket.id);
  const colleagues = useUnitAssignment(ticket.unitId);
  const [chosen, setChosen] = useState('');
  const send = (assigneeId: string | null) => assign.mutate({ assigneeId, version: ticket.version });
  const options = (colleagues.data?.staff ?? [])
    .filter((c) => c.id !== ticket.assigneeId)
    .map((c) => ({ value: c.id, label: c.present ? `${c.displayName} (${t('workspace.present')})` : c.displayName }));

  return (
    <Box component="section" aria-labelledby={`assignment-${ticket.id}`}>
      <Typography variant="subtitle2" component="h3" id={`assignment-${ticket.id}`}>
        {t('workspace.assignee')}:{' '}
        <span data-testid="ticket-assignee">{ticket.assigneeName ?? t('workspace.nobody')}</span>
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1, alignItems: 'center', mt: 1 }}>
        {me.role === 'unit_staff' && ticket.assigneeId !== me.id ? (
          <Button variant="contained" onClick={() => send(me.id)} disabled={assign.isPending} data-testid="ticket-take">
            {t('workspace.take')}
          </Button>
        ) : null}
        <NativeSelectField
          id={`assign-to-${ticket.id}`}
          label={t('workspace.assignTo')}
          value={chosen}
          options={options}
          onChange={setChosen}
          placeholder={t('workspace.chooseColleague')}
          testId="ticket-assign-select"
          size="small"
        />
        <Button
          variant="outlined"
          disabled={!chosen || assign.isPending}
          onClick={() => {
            send(chosen);
            setChosen('');
          }}
          data-testid="ticket-assign"
        >
          {t('workspace.assign')}
        </Button>
        {ticket.assigneeId ? (
          <Button variant="text" onClick={() => send(null)} disabled={assign.isPending} data-testid="ticket-unassign">
            {t('workspace.unassign')}
          </Button>
        ) : null}
      </Stack>
      {assign.isError ? <ErrorAlert error={assign.error} testId="assign-error" /> : null}
    </Box>
  );
}

function CommentBox({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const add = useAddComment(ticket.id);
  const [kind, setKind] = useState<CommentKind>('internal');
  const [body, setBody] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(add.error));
  const noEmail = kind === 'answer' && !ticket.reporter.email;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = addCommentRequest.safeParse({ kind, body });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) add.mutate(parsed.data, { onSuccess: () => setBody('') });
  };

  return (
    <Box component="form" onSubmit={submit} noValidate aria-labelledby={`comment-${ticket.id}`}>
      <Typography variant="subtitle2" component="h3" id={`comment-${ticket.id}`}>
        {t('workspace.commentTitle')}
      </Typography>
      <RadioGroup
        row
        value={kind}
        onChange={(event) => setKind(event.target.value as CommentKind)}
        aria-label={t('workspace.commentKind')}
      >
        <FormControlLabel
          value="internal"
          control={<Radio slotProps={{ input: { 'data-testid': 'comment-kind-internal' } as object }} />}
          label={t('workspace.kind.internal')}
        />
        <FormControlLabel
          value="answer"
          control={<Radio slotProps={{ input: { 'data-testid': 'comment-kind-answer' } as object }} />}
          label={t('workspace.kind.answer')}
        />
      </RadioGroup>
      <Stack spacing={1.5}>
        <TemplatePicker ticket={ticket} onPick={(text) => setBody(text)} testId="comment-template" />
        <TextField
          id={`comment-body-${ticket.id}`}
          label={kind === 'answer' ? t('workspace.answerLabel') : t('workspace.internalLabel')}
          value={body}
          onChange={(event) => {
            setBody(event.target.value);
            setClientFields([]);
          }}
          multiline
          minRows={3}
          required
          error={Boolean(fieldError('body'))}
          helperText={
            fieldError('body') ?? (kind === 'answer' ? t('workspace.answerHelp') : t('workspace.internalHelp'))
          }
          slotProps={{ htmlInput: { 'data-testid': 'comment-body', maxLength: 10_000 } }}
        />
        {noEmail ? <Alert severity="info">{t('workspace.noEmail')}</Alert> : null}
        <Box>
          <Button type="submit" variant="contained" disabled={add.isPending} data-testid="comment-submit">
            {add.isPending
              ? t('common.saving')
              : kind === 'answer'
                ? t('workspace.sendAnswer')
                : t('workspace.addNote')}
          </Button>
        </Box>
        {add.isError && fieldErrorsOf(add.error).length === 0 ? (
          <ErrorAlert error={add.error} testId="comment-error" />
        ) : null}
        {add.isSuccess ? (
          <Alert severity="success" data-testid="comment-success">
            {add.data.kind === 'answer' ? t('workspace.answerSent') : t('workspace.noteAdded')}
          </Alert>
        ) : null}
      </Stack>
    </Box>
  );
}
