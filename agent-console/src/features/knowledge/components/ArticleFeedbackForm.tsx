// Agents tell the editors, right where they read it, that an article is outdated or wrong, or propose a change.
// One place, one send: pick what is wrong, say why (and for a proposal, how the text should read).
import { useState } from 'react';
import { Alert, Box, Button, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import {
  ARTICLE_FEEDBACK_KINDS,
  articleFeedbackRequest,
  type ArticleDto,
  type ArticleFeedbackKind,
  type FieldError,
} from '@kck/contracts';
import { useSendFeedback } from '../../../api/knowledge.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldErrorsFromIssues, fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';

export function ArticleFeedbackForm({ article }: { article: Pick<ArticleDto, 'id' | 'body' | 'title'> }) {
  const { t } = useTranslation();
  const send = useSendFeedback();
  const [kind, setKind] = useState<ArticleFeedbackKind | null>(null);
  const [comment, setComment] = useState('');
  const [proposedBody, setProposedBody] = useState(article.body);
  const [clientFields, setClientFields] = useState<FieldError[]>([]);
  const [sentKind, setSentKind] = useState<ArticleFeedbackKind | null>(null);
  const fieldError = useFieldErrors(clientFields.length ? clientFields : fieldErrorsOf(send.error));

  const submit = () => {
    if (!kind || send.isPending) return;
    const body = {
      kind,
      comment: comment.trim(),
      proposedBody: kind === 'change_proposal' ? proposedBody : undefined,
    };
    const parsed = articleFeedbackRequest.safeParse(body);
    if (!parsed.success) {
      setClientFields(fieldErrorsFromIssues(parsed.error.issues));
      return;
    }
    setClientFields([]);
    send.mutate(
      { articleId: article.id, body: parsed.data },
      {
        onSuccess: () => {
          setSentKind(kind);
          setKind(null);
          setComment('');
        },
      },
    );
  };

  return (
    <Box
      component="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      aria-labelledby={`kb-feedback-${article.id}`}
      sx={{ mt: 2, pt: 1.5, borderTop: 1, borderColor: 'divider' }}
      data-testid="kb-feedback"
    >
      <Typography variant="subtitle2" component="h3" id={`kb-feedback-${article.id}`} sx={{ mb: 1 }}>
        {t('knowledge.feedback.title')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={kind}
        onChange={(_, value: ArticleFeedbackKind | null) => {
          setKind(value);
          setSentKind(null);
        }}
        aria-label={t('knowledge.feedback.title')}
      >
        {ARTICLE_FEEDBACK_KINDS.map((value) => (
          <ToggleButton key={value} value={value} data-testid={`kb-feedback-${value}`} sx={{ textTransform: 'none' }}>
            {t(`knowledge.feedback.kind.${value}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      {kind ? (
        <Stack spacing={1.5} sx={{ mt: 1.5 }}>
          <TextField
            id={`kb-feedback-comment-${article.id}`}
            label={t('knowledge.feedback.comment')}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
            size="small"
            multiline
            minRows={2}
            required
            autoFocus
            error={Boolean(fieldError('comment'))}
            helperText={fieldError('comment') ?? t(`knowledge.feedback.hint.${kind}`)}
            onKeyDown={(event) => {
              // Enter alone sends (a comment is a sentence or two); Shift+Enter breaks the line.
              if (event.key === 'Enter' && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
                event.preventDefault();
                event.stopPropagation();
                submit();
              }
            }}
            slotProps={{ htmlInput: { 'data-testid': 'kb-feedback-comment', maxLength: 5_000 } }}
          />
          {kind === 'change_proposal' ? (
            <TextField
              id={`kb-feedback-body-${article.id}`}
              label={t('knowledge.feedback.proposedBody')}
              value={proposedBody}
              onChange={(event) => setProposedBody(event.target.value)}
              multiline
              minRows={4}
              maxRows={14}
              error={Boolean(fieldError('proposedBody'))}
              helperText={fieldError('proposedBody')}
              slotProps={{ htmlInput: { 'data-testid': 'kb-feedback-body', maxLength: 200_000 } }}
            />
          ) : null}
          <Stack direction="row" spacing={1}>
            <Button
              type="submit"
              variant="contained"
              size="small"
              disabled={send.isPending}
              data-testid="kb-feedback-send"
            >
              {send.isPending ? t('common.saving') : t('knowledge.feedback.send')}
            </Button>
            <Button size="small" onClick={() => setKind(null)} disabled={send.isPending}>
              {t('common.cancel')}
            </Button>
          </Stack>
          {send.error && fieldErrorsOf(send.error).length === 0 ? <ErrorAlert error={send.error} /> : null}
        </Stack>
      ) : null}
      {sentKind ? (
        <Alert severity="success" sx={{ mt: 1.5 }} data-testid="kb-feedback-sent" role="status">
          {t('knowledge.feedback.sent')}
        </Alert>
      ) : null}
    </Box>
  );
}
