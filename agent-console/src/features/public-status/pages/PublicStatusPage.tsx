// The status page behind the private link (/zgloszenie/KCK-2026-000123?token=…): where the matter stands, the
// public timeline with the unit's answers, and what the resident can do. It has no socket: it asks the server
// again every 20 seconds (and when the tab comes back into view), so the unit's answer appears by itself.
import { useEffect, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { Alert, Box, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ticketNumberOf, TICKET_REF_PATTERN, type PublicTicketStatusDto } from '@kck/contracts';
import { isApiError } from '../../../api/http';
import { formatDateTime, formatTime } from '../../../components/format';
import { LiveRegion } from '../../../components/LiveRegion';
import { PublicLayout } from '../../public-report/components/PublicLayout';
import { useCategoryLabels } from '../../public-report/components/CategoryPicker';
import { STATUS_POLL_MS, usePublicStatus } from '../../public-report/public-api';
import { usePublicLanguage } from '../../public-report/public-language';
import { StatusTimeline } from '../components/StatusTimeline';
import { MessageForm, NotSolvedForm, RatingForm } from '../components/StatusActions';
import { SharedMatterNotice } from '../../duplicates/components/SharedMatterNotice';

export function PublicStatusPage() {
  const { t } = useTranslation();
  const { number: ref = '' } = useParams();
  const [search] = useSearchParams();
  const token = search.get('token') ?? '';
  const wellFormed = TICKET_REF_PATTERN.test(ref) && token.length > 0;
  const status = usePublicStatus(wellFormed ? ref : '', token);
  const title = wellFormed ? t('public.status.title', { number: ticketNumberOf(ref) }) : t('public.status.titlePlain');

  return (
    <PublicLayout title={title}>
      {!wellFormed || (status.error && isApiError(status.error) && status.error.status === 404) ? (
        <Alert severity="error" role="alert" data-testid="status-not-found">
          <Typography component="h1" variant="h6">
            {t('public.status.notFoundTitle')}
          </Typography>
          {t('public.status.notFound')}
        </Alert>
      ) : status.data ? (
        <StatusView
          status={status.data}
          ref_={ref}
          token={token}
          updatedAt={status.dataUpdatedAt}
          onRefresh={() => void status.refetch()}
          refreshing={status.isFetching}
        />
      ) : status.error ? (
        <Alert severity="warning" role="alert">
          {isApiError(status.error) && status.error.status === 429
            ? t('public.errors.tooManyReads')
            : t('public.errors.generic')}
          <Button onClick={() => void status.refetch()} sx={{ ml: 1 }}>
            {t('public.errors.retry')}
          </Button>
        </Alert>
      ) : (
        <Typography role="status">{t('public.status.loading')}</Typography>
      )}
    </PublicLayout>
  );
}

interface ViewProps {
  status: PublicTicketStatusDto;
  ref_: string;
  token: string;
  updatedAt: number;
  refreshing: boolean;
  onRefresh: () => void;
}

function StatusView({ status, ref_, token, updatedAt, refreshing, onRefresh }: ViewProps) {
  const { t, i18n } = useTranslation();
  const [language] = usePublicLanguage();
  const labels = useCategoryLabels(language);
  const [announcement, setAnnouncement] = useState('');
  const seen = useRef<{ steps: number; state: string } | null>(null);

  // Something new since the last look (the unit answered, the state moved): said aloud, not only shown.
  useEffect(() => {
    const before = seen.current;
    seen.current = { steps: status.timeline.length, state: status.state };
    if (!before) return;
    if (status.timeline.length > before.steps) {
      const latest = status.timeline.at(-1)!;
      setAnnouncement(
        latest.kind === 'answer' || latest.kind === 'resolved'
          ? t('public.status.newAnswer')
          : t('public.status.newStep', { state: t(`public.state.${status.state}`) }),
      );
    }
  }, [status, t]);

  const category = labels.label({
    id: '',
    code: status.categoryCode,
    labelPl: status.categoryLabelPl,
    labelEn: status.categoryLabelEn,
    groupCode: '',
    groupLabelPl: '',
    groupLabelEn: '',
  });

  return (
    <Stack spacing={3}>
      <Box>
        <Typography
          variant="h4"
          component="h1"
          sx={{ fontSize: { xs: '1.5rem', sm: '2rem' } }}
          data-testid="status-number"
        >
          {t('public.status.title', { number: status.number })}
        </Typography>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          <Chip
            label={t(`public.state.${status.state}`)}
            color={status.state === 'resolved' || status.state === 'closed' ? 'success' : 'primary'}
            data-testid="status-state"
            data-state={status.state}
          />
          {status.unitName ? (
            <Typography variant="body2" data-testid="status-unit">
              {t('public.status.unit', { unit: status.unitName })}
            </Typography>
          ) : null}
        </Stack>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('public.status.polling', {
              seconds: STATUS_POLL_MS / 1000,
              at: formatTime(new Date(updatedAt).toISOString(), i18n.language),
            })}
          </Typography>
          <Button size="small" onClick={onRefresh} disabled={refreshing} data-testid="status-refresh">
            {t('public.status.refresh')}
          </Button>
        </Stack>
      </Box>

      <SharedMatterNotice status={status} />
      {status.question ? (
        <Alert severity="info" data-testid="status-question">
          {t('public.status.question')}
          <Typography sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>{status.question}</Typography>
        </Alert>
      ) : null}

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="status-report-heading">
        <Typography variant="h6" component="h2" id="status-report-heading">
          {t('public.status.report')}
        </Typography>
        <Box
          component="dl"
          sx={{ m: 0, display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '10rem 1fr' }, columnGap: 2 }}
        >
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('public.status.category')}
          </Typography>
          <Typography component="dd" sx={{ m: 0, mb: 1 }}>
            {category}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('public.status.where')}
          </Typography>
          <Typography component="dd" sx={{ m: 0, mb: 1 }}>
            {[status.address, status.districtLabel].filter(Boolean).join(', ') || '—'}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('public.status.sent')}
          </Typography>
          <Typography component="dd" sx={{ m: 0, mb: 1 }}>
            {formatDateTime(status.createdAt, i18n.language)}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('public.status.description')}
          </Typography>
          <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {status.description}
          </Typography>
        </Box>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="status-timeline-heading">
        <Typography variant="h6" component="h2" id="status-timeline-heading" sx={{ mb: 1.5 }}>
          {t('public.status.timeline')}
        </Typography>
        <StatusTimeline steps={status.timeline} />
      </Paper>

      <RatingForm status={status} ref_={ref_} token={token} />
      <NotSolvedForm status={status} ref_={ref_} token={token} />
      {status.canMessage ? <MessageForm status={status} ref_={ref_} token={token} /> : null}
      <LiveRegion message={announcement} testId="status-announcement" />
    </Stack>
  );
}
