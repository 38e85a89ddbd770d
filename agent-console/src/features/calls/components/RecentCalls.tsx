// The agent's own latest calls under the panel: a quick check that the last call was saved right,
// and a way back to the tickets it created.
import { Link as RouterLink } from 'react-router';
import {
  Link,
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
import { useMyCalls } from '../../../api/calls.api';
import { formatDateTime, formatDuration } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

export function RecentCalls() {
  const { t, i18n } = useTranslation();
  const calls = useMyCalls(20);
  return (
    <Paper component="section" aria-labelledby="recent-calls-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="recent-calls-heading" sx={{ mb: 1 }}>
        {t('callPanel.recent.title')}
      </Typography>
      <QueryState
        isPending={calls.isPending}
        error={calls.error}
        data={calls.data}
        onRetry={() => void calls.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('callPanel.recent.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="recent-calls-heading" data-testid="recent-calls">
              <TableHead>
                <TableRow>
                  <TableCell>{t('callPanel.recent.startedAt')}</TableCell>
                  <TableCell>{t('callPanel.recent.duration')}</TableCell>
                  <TableCell>{t('callPanel.topic')}</TableCell>
                  <TableCell>{t('callPanel.outcome')}</TableCell>
                  <TableCell>{t('callPanel.phone')}</TableCell>
                  <TableCell>{t('callPanel.recent.tickets')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((call) => (
                  <TableRow key={call.id} data-testid="recent-call">
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(call.startedAt, i18n.language)}</TableCell>
                    <TableCell>{formatDuration(call.durationSeconds)}</TableCell>
                    <TableCell>{call.topicLabel}</TableCell>
                    <TableCell>{t(`outcome.${call.outcome}`)}</TableCell>
                    <TableCell>{call.callerPhone ?? '—'}</TableCell>
                    <TableCell>
                      {call.ticketNumbers.length === 0
                        ? '—'
                        : call.ticketNumbers.map((number, index) => {
                            const ticketId = call.ticketIds[index];
                            return (
                              <div key={number}>
                                {ticketId ? (
                                  <Link component={RouterLink} to={`/tickets/${ticketId}`}>
                                    {number}
                                  </Link>
                                ) : (
                                  number
                                )}
                              </div>
                            );
                          })}
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
