// GET /health: 200 when PostgreSQL, Redis and search answer, 503 naming what does not.
// Search counts as up while either engine answers; searchEngines shows each one, so a Meilisearch outage is visible.
import type { RequestHandler } from 'express';
import type { BackendContext } from '../context.ts';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

async function check(probe: () => Promise<unknown>): Promise<'ok' | 'failing'> {
  try {
    const result = await withTimeout(probe(), 2000);
    return result === false ? 'failing' : 'ok';
  } catch {
    return 'failing';
  }
}

export function healthHandler(ctx: BackendContext): RequestHandler {
  return (_req, res, next) => {
    Promise.all([
      check(() => ctx.db.query('SELECT 1')),
      check(() => ctx.redis.ping()),
      check(() => ctx.search.health()),
      Promise.all(ctx.searchEngines.map(async (engine) => [engine.name, await check(() => engine.health())] as const)),
    ])
      .then(([postgres, redis, search, engines]) => {
        const checks = { postgres, redis, search };
        const failing = Object.entries(checks)
          .filter(([, state]) => state !== 'ok')
          .map(([name]) => name);
        // Which search engine answers; Meilisearch failing alone is degraded, not down.
        const searchEngines = Object.fromEntries(engines);
        if (failing.length === 0) res.json({ status: 'ok', checks, searchEngines });
        else
          res.status(503).json({
            status: 'unavailable',
            failing,
            checks,
            searchEngines,
            message: `Not answering: ${failing.join(', ')}`,
          });
      })
      .catch(next);
  };
}
