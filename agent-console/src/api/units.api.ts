// Units (komórki, jednostki, spółki miejskie): whoever can own a ticket; triage routes to them.
// They change rarely, so the list is cached for the whole session.
import { useQuery } from '@tanstack/react-query';
import type { UnitDto } from '@kck/contracts';
import { http } from './http';
import { unitKeys } from './query-keys';

export function useUnits() {
  return useQuery({
    queryKey: unitKeys.all(),
    queryFn: ({ signal }) => http.get<UnitDto[]>('/api/units', undefined, signal),
    staleTime: 10 * 60_000,
    select: (units) => [...units].filter((unit) => unit.active).sort((a, b) => a.code.localeCompare(b.code)),
  });
}
