// DK-02's wallboard for supervisors: each agent's state and time in it, today's calls, calls waiting, the units'
// queues and the open city matters. Live from socket messages (live-updates.ts); the counters tick locally.
import { useEffect, useMemo, useState } from 'react';
import {
  Box,
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
import { PRESENCE_STATES, type PresenceState, type WallboardAgentDto, type WallboardDto } from '@kck/contracts';
import { useWallboard } from '../../../api/wallboard.api';
import { FigureCard } from '../../../components/FigureCard';
import { formatDuration, formatNumber, formatTime } from '../../../components/format';
import { QueryState } from '../../../components/QueryState';
import { PRESENCE_COLORS, usePresenceLabel } from '../../presence/presence-labels';

const DAY_SECONDS = 24 * 3600;

/** `mm:ss` within the hour, `h:mm:ss` within the day; past a day the seconds no longer matter. */
function elapsed(seconds: number, overDay: string): string {
  if (seconds >= DAY_SECONDS) return overDay;
  if (seconds < 3600) return formatDuration(seconds);
  const s = Math.floor(seconds);
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The server's clock now, ticking every second: times in state count from the server's `since`, so a console
 * whose clock is off still shows the right durations.
 */
function useServerNow(serverAt: string, fetchedAt: number): number {
  const offset = Date.parse(serverAt) - fetchedAt;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now + offset;
}

const secondsSince = (iso: string | null, now: number) => (iso ? Math.max(0, (now - Date.parse(iso)) / 1000) : 0);

function StateCell({ agent }: { agent: WallboardAgentDto }) {
  const { t } = useTranslation();
  const label = usePresenceLabel();
  return (
    <TableCell>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Box
          component="span"
          aria-hidden
          sx={{ width: 14, height: 14, flex: 'none', borderRadius: '50%', bgcolor: PRESENCE_COLORS[agent.state] }}
        />
        <span data-testid="wallboard-agent-state">{label(agent.state, agent.reason)}</span>
        {agent.state !== 'offline' && !agent.signedIn ? (
          <Typography component="span" variant="body2" color="warning.dark" data-testid="wallboard-agent-no-session">
            {t('wallboard.noSession')}
          </Typography>
        ) : null}
      </Box>
    </TableCell>
  );
}

function AgentsTable({ agents, now }: { agents: WallboardAgentDto[]; now: number }) {
  const { t, i18n } = useTranslation();
  const counts = useMemo(() => {
    const byState = Object.fromEntries(PRESENCE_STATES.map((state) => [state, 0])) as Record<PresenceState, number>;
    for (const agent of agents) byState[agent.state] += 1;
    return byState;
  }, [agents]);
  return (
    <Paper component="section" aria-labelledby="wallboard-agents-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="wallboard-agents-heading">
        {t('wallboard.agents')}
      </Typography>
      <Box component="ul" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, my: 1 }}>
        {PRESENCE_STATES.map((state) => (
          <Box component="li" key={state} data-testid={`wallboard-count-${state}`}>
            {t(`presence.states.${state}`)}: <strong>{formatNumber(counts[state], i18n.language)}</strong>
          </Box>
        ))}
      </Box>
      {agents.length === 0 ? (
        <Typography color="text.secondary">{t('wallboard.noAgents')}</Typography>
      ) : (
        <TableContainer>
          <Table
            aria-labelledby="wallboard-agents-heading"
            data-testid="wallboard-agents"
            sx={{ '& td, & th': { fontSize: 18 } }}
          >
            <TableHead>
              <TableRow>
                <TableCell>{t('wallboard.agent')}</TableCell>
                <TableCell>{t('wallboard.state')}</TableCell>
                <TableCell align="right">{t('wallboard.timeInState')}</TableCell>
                <TableCell align="right">{t('wallboard.callsToday')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {agents.map((agent) => (
                <TableRow
                  key={agent.userId}
                  data-testid="wallboard-agent-row"
                  data-user-id={agent.userId}
                  data-state={agent.state}
                  data-reason={agent.reason ?? ''}
                >
                  <TableCell component="th" scope="row">
                    {agent.displayName}
                  </TableCell>
                  <StateCell agent={agent} />
                  <TableCell
                    align="right"
                    sx={{ fontVariantNumeric: 'tabular-nums' }}
                    data-testid="wallboard-agent-time"
                  >
                    {elapsed(secondsSince(agent.since, now), t('wallboard.overDay'))}
                  </TableCell>
                  <TableCell align="right">{formatNumber(agent.callsToday, i18n.language)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

function CallFigures({ data, now }: { data: WallboardDto; now: number }) {
  const { t, i18n } = useTranslation();
  const { calls } = data;
  const number = (value: number) => formatNumber(value, i18n.language);
  const seconds = (value: number | null) => (value === null ? '—' : formatDuration(value));
  return (
    <Box component="section" aria-labelledby="wallboard-calls-heading">
      <Typography variant="h6" component="h2" id="wallboard-calls-heading" sx={{ mb: 1 }}>
        {t('wallboard.calls')}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gap: 2,
          gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)', lg: 'repeat(7, 1fr)' },
        }}
      >
        <FigureCard
          label={t('wallboard.waiting')}
          value={number(calls.waiting)}
          testId="wallboard-waiting"
          hint={
            calls.oldestWaitingSince
              ? t('wallboard.longestWait', { time: formatDuration(secondsSince(calls.oldestWaitingSince, now)) })
              : undefined
          }
        />
        <FigureCard label={t('wallboard.today')} value={number(calls.today)} testId="wallboard-calls-today" />
        <FigureCard label={t('wallboard.lastHour')} value={number(calls.lastHour)} testId="wallboard-calls-last-hour" />
        <FigureCard label={t('wallboard.answered')} value={number(calls.answeredToday)} testId="wallboard-answered" />
        <FigureCard label={t('wallboard.missed')} value={number(calls.missedToday)} testId="wallboard-missed" />
        <FigureCard
          label={t('wallboard.handling')}
          value={seconds(calls.averageHandlingSeconds)}
          testId="wallboard-handling"
          hint={t('wallboard.minutesSeconds')}
        />
        <FigureCard
          label={t('wallboard.wrapUp')}
          value={seconds(calls.averageWrapUpSeconds)}
          testId="wallboard-wrap-up"
          hint={t('wallboard.minutesSeconds')}
        />
      </Box>
    </Box>
  );
}

function QueuesTable({ data }: { data: WallboardDto }) {
  const { t, i18n } = useTranslation();
  const { tickets } = data;
  return (
    <Paper component="section" aria-labelledby="wallboard-queues-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="wallboard-queues-heading">
        {t('wallboard.queues')}
      </Typography>
      <Typography sx={{ my: 1, fontSize: 18 }}>
        {t('wallboard.openTickets')}:{' '}
        <strong data-testid="wallboard-open">{formatNumber(tickets.open, i18n.language)}</strong>
        {' · '}
        {t('wallboard.overdueTickets')}:{' '}
        <Box
          component="strong"
          sx={{ color: tickets.overdue > 0 ? 'error.main' : undefined }}
          data-testid="wallboard-overdue"
        >
          {formatNumber(tickets.overdue, i18n.language)}
        </Box>
      </Typography>
      {tickets.queues.length === 0 ? (
        <Typography color="text.secondary">{t('wallboard.noQueues')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-labelledby="wallboard-queues-heading" data-testid="wallboard-queues">
            <TableHead>
              <TableRow>
                <TableCell>{t('wallboard.unit')}</TableCell>
                <TableCell align="right">{t('wallboard.open')}</TableCell>
                <TableCell align="right">{t('wallboard.overdue')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {tickets.queues.map((queue) => (
                <TableRow key={queue.unitId} data-unit-code={queue.unitCode}>
                  <TableCell component="th" scope="row">
                    {queue.unitCode} — {queue.unitName}
                  </TableCell>
                  <TableCell align="right">{formatNumber(queue.open, i18n.language)}</TableCell>
                  <TableCell align="right" sx={{ color: queue.overdue > 0 ? 'error.main' : undefined }}>
                    {formatNumber(queue.overdue, i18n.language)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Paper>
  );
}

function CityMattersTable({ data }: { data: WallboardDto }) {
  const { t, i18n } = useTranslation();
  if (data.cityMatters.length === 0) return null;
  return (
    <Paper component="section" aria-labelledby="wallboard-matters-heading" sx={{ p: 2 }}>
      <Typography variant="h6" component="h2" id="wallboard-matters-heading">
        {t('wallboard.cityMatters')}
      </Typography>
      <TableContainer>
        <Table
          aria-labelledby="wallboard-matters-heading"
          data-testid="wallboard-matters"
          sx={{ '& td, & th': { fontSize: 18 } }}
        >
          <TableHead>
            <TableRow>
              <TableCell>{t('wallboard.matter')}</TableCell>
              <TableCell>{t('wallboard.declaredAt')}</TableCell>
              <TableCell align="right">{t('wallboard.callsToday')}</TableCell>
              <TableCell align="right">{t('wallboard.callsTotal')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.cityMatters.map((matter) => (
              <TableRow key={matter.id} data-testid="wallboard-matter-row" data-matter-id={matter.id}>
                <TableCell component="th" scope="row">
                  {matter.title}
                </TableCell>
                <TableCell>{formatTime(matter.declaredAt, i18n.language)}</TableCell>
                <TableCell align="right" data-testid="wallboard-matter-calls-today">
                  {formatNumber(matter.callsToday, i18n.language)}
                </TableCell>
                <TableCell align="right">{formatNumber(matter.callsTotal, i18n.language)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Paper>
  );
}

function Board({ data, fetchedAt }: { data: WallboardDto; fetchedAt: number }) {
  const { t, i18n } = useTranslation();
  const now = useServerNow(data.at, fetchedAt);
  return (
    <Box sx={{ display: 'grid', gap: 3 }}>
      <Typography variant="body2" color="text.secondary" data-testid="wallboard-as-of">
        {t('wallboard.asOf', { time: formatTime(data.at, i18n.language) })}
      </Typography>
      <CallFigures data={data} now={now} />
      <AgentsTable agents={data.agents} now={now} />
      <CityMattersTable data={data} />
      <QueuesTable data={data} />
    </Box>
  );
}

export function WallboardPage() {
  const { t } = useTranslation();
  const board = useWallboard();
  return (
    <Box>
      <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
        {t('wallboard.title')}
      </Typography>
      <QueryState
        isPending={board.isPending}
        error={board.error}
        data={board.data}
        onRetry={() => void board.refetch()}
      >
        {(data) => <Board data={data} fetchedAt={board.dataUpdatedAt} />}
      </QueryState>
    </Box>
  );
}
