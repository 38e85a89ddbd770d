// The one error type of the API and the middleware that turns any failure into contracts' ErrorBody.
// Unknown errors become a 500 with a request id and are logged; no stack trace reaches a client.
import type { ErrorRequestHandler } from 'express';
import { QueryFailedError } from 'typeorm';
import type { ErrorBody, ErrorCode, FieldError } from '@kck/contracts';
import type { Logger } from './logger.ts';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly headers?: Record<string, string>,
    readonly current?: ErrorBody['error']['current'],
  ) {
    super(message);
  }
}

export const validationFailed = (fields: FieldError[]) =>
  new AppError(
    400,
    'validation_failed',
    `Invalid request: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`,
    fields,
  );
export const badField = (path: string, message: string) => validationFailed([{ path, message }]);
export const unauthenticated = (message = 'Not signed in, or the session has expired') =>
  new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'Your role may not do this') => new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);
export const conflict = (message: string) => new AppError(409, 'conflict', message);
export const invalidTransition = (message: string, current?: ErrorBody['error']['current']) =>
  new AppError(409, 'invalid_transition', message, undefined, undefined, current);
/** Someone changed the ticket since the client read it (optimistic locking). */
export const staleVersion = (current: { status: string; version: number }, sent: number) =>
  new AppError(
    409,
    'conflict',
    `The ticket changed since you read it (your version ${sent}, now ${current.version}, status ${current.status}); reload and try again`,
    undefined,
    undefined,
    current,
  );
/** An upload over the limit; the message names the limit. */
export const payloadTooLarge = (path: string, message: string) =>
  new AppError(413, 'payload_too_large', message, [{ path, message }]);
/** An upload whose content (not its name or header) is of a type we do not take; the message names it. */
export const unsupportedMediaType = (path: string, message: string) =>
  new AppError(415, 'unsupported_media_type', message, [{ path, message }]);
export const tooManyRequests = (message: string, retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', message, undefined, { 'Retry-After': String(retryAfterSeconds) });

const violates = (err: unknown, code: string, constraint?: string): boolean => {
  const driverError = (err as { driverError?: { code?: string; constraint?: string } } | undefined)?.driverError;
  return driverError?.code === code && (constraint === undefined || driverError.constraint === constraint);
};

/** PostgreSQL refused a row that a unique index (optionally: this one) already holds. */
export const isUniqueViolation = (err: unknown, constraint?: string): boolean => violates(err, '23505', constraint);

/** PostgreSQL refused a row whose reference (by this foreign key) names nothing. */
export const isForeignKeyViolation = (err: unknown, constraint: string): boolean => violates(err, '23503', constraint);

/** Express error middleware; the last handler of the app. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    let error = err instanceof AppError ? err : fromKnownFailure(err);
    if (!error) {
      logger.error({ err, requestId, method: req.method, url: req.originalUrl }, 'unhandled error');
      error = new AppError(500, 'internal', 'Internal error; quote the request id when reporting it');
    }
    const body: ErrorBody = { error: { code: error.code, message: error.message, requestId } };
    if (error.fields) body.error.fields = error.fields;
    if (error.current) body.error.current = error.current;
    if (error.headers) res.set(error.headers);
    if (res.headersSent) return;
    res.status(error.status).json(body);
  };
}

/** Failures of libraries that mean bad input, not a bug. */
function fromKnownFailure(err: unknown): AppError | undefined {
  const e = err as { type?: string; status?: number; code?: string; constraint?: string };
  if (e?.type === 'entity.parse.failed')
    return new AppError(400, 'validation_failed', 'Request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new AppError(413, 'validation_failed', 'Request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'validation_failed', 'Unsupported request encoding');
  if (err instanceof QueryFailedError) {
    if (isUniqueViolation(err))
      return conflict(
        `Already exists (${(err.driverError as { constraint?: string }).constraint ?? 'unique constraint'})`,
      );
  }
  return undefined;
}
