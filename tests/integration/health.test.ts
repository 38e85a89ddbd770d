// GET /health: 200 when PostgreSQL, Redis and search answer; 503 naming the one that does not.
import { afterEach, describe, expect, it } from 'vitest';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { createRedis } from '../../backend/src/platform/redis.ts';

let backend: TestBackend | undefined;
afterEach(async () => {
  await backend?.close();
  backend = undefined;
});

describe('GET /health', () => {
  it('answers 200 {status: ok} when every dependency answers', async () => {
    backend = await startTestBackend({ relay: false });
    const res = await fetch(`${backend.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', redis: 'ok', search: 'ok' },
      searchEngines: { meilisearch: 'ok', postgres: 'ok' },
    });
  });

  describe('when Redis does not answer', () => {
    it('answers 503 naming redis', async () => {
      backend = await startTestBackend({ relay: false });
      const working = backend.ctx.redis;
      backend.ctx.redis = createRedis('redis://127.0.0.1:1', 'command', { retryStrategy: () => null });
      const res = await fetch(`${backend.url}/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'unavailable', failing: ['redis'] });
      backend.ctx.redis.disconnect();
      backend.ctx.redis = working;
    });
  });

  describe('when Meilisearch is down', () => {
    it('stays up, because the PostgreSQL engine answers searches', async () => {
      backend = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
      const res = await fetch(`${backend.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: 'ok',
        searchEngines: { meilisearch: 'failing', postgres: 'ok' },
      });
    });
  });
});
