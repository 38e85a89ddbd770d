// The knowledge base answers from the seeded unit-scope articles (and says which engine answered),
// and the analyst's dashboard counts today's calls and tickets and is told live when they change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import type { ArticleDto, KnowledgeSearchDto, TodayFiguresDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { entryId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime } from '../../worker/src/worker.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(() => backend?.close());

describe('GET /api/knowledge/search', () => {
  it('finds the hotline unit scope from a query typed without Polish letters, answered by Meilisearch', async () => {
    const agent = await signedIn(backend.url, 'agent');
    const res = await agent.get<KnowledgeSearchDto>(
      `/api/knowledge/search?q=${encodeURIComponent('infolinia miejska')}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.engine).toBe('meilisearch');
    expect(res.body.hits.length).toBeGreaterThan(0);
    expect(res.body.hits.some((h) => h.unitCode === 'DK-02')).toBe(true);
    const article = await agent.get<ArticleDto>(`/api/knowledge/articles/${res.body.hits[0]!.id}`);
    expect(article.status).toBe(200);
    expect(article.body.body.length).toBeGreaterThan(50);
  });

  it('answers 400 for an empty query', async () => {
    const agent = await signedIn(backend.url, 'agent');
    const res = await agent.get('/api/knowledge/search?q=');
    expect(res.status).toBe(400);
  });

  describe('when Meilisearch does not answer', () => {
    it('answers from PostgreSQL and says so', async () => {
      const down = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
      try {
        const agent = await signedIn(down.url, 'agent');
        const res = await agent.get<KnowledgeSearchDto>(`/api/knowledge/search?q=${encodeURIComponent('Bazy Wiedzy')}`);
        expect(res.status).toBe(200);
        expect(res.body.engine).toBe('postgres');
        expect(res.body.hits.some((h) => h.unitCode === 'DK-03')).toBe(true);
      } finally {
        await down.close();
      }
    });
  });
});

describe('GET /api/analytics/today', () => {
  it("counts today's calls and tickets, and tells analysts live when they change", async () => {
    const { db } = backend.ctx;
    const worker = await startWorkerRuntime(backend.ctx.config, db, createLogger('test-worker', 'silent'));
    try {
      const analyst = await signedIn(backend.url, 'analityk');
      const agent = await signedIn(backend.url, 'agent');
      const before = await analyst.get<TodayFiguresDto>('/api/analytics/today');
      expect(before.status).toBe(200);

      const socket = connect(backend.url, { extraHeaders: { cookie: analyst.cookie! }, transports: ['websocket'] });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const changed = new Promise<void>((resolve) => socket.once('dashboard.changed', () => resolve()));
      const call = await agent.post('/api/calls', {
        startedAt: new Date(Date.now() - 90_000).toISOString(),
        endedAt: new Date().toISOString(),
        topicId: await entryId(db, 'call_topic', 'unit_scope'),
        outcome: 'information_given',
        informationGiven: 'Godziny pracy Wydziału.',
      });
      expect(call.status).toBe(201);
      await changed;
      socket.disconnect();

      const after = await analyst.get<TodayFiguresDto>('/api/analytics/today');
      expect(after.body.calls).toBe(before.body.calls + 1);
      expect(after.body.callsWithInformationOnly).toBe(before.body.callsWithInformationOnly + 1);
      expect(after.body.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const agentTry = await agent.get('/api/analytics/today');
      expect(agentTry.status).toBe(403);
    } finally {
      await worker.close();
    }
  });
});
