// The Baza Wiedzy on a full page: the same search as in the call panel, the article beside the results.
// The open article is in the URL (?article=), so it can be linked and survives a reload.
import { useSearchParams } from 'react-router';
import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ArticleView } from '../components/ArticleView';
import { KnowledgeSearch } from '../components/KnowledgeSearch';

export function KnowledgePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const articleId = params.get('article');
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('knowledge.title')}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'minmax(320px, 2fr) 3fr' }, gap: 2 }}>
        <Paper sx={{ p: 2, alignSelf: 'start' }}>
          <KnowledgeSearch
            id="kb-page"
            limit={20}
            selectedId={articleId}
            onOpen={(hit) => setParams({ article: hit.id }, { replace: true })}
          />
        </Paper>
        <Paper sx={{ p: 2, alignSelf: 'start' }} component="section" aria-label={t('knowledge.article')}>
          {articleId ? (
            <ArticleView id={articleId} />
          ) : (
            <Typography color="text.secondary">{t('knowledge.pickArticle')}</Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
}
