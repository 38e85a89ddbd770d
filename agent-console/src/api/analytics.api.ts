// DK-05's figures: today's live counts, and tickets, calls, backlog and knowledge-base use over a period, plus the
// recorded calls behind a call figure. The socket's 'dashboard.changed' refreshes whatever covers today.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type {
  BacklogRowDto,
  CallDimension,
  CallDto,
  CallFiguresDto,
  CallMeasure,
  KnowledgeFiguresDto,
  TicketDimension,
  TicketFiguresDto,
  TicketMeasure,
  TodayFiguresDto,
} from '@kck/contracts';
import { http } from './http';
import { analyticsKeys } from './query-keys';

export function useTodayFigures() {
  return useQuery({
    queryKey: analyticsKeys.today(),
    queryFn: ({ signal }) => http.get<TodayFiguresDto>('/api/analytics/today', undefined, signal),
    refetchInterval: 60_000,
  });
}

/** Filters the ticket figures take; the calls and knowledge figures take only the period. */
export interface TicketFigureFilters {
  from: string;
  to: string;
  unitId?: string;
  districtId?: string;
  channel?: string;
  categoryId?: string;
}

type Params = Record<string, string | undefined>;

// The figures change only when the worker's refresh says so ('dashboard.changed'); no need to refetch on focus.
const FIGURES_STALE_MS = 60_000;

export function useTicketFigures(filters: TicketFigureFilters, groupBy: TicketDimension[], measures: TicketMeasure[]) {
  // Only the filters the API takes: callers may pass a richer object (the dashboard's, with its preset).
  const { from, to, unitId, districtId, channel, categoryId } = filters;
  const params: Params = {
    from,
    to,
    unitId,
    districtId,
    channel,
    categoryId,
    groupBy: groupBy.join(','),
    measures: measures.join(','),
  };
  return useQuery({
    queryKey: analyticsKeys.figure('tickets', params),
    queryFn: ({ signal }) => http.get<TicketFiguresDto>('/api/analytics/tickets', params, signal),
    staleTime: FIGURES_STALE_MS,
  });
}

export function useCallFigures(
  period: { from: string; to: string },
  groupBy: CallDimension[],
  measures: CallMeasure[],
) {
  const params: Params = { from: period.from, to: period.to, groupBy: groupBy.join(','), measures: measures.join(',') };
  return useQuery({
    queryKey: analyticsKeys.figure('calls', params),
    queryFn: ({ signal }) => http.get<CallFiguresDto>('/api/analytics/calls', params, signal),
    staleTime: FIGURES_STALE_MS,
  });
}

/** Open tickets now per unit: the present state, not a period (it still refreshes on 'dashboard.changed'). */
export function useBacklog(unitId: string | undefined) {
  const params: Params = { unitId, to: 'now' };
  return useQuery({
    queryKey: analyticsKeys.figure('backlog', params),
    queryFn: ({ signal }) => http.get<BacklogRowDto[]>('/api/analytics/backlog', { unitId }, signal),
    staleTime: FIGURES_STALE_MS,
  });
}

export function useKnowledgeFigures(period: { from: string; to: string }, limit = 10) {
  const params: Params = { from: period.from, to: period.to, limit: String(limit) };
  return useQuery({
    queryKey: analyticsKeys.figure('knowledge', params),
    queryFn: ({ signal }) => http.get<KnowledgeFiguresDto>('/api/analytics/knowledge', params, signal),
    staleTime: FIGURES_STALE_MS,
  });
}

/** Filters of GET /api/calls (contracts callListQuery) as the drill-down's URL carries them. */
export interface CallListFilters {
  from?: string;
  to?: string;
  hour?: string;
  topicId?: string;
  outcome?: string;
  withTicket?: string;
}

export const CALL_LIST_LIMIT = 200;

export function useCallsBehindFigures(filters: CallListFilters) {
  const params: Params = { view: 'all', limit: String(CALL_LIST_LIMIT), ...filters };
  return useQuery({
    queryKey: analyticsKeys.calls(params),
    queryFn: ({ signal }) => http.get<CallDto[]>('/api/calls', params, signal),
  });
}

/** Today in Kraków, `YYYY-MM-DD`: the day the figures count by. */
export const localToday = (now = new Date()): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(now);

/**
 * On 'dashboard.changed': refetch the figures whose period reaches today (older periods do not move, except by a
 * late status change, which the next visit picks up) and the backlog, which is always now.
 */
export function refreshFiguresOfToday(queryClient: QueryClient): void {
  const today = localToday();
  void queryClient.invalidateQueries(
    {
      queryKey: analyticsKeys.figures(),
      predicate: (query) => {
        const params = query.queryKey[3] as Params | undefined;
        return !params?.to || params.to === 'now' || params.to >= today;
      },
    },
    { cancelRefetch: false },
  );
}
