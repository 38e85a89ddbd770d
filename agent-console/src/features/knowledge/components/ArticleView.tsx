// One knowledge-base article as agents read it during a call: title, type, unit, and the body.
// The body is markdown; we show it as plain paragraphs (headings bold) rather than pull in a parser.
import { Box, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ArticleDto } from '@kck/contracts';
import { useArticle } from '../../../api/knowledge.api';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

function ArticleBody({ body }: { body: string }) {
  const blocks = body
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((block) => block.trim())
    .filter(Boolean);
  return (
    <Box>
      {blocks.map((block, index) => {
        const heading = /^#{1,6}\s+(.*)$/.exec(block);
        if (heading && !block.includes('\n')) {
          return (
            <Typography key={index} variant="subtitle1" component="p" sx={{ fontWeight: 700, mt: 2 }}>
              {heading[1]}
            </Typography>
          );
        }
        return (
          <Typography key={index} variant="body2" component="p" sx={{ whiteSpace: 'pre-wrap', mb: 1.5 }}>
            {block.replace(/\*\*(.+?)\*\*/g, '$1')}
          </Typography>
        );
      })}
    </Box>
  );
}

export function ArticleContent({ article, headingId }: { article: ArticleDto; headingId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Box data-testid="kb-article" data-article-id={article.id}>
      <Typography variant="h6" component="h2" id={headingId}>
        {article.title}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, flexWrap: 'wrap', rowGap: 1, alignItems: 'center' }}>
        <Chip size="small" label={t(`articleType.${article.type}`)} />
        {article.unitCode ? <Chip size="small" variant="outlined" label={article.unitCode} /> : null}
        {article.tags.map((tag) => (
          <Chip key={tag} size="small" variant="outlined" label={`#${tag}`} />
        ))}
        <Typography variant="caption" color="text.secondary">
          {t('knowledge.updatedAt')}: {formatDateTime(article.updatedAt, i18n.language)}
        </Typography>
      </Stack>
      <ArticleBody body={article.body} />
    </Box>
  );
}

export function ArticleView({ id, headingId }: { id: string; headingId?: string }) {
  const article = useArticle(id);
  return (
    <QueryState
      isPending={article.isPending}
      error={article.error}
      data={article.data}
      onRetry={() => void article.refetch()}
    >
      {(data) => <ArticleContent article={data} headingId={headingId} />}
    </QueryState>
  );
}
