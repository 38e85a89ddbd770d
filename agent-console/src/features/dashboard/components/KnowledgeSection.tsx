// How the hotline used the knowledge base in the period: searches, searches that found nothing (with the queries
// most often left without an answer, which the knowledge-gaps page works through) and the articles used in calls.
import { Link as RouterLink } from 'react-router';
import { Box, Link, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useKnowledgeFigures } from '../../../api/analytics.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import type { DashboardFilters } from '../dashboard-filters';
import { ChartWithTable } from './ChartWithTable';

export function KnowledgeSection({ filters }: { filters: DashboardFilters }) {
  const { t, i18n } = useTranslation();
  const figures = useKnowledgeFigures(filters, 10);
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <Box component="section" aria-labelledby="dashboard-knowledge-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-knowledge-heading">
        {t('analytics.sections.knowledge')}
      </Typography>
      <QueryState
        isPending={figures.isPending}
        error={figures.error}
        data={figures.data}
        onRetry={() => void figures.refetch()}
      >
        {(data) => (
          <>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)' }, gap: 2 }}>
              <FigureCard label={t('analytics.knowledge.searches')} value={n(data.searches)} />
              <FigureCard
                label={t('analytics.knowledge.withoutResult')}
                value={
                  <Link component={RouterLink} to="/kb/gaps" underline="hover" color="inherit">
                    {n(data.searchesWithoutResult)}
                  </Link>
                }
              />
            </Box>
            <Box
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}
            >
              <ChartWithTable
                name="kb-articles"
                title={t('analytics.knowledge.topArticles')}
                rowHeader={t('analytics.knowledge.article')}
                horizontal
                rows={data.topArticles.map((row) => ({
                  id: row.articleId,
                  label: row.title ?? row.articleId,
                  values: { uses: row.uses },
                }))}
                series={[{ key: 'uses', label: t('analytics.knowledge.uses') }]}
              />
              <ChartWithTable
                name="kb-gaps"
                title={t('analytics.knowledge.topGaps')}
                rowHeader={t('analytics.knowledge.query')}
                horizontal
                rows={data.topGaps.map((row) => ({
                  id: row.query,
                  label: row.query,
                  values: { searches: row.searches },
                }))}
                series={[{ key: 'searches', label: t('analytics.knowledge.searches') }]}
                linkFor={() => '/kb/gaps'}
              />
            </Box>
          </>
        )}
      </QueryState>
    </Box>
  );
}
