// Survey results on the dashboard: the latest phone survey (the one whose period started last) with its response
// figures and the mean of each scale question; its full results and CSV are on the survey's own page.
import { Link as RouterLink } from 'react-router';
import { Box, Button, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { SurveySummaryDto } from '@kck/contracts';
import { useSurveyResults, useSurveys } from '../../../api/surveys.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatDay, formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { formatShare } from './figure-format';

function LatestSurvey({ survey }: { survey: SurveySummaryDto }) {
  const { t, i18n } = useTranslation();
  const results = useSurveyResults(survey.id, '', '');
  const n = (value: number) => formatNumber(value, i18n.language);
  return (
    <Paper sx={{ p: 2, display: 'grid', gap: 2 }} data-testid="dashboard-survey">
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'baseline', flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h3" sx={{ flexGrow: 1 }}>
          {survey.title}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {t('analytics.surveys.period', {
            from: formatDay(survey.periodFrom, i18n.language),
            to: formatDay(survey.periodTo, i18n.language),
          })}
        </Typography>
        <Button component={RouterLink} to={`/surveys/${survey.id}/results`}>
          {t('analytics.surveys.allResults')}
        </Button>
      </Box>
      <QueryState
        isPending={results.isPending}
        error={results.error}
        data={results.data}
        onRetry={() => void results.refetch()}
      >
        {(data) => {
          const scales = data.questions.filter((question) => question.scale);
          return (
            <>
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, gap: 2 }}>
                <FigureCard label={t('analytics.surveys.responses')} value={n(data.responses)} />
                <FigureCard label={t('analytics.surveys.declined')} value={n(data.declined)} />
                <FigureCard
                  label={t('analytics.surveys.responseRate')}
                  value={formatShare(data.responseRate, i18n.language)}
                />
              </Box>
              {scales.length ? (
                <Table size="small">
                  <caption style={{ captionSide: 'top', textAlign: 'left', padding: '0 0 8px' }}>
                    {t('analytics.surveys.scales')}
                  </caption>
                  <TableHead>
                    <TableRow>
                      <TableCell component="th" scope="col">
                        {t('analytics.surveys.question')}
                      </TableCell>
                      <TableCell component="th" scope="col" align="right">
                        {t('analytics.surveys.answered')}
                      </TableCell>
                      <TableCell component="th" scope="col" align="right">
                        {t('analytics.surveys.mean')}
                      </TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {scales.map((question) => (
                      <TableRow key={question.questionId}>
                        <TableCell component="th" scope="row">
                          {question.text}
                        </TableCell>
                        <TableCell align="right">{n(question.answered)}</TableCell>
                        <TableCell align="right">
                          {question.scale?.mean === null || question.scale?.mean === undefined
                            ? '—'
                            : `${new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'pl-PL', { maximumFractionDigits: 2 }).format(question.scale.mean)} / ${question.scale.max}`}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              ) : null}
            </>
          );
        }}
      </QueryState>
    </Paper>
  );
}

export function SurveySection() {
  const { t } = useTranslation();
  const surveys = useSurveys();
  // Drafts have no responses; the latest survey asked (active or closed) is the one analysts look for.
  const latest = surveys.data
    ?.filter((survey) => survey.status !== 'draft')
    .sort((a, b) => b.periodFrom.localeCompare(a.periodFrom) || b.updatedAt.localeCompare(a.updatedAt))[0];
  return (
    <Box component="section" aria-labelledby="dashboard-surveys-heading" sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h2" id="dashboard-surveys-heading">
        {t('analytics.sections.surveys')}
      </Typography>
      <QueryState
        isPending={surveys.isPending}
        error={surveys.error}
        data={surveys.data}
        onRetry={() => void surveys.refetch()}
      >
        {() =>
          latest ? (
            <LatestSurvey survey={latest} />
          ) : (
            <Typography color="text.secondary">
              {t('analytics.surveys.none')}{' '}
              <Button component={RouterLink} to="/surveys">
                {t('nav.surveys')}
              </Button>
            </Typography>
          )
        }
      </QueryState>
    </Box>
  );
}
