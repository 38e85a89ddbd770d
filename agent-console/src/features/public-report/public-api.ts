// How the public pages (web form, status page) talk to the backend: never with the staff session (no cookie is
// sent, so a clerk who opens the form in their browser files it as a resident would) and, on the status page,
// with the private token in a header, never in an API address.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  STATUS_TOKEN_HEADER,
  type PublicFormDto,
  type PublicMessageRequest,
  type PublicNotSolvedRequest,
  type PublicPhotoDto,
  type PublicRatingRequest,
  type PublicReportCreatedDto,
  type PublicReportRequest,
  type PublicTicketStatusDto,
  type StreetDto,
} from '@kck/contracts';
import { ApiError, isApiError } from '../../api/http';

const publicKeys = {
  form: () => ['public', 'form'] as const,
  streets: (q: string) => ['public', 'streets', q] as const,
  status: (ref: string) => ['public', 'status', ref] as const,
};

async function errorOf(response: Response): Promise<ApiError> {
  let body: { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } } = {};
  try {
    body = (await response.json()) as typeof body;
  } catch {
    // a proxy's HTML page: the status says enough
  }
  const error = body.error ?? {};
  const code = (error.code ??
    (response.status === 429 ? 'too_many_requests' : response.status === 404 ? 'not_found' : 'internal')) as never;
  const failure = new ApiError(response.status, code, error.message ?? response.statusText, error.fields ?? []);
  (failure as ApiError & { retryAfter?: number }).retryAfter = Number(response.headers.get('Retry-After')) || undefined;
  return failure;
}

/** Seconds the server asked us to wait (429), if it said. */
export const retryAfterOf = (error: unknown): number | undefined =>
  isApiError(error) ? (error as ApiError & { retryAfter?: number }).retryAfter : undefined;

export async function publicFetch<T>(
  path: string,
  options: { method?: string; body?: unknown; form?: FormData; token?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers[STATUS_TOKEN_HEADER] = options.token;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'omit',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function usePublicForm() {
  return useQuery({
    queryKey: publicKeys.form(),
    queryFn: ({ signal }) => publicFetch<PublicFormDto>('/api/public/form', { signal }),
    staleTime: 10 * 60_000,
  });
}

export const MIN_STREET_QUERY = 2;

export function usePublicStreets(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: publicKeys.streets(query),
    queryFn: ({ signal }) =>
      publicFetch<StreetDto[]>(`/api/public/streets?${new URLSearchParams({ q: query, limit: '8' })}`, { signal }),
    enabled: query.length >= MIN_STREET_QUERY,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export const uploadPhoto = (submissionId: string, file: File) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return publicFetch<PublicPhotoDto>(`/api/public/uploads?submissionId=${encodeURIComponent(submissionId)}`, {
    method: 'POST',
    form,
  });
};

export const discardPhoto = (submissionId: string, photoId: string) =>
  publicFetch<void>(
    `/api/public/uploads/${encodeURIComponent(photoId)}?submissionId=${encodeURIComponent(submissionId)}`,
    { method: 'DELETE' },
  );

export function useSubmitReport() {
  return useMutation({
    mutationFn: (body: PublicReportRequest) =>
      publicFetch<PublicReportCreatedDto>('/api/public/reports', { method: 'POST', body }),
  });
}

/**
 * The status page's data, asked again every 20 seconds while the page is open (it has no socket: a resident's
 * browser is not a console), so the unit's answer appears without a reload.
 */
export const STATUS_POLL_MS = 20_000;

export function usePublicStatus(ref: string, token: string) {
  return useQuery({
    queryKey: publicKeys.status(ref),
    queryFn: ({ signal }) =>
      publicFetch<PublicTicketStatusDto>(`/api/public/tickets/${encodeURIComponent(ref)}`, { token, signal }),
    enabled: Boolean(ref && token),
    refetchInterval: (query) => (query.state.error ? false : STATUS_POLL_MS),
    refetchOnWindowFocus: true,
    retry: false,
  });
}

function useStatusAction<B>(ref: string, token: string, action: 'messages' | 'rating' | 'not-solved') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) =>
      publicFetch<PublicTicketStatusDto>(`/api/public/tickets/${encodeURIComponent(ref)}/${action}`, {
        method: 'POST',
        body,
        token,
      }),
    onSuccess: (status) => queryClient.setQueryData(publicKeys.status(ref), status),
  });
}

export const useSendMessage = (ref: string, token: string) =>
  useStatusAction<PublicMessageRequest>(ref, token, 'messages');
export const useRate = (ref: string, token: string) => useStatusAction<PublicRatingRequest>(ref, token, 'rating');
export const useNotSolved = (ref: string, token: string) =>
  useStatusAction<PublicNotSolvedRequest>(ref, token, 'not-solved');
