// Runs the search contract against PostgreSQL, plus the checks only the fallback has to pass.
// Each run gets its own schema (on DATABASE_URL, or in a throwaway database) holding schema.sql's table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_ARTICLES, defineSearchEngineContract } from '../search-engine.contract.ts';
import { createTestPostgres, type TestPostgres } from '../test-support.ts';
import { createPostgresEngine, POSTGRES_SEARCH_SCHEMA_SQL } from './postgres-engine.ts';
import { buildPostgresQuery } from './postgres-query.ts';

let db: TestPostgres | undefined;

function pool() {
  if (!db) throw new Error('PostgreSQL setup failed');
  return db.pool;
}

beforeAll(async () => {
  db = await createTestPostgres();
}, 30_000);

afterAll(async () => {
  await db?.dispose();
}, 30_000);

defineSearchEngineContract('postgres', async () => createPostgresEngine({ pool: pool() }), { typosInBody: false });

describe('postgres engine', () => {
  describe('schema.sql', () => {
    it('can run again on a database that already has the table', async () => {
      await pool().query(POSTGRES_SEARCH_SCHEMA_SQL);
    });

    it('folds diacritics, case and punctuation into the searchable title', async () => {
      const { rows } = await pool().query<{ folded: string }>('SELECT kb_fold($1::text) AS folded', [
        'Żłobek – ŁÓDŹ, ul. Śląska 2/4',
      ]);
      expect(rows[0]?.folded).toBe('zlobek lodz ul slaska 2 4');
    });
  });

  describe('search', () => {
    const engine = () => createPostgresEngine({ pool: pool() });

    beforeAll(async () => {
      await engine().replaceAll([...CONTRACT_ARTICLES]);
    });

    it('finds an inflected form through the stem ("odpady" finds "odpadów")', async () => {
      const hits = (await engine().search('odpady')).hits;
      expect(hits[0]?.title).toBe('Wywóz odpadów wielkogabarytowych');
    });

    it('finds the unit code', async () => {
      const hits = (await engine().search('ZDMK')).hits;
      expect(hits[0]?.unitCode).toBe('ZDMK');
    });

    it('ranks only a capped set of candidates and still returns the title match', async () => {
      const capped = createPostgresEngine({ pool: pool(), candidateCap: 1 });
      expect((await capped.search('Karta Krakowska')).hits[0]?.title).toBe('Karta Krakowska');
    });
  });

  describe('buildPostgresQuery', () => {
    it('prefixes stems, keeps short words exact and makes the last word a prefix', () => {
      expect(buildPostgresQuery('Wywóz odpadów')?.tsquery).toBe('wywoz:* & odpad:*');
      expect(buildPostgresQuery('ul Długa')?.tsquery).toBe('ul & dlug:*');
    });

    it('drops stop words unless nothing else is left', () => {
      expect(buildPostgresQuery('zapisy do żłobka')?.tsquery).toBe('zapis:* & zlobk:*');
      expect(buildPostgresQuery('do')?.tsquery).toBe('do:*');
    });

    it('ORs in synonyms of a word', () => {
      expect(buildPostgresQuery('mpk')?.tsquery).toBe('(mpk:* | (komunikacj:* & miejsk:*))');
    });

    it('keeps stop words in the text compared with whole titles', () => {
      expect(buildPostgresQuery('Zapisy do żłobka')?.folded).toBe('zapisy do zlobka');
    });

    it('returns null when there is no word', () => {
      expect(buildPostgresQuery(' ?! ')).toBeNull();
    });
  });
});
