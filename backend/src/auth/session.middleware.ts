// Reads the session cookie into req.actor, and enforces CSRF on state-changing requests:
// a signed-in request that is not GET/HEAD/OPTIONS must carry the session's X-CSRF-Token.
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { parse as parseCookie } from 'cookie';
import type { DataSource } from 'typeorm';
import { CSRF_HEADER, SESSION_COOKIE } from '@kck/contracts';
import { AppError } from '../platform/errors.ts';
import type { Logger } from '../platform/logger.ts';
import { resolveSession, type SessionLimits } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenFromCookieHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  return parseCookie(header)[SESSION_COOKIE] || undefined;
}

export function sessionMiddleware(db: DataSource, limits: SessionLimits, logger?: Logger): RequestHandler {
  return (req, _res, next) => {
    const token = sessionTokenFromCookieHeader(req.headers.cookie);
    if (!token) return next();
    // An ended session is refused with a message saying so (route.ts), and logged with why it ended.
    const onEnded = (reason: string) => {
      req.sessionEnded = true;
      logger?.warn({ reason, path: req.path }, 'expired session refused');
    };
    resolveSession(db, token, limits, onEnded)
      .then((session) => {
        if (session) {
          req.actor = session.actor;
          req.sessionTokenHash = session.tokenHash;
          req.csrfToken = session.csrfToken;
        }
        next();
      })
      .catch(next);
  };
}

/** Login is exempt: it has no session yet, and SameSite cookies plus the login limiter cover it. */
export function csrfMiddleware(exemptPaths: string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !req.csrfToken || exemptPaths.includes(req.path)) return next();
    const sent = req.get(CSRF_HEADER) ?? '';
    const expected = req.csrfToken;
    const ok = sent.length === expected.length && timingSafeEqual(Buffer.from(sent), Buffer.from(expected));
    if (!ok) return next(new AppError(403, 'csrf_failed', `Missing or wrong ${CSRF_HEADER} header; reload the page`));
    next();
  };
}
