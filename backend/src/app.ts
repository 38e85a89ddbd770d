// Builds the Express app: security headers, request logging, sessions and CSRF, the API,
// health, the built console; tests use it without listening.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { BackendContext } from './context.ts';
import { csrfMiddleware, sessionMiddleware } from './auth/session.middleware.ts';
import { sessionLimits } from './auth/sessions.ts';
import { UNIT_API_PREFIX, unitTokenMiddleware } from './delivery/unit-token.middleware.ts';
import { AppError, errorHandler } from './platform/errors.ts';
import { healthHandler, liveHandler, readyHandler, type Lifecycle } from './platform/health.ts';
import { metricsHandler, type ProcessMetrics } from './platform/metrics.ts';
import { mountRoutes } from './platform/http/route.ts';
import { allRoutes } from './routes.ts';
import { redactedUrl } from './platform/logger.ts';
import { mapTileSource } from './public-intake/map-tiles.ts';
import { OPEN311_PREFIX, open311BodyParser, open311ErrorHandler, open311NotFound } from './open311/open311.http.ts';
import { corsMiddleware, parseOrigins } from './platform/http/cors.ts';
import { publicReadLimit } from './public-intake/public-rate-limits.ts';

export function buildApp(
  ctx: BackendContext,
  options: {
    consoleDist?: string;
    /** The process's metrics (timing every request, served at /metrics) and its draining state, from server.ts. */
    operations?: { metrics: ProcessMetrics; lifecycle: Lifecycle };
  } = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (options.operations) app.use(options.operations.metrics.httpTimer());
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // MUI (emotion) injects style elements at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          // The web form's map tiles (MAP_TILE_URL), when configured.
          'img-src': ["'self'", 'data:', ...[mapTileSource(ctx.config.MAP_TILE_URL)].filter((s) => s !== null)],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          // Plain-HTTP localhost development must not be upgraded to HTTPS.
          'upgrade-insecure-requests': ctx.config.NODE_ENV === 'production' ? [] : null,
        },
      },
    }),
  );
  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: {
        ignore: (req) => req.url === '/health' || req.url?.startsWith('/health/') || req.url === '/metrics',
      },
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: redactedUrl(req.url),
        }),
      },
    }),
  );
  app.use(corsMiddleware(parseOrigins(ctx.config.CORS_ORIGINS)));
  app.use(express.json({ limit: '1mb' }));
  app.use(sessionMiddleware(ctx.db, sessionLimits(ctx.config), ctx.logger));
  // The TOTP step has no session yet either: its challenge token, bound to one user, stands in for it.
  app.use(csrfMiddleware(['/api/auth/login', '/api/auth/login/totp', '/api/auth/login/totp/setup']));
  app.use(UNIT_API_PREFIX, unitTokenMiddleware(ctx.db));
  app.use(OPEN311_PREFIX, open311BodyParser());
  // Public reads whose handlers do not count themselves (the /api/public/ routes do, each with its kind).
  app.use([OPEN311_PREFIX, '/api/dictionaries', '/api/categories'], publicReadLimit(ctx.redis, ctx.config, ctx.logger));

  app.get('/health', healthHandler(ctx));
  app.get('/health/live', liveHandler());
  if (options.operations) {
    app.get('/health/ready', readyHandler(ctx, options.operations.lifecycle));
    app.get('/metrics', metricsHandler(options.operations.metrics, ctx.config.METRICS_TOKEN));
  }
  const api = Router();
  mountRoutes(api, allRoutes(ctx));
  app.use(api);
  app.use('/api', (req, _res, next) =>
    next(new AppError(404, 'not_found', `No API endpoint ${req.method} ${req.originalUrl}`)),
  );
  // Open311 answers its own paths, and its failures, in the standard's error format.
  app.use(OPEN311_PREFIX, open311NotFound(), open311ErrorHandler(ctx.logger));

  const consoleDist = options.consoleDist ?? ctx.config.CONSOLE_DIST;
  if (consoleDist) {
    // Relative to the repository, whichever folder the process was started from.
    const root = path.resolve(import.meta.dirname, '../..', consoleDist);
    const index = path.join(root, 'index.html');
    app.use(express.static(root, { index: false, maxAge: '1h' }));
    // The console is a single-page app: every other GET gets its index.html.
    app.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res, next) => {
      if (!existsSync(index))
        return next(new AppError(404, 'not_found', 'The console is not built; run npm run build:console'));
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    });
  }
  app.use((req, _res, next) => next(new AppError(404, 'not_found', `Nothing at ${req.method} ${req.originalUrl}`)));
  app.use(errorHandler(ctx.logger));
  return app;
}
