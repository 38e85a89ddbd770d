// GET /health: 200 when PostgreSQL, Redis and search answer, 503 naming what does not; /health/live and
// /health/ready for orchestrators (liveness without dependencies; readiness: PostgreSQL, Redis, not draining).
// Search counts as up while either engine answers; searchEngines shows each one, so a Meilisearch outage is visible.
// The incident watcher (incidents/incident-watcher.ts) runs the same probes, through probeDependencies.
import type { RequestHandler } from 'express';
import type { BackendContext } from '../context.ts';

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/** One probe's answer; `reason` says why it failed (the error's message, or that it answered "not healthy"). */
export type ProbeOutcome = { state: 'ok' } | { state: 'failing'; reason: string };

export async function runProbe(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<ProbeOutcome> {
  try {
    const result = await withTimeout(probe(), timeoutMs);
    return result === false ? { state: 'failing', reason: 'answered that it is not healthy' } : { state: 'ok' };
  } catch (err) {
    return { state: 'failing', reason: err instanceof Error ? err.message || err.name : String(err) };
  }
}

export interface DependencyReport {
  postgres: ProbeOutcome;
  redis: ProbeOutcome;
  search: ProbeOutcome;
  /** Each search engine behind `search`, by name (meilisearch, postgres). */
  searchEngines: Record<string, ProbeOutcome>;
}

export async function probeDependencies(ctx: BackendContext): Promise<DependencyReport> {
  const [postgres, redis, search, engines] = await Promise.all([
    runProbe(() => ctx.db.query('SELECT 1')),
    runProbe(() => ctx.redis.ping()),
    runProbe(() => ctx.search.health()),
    Promise.all(ctx.searchEngines.map(async (engine) => [engine.name, await runProbe(() => engine.health())] as const)),
  ]);
  return { postgres, redis, search, searchEngines: Object.fromEntries(engines) };
}

export function healthHandler(ctx: BackendContext): RequestHandler {
  return (_req, res, next) => {
    probeDependencies(ctx)
      .then((report) => {
        const checks = { postgres: report.postgres.state, redis: report.redis.state, search: report.search.state };
        const failing = Object.entries(checks)
          .filter(([, state]) => state !== 'ok')
          .map(([name]) => name);
        // Which search engine answers; Meilisearch failing alone is degraded, not down.
        const searchEngines = Object.fromEntries(
          Object.entries(report.searchEngines).map(([name, outcome]) => [name, outcome.state]),
        );
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

/** GET /health/live: the process runs and its event loop turns; no dependency is asked (a restart would not fix them). */
export function liveHandler(): RequestHandler {
  return (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  };
}

/** Whether the process is shutting down: readiness then answers 503, so a balancer sends its traffic elsewhere. */
export interface Lifecycle {
  draining: boolean;
}

/** The probes of readiness, shared by the backend's /health/ready and the worker's. */
export async function readiness(
  probes: { postgres: () => Promise<unknown>; redis: () => Promise<unknown> },
  lifecycle: Lifecycle,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const [postgres, redis] = await Promise.all([runProbe(probes.postgres), runProbe(probes.redis)]);
  const checks = { postgres: postgres.state, redis: redis.state };
  const failing = Object.entries(checks)
    .filter(([, state]) => state !== 'ok')
    .map(([name]) => name);
  if (lifecycle.draining)
    return { status: 503, body: { status: 'draining', checks, message: 'Shutting down; finishing work in hand' } };
  if (failing.length > 0)
    return {
      status: 503,
      body: { status: 'unavailable', failing, checks, message: `Not answering: ${failing.join(', ')}` },
    };
  return { status: 200, body: { status: 'ok', checks } };
}

/**
 * GET /health/ready: 200 when PostgreSQL and Redis answer and the process is not shutting down, else 503.
 * Search is left out: with Meilisearch down, PostgreSQL answers searches, so the process still serves.
 */
export function readyHandler(ctx: BackendContext, lifecycle: Lifecycle): RequestHandler {
  return (_req, res, next) => {
    readiness({ postgres: () => ctx.db.query('SELECT 1'), redis: () => ctx.redis.ping() }, lifecycle)
      .then(({ status, body }) => {
        res.setHeader('Cache-Control', 'no-store');
        res.status(status).json(body);
      })
      .catch(next);
  };
}
