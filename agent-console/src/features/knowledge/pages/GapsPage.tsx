// What the knowledge base is missing and what it is used for: queries agents searched that found nothing,
// and the articles they opened most, over a period. Editors write the missing articles; analysts read it too.
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  Box,
  Link,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useKnowledgeGaps } from '../../../api/knowledge.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatDateTime, formatNumber } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { canUsePage } from '../../auth/access';
import { useMe } from '../../auth/session';

// The report's days are Kraków days (as the server counts them), whatever the browser's own time zone.
const isoDay = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(date);

export function GapsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const canEdit = canUsePage(me.role, 'knowledgeArticles');
  const [from, setFrom] = useState(() => isoDay(new Date(Date.now() - 30 * 86_400_000)));
  const [to, setTo] = useState(() => isoDay(new Date()));
  const gaps = useKnowledgeGaps(from, to);
  const lang = i18n.language;

  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 1 }}>
        {t('knowledgeGaps.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('knowledgeGaps.intro')}
      </Typography>
      <Stack direction="row" spacing={2} sx={{ mb: 2 }} role="group" aria-label={t('knowledgeGaps.period')}>
        <TextField
          id="kb-gaps-from"
          label={t('knowledgeGaps.from')}
          type="date"
          size="small"
          value={from}
          onChange={(event) => event.target.value && setFrom(event.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'kb-gaps-from', max: to } }}
        />
        <TextField
          id="kb-gaps-to"
          label={t('knowledgeGaps.to')}
          type="date"
          size="small"
          value={to}
          onChange={(event) => event.target.value && setTo(event.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'kb-gaps-to', min: from } }}
        />
      </Stack>
      <QueryState isPending={gaps.isPending} error={gaps.error} data={gaps.data} onRetry={() => void gaps.refetch()}>
        {(data) => (
          <Stack spacing={2}>
            <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(3, 1fr)' }, gap: 2 }}>
              <FigureCard label={t('knowledgeGaps.searches')} value={data.searches} testId="kb-gaps-searches" />
              <FigureCard
                label={t('knowledgeGaps.zeroResultSearches')}
                value={data.zeroResultSearches}
                testId="kb-gaps-zero"
              />
              <FigureCard
                label={t('knowledgeGaps.zeroShare')}
                value={data.searches ? `${Math.round((100 * data.zeroResultSearches) / data.searches)}%` : '—'}
                testId="kb-gaps-share"
              />
            </Box>
            <Box
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2, alignItems: 'start' }}
            >
              <Paper component="section" aria-labelledby="kb-gaps-zero-heading" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" id="kb-gaps-zero-heading" sx={{ mb: 1 }}>
                  {t('knowledgeGaps.zeroResultQueries')}
                </Typography>
                {data.zeroResultQueries.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('knowledgeGaps.noneZero')}
                  </Typography>
                ) : (
                  <TableContainer>
                    <Table size="small" aria-labelledby="kb-gaps-zero-heading" data-testid="kb-gaps-zero-table">
                      <TableHead>
                        <TableRow>
                          <TableCell>{t('knowledgeGaps.query')}</TableCell>
                          <TableCell align="right">{t('knowledgeGaps.count')}</TableCell>
                          <TableCell>{t('knowledgeGaps.lastAt')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {data.zeroResultQueries.map((row) => (
                          <TableRow key={row.query} data-testid="kb-gaps-zero-row">
                            <TableCell>{row.query}</TableCell>
                            <TableCell align="right">{formatNumber(row.count, lang)}</TableCell>
                            <TableCell>{formatDateTime(row.lastAt, lang)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </TableContainer>
                )}
              </Paper>
              <Paper component="section" aria-labelledby="kb-gaps-top-heading" sx={{ p: 2 }}>
                <Typography variant="h6" component="h2" id="kb-gaps-top-heading" sx={{ mb: 1 }}>
                  {t('knowledgeGaps.topArticles')}
                </Typography>
                {data.topArticles.length === 0 ? (
                  <Typography variant="body2" color="text.secondary">
                    {t('knowledgeGaps.noneTop')}
                  </Typography>
                ) : (
                  <TableContainer>
                    <Table size="small" aria-labelledby="kb-gaps-top-heading" data-testid="kb-gaps-top-table">
                      <TableHead>
                        <TableRow>
                          <TableCell>{t('knowledgeEditor.title')}</TableCell>
                          <TableCell align="right">{t('knowledgeGaps.chosen')}</TableCell>
                        </TableRow>
                      </TableHead>
                      <TableBody>
                        {data.topArticles.map((row) => (
                          <TableRow key={row.articleId} data-testid="kb-gaps-top-row" data-article-id={row.articleId}>
                            <TableCell>
                              <Link
                                component={RouterLink}
                                to={canEdit ? `/kb/articles/${row.articleId}` : `/knowledge?article=${row.articleId}`}
                              >
                                {row.title}
                              </Link>
                            </TableCell>
                            <TableCell align="right">{formatNumber(row.chosen, lang)}</TableCell>
                          </TableRow>
                        ))}
                      </TableBody>
                    </Table>
                  </TableContainer>
                )}
              </Paper>
            </Box>
          </Stack>
        )}
      </QueryState>
    </Box>
  );
}
