// One knowledge-base article as agents read it during a call: title, type, responsible unit, validity,
// the structured fields of its type, the Markdown body, and the one-step "this is outdated / wrong" form.
import { useEffect, useRef } from 'react';
import { Link as RouterLink } from 'react-router';
import { Alert, Box, Button, Chip, Divider, Stack, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { useTranslation } from 'react-i18next';
import type { ArticleDto } from '@kck/contracts';
import { useArticle } from '../../../api/knowledge.api';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';
import { ArticleFeedbackForm } from './ArticleFeedbackForm';
import { ArticleFieldsView } from './ArticleFieldsView';
import { MarkdownBody } from './MarkdownBody';

/** "od 01.01.2026 do 31.12.2026", or one side only, or "bez ograniczeń". */
export function useValidityText() {
  const { t } = useTranslation();
  return (validFrom: string | null, validTo: string | null) => {
    if (validFrom && validTo) return t('knowledge.validity.range', { from: validFrom, to: validTo });
    if (validFrom) return t('knowledge.validity.from', { from: validFrom });
    if (validTo) return t('knowledge.validity.to', { to: validTo });
    return t('knowledge.validity.always');
  };
}

interface ContentProps {
  article: ArticleDto;
  headingId?: string;
  /** Move focus to the title when the article appears (the search page, after Enter on a hit). */
  focusHeading?: boolean;
}

export function ArticleContent({ article, headingId, focusHeading }: ContentProps) {
  const { t, i18n } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusHeading) headingRef.current?.focus();
  }, [focusHeading, article.id]);
  const me = useMe();
  const validity = useValidityText();
  const isEditor = canUsePage(me.role, 'knowledgeArticles');
  return (
    <Box data-testid="kb-article" data-article-id={article.id}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
        <Typography
          variant="h6"
          component="h2"
          id={headingId}
          ref={headingRef}
          tabIndex={-1}
          sx={{ flexGrow: 1, outline: 'none' }}
          data-testid="kb-article-title"
        >
          {article.title}
        </Typography>
        {isEditor ? (
          <Button
            size="small"
            component={RouterLink}
            to={`/kb/articles/${article.id}`}
            startIcon={<EditIcon fontSize="small" />}
            data-testid="kb-article-edit"
          >
            {t('knowledge.edit')}
          </Button>
        ) : null}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
        <Chip size="small" label={t(`articleType.${article.type}`)} />
        {article.status !== 'published' ? (
          <Chip size="small" color="warning" label={t(`knowledge.status.${article.status}`)} />
        ) : null}
        {article.tags.map((tag) => (
          <Chip key={tag} size="small" variant="outlined" label={`#${tag}`} />
        ))}
      </Stack>
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: 'auto 1fr',
          columnGap: 2,
          rowGap: 0.25,
          my: 1,
          typography: 'body2',
        }}
      >
        <Box component="dt" sx={{ color: 'text.secondary' }}>
          {t('knowledge.responsibleUnit')}
        </Box>
        <Box component="dd" sx={{ m: 0 }} data-testid="kb-article-unit">
          {article.responsibleUnitCode ?? '—'}
        </Box>
        <Box component="dt" sx={{ color: 'text.secondary' }}>
          {t('knowledge.validity.label')}
        </Box>
        <Box component="dd" sx={{ m: 0 }} data-testid="kb-article-validity">
          {validity(article.validFrom, article.validTo)}
        </Box>
        <Box component="dt" sx={{ color: 'text.secondary' }}>
          {t('knowledge.updatedAt')}
        </Box>
        <Box component="dd" sx={{ m: 0 }}>
          {formatDateTime(article.updatedAt, i18n.language)}
          {article.updatedByName ? ` · ${article.updatedByName}` : ''} · v{article.version}
        </Box>
        {article.lastReviewedAt ? (
          <>
            <Box component="dt" sx={{ color: 'text.secondary' }}>
              {t('knowledge.lastReviewedAt')}
            </Box>
            <Box component="dd" sx={{ m: 0 }}>
              {formatDateTime(article.lastReviewedAt, i18n.language)}
            </Box>
          </>
        ) : null}
      </Box>
      {article.expired ? (
        <Alert severity="warning" sx={{ my: 1 }} data-testid="kb-article-expired">
          {t('knowledge.expiredNotice')}
        </Alert>
      ) : null}
      <ArticleFieldsView article={article} />
      {article.body.trim() ? (
        <>
          <Divider sx={{ my: 1 }} />
          <MarkdownBody body={article.body} testId="kb-article-body" />
        </>
      ) : null}
      {!isEditor ? <ArticleFeedbackForm key={article.id} article={article} /> : null}
    </Box>
  );
}

export function ArticleView({
  id,
  headingId,
  focusHeading,
}: {
  id: string;
  headingId?: string;
  focusHeading?: boolean;
}) {
  const article = useArticle(id);
  return (
    <QueryState
      isPending={article.isPending}
      error={article.error}
      data={article.data}
      onRetry={() => void article.refetch()}
    >
      {(data) => <ArticleContent article={data} headingId={headingId} focusHeading={focusHeading} />}
    </QueryState>
  );
}
