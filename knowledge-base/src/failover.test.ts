// Proves that search keeps answering from PostgreSQL when Meilisearch is unreachable or hangs,
// and that writes still reach PostgreSQL when Meilisearch refuses them.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFailoverEngine, SearchWriteError } from './failover.ts';
import { createMeiliEngine, type MeiliSearchEngine } from './meili/meili-engine.ts';
import { createPostgresEngine } from './postgres/postgres-engine.ts';
import { CONTRACT_ARTICLES, defineSearchEngineContract } from './search-engine.contract.ts';
import type { SearchDocument } from './search-engine.ts';
import { createTestPostgres, randomSuffix, startTestMeili, type TestMeili, type TestPostgres } from './test-support.ts';

let db: TestPostgres | undefined;
let meili: TestMeili | undefined;
let hungServer: Server;
let deadUrl: string;
let hungUrl: string;
const liveEngines: MeiliSearchEngine[] = [];

const pool = () => {
  if (!db) throw new Error('PostgreSQL setup failed');
  return db.pool;
};
const deadMeili = () => createMeiliEngine({ url: deadUrl, masterKey: 'unused', index: 'kbtest_dead' });

beforeAll(async () => {
  db = await createTestPostgres();
  meili = await startTestMeili();
  // A port that was free a moment ago: connections are refused at once.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  deadUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
  await new Promise((resolve) => probe.close(resolve));
  // A server that accepts requests and never answers: the "Meilisearch hangs" case.
  hungServer = createServer(() => {});
  await new Promise<void>((resolve) => hungServer.listen(0, '127.0.0.1', resolve));
  hungUrl = `http://127.0.0.1:${(hungServer.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  hungServer?.closeAllConnections();
  await new Promise((resolve) => hungServer?.close(resolve));
  for (const engine of liveEngines) {
    await engine.dropIndex();
    await engine.close();
  }
  await meili?.stop();
  await db?.dispose();
}, 30_000);

defineSearchEngineContract('failover with both engines up', async () => {
  if (!meili) throw new Error('Meilisearch did not start');
  const primary = createMeiliEngine({ url: meili.url, masterKey: meili.masterKey, index: `kbtest_${randomSuffix()}` });
  liveEngines.push(primary);
  return createFailoverEngine(primary, createPostgresEngine({ pool: pool() }), { timeoutMs: 500 });
});

describe('failover', () => {
  const fallback = () => createPostgresEngine({ pool: pool() });

  beforeAll(async () => {
    await fallback().replaceAll([...CONTRACT_ARTICLES]);
  });

  describe('when Meilisearch refuses connections', () => {
    it('answers the search from PostgreSQL and says so', async () => {
      const fallbacks: unknown[] = [];
      const engine = createFailoverEngine(deadMeili(), fallback(), {
        timeoutMs: 500,
        onFallback: (error) => fallbacks.push(error),
      });
      const result = await engine.search('zlobek');
      expect(result.engine).toBe('postgres');
      expect(result.hits[0]?.title).toBe('Zapisy do żłobka miejskiego');
      expect(fallbacks).toHaveLength(1);
      await engine.close?.();
    });

    it('still writes to PostgreSQL, then reports the Meilisearch failure', async () => {
      const engine = createFailoverEngine(deadMeili(), fallback(), { timeoutMs: 500 });
      const doc: SearchDocument = {
        id: '6f1d3c2a-5b4e-4c1d-9a8b-0000000000aa',
        slug: 'rowery-miejskie',
        type: 'service_card',
        title: 'Rowery miejskie – wypożyczalnie',
        body: 'Stacje rowerów miejskich działają całą dobę.',
        unitCode: 'ZTP',
        tags: ['rowery'],
        fieldsText: '',
        validFrom: null,
        validTo: null,
        updatedAt: '2026-11-01T08:00:00.000Z',
      };
      const error = await engine.index([doc]).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SearchWriteError);
      expect((error as SearchWriteError).failures.map((f) => f.engine)).toEqual(['meilisearch']);
      expect((await fallback().search('rowery')).hits.map((h) => h.id)).toEqual([doc.id]);
      await expect(engine.remove([doc.id])).rejects.toBeInstanceOf(SearchWriteError);
      expect((await fallback().search('rowery')).hits).toEqual([]);
      await engine.close?.();
    });

    it('still stores synonyms in PostgreSQL, then reports the Meilisearch failure', async () => {
      const engine = createFailoverEngine(deadMeili(), fallback(), { timeoutMs: 500 });
      await expect(engine.setSynonyms([['wywóz', 'śmieciarka']])).rejects.toBeInstanceOf(SearchWriteError);
      const hits = (await fallback().search('śmieciarka')).hits.map((h) => h.title);
      expect(hits).toContain('Wywóz odpadów wielkogabarytowych');
      await engine.close?.();
    });

    it('is healthy while PostgreSQL answers', async () => {
      const primary = deadMeili();
      expect(await primary.health()).toBe(false);
      expect(await createFailoverEngine(primary, fallback(), { timeoutMs: 500 }).health()).toBe(true);
      await primary.close?.();
    });
  });

  describe('when Meilisearch hangs', () => {
    it('gives up after timeoutMs, answers from PostgreSQL, then skips Meilisearch during the cooldown', async () => {
      const primary = createMeiliEngine({ url: hungUrl, masterKey: 'unused', index: 'kbtest_hung', timeoutMs: 5_000 });
      const engine = createFailoverEngine(primary, fallback(), { timeoutMs: 150, cooldownMs: 60_000 });
      const first = await engine.search('karta krakowska');
      expect(first.engine).toBe('postgres');
      expect(first.tookMs).toBeGreaterThanOrEqual(150);
      expect(first.hits[0]?.title).toBe('Karta Krakowska');
      const second = await engine.search('karta krakowska');
      expect(second.engine).toBe('postgres');
      expect(second.tookMs).toBeLessThan(150);
      await engine.close?.();
    });
  });
});
