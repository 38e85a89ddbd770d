// DK-05's reports: the monthly and unit reports, analysts' saved tables and the e-mailed schedules. Files (CSV,
// XLSX) are plain links to the same endpoints with `format`, so the browser downloads them with the session cookie.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ReportDto,
  ReportKind,
  ReportScheduleDto,
  ReportScheduleRequest,
  ReportTableCreateRequest,
  ReportTableDefinitionInput,
  ReportTableDto,
  ReportTableUpdateRequest,
} from '@kck/contracts';
import { http } from './http';

export const reportKeys = {
  all: () => ['reports'] as const,
  report: (kind: ReportKind, period: string, unitId: string) => ['reports', 'report', kind, period, unitId] as const,
  tables: () => ['reports', 'tables'] as const,
  schedules: () => ['reports', 'schedules'] as const,
};

export interface ReportRequest {
  kind: ReportKind;
  /** YYYY-MM */
  period: string;
  unitId: string;
}

const reportQuery = ({ period, unitId }: ReportRequest) => ({ period, ...(unitId ? { unitId } : {}) });

/** The address of a report's file; a link with `download` fetches it with the session cookie. */
export function reportFileUrl(request: ReportRequest, format: 'csv' | 'xlsx', reason = ''): string {
  // The reason goes to the access log with the export (issue 9); an empty one is left out.
  const params = new URLSearchParams({
    ...reportQuery(request),
    format,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
  });
  return `/api/reports/${request.kind}?${params.toString()}`;
}

export const tableFileUrl = (id: string, format: 'csv' | 'xlsx') =>
  `/api/report-tables/${encodeURIComponent(id)}/export?format=${format}`;

export function useReport(request: ReportRequest | null) {
  return useQuery({
    queryKey: request ? reportKeys.report(request.kind, request.period, request.unitId) : reportKeys.all(),
    queryFn: ({ signal }) => http.get<ReportDto>(`/api/reports/${request!.kind}`, reportQuery(request!), signal),
    enabled: request !== null,
    retry: false,
  });
}

export function useReportTables() {
  return useQuery({
    queryKey: reportKeys.tables(),
    queryFn: ({ signal }) => http.get<ReportTableDto[]>('/api/report-tables', undefined, signal),
  });
}

export function usePreviewTable() {
  return useMutation({
    mutationFn: (definition: ReportTableDefinitionInput) =>
      http.post<ReportDto>('/api/report-tables/preview', { definition }),
  });
}

export function useSaveTable() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; body: ReportTableCreateRequest | ReportTableUpdateRequest }) =>
      input.id
        ? http.put<ReportTableDto>(`/api/report-tables/${encodeURIComponent(input.id)}`, input.body)
        : http.post<ReportTableDto>('/api/report-tables', input.body),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.tables() }),
  });
}

export function useDeleteTable() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/api/report-tables/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.tables() }),
  });
}

export function useReportSchedules() {
  return useQuery({
    queryKey: reportKeys.schedules(),
    queryFn: ({ signal }) => http.get<ReportScheduleDto[]>('/api/report-schedules', undefined, signal),
    // A run started from here (or by the scheduler) ends within moments; the list shows how.
    refetchInterval: 15_000,
  });
}

/** A new schedule (no id) or the whole of an existing one replaced. */
export function useSaveSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: ReportScheduleRequest }) =>
      id
        ? http.put<ReportScheduleDto>(`/api/report-schedules/${encodeURIComponent(id)}`, body)
        : http.post<ReportScheduleDto>('/api/report-schedules', body),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.schedules() }),
  });
}

export function useRunSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.post<{ jobId: string }>(`/api/report-schedules/${encodeURIComponent(id)}/run`),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.schedules() }),
  });
}

export function useDeleteSchedule() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(`/api/report-schedules/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.schedules() }),
  });
}
