// The one error shape every API answer uses, so the console can show any failure the same way.
// Field errors name each bad field by its path in the request.

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'invalid_transition',
  'csrf_failed',
  'too_many_requests',
  /** An uploaded file over the size limit (413). */
  'payload_too_large',
  /** An uploaded file whose content is not an allowed type (415). */
  'unsupported_media_type',
  /** An uploaded file the virus scanner found malware in (422). */
  'upload_infected',
  'dependency_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  /** Dotted path of the field in the request, e.g. `tickets.0.categoryId`; `query.` / `params.` prefixes for those parts. */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    fields?: FieldError[];
    /** For 409 on a ticket: where it stands now, so the client can show it and retry. */
    current?: { status: string; version: number };
    requestId?: string;
  };
}
