// The unit's decision on an idea it was forwarded: accepted or rejected, with a justification the resident
// reads (and receives by e-mail). Shown only where the contracts' lifecycle allows the decision.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, FormControlLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { canMoveTicket, ideaDecisionRequest, type FieldError, type IdeaDecision, type TicketDto } from '@kck/contracts';
import { useIdeaDecision } from '../../../api/ticket-relations.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { useMe } from '../../auth/session';

export function IdeaDecisionForm({ ticket }: { ticket: TicketDto }) {
  const { t } = useTranslation();
  const me = useMe();
  const decide = useIdeaDecision(ticket.id);
  const [decision, setDecision] = useState<IdeaDecision | ''>('');
  const [justification, setJustification] = useState('');
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(decide.error));

  if (decide.isSuccess && ticket.ideaDecision) {
    return (
      <Alert severity="success" data-testid="idea-decided">
        {t('ideas.decided')}
      </Alert>
    );
  }
  if (!canMoveTicket(ticket, 'resolved', me.role, 'ticket.idea_decided')) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ideaDecisionRequest.safeParse({ decision, justification, version: ticket.version });
    setClientFields(parsed.success ? [] : fieldErrorsFromIssues(parsed.error.issues));
    if (parsed.success) decide.mutate(parsed.data);
  };

  return (
    <Box
      component="form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`idea-${ticket.id}`}
      data-testid="idea-decision-form"
    >
      <Typography variant="subtitle2" component="h3" id={`idea-${ticket.id}`} sx={{ mb: 1 }}>
        {t('ideas.decisionTitle')}
      </Typography>
      <Stack spacing={1.5}>
        <RadioGroup
          row
          value={decision}
          onChange={(event) => setDecision(event.target.value as IdeaDecision)}
          aria-label={t('ideas.decisionTitle')}
        >
          <FormControlLabel
            value="accepted"
            control={<Radio data-testid="idea-accept" />}
            label={t('ideas.stage.accepted')}
          />
          <FormControlLabel
            value="rejected"
            control={<Radio data-testid="idea-reject" />}
            label={t('ideas.stage.rejected')}
          />
        </RadioGroup>
        {fieldError('decision') ? (
          <Typography color="error" variant="body2">
            {fieldError('decision')}
          </Typography>
        ) : null}
        <TextField
          label={t('ideas.justification')}
          value={justification}
          onChange={(event) => setJustification(event.target.value)}
          multiline
          minRows={3}
          required
          error={Boolean(fieldError('justification'))}
          helperText={fieldError('justification') ?? t('ideas.justificationHint')}
          slotProps={{ htmlInput: { 'data-testid': 'idea-justification', maxLength: 10_000 } }}
        />
        {decide.isError && fieldErrorsOf(decide.error).length === 0 ? (
          <ErrorAlert error={decide.error} testId="idea-error" />
        ) : null}
        <Box>
          <Button type="submit" variant="contained" disabled={decide.isPending} data-testid="idea-submit">
            {decide.isPending ? t('common.saving') : t('ideas.submit')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
