// The open data as the public page reads it: the same public endpoint residents and journalists download, asked
// without the staff session (publicFetch), so the page shows exactly what the files hold.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { OpenDataGrouping, OpenDataMonthlyDto } from '@kck/contracts';
import { publicFetch } from '../features/public-report/public-api';

export interface OpenDataParams {
  by: OpenDataGrouping;
  /** `YYYY-MM`; both unset: the server's default (the last twelve completed months). */
  from?: string;
  to?: string;
}

const openDataKeys = {
  monthly: (params: OpenDataParams) => ['public', 'open-data', params.by, params.from ?? '', params.to ?? ''] as const,
};

/** The address of the figures in a format: for the page's own request and for its download links. */
export function openDataUrl(format: 'json' | 'csv', params: OpenDataParams): string {
  const search = new URLSearchParams({ by: params.by });
  if (params.from) search.set('from', params.from);
  if (params.to) search.set('to', params.to);
  return `/api/public/open-data/monthly.${format}?${search}`;
}

export function useOpenData(params: OpenDataParams) {
  return useQuery({
    queryKey: openDataKeys.monthly(params),
    queryFn: ({ signal }) => publicFetch<OpenDataMonthlyDto>(openDataUrl('json', params), { signal }),
    // Past months change rarely; the server's ETag keeps a repeated request cheap anyway.
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
    retry: false,
  });
}
