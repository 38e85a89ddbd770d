// What needs an editor today: agents' open feedback (resolve it: accepted or dismissed, with a note),
// articles waiting for review, expired ones, and published ones nobody has reviewed for a long time.
import { useState, type ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  Box,
  Button,
  Card,
  CardActions,
  CardContent,
  Chip,
  Link,
  Paper,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ArticleFeedbackDto, ArticleSummaryDto } from '@kck/contracts';
import { useEditorWorklist, useMarkReviewed, useResolveFeedback } from '../../../api/knowledge.api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { FormDialog } from '../../../components/FormDialog';
import { fieldErrorsOf, useFieldErrors } from '../../../components/field-errors';
import { formatDateTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { QueryState } from '../../../components/QueryState';
import { MarkdownBody } from '../components/MarkdownBody';
import { ArticleStatusChip } from './ArticleEditorPage';

type Resolution = 'accepted' | 'dismissed';

function ResolveDialog({
  feedback,
  resolution,
  onDone,
  onCancel,
}: {
  feedback: ArticleFeedbackDto;
  resolution: Resolution;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const resolve = useResolveFeedback();
  const [note, setNote] = useState('');
  const fieldError = useFieldErrors(fieldErrorsOf(resolve.error));
  return (
    <FormDialog
      testId="kb-resolve"
      action={resolution}
      title={t(`knowledgeWorklist.resolveTitle.${resolution}`)}
      explain={t('knowledgeWorklist.resolveExplain', { title: feedback.articleTitle })}
      confirm={t(`knowledgeWorklist.resolve.${resolution}`)}
      confirmColor={resolution === 'accepted' ? 'primary' : 'inherit'}
      pending={resolve.isPending}
      error={resolve.error}
      onCancel={onCancel}
      onSubmit={() =>
        resolve.mutate({ id: feedback.id, body: { resolution, note: note.trim() || undefined } }, { onSuccess: onDone })
      }
    >
      <TextField
        id="kb-resolve-note"
        label={t('knowledgeWorklist.note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        fullWidth
        multiline
        minRows={2}
        autoFocus
        error={Boolean(fieldError('note'))}
        helperText={fieldError('note') ?? t('knowledgeWorklist.noteHelp')}
        slotProps={{ htmlInput: { 'data-testid': 'kb-resolve-note', maxLength: 1_000 } }}
      />
    </FormDialog>
  );
}

function FeedbackCard({
  feedback,
  onResolve,
}: {
  feedback: ArticleFeedbackDto;
  onResolve: (resolution: Resolution) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      variant="outlined"
      component="li"
      data-testid="kb-feedback-item"
      data-feedback-id={feedback.id}
      data-article-id={feedback.articleId}
    >
      <CardContent sx={{ pb: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
          <Chip
            size="small"
            color={feedback.kind === 'change_proposal' ? 'info' : 'warning'}
            label={t(`knowledge.feedback.kind.${feedback.kind}`)}
            data-testid="kb-feedback-kind"
            data-kind={feedback.kind}
          />
          <Link component={RouterLink} to={`/kb/articles/${feedback.articleId}`} sx={{ fontWeight: 600 }}>
            {feedback.articleTitle}
          </Link>
          <Typography variant="caption" color="text.secondary">
            v{feedback.articleVersion} · {feedback.createdByName} · {formatDateTime(feedback.createdAt, i18n.language)}
          </Typography>
        </Stack>
        <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="kb-feedback-comment-text">
          {feedback.comment}
        </Typography>
        {feedback.proposedBody ? (
          <Box component="details" sx={{ mt: 1 }}>
            <Box component="summary" sx={{ cursor: 'pointer', typography: 'body2', fontWeight: 600 }}>
              {t('knowledgeWorklist.proposal')}
            </Box>
            <Paper variant="outlined" sx={{ p: 1.5, mt: 1 }}>
              <MarkdownBody body={feedback.proposedBody} />
            </Paper>
          </Box>
        ) : null}
      </CardContent>
      <CardActions sx={{ px: 2, pb: 1.5 }}>
        <Button size="small" variant="contained" onClick={() => onResolve('accepted')} data-testid="kb-feedback-accept">
          {t('knowledgeWorklist.resolve.accepted')}
        </Button>
        <Button size="small" onClick={() => onResolve('dismissed')} data-testid="kb-feedback-dismiss">
          {t('knowledgeWorklist.resolve.dismissed')}
        </Button>
        <Button size="small" component={RouterLink} to={`/kb/articles/${feedback.articleId}`}>
          {t('knowledgeWorklist.openEditor')}
        </Button>
      </CardActions>
    </Card>
  );
}

interface ArticleListProps {
  articles: ArticleSummaryDto[];
  testId: string;
  empty: string;
  /** Articles published long ago get "mark reviewed" right here: most of them are still right. */
  canMarkReviewed?: boolean;
}

function ArticleList({ articles, testId, empty, canMarkReviewed }: ArticleListProps) {
  const { t, i18n } = useTranslation();
  const reviewed = useMarkReviewed();
  if (articles.length === 0)
    return (
      <Typography variant="body2" color="text.secondary">
        {empty}
      </Typography>
    );
  return (
    <>
      <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} data-testid={testId}>
        {articles.map((article) => (
          <Box
            component="li"
            key={article.id}
            data-article-id={article.id}
            sx={{
              py: 0.75,
              borderBottom: 1,
              borderColor: 'divider',
              display: 'flex',
              gap: 1,
              alignItems: 'center',
              flexWrap: 'wrap',
            }}
          >
            <Link component={RouterLink} to={`/kb/articles/${article.id}`} sx={{ fontWeight: 600 }}>
              {article.title}
            </Link>
            <ArticleStatusChip status={article.status} />
            <Typography variant="caption" color="text.secondary">
              {t(`articleType.${article.type}`)}
              {article.responsibleUnitCode ? ` · ${article.responsibleUnitCode}` : ''}
              {article.validTo ? ` · ${t('knowledge.validity.to', { to: article.validTo })}` : ''}
              {` · ${t('knowledge.lastReviewedAt')}: ${formatDateTime(article.lastReviewedAt, i18n.language)}`}
            </Typography>
            {canMarkReviewed ? (
              <Button
                size="small"
                onClick={() => reviewed.mutate(article.id)}
                disabled={reviewed.isPending}
                aria-label={`${t('knowledgeEditor.markReviewed')}: ${article.title}`}
                data-testid="kb-worklist-mark-reviewed"
              >
                {t('knowledgeEditor.markReviewed')}
              </Button>
            ) : null}
          </Box>
        ))}
      </Box>
      {reviewed.error ? <ErrorAlert error={reviewed.error} /> : null}
    </>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  return (
    <Paper component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id={id} sx={{ mb: 1 }}>
        {title} <Chip size="small" label={count} sx={{ ml: 0.5 }} data-testid={`${id}-count`} />
      </Typography>
      {children}
    </Paper>
  );
}

export function WorklistPage() {
  const { t } = useTranslation();
  const worklist = useEditorWorklist();
  const [resolving, setResolving] = useState<{ feedback: ArticleFeedbackDto; resolution: Resolution } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('knowledgeWorklist.title')}
      </Typography>
      <LiveRegion message={announcement} testId="kb-worklist-status" />
      <QueryState
        isPending={worklist.isPending}
        error={worklist.error}
        data={worklist.data}
        onRetry={() => void worklist.refetch()}
      >
        {(data) => (
          <Stack spacing={2}>
            <Section
              id="kb-worklist-feedback"
              title={t('knowledgeWorklist.openFeedback')}
              count={data.openFeedback.length}
            >
              {data.openFeedback.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('knowledgeWorklist.noFeedback')}
                </Typography>
              ) : (
                <Stack
                  component="ul"
                  spacing={1}
                  sx={{ listStyle: 'none', p: 0, m: 0 }}
                  data-testid="kb-worklist-feedback-list"
                >
                  {data.openFeedback.map((feedback) => (
                    <FeedbackCard
                      key={feedback.id}
                      feedback={feedback}
                      onResolve={(resolution) => setResolving({ feedback, resolution })}
                    />
                  ))}
                </Stack>
              )}
            </Section>
            <Box
              sx={{
                display: 'grid',
                gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr 1fr' },
                gap: 2,
                alignItems: 'start',
              }}
            >
              <Section id="kb-worklist-review" title={t('knowledgeWorklist.inReview')} count={data.inReview.length}>
                <ArticleList
                  articles={data.inReview}
                  testId="kb-worklist-review-list"
                  empty={t('knowledgeWorklist.none')}
                />
              </Section>
              <Section id="kb-worklist-expired" title={t('knowledgeWorklist.expired')} count={data.expired.length}>
                <ArticleList
                  articles={data.expired}
                  testId="kb-worklist-expired-list"
                  empty={t('knowledgeWorklist.none')}
                />
              </Section>
              <Section
                id="kb-worklist-not-reviewed"
                title={t('knowledgeWorklist.notReviewed', { days: data.reviewAfterDays })}
                count={data.notReviewed.length}
              >
                <ArticleList
                  articles={data.notReviewed}
                  testId="kb-worklist-not-reviewed-list"
                  empty={t('knowledgeWorklist.none')}
                  canMarkReviewed
                />
              </Section>
            </Box>
          </Stack>
        )}
      </QueryState>
      {resolving ? (
        <ResolveDialog
          feedback={resolving.feedback}
          resolution={resolving.resolution}
          onCancel={() => setResolving(null)}
          onDone={() => {
            setAnnouncement(t(`knowledgeWorklist.resolved.${resolving.resolution}`));
            setResolving(null);
          }}
        />
      ) : null}
    </Box>
  );
}
