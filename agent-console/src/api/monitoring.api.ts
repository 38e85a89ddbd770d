// DK-03's monitoring figures; ticket moves and 'dashboard.changed' on the socket invalidate them
// (see realtime/use-realtime.ts), and a slow poll covers a socket that is down.
import { useQuery } from '@tanstack/react-query';
import type { MonitoringUnitsDto } from '@kck/contracts';
import { http } from './http';
import { monitoringKeys } from './query-keys';

export function useMonitoringUnits() {
  return useQuery({
    queryKey: monitoringKeys.units(),
    queryFn: ({ signal }) => http.get<MonitoringUnitsDto>('/api/monitoring/units', undefined, signal),
    refetchInterval: 60_000,
  });
}
