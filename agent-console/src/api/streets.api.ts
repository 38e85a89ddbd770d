// The street → district dictionary as the ticket form's address field asks it while the agent types.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { StreetDto } from '@kck/contracts';
import { http } from './http';
import { streetKeys } from './query-keys';

export const MIN_STREET_QUERY = 2;

export function useStreetSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: streetKeys.search(query),
    queryFn: ({ signal }) => http.get<StreetDto[]>('/api/streets', { q: query, limit: 8 }, signal),
    enabled: query.length >= MIN_STREET_QUERY,
    // The dictionary changes only on an import: an answer stays good for the shift.
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}
