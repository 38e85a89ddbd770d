// /metrics in Prometheus' format and the liveness and readiness probes: labels carry route patterns (never ids),
// queues, outbox, sockets and the answering search engine are there, and METRICS_TOKEN guards the endpoint.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { createRedis } from '../../backend/src/platform/redis.ts';
import { Queue } from 'bullmq';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { ProcessMetrics } from '../../backend/src/platform/metrics.ts';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

const metricsText = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${url}/metrics`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
};

/** The value of one sample, found by its name and labels as written in the text format. */
const sample = (text: string, name: string, labels: Record<string, string> = {}): number | undefined => {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.split(' ').at(-1));
  }
  return undefined;
};

describe('GET /health/live and /health/ready', () => {
  it('answers live without asking any dependency, and ready while PostgreSQL and Redis answer', async () => {
    backend = await startTestBackend({ relay: false });
    const live = await fetch(`${backend.url}/health/live`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${backend.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: 'ok', redis: 'ok' } });
    // /health stays as it was.
    expect(((await (await fetch(`${backend.url}/health`)).json()) as { checks: unknown }).checks).toEqual({
      postgres: 'ok',
      redis: 'ok',
      search: 'ok',
    });
  });

  it('answers ready 503 naming redis when Redis does not answer, while live stays 200', async () => {
    backend = await startTestBackend({ relay: false });
    const working = backend.ctx.redis;
    backend.ctx.redis = createRedis('redis://127.0.0.1:1', 'command', { retryStrategy: () => null });
    const ready = await fetch(`${backend.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'unavailable', failing: ['redis'] });
    expect((await fetch(`${backend.url}/health/live`)).status).toBe(200);
    backend.ctx.redis.disconnect();
    backend.ctx.redis = working;
  });

  it('answers ready 503 once the process is draining for shutdown', async () => {
    backend = await startTestBackend({ relay: false });
    backend.lifecycle.draining = true;
    const ready = await fetch(`${backend.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'draining' });
    backend.lifecycle.draining = false;
  });
});

describe('GET /metrics', () => {
  it('reports HTTP latency by route pattern, queues, outbox lag, sockets, the answering engine and the process', async () => {
    backend = await startTestBackend({ relay: false });
    const agent = await signedIn(backend.url, 'agent');
    const missing = randomUUID();
    expect((await agent.get(`/api/tickets/${missing}`)).status).toBe(404);
    expect((await agent.get('/api/knowledge/search?q=dow%C3%B3d')).status).toBe(200);
    const socket = connect(backend.url, { extraHeaders: { cookie: agent.cookie! }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });

    try {
      const text = await metricsText(backend.url);
      expect(
        sample(text, 'kck_http_request_duration_seconds_count', {
          method: 'GET',
          route: '/api/tickets/:id',
          status: '4xx',
        }),
      ).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'kck_http_request_duration_seconds_count', { route: '/api/knowledge/search' })).toBe(1);
      // Ids and query text never become labels.
      expect(text).not.toContain(missing);
      expect(text).not.toMatch(/dow(ó|%C3%B3)d/);
      for (const state of ['waiting', 'active', 'delayed', 'failed'])
        expect(sample(text, 'kck_queue_jobs', { queue: 'routing', state }), state).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'kck_queue_oldest_waiting_seconds', { queue: 'routing' })).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'kck_outbox_unrelayed_rows')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'kck_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'kck_socket_connections')).toBe(1);
      expect(sample(text, 'kck_search_answered_total', { engine: 'meilisearch' })).toBe(1);
      expect(sample(text, 'kck_metrics_read_failed', { source: 'queues' })).toBe(0);
      expect(sample(text, 'process_cpu_user_seconds_total', { process: 'backend' })).toBeGreaterThan(0);
    } finally {
      socket.disconnect();
    }
  });

  it('shows outbox rows not yet relayed and the age of the oldest', async () => {
    backend = await startTestBackend({ relay: false });
    // The run's outbox is shared: an old unrelayed row of our own is the oldest, whatever others add.
    const [row] = (await backend.ctx.db.query(
      `INSERT INTO outbox (event, payload, created_at) VALUES ('ticket.created', '{}', now() - interval '1 hour') RETURNING id`,
    )) as { id: string }[];
    try {
      const text = await metricsText(backend.url);
      expect(sample(text, 'kck_outbox_unrelayed_rows')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'kck_outbox_lag_seconds')).toBeGreaterThanOrEqual(3590);
    } finally {
      await backend.ctx.db.query(`DELETE FROM outbox WHERE id = $1`, [row!.id]);
    }
  });

  it('counts searches answered by PostgreSQL when Meilisearch is down', async () => {
    backend = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
    const agent = await signedIn(backend.url, 'agent');
    expect((await agent.get('/api/knowledge/search?q=meldunek')).status).toBe(200);
    const text = await metricsText(backend.url);
    expect(sample(text, 'kck_search_answered_total', { engine: 'postgres' })).toBe(1);
    expect(sample(text, 'kck_search_answered_total', { engine: 'meilisearch' })).toBeUndefined();
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = `metrics-${randomUUID()}`;
    backend = await startTestBackend({ relay: false, config: { METRICS_TOKEN: token } });
    const without = await fetch(`${backend.url}/metrics`);
    expect(without.status).toBe(401);
    expect(await without.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    expect((await fetch(`${backend.url}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const text = await metricsText(backend.url, { authorization: `Bearer ${token}` });
    expect(text).toContain('kck_queue_jobs');
  });

  it('reads queue depth and the oldest waiting job from Redis at scrape time', async () => {
    backend = await startTestBackend({ relay: false });
    // A queue of this test's own: no worker of the run takes its jobs, so they stay waiting.
    const queue = new Queue(`metrics-test-${randomUUID()}`, {
      connection: { url: backend.ctx.config.REDIS_URL },
      prefix: bullPrefix(backend.ctx.config.REDIS_PREFIX),
    });
    try {
      const metrics = new ProcessMetrics('backend');
      metrics.watchQueues({ probe: queue });
      let text = await metrics.text();
      expect(sample(text, 'kck_queue_jobs', { queue: 'probe', state: 'waiting' })).toBe(0);
      expect(sample(text, 'kck_queue_oldest_waiting_seconds', { queue: 'probe' })).toBe(0);
      await queue.add('old', {}, { timestamp: Date.now() - 120_000 });
      await queue.add('new', {});
      await queue.add('later', {}, { delay: 60_000 });
      text = await metrics.text();
      expect(sample(text, 'kck_queue_jobs', { queue: 'probe', state: 'waiting' })).toBe(2);
      expect(sample(text, 'kck_queue_jobs', { queue: 'probe', state: 'delayed' })).toBe(1);
      expect(sample(text, 'kck_queue_oldest_waiting_seconds', { queue: 'probe' })).toBeGreaterThanOrEqual(119);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('leaves the queue gauges out, and flags it, when Redis does not answer; the scrape still answers', async () => {
    const queue = new Queue('metrics-unreachable', {
      connection: {
        host: '127.0.0.1',
        port: 1,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        retryStrategy: () => null,
      },
      skipWaitingForReady: true,
    });
    queue.on('error', () => undefined);
    try {
      const metrics = new ProcessMetrics('backend');
      metrics.watchQueues({ probe: queue });
      const text = await metrics.text();
      expect(sample(text, 'kck_queue_jobs', { queue: 'probe' })).toBeUndefined();
      expect(sample(text, 'kck_metrics_read_failed', { source: 'queues' })).toBe(1);
    } finally {
      await queue.close().catch(() => undefined);
    }
  });
});
