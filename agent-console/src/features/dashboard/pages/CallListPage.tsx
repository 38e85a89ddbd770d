// The recorded calls behind a dashboard figure (read-only, for analysts and supervisors): calls started within local
// days and an hour, of a topic and outcome, with or without a ticket. The filters live in the URL.
import { Link as RouterLink, useSearchParams } from 'react-router';
import {
  Button,
  Chip,
  Link,
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
import { useTranslation } from 'react-i18next';
import { CALL_OUTCOMES } from '@kck/contracts';
import { CALL_LIST_LIMIT, useCallsBehindFigures, type CallListFilters } from '../../../api/analytics.api';
import { entryLabelById, useDictionary } from '../../../api/dictionaries.api';
import { formatDateTime, formatDay, formatDuration } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Values a hand-edited URL got wrong are dropped rather than sent (the server would answer 400).
function filtersFrom(params: URLSearchParams): CallListFilters {
  const get = (key: string) => params.get(key) ?? '';
  const hour = Number(get('hour'));
  return {
    from: DATE.test(get('from')) ? get('from') : undefined,
    to: DATE.test(get('to')) ? get('to') : undefined,
    hour: get('hour') !== '' && Number.isInteger(hour) && hour >= 0 && hour <= 23 ? String(hour) : undefined,
    topicId: /^[0-9a-f-]{36}$/i.test(get('topicId')) ? get('topicId') : undefined,
    outcome: (CALL_OUTCOMES as readonly string[]).includes(get('outcome')) ? get('outcome') : undefined,
    withTicket: get('withTicket') === 'true' || get('withTicket') === 'false' ? get('withTicket') : undefined,
  };
}

export function CallListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const calls = useCallsBehindFigures(filters);
  const topics = useDictionary('call_topic');
  const lang = i18n.language;
  const chips = [
    filters.from || filters.to
      ? t('analytics.callList.period', { from: formatDay(filters.from, lang), to: formatDay(filters.to, lang) })
      : null,
    filters.hour !== undefined ? t('analytics.callList.hour', { hour: filters.hour.padStart(2, '0') }) : null,
    filters.topicId
      ? t('analytics.callList.topic', { topic: entryLabelById(filters.topicId, topics.data, lang, filters.topicId) })
      : null,
    filters.outcome ? t(`outcome.${filters.outcome}`) : null,
    filters.withTicket === 'true' ? t('analytics.callList.withTicket') : null,
    filters.withTicket === 'false' ? t('analytics.callList.withoutTicket') : null,
  ].filter((chip): chip is string => chip !== null);

  return (
    <Paper component="section" aria-labelledby="call-list-heading" sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
        <Typography variant="h6" component="h1" id="call-list-heading" sx={{ flexGrow: 1 }}>
          {t('analytics.callList.title')}
          {calls.data ? ` (${calls.data.length})` : ''}
        </Typography>
        <Button component={RouterLink} to="/dashboard">
          {t('analytics.callList.back')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {t('analytics.callList.intro', { limit: CALL_LIST_LIMIT })}
      </Typography>
      {chips.length ? (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          role="group"
          aria-label={t('tickets.filters.label')}
          data-testid="calls-filters"
          sx={{ mb: 2, flexWrap: 'wrap', alignItems: 'center' }}
        >
          {chips.map((chip) => (
            <Chip key={chip} label={chip} size="small" />
          ))}
          <Button size="small" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            {t('tickets.filters.clear')}
          </Button>
        </Stack>
      ) : null}
      <QueryState
        isPending={calls.isPending}
        error={calls.error}
        data={calls.data}
        onRetry={() => void calls.refetch()}
        isEmpty={(rows) => rows.length === 0}
        emptyText={t('analytics.callList.empty')}
      >
        {(rows) => (
          <TableContainer>
            <Table size="small" aria-labelledby="call-list-heading" data-testid="calls-table">
              <TableHead>
                <TableRow>
                  <TableCell>{t('analytics.callList.startedAt')}</TableCell>
                  <TableCell>{t('analytics.callList.agent')}</TableCell>
                  <TableCell>{t('analytics.callList.topicColumn')}</TableCell>
                  <TableCell>{t('analytics.callList.outcome')}</TableCell>
                  <TableCell align="right">{t('analytics.callList.duration')}</TableCell>
                  <TableCell>{t('analytics.callList.tickets')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((call) => (
                  <TableRow key={call.id} data-testid="call-row" data-call-id={call.id}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(call.startedAt, lang)}</TableCell>
                    <TableCell>{call.agentName}</TableCell>
                    <TableCell>{entryLabelById(call.topicId, topics.data, lang, call.topicLabel)}</TableCell>
                    <TableCell>{t(`outcome.${call.outcome}`)}</TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatDuration(call.durationSeconds)}
                    </TableCell>
                    <TableCell>
                      {call.ticketIds.map((id, index) => (
                        <Link key={id} component={RouterLink} to={`/tickets/${id}`} sx={{ mr: 1 }}>
                          {call.ticketNumbers[index]}
                        </Link>
                      ))}
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
