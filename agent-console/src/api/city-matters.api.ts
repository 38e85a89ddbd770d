// City-wide matters: the open ones for every console's banner, the recent ones for supervisors, and the
// commands (declare, edit, end, link a call). `city_matter.changed` on the socket refetches them all.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CityMatterCallLinkDto, CityMatterDto, CityMatterListDto, CityMatterRequest } from '@kck/contracts';
import { http } from './http';

export const cityMatterKeys = {
  all: () => ['city-matters'] as const,
  list: (status: 'open' | 'all') => ['city-matters', status] as const,
};

const matterPath = (id: string, action = '') =>
  `/api/city-matters/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

export function useCityMatters(status: 'open' | 'all') {
  return useQuery({
    queryKey: cityMatterKeys.list(status),
    queryFn: ({ signal }) => http.get<CityMatterListDto>('/api/city-matters', { status }, signal),
    staleTime: 60_000,
  });
}

export const refreshCityMatters = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: cityMatterKeys.all() }, { cancelRefetch: false });

function useMatterCommand<V>(run: (vars: V) => Promise<CityMatterDto>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => refreshCityMatters(queryClient) });
}

export const useDeclareCityMatter = () =>
  useMatterCommand((body: CityMatterRequest) => http.post<CityMatterDto>('/api/city-matters', body));

export const useEditCityMatter = () =>
  useMatterCommand(({ id, body }: { id: string; body: CityMatterRequest }) =>
    http.put<CityMatterDto>(matterPath(id), body),
  );

export const useEndCityMatter = () => useMatterCommand((id: string) => http.post<CityMatterDto>(matterPath(id, 'end')));

export function useLinkCallToCityMatter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ matterId, callId, linked }: { matterId: string; callId: string; linked: boolean }) =>
      linked
        ? http.post<CityMatterCallLinkDto>(matterPath(matterId, `calls/${encodeURIComponent(callId)}`))
        : http.delete<CityMatterCallLinkDto>(matterPath(matterId, `calls/${encodeURIComponent(callId)}`)),
    onSuccess: () => refreshCityMatters(queryClient),
  });
}
