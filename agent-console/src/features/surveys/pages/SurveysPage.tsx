// "Ankiety": the phone surveys DK-05 coordinates, active first, with who commissioned each, its period and how
// many callers answered or declined; from here an analyst writes a new one, edits one or opens its results.
import { Link as RouterLink } from 'react-router';
import {
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { useTranslation } from 'react-i18next';
import { useSurveys } from '../../../api/surveys.api';
import { formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { SurveyStatusChip } from '../components/SurveyStatusChip';
import '../i18n/register';

export function SurveysPage() {
  const { t, i18n } = useTranslation();
  const surveys = useSurveys();
  const number = (value: number) => formatNumber(value, i18n.language);

  return (
    <Paper component="section" aria-labelledby="surveys-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ mb: 1, alignItems: { sm: 'center' } }}>
        <Typography variant="h6" component="h1" id="surveys-heading" sx={{ flexGrow: 1 }}>
          {t('surveys.title')}
        </Typography>
        <Button
          variant="contained"
          startIcon={<AddIcon />}
          component={RouterLink}
          to="/surveys/new"
          data-testid="survey-add"
        >
          {t('surveys.add')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: '90ch' }}>
        {t('surveys.intro')}
      </Typography>
      <QueryState
        isPending={surveys.isPending}
        error={surveys.error}
        data={surveys.data}
        onRetry={() => void surveys.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('common.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="surveys-heading" data-testid="surveys-table">
              <TableHead>
                <TableRow>
                  {(
                    [
                      'title',
                      'commissionedBy',
                      'period',
                      'status',
                      'questions',
                      'responses',
                      'declined',
                      'actions',
                    ] as const
                  ).map((column) => (
                    <TableCell key={column}>{t(`surveys.columns.${column}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((survey) => (
                  <TableRow
                    key={survey.id}
                    data-testid="survey-row"
                    data-survey-id={survey.id}
                    sx={{ verticalAlign: 'top' }}
                  >
                    <TableCell>
                      <RouterLink to={`/surveys/${survey.id}`}>{survey.title}</RouterLink>
                    </TableCell>
                    <TableCell>
                      {survey.commissionedByName}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {survey.commissionedByUnit.code} — {survey.commissionedByUnit.name}
                      </Typography>
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {t('surveys.period', { from: survey.periodFrom, to: survey.periodTo })}
                    </TableCell>
                    <TableCell>
                      <SurveyStatusChip status={survey.status} />
                      {survey.runnable ? (
                        <Typography variant="caption" component="div" color="text.secondary">
                          {t('surveys.runnableNow')}
                        </Typography>
                      ) : null}
                    </TableCell>
                    <TableCell>{number(survey.questionCount)}</TableCell>
                    <TableCell data-testid="survey-row-responses">{number(survey.responseCount)}</TableCell>
                    <TableCell>{number(survey.declinedCount)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      <Button
                        size="small"
                        component={RouterLink}
                        to={`/surveys/${survey.id}`}
                        aria-label={`${t('surveys.edit')}: ${survey.title}`}
                      >
                        {t('surveys.edit')}
                      </Button>
                      {survey.status !== 'draft' ? (
                        <Button
                          size="small"
                          component={RouterLink}
                          to={`/surveys/${survey.id}/results`}
                          aria-label={`${t('surveys.results')}: ${survey.title}`}
                          data-testid="survey-row-results"
                        >
                          {t('surveys.results')}
                        </Button>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </QueryState>
    </Paper>
  );
}
