// Who is calling: the caller's earlier calls and tickets, matched by phone number, shown as the call pops up so
// the agent can say "I see you reported the pothole on Monday" before the caller explains again.
import { Link as RouterLink } from 'react-router';
import { Box, Link, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useCallerHistory } from '../../../api/calls.api';
import { formatDateTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

export function CallerHistory({ callId, callerPhone }: { callId: string; callerPhone: string | null }) {
  const { t, i18n } = useTranslation();
  const history = useCallerHistory(callId, callerPhone);
  if (!callerPhone) return null;
  return (
    <Paper variant="outlined" component="section" aria-labelledby="caller-history-heading" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" component="h2" id="caller-history-heading" sx={{ fontWeight: 600 }}>
        {t('callPanel.history.title', { phone: callerPhone })}
      </Typography>
      <QueryState
        isPending={history.isPending}
        error={history.error}
        data={history.data}
        onRetry={() => void history.refetch()}
        isEmpty={(data) => data.calls.length === 0 && data.tickets.length === 0}
        emptyText={t('callPanel.history.empty')}
      >
        {(data) => (
          <Box
            data-testid="caller-history"
            sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2, mt: 1 }}
          >
            <Box>
              <Typography variant="subtitle2" component="h3" id="caller-history-calls">
                {t('callPanel.history.calls', { count: data.calls.length })}
              </Typography>
              <Box component="ul" aria-labelledby="caller-history-calls" sx={{ m: 0, pl: 2 }}>
                {data.calls.map((call) => (
                  <li key={call.id} data-testid="caller-history-call">
                    {formatDateTime(call.startedAt, i18n.language)} —{' '}
                    {call.topicLabel ?? t(`callPanel.state.${call.state}`)}
                    {call.outcome ? `, ${t(`outcome.${call.outcome}`)}` : ''}
                    {call.agentName ? ` (${call.agentName})` : ''}
                    {call.notes ? (
                      <Typography component="div" variant="body2" color="text.secondary">
                        {call.notes}
                      </Typography>
                    ) : null}
                  </li>
                ))}
              </Box>
            </Box>
            <Box>
              <Typography variant="subtitle2" component="h3" id="caller-history-tickets">
                {t('callPanel.history.tickets', { count: data.tickets.length })}
              </Typography>
              <Box component="ul" aria-labelledby="caller-history-tickets" sx={{ m: 0, pl: 2 }}>
                {data.tickets.map((ticket) => (
                  <li key={ticket.id} data-testid="caller-history-ticket">
                    <Link component={RouterLink} to={`/tickets/${ticket.id}`}>
                      {ticket.number ?? ticket.title}
                    </Link>{' '}
                    {ticket.title} — {t(`status.${ticket.status}`)}
                    {ticket.unitName ? `, ${ticket.unitName}` : ''}
                  </li>
                ))}
              </Box>
            </Box>
          </Box>
        )}
      </QueryState>
    </Paper>
  );
}
