// The admin's view of the job queues: counts per queue, and the failed jobs of the selected queue with
// their reason and a retry button. Refreshed every 10 s, and at once when the worker says a job failed for good
// (`queue.job_failed`, handled in use-realtime); our own page instead of bull-board (CSP, no inline scripts).
import { useState } from 'react';
import { Link as RouterLink } from 'react-router';
import {
  Box,
  Button,
  Link,
  List,
  ListItem,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import { QUEUE_JOB_STATES, type AdminFailedJobDto, type AdminQueuesDto, type QueueName } from '@kck/contracts';
import { useAdminQueues, useFailedJobs, useRetryJob } from '../../../api/admin-queues.api';
import { formatDateTime, formatNumber, formatTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { ErrorAlert } from '../../../components/ErrorAlert';

function QueuesTable({
  data,
  selected,
  onSelect,
}: {
  data: AdminQueuesDto;
  selected: QueueName;
  onSelect: (queue: QueueName) => void;
}) {
  const { t, i18n } = useTranslation();
  return (
    <TableContainer>
      <Table size="small" aria-labelledby="queues-heading" data-testid="queues-table">
        <TableHead>
          <TableRow>
            <TableCell>{t('queues.queue')}</TableCell>
            {QUEUE_JOB_STATES.map((state) => (
              <TableCell key={state} align="right">
                {t(`queues.state.${state}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.queues.map((queue) => (
            <TableRow
              key={queue.name}
              data-testid="queue-row"
              data-queue={queue.name}
              hover
              selected={queue.name === selected}
            >
              <TableCell component="th" scope="row">
                <Link
                  component="button"
                  type="button"
                  onClick={() => onSelect(queue.name)}
                  aria-pressed={queue.name === selected}
                  aria-label={t('queues.showFailed', { queue: queue.name })}
                >
                  {queue.name}
                </Link>
              </TableCell>
              {QUEUE_JOB_STATES.map((state) => (
                <TableCell
                  key={state}
                  align="right"
                  data-state={state}
                  sx={{ color: state === 'failed' && queue.counts.failed > 0 ? 'error.main' : undefined }}
                >
                  {formatNumber(queue.counts[state], i18n.language)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}

function FailedJob({ queue, job }: { queue: QueueName; job: AdminFailedJobDto }) {
  const { t, i18n } = useTranslation();
  const retry = useRetryJob();
  return (
    <ListItem
      divider
      data-testid="failed-job"
      data-job-id={job.id}
      sx={{ display: 'grid', gap: 0.5, alignItems: 'start' }}
    >
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography variant="subtitle2" component="span">
          {job.id}
        </Typography>
        <Typography variant="body2" color="text.secondary" component="span">
          {job.event ?? job.name}
        </Typography>
        {job.ticketId ? (
          <Link component={RouterLink} to={`/tickets/${job.ticketId}`}>
            {t('queues.ticket')}
          </Link>
        ) : null}
        <Box sx={{ flexGrow: 1 }} />
        <Button
          size="small"
          variant="outlined"
          data-testid="failed-job-retry"
          disabled={retry.isPending}
          onClick={() => retry.mutate({ queue, id: job.id })}
        >
          {t('queues.retry')}
        </Button>
      </Box>
      <Typography variant="body2" sx={{ color: 'error.main', wordBreak: 'break-word' }}>
        {job.failedReason ?? t('queues.noReason')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {t('queues.attempts', { count: job.attemptsMade })} ·{' '}
        {t('queues.failedAt', { time: formatDateTime(job.finishedOn ?? job.timestamp, i18n.language) })}
      </Typography>
      {retry.error ? <ErrorAlert error={retry.error} /> : null}
    </ListItem>
  );
}

function FailedJobs({ queue }: { queue: QueueName }) {
  const { t } = useTranslation();
  const failed = useFailedJobs(queue);
  return (
    <Paper component="section" aria-labelledby="failed-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="failed-heading" sx={{ mb: 1 }}>
        {t('queues.failedTitle', { queue })}
      </Typography>
      <QueryState
        isPending={failed.isPending}
        error={failed.error}
        data={failed.data}
        isEmpty={(data) => data.jobs.length === 0}
        emptyText={t('queues.noFailed')}
        onRetry={() => void failed.refetch()}
      >
        {(data) => (
          <>
            {data.total > data.jobs.length ? (
              <Typography variant="body2" color="text.secondary">
                {t('queues.newestOf', { shown: data.jobs.length, total: data.total })}
              </Typography>
            ) : null}
            <List data-testid="failed-jobs" disablePadding>
              {data.jobs.map((job) => (
                <FailedJob key={job.id} queue={queue} job={job} />
              ))}
            </List>
          </>
        )}
      </QueryState>
    </Paper>
  );
}

export function QueuesPage() {
  const { t, i18n } = useTranslation();
  const queues = useAdminQueues();
  const [selected, setSelected] = useState<QueueName>('routing');
  return (
    <Box sx={{ display: 'grid', gap: 2 }}>
      <Typography variant="h5" component="h1">
        {t('queues.title')}
      </Typography>
      <Paper component="section" aria-labelledby="queues-heading" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2" id="queues-heading" sx={{ mb: 1 }}>
          {t('queues.countsTitle')}
        </Typography>
        <QueryState
          isPending={queues.isPending}
          error={queues.error}
          data={queues.data}
          onRetry={() => void queues.refetch()}
        >
          {(data) => (
            <>
              <Typography variant="body2" color="text.secondary" aria-live="polite">
                {t('queues.asOf', { time: formatTime(data.at, i18n.language) })}
              </Typography>
              <QueuesTable data={data} selected={selected} onSelect={setSelected} />
            </>
          )}
        </QueryState>
      </Paper>
      <FailedJobs queue={selected} />
    </Box>
  );
}
