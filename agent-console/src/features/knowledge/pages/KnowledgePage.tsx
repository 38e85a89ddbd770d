// The Baza Wiedzy on a full page: the same search as in the call panel, the article beside the results.
// The open article is in the URL (?article=), so it can be linked and survives a reload.
import { useSearchParams } from 'react-router';
import { Box, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';
import { ArticleView } from '../components/ArticleView';
import { KnowledgeSearch } from '../components/KnowledgeSearch';

export function KnowledgePage() {
  const { t } = useTranslation();
  const me = useMe();
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
            allowExpired={canUsePage(me.role, 'knowledgeArticles')}
            onOpen={(hit) => setParams({ article: hit.id }, { replace: true })}
          />
        </Paper>
        <Paper
          component="section"
          aria-label={t('knowledge.article')}
          // The article stays in view beside a long list of hits.
          sx={{
            p: 2,
            alignSelf: 'start',
            position: { md: 'sticky' },
            top: { md: 128 },
            maxHeight: { md: 'calc(100vh - 148px)' },
            overflowY: { md: 'auto' },
          }}
        >
          {articleId ? (
            // The reader goes on with the article: its title takes focus, where a screen reader starts.
            <ArticleView id={articleId} headingId="kb-page-article-title" focusHeading />
          ) : (
            <Typography color="text.secondary">{t('knowledge.pickArticle')}</Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
}
