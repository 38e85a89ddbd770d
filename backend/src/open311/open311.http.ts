// What Open311 needs of the Express app around its routes: form-encoded bodies, and every failure under /open311/
// (bad input, a refused key, a limit, an unknown path, a crash) answered in the standard's error list.
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { OPEN311_PREFIX, type Open311Format } from '@kck/contracts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { sendErrors } from './open311.presenter.ts';
import { open311FieldName } from './open311.service.ts';

export { OPEN311_PREFIX };

/** `extended: false`: `attribute[code]` stays a flat name, and a repeated name arrives as a list. */
export const open311BodyParser = (): RequestHandler =>
  express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 500 });

const formatOfPath = (path: string): Open311Format => (path.endsWith('.xml') ? 'xml' : 'json');

/** Mounted under OPEN311_PREFIX after the routes: a path no route matched. */
export const open311NotFound = (): RequestHandler => (req, _res, next) =>
  next(new AppError(404, 'not_found', `Nothing at ${req.method} ${req.originalUrl}`));

function knownFailure(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string };
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'validation_failed', 'The request body is malformed');
  if (e?.type === 'entity.too.large') return new AppError(413, 'validation_failed', 'The request body is too large');
  if (e?.type === 'parameters.too.many') return new AppError(413, 'validation_failed', 'Too many parameters');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new AppError(415, 'validation_failed', 'Send the form in UTF-8');
  return undefined;
}

/** The standard's error list, one entry per bad parameter; its code is the HTTP status. */
export const open311ErrorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (err, req, res, next) => {
    if (res.headersSent) return next(err);
    let error = knownFailure(err);
    if (!error) {
      logger.error({ err, requestId: String(req.id ?? ''), url: req.originalUrl }, 'unhandled Open311 error');
      error = new AppError(
        500,
        'internal',
        `Internal error; quote request id ${String(req.id ?? '')} when reporting it`,
      );
    }
    if (error.headers) res.set(error.headers);
    const errors = error.fields?.length
      ? error.fields.map((field) => ({
          code: error.status,
          description: `${open311FieldName(field)}: ${field.message}`,
        }))
      : [{ code: error.status, description: error.message }];
    sendErrors(res, formatOfPath(req.path), error.status, errors);
  };
