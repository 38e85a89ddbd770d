// Today's figures for the DK-05 dashboard; the socket's 'dashboard.changed' invalidates them.
// A slow poll stays as a safety net for when the socket is down.
import { useQuery } from '@tanstack/react-query';
import type { TodayFiguresDto } from '@kck/contracts';
import { http } from './http';
import { analyticsKeys } from './query-keys';

export function useTodayFigures() {
  return useQuery({
    queryKey: analyticsKeys.today(),
    queryFn: ({ signal }) => http.get<TodayFiguresDto>('/api/analytics/today', undefined, signal),
    refetchInterval: 60_000,
  });
}
