// The knowledge-base articles the agent used in this call; the analysts count them to see what helps.
// Each can be opened again or removed; the list itself is what gets sent as articleIds.
import { Box, Chip, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { AttachedArticle } from '../call-form';

interface Props {
  articles: readonly AttachedArticle[];
  onOpen: (id: string) => void;
  onRemove: (id: string) => void;
}

export function AttachedArticles({ articles, onOpen, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <Box>
      <Typography variant="subtitle2" component="h3" id="call-articles-heading">
        {t('callPanel.articles')} ({articles.length})
      </Typography>
      <Box
        component="ul"
        data-testid="call-articles"
        aria-labelledby="call-articles-heading"
        sx={{ listStyle: 'none', p: 0, m: 0, mt: 0.5, display: 'flex', flexWrap: 'wrap', gap: 1 }}
      >
        {articles.map((article) => (
          <li key={article.id} data-article-id={article.id}>
            <Chip
              label={article.title}
              onClick={() => onOpen(article.id)}
              onDelete={() => onRemove(article.id)}
              color="primary"
              variant="outlined"
            />
          </li>
        ))}
      </Box>
      {articles.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('callPanel.noArticles')}
        </Typography>
      ) : null}
    </Box>
  );
}
