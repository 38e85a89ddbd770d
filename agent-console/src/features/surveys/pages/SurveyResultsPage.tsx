// A survey's results for analysts: how many callers answered and declined, then per question the counts and
// shares of its options, a scale's mean and distribution, or the free-text answers; within chosen days, and as CSV.
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import {
  Box,
  Button,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import type { SurveyQuestionResultDto } from '@kck/contracts';
import { surveyCsvUrl, useSurveyResults } from '../../../api/surveys.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatDateTime, formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { formatShare, ResultTable } from '../components/ResultTable';
import { SurveyStatusChip } from '../components/SurveyStatusChip';
import '../i18n/register';

function QuestionResult({ question }: { question: SurveyQuestionResultDto }) {
  const { t, i18n } = useTranslation();
  const headingId = `survey-result-${question.questionId}`;
  return (
    <Paper
      component="section"
      aria-labelledby={headingId}
      sx={{ p: 2 }}
      data-testid="survey-question-result"
      data-kind={question.kind}
      data-position={question.position}
    >
      <Typography variant="subtitle1" component="h2" id={headingId} sx={{ fontWeight: 600 }}>
        {question.position}. {question.text}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 1 }}>
        {t(`surveys.kind.${question.kind}`)} ·{' '}
        {t('surveys.results.answered', {
          answered: formatNumber(question.answered, i18n.language),
          skipped: formatNumber(question.skipped, i18n.language),
        })}
      </Typography>
      {question.options ? (
        <>
          <ResultTable
            labelledBy={headingId}
            firstColumn={t('surveys.results.option')}
            rows={question.options.map((o) => ({ key: o.optionId, label: o.label, count: o.count, share: o.share }))}
          />
          {question.kind === 'multiple_choice' ? (
            <Typography variant="caption" color="text.secondary">
              {t('surveys.results.multipleNote')}
            </Typography>
          ) : null}
        </>
      ) : null}
      {question.scale ? (
        <>
          <Typography variant="body1" sx={{ mb: 1, fontWeight: 600 }} data-testid="survey-result-mean">
            {question.scale.mean === null
              ? t('surveys.results.noMean')
              : t('surveys.results.mean', {
                  mean: new Intl.NumberFormat(i18n.language.startsWith('en') ? 'en-GB' : 'pl-PL', {
                    maximumFractionDigits: 2,
                  }).format(question.scale.mean),
                })}
          </Typography>
          <ResultTable
            labelledBy={headingId}
            firstColumn={t('surveys.results.value')}
            rows={question.scale.distribution.map((d) => ({
              key: String(d.value),
              label:
                d.value === question.scale!.min && question.scale!.minLabel
                  ? `${d.value} — ${question.scale!.minLabel}`
                  : d.value === question.scale!.max && question.scale!.maxLabel
                    ? `${d.value} — ${question.scale!.maxLabel}`
                    : String(d.value),
              count: d.count,
              share: d.share,
            }))}
          />
        </>
      ) : null}
      {question.texts ? (
        question.texts.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {t('surveys.results.noTexts')}
          </Typography>
        ) : (
          <>
            <Typography variant="body2" component="h3" sx={{ fontWeight: 600 }}>
              {t('surveys.results.texts', { count: question.textTotal ?? question.texts.length })}
            </Typography>
            {question.textTotal && question.textTotal > question.texts.length ? (
              <Typography variant="caption" color="text.secondary">
                {t('surveys.results.textsShown', { shown: question.texts.length, total: question.textTotal })}
              </Typography>
            ) : null}
            <Table size="small" aria-labelledby={headingId} data-testid="survey-result-texts">
              <TableHead>
                <TableRow>
                  <TableCell sx={{ width: 160 }}>{t('surveys.results.when')}</TableCell>
                  <TableCell>{t('surveys.results.answer')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {question.texts.map((answer) => (
                  <TableRow key={answer.responseId}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(answer.createdAt, i18n.language)}
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'pre-wrap' }} data-testid="survey-result-text">
                      {answer.text}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )
      ) : null}
    </Paper>
  );
}

export function SurveyResultsPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const results = useSurveyResults(id, from, to);
  const number = (value: number) => formatNumber(value, i18n.language);

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Typography variant="h5" component="h1" sx={{ flexGrow: 1 }} data-testid="survey-results-heading">
          {t('surveys.results.title', { title: results.data?.title ?? '…' })}
        </Typography>
        {results.data ? <SurveyStatusChip status={results.data.status} /> : null}
        <Button component={RouterLink} to={`/surveys/${id}`}>
          {t('surveys.edit')}
        </Button>
        <Button component={RouterLink} to="/surveys">
          {t('surveys.editor.backToList')}
        </Button>
      </Stack>
      <Paper component="section" aria-labelledby="survey-results-filters" sx={{ p: 2 }}>
        <Typography variant="subtitle2" component="h2" id="survey-results-filters" sx={{ mb: 1 }}>
          {t('surveys.results.filters')}
        </Typography>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
          {(
            [
              ['from', from, setFrom],
              ['to', to, setTo],
            ] as const
          ).map(([name, value, setValue]) => (
            <TextField
              key={name}
              id={`survey-results-${name}`}
              label={t(`surveys.results.${name}`)}
              type="date"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              size="small"
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `survey-results-${name}` } }}
            />
          ))}
          <Button
            onClick={() => {
              setFrom('');
              setTo('');
            }}
            disabled={!from && !to}
          >
            {t('surveys.results.clear')}
          </Button>
          <Box sx={{ flexGrow: 1 }} />
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            component="a"
            href={surveyCsvUrl(id, from, to)}
            download
            aria-describedby="survey-csv-help"
            data-testid="survey-csv"
          >
            {t('surveys.results.csv')}
          </Button>
        </Stack>
        <Typography variant="caption" color="text.secondary" id="survey-csv-help">
          {t('surveys.results.csvHelp')}
        </Typography>
      </Paper>
      <QueryState
        isPending={results.isPending}
        error={results.error}
        data={results.data}
        onRetry={() => void results.refetch()}
      >
        {(data) => (
          <Stack spacing={2}>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(3, 1fr)' }, gap: 2 }}>
              <FigureCard
                label={t('surveys.results.responses')}
                value={number(data.responses)}
                testId="survey-results-responses"
              />
              <FigureCard
                label={t('surveys.results.declined')}
                value={number(data.declined)}
                testId="survey-results-declined"
              />
              <FigureCard
                label={t('surveys.results.rate')}
                value={data.responseRate === null ? '—' : formatShare(data.responseRate, i18n.language)}
                testId="survey-results-rate"
              />
            </Box>
            {data.questions.map((question) => (
              <QuestionResult key={question.questionId} question={question} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
