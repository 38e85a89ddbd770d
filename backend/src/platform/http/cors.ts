// Cross-origin access for the origins in CORS_ORIGINS only (a city portal embedding the form, for example).
// With none configured the API is same-origin: no CORS header is ever sent and browsers keep other sites out.
import type { RequestHandler } from 'express';
import { CSRF_HEADER } from '@kck/contracts';

const METHODS = 'GET,HEAD,POST,PUT,PATCH,DELETE';
const MAX_AGE_SECONDS = '600';

/** `https://a.example, https://b.example` → the exact origins (scheme, host, port), without trailing slashes. */
export function parseOrigins(list: string): string[] {
  return list
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter((origin) => origin !== '');
}

export function corsMiddleware(allowed: readonly string[]): RequestHandler {
  const origins = new Set(allowed);
  return (req, res, next) => {
    if (origins.size === 0) return next();
    // Caches must not hand one origin's answer to another.
    res.vary('Origin');
    const origin = req.get('origin');
    if (!origin || !origins.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    // Only listed origins ever get credentials; an unlisted one gets no CORS header at all.
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After, ETag');
    if (req.method === 'OPTIONS' && req.get('access-control-request-method')) {
      res.setHeader('Access-Control-Allow-Methods', METHODS);
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.get('access-control-request-headers') ?? `Content-Type, ${CSRF_HEADER}`,
      );
      res.setHeader('Access-Control-Max-Age', MAX_AGE_SECONDS);
      res.vary('Access-Control-Request-Headers');
      res.status(204).end();
      return;
    }
    next();
  };
}
