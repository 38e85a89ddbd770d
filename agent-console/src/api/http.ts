// The one way the console talks to the backend: same-origin JSON over the cookie session.
// Every failure becomes an ApiError carrying the contracts' ErrorBody, so screens handle errors alike.
import { CSRF_HEADER, ERROR_CODES, type ErrorBody, type ErrorCode, type FieldError } from '@kck/contracts';

/** `network` is ours: the request never got an answer (backend down, connection lost). */
export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fields: FieldError[];
  readonly requestId: string | undefined;
  /** On a 409 for a ticket: where it stands now, so the screen can say what happened meanwhile. */
  readonly current: ErrorBody['error']['current'];

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    fields: FieldError[] = [],
    requestId?: string,
    current?: ErrorBody['error']['current'],
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.requestId = requestId;
    this.current = current;
  }

  /** The message for one request field (e.g. `tickets.0.title`), if the server or the form flagged it. */
  fieldMessage(path: string): string | undefined {
    return this.fields.find((field) => field.path === path || field.path === `body.${path}`)?.message;
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

// The token arrives with the session; the cookie alone must not be enough to change anything (CSRF).
let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}
/** For a request the page sends itself while unloading (fetch keepalive), which cannot go through `request`. */
export const currentCsrfToken = (): string | null => csrfToken;

export type QueryParams = Record<string, string | number | boolean | undefined | null>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** A multipart body (file uploads); the browser writes its Content-Type with the boundary. */
  form?: FormData;
  signal?: AbortSignal;
}

function withQuery(path: string, query: QueryParams | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const KNOWN_CODES: readonly string[] = ERROR_CODES;

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  // A proxy refusing a large upload answers 413 in HTML, without our error body.
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'too_many_requests';
  if (status === 503) return 'dependency_unavailable';
  return 'internal';
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Proxies and crashed servers answer with HTML or nothing; the status still tells us enough.
  }
  const error = body?.error;
  const code =
    error && typeof error.code === 'string' && KNOWN_CODES.includes(error.code)
      ? error.code
      : codeForStatus(response.status);
  const message = typeof error?.message === 'string' ? error.message : response.statusText || code;
  const fields = Array.isArray(error?.fields) ? error.fields : [];
  const current =
    error?.current && typeof error.current.status === 'string' && typeof error.current.version === 'number'
      ? { status: error.current.status, version: error.current.version }
      : undefined;
  return new ApiError(response.status, code, message, fields, error?.requestId, current);
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers[CSRF_HEADER] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', cause instanceof Error ? cause.message : 'network error');
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => request<T>('DELETE', path, { body }),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { form }),
};
