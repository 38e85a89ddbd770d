// Runs the search contract against PostgreSQL, plus the checks only the fallback has to pass.
// Each run gets its own schema (on DATABASE_URL, or in a throwaway database) holding schema.sql's table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_ARTICLES, defineSearchEngineContract } from '../search-engine.contract.ts';
import { createTestPostgres, type TestPostgres } from '../test-support.ts';
import { createPostgresEngine, POSTGRES_SEARCH_SCHEMA_SQL } from './postgres-engine.ts';
import { SynonymSet } from '../synonyms.ts';
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

defineSearchEngineContract('postgres', async () => createPostgresEngine({ pool: pool() }));

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

    it('counts facets over at most facetCap matches, exact below it', async () => {
      const capped = await createPostgresEngine({ pool: pool(), facetCap: 1 }).search('dowód osobisty', { limit: 50 });
      expect(capped.hits.length).toBeGreaterThan(1);
      expect(Object.values(capped.facets.type).reduce((a, b) => a + b, 0)).toBe(1);
      const exact = await engine().search('dowód osobisty', { limit: 50 });
      expect(Object.values(exact.facets.type).reduce((a, b) => a + b, 0)).toBe(exact.hits.length);
    });

    it('keeps the exact title even when more titles match than headCandidates', async () => {
      const capped = createPostgresEngine({ pool: pool(), headCandidates: 1 });
      expect((await capped.search('Karta Krakowska')).hits[0]?.title).toBe('Karta Krakowska');
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
      expect(buildPostgresQuery('do')?.tsquery).toBe('do');
    });

    it('ORs in synonyms of a word', () => {
      expect(buildPostgresQuery('mpk')?.tsquery).toBe('(mpk:* | (komunikacj:* & miejsk:*))');
    });

    it('keeps stop words in the text compared with whole titles', () => {
      expect(buildPostgresQuery('Zapisy do żłobka')?.folded).toBe('zapisy do zlobka');
    });

    it('returns null when there is no word', () => {
      expect(buildPostgresQuery(' ?! ')).toBeNull();
      expect(buildPostgresQuery('\u0000\u001b')).toBeNull();
    });

    it('makes the last word a prefix only from three letters, so "po" does not expand to half the dictionary', () => {
      expect(buildPostgresQuery('karta zd')?.tsquery).toBe('kart:* & zd');
      expect(buildPostgresQuery('karta zdj')?.tsquery).toBe('kart:* & zdj:*');
    });

    it('ORs in typo corrections and reports them for highlights', () => {
      const built = buildPostgresQuery('zglsozenie', undefined, new Map([['zglsozenie', ['zgloszenie']]]));
      expect(built?.tsquery).toBe('(zglsozen:* | zgloszen:*)');
      expect(built?.extraWords).toEqual(['zgloszenie']);
    });

    it('expands a synonym term of several words typed in full, and drops question words', () => {
      const synonyms = new SynonymSet([['budżet obywatelski', 'budżet partycypacyjny']]);
      expect(buildPostgresQuery('budżet partycypacyjny 2026', synonyms)?.tsquery).toBe(
        '((budzet:* & partycypacyjn:*) | (budzet:* & obywatelsk:*)) & 2026:*',
      );
      expect(buildPostgresQuery('kto prowadzi zapisy', synonyms)?.words).toEqual(['prowadzi', 'zapisy']);
    });

    it('offers every set of all words but one for the second pass, nothing for a single word', () => {
      expect(buildPostgresQuery('logo miasta na plakacie')?.relaxedTsquery).toBe(
        '(miast:* & plakac:*) | (logo:* & plakac:*) | (logo:* & miast:*)',
      );
      expect(buildPostgresQuery('logo')?.relaxedTsquery).toBeNull();
    });

    it('caps the words of a huge query', () => {
      expect(buildPostgresQuery('dowód '.repeat(10_000))?.words).toHaveLength(8);
    });
  });
});
