// The access log for the auditor's page: a filtered search in keyset pages (newest first), the CSV export as a
// plain link (the browser downloads it with the session cookie) and the chain check.
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import type { AccessAction, AccessLogPageDto, AccessLogVerificationDto } from '@kck/contracts';
import { http } from '../../api/http';

export interface AccessLogFilters {
  phone: string;
  email: string;
  user: string;
  action: AccessAction | '';
  from: string;
  to: string;
}

export const EMPTY_FILTERS: AccessLogFilters = { phone: '', email: '', user: '', action: '', from: '', to: '' };

const PAGE_SIZE = 50;

const filterParams = (filters: AccessLogFilters): Record<string, string> =>
  Object.fromEntries(Object.entries(filters).filter(([, value]) => value.trim() !== ''));

export function useAccessLog(filters: AccessLogFilters) {
  return useInfiniteQuery({
    queryKey: ['access-log', filters],
    queryFn: ({ pageParam, signal }) =>
      http.get<AccessLogPageDto>(
        '/api/access-log',
        { ...filterParams(filters), limit: PAGE_SIZE, before: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    retry: false,
  });
}

export function accessLogCsvUrl(filters: AccessLogFilters): string {
  const params = new URLSearchParams(filterParams(filters)).toString();
  return `/api/access-log/export.csv${params ? `?${params}` : ''}`;
}

export function useVerifyChain() {
  return useMutation({
    mutationFn: () => http.get<AccessLogVerificationDto>('/api/access-log/verify'),
  });
}
