// The behaviour every SearchEngine must show, as one vitest suite run against each implementation.
// A new engine (or a changed one) passes this before the console may rely on it; options mark known limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchEngine, SearchResult } from './search-engine.ts';

export interface SearchEngineContractOptions {
  /** Which engine's name the results carry; defaults to the engine's own name. */
  answeredBy?: SearchResult['engine'];
  /** A one-typo word in a title finds the article (PostgreSQL does this through trigrams). Default true. */
  typosInTitle?: boolean;
  /** A one-typo word in a body finds the article (Meilisearch only). Default true. */
  typosInBody?: boolean;
}

function article(n: number, fields: Omit<SearchDocument, 'id' | 'updatedAt'>): SearchDocument {
  const id = `6f1d3c2a-5b4e-4c1d-9a8b-${String(n).padStart(12, '0')}`;
  return { id, updatedAt: `2026-10-${String(n).padStart(2, '0')}T10:00:00.000Z`, ...fields };
}

const DOWOD = article(1, {
  slug: 'dowod-osobisty',
  type: 'service_card',
  title: 'Dowód osobisty – wydanie i wymiana',
  unitCode: 'WSO',
  tags: ['dokumenty'],
  body:
    'Wniosek o wydanie dowodu osobistego można złożyć w dowolnym urzędzie gminy albo przez ePUAP. ' +
    'W Krakowie sprawy prowadzi Wydział Spraw Obywatelskich. Dokument odbiera się osobiście po otrzymaniu ' +
    'powiadomienia SMS. Zdjęcie musi spełniać wymagania jak do paszportu.',
});
const KARTA = article(2, {
  slug: 'karta-krakowska',
  type: 'service_card',
  title: 'Karta Krakowska',
  unitCode: 'ZTP',
  tags: ['ulgi'],
  body:
    'Karta Krakowska daje mieszkańcom ulgi na bilety komunikacji miejskiej, do muzeów i na baseny. ' +
    'Do wniosku potrzebny jest dowód osobisty oraz numer PESEL. Kartę można zamówić w aplikacji KMKM.',
});
const ZLOBEK = article(3, {
  slug: 'zapisy-do-zlobka',
  type: 'procedure',
  title: 'Zapisy do żłobka miejskiego',
  unitCode: 'WE',
  tags: ['żłobek', 'dzieci'],
  body:
    'Rekrutacja do żłobków samorządowych trwa przez cały rok. Żłobek przyjmuje dzieci od 20. tygodnia ' +
    'życia do 3 lat. Wniosek składa się elektronicznie w systemie rekrutacji.',
});
const ODPADY = article(4, {
  slug: 'wywoz-gabarytow',
  type: 'service_card',
  title: 'Wywóz odpadów wielkogabarytowych',
  unitCode: 'MPO',
  tags: ['gabaryty'],
  body:
    'Meble, materace i duże sprzęty AGD odbiera MPO w wyznaczone dni według harmonogramu dla dzielnicy. ' +
    'Odpady należy wystawić przed posesję wieczorem dzień przed odbiorem. Gruz i opony nie są odbierane.',
});
const MELDUNEK = article(5, {
  slug: 'zameldowanie',
  type: 'procedure',
  title: 'Zameldowanie na pobyt stały',
  unitCode: 'WSO',
  tags: ['meldunek'],
  body:
    'Zameldowania dokonuje się w urzędzie albo przez Internet z profilem zaufanym. Potrzebny jest ' +
    'dokument potwierdzający tytuł prawny do lokalu.',
});
const PODATEK = article(6, {
  slug: 'podatek-od-nieruchomosci',
  type: 'service_card',
  title: 'Podatek od nieruchomości – terminy płatności',
  unitCode: 'WP',
  tags: ['podatki'],
  body:
    'Podatek płaci się w czterech ratach: do 15 marca, 15 maja, 15 września i 15 listopada. ' +
    'Decyzję wymiarową doręcza Wydział Podatków i Opłat.',
});
const PARKOWANIE = article(7, {
  slug: 'spp-abonament',
  type: 'service_card',
  title: 'Strefa Płatnego Parkowania – opłaty dla mieszkańców',
  unitCode: 'ZDMK',
  tags: ['parkowanie'],
  body:
    'Opłatę za postój wnosi się w parkomacie, w aplikacji mobilnej albo kartą. Strefa obowiązuje w dni ' +
    'robocze od 10:00 do 20:00. Mieszkaniec strefy może wykupić abonament mieszkańca, który uprawnia do ' +
    'parkowania w podstrefie właściwej dla miejsca zamieszkania. Wniosek rozpatruje Zarząd Dróg Miasta Krakowa.',
});
const WYBORY = article(8, {
  slug: 'lokale-wyborcze',
  type: 'election',
  title: 'Wybory do Rady Miasta – lokale wyborcze',
  unitCode: null,
  tags: ['wybory'],
  body: 'Lokale wyborcze są czynne od 7:00 do 21:00. Swój lokal znajdziesz w serwisie miejskim po adresie.',
});

/** The articles the contract indexes; exported for tests that want the same corpus. */
export const CONTRACT_ARTICLES: readonly SearchDocument[] = [
  DOWOD,
  KARTA,
  ZLOBEK,
  ODPADY,
  MELDUNEK,
  PODATEK,
  PARKOWANIE,
  WYBORY,
];

const ids = (result: SearchResult): string[] => result.hits.map((hit) => hit.id);

/**
 * Registers the contract suite. `factory` runs in a beforeAll (after the caller's own hooks)
 * and gets an engine whose storage the caller cleans up; the suite fills it with its articles.
 */
export function defineSearchEngineContract(
  name: string,
  factory: () => Promise<SearchEngine>,
  options: SearchEngineContractOptions = {},
): void {
  describe(`${name} search engine contract`, () => {
    let engine: SearchEngine;
    let answeredBy: SearchResult['engine'];

    beforeAll(async () => {
      engine = await factory();
      answeredBy = options.answeredBy ?? (engine.name === 'failover' ? 'meilisearch' : engine.name);
      await engine.init();
      await engine.init(); // idempotent
      await engine.replaceAll([...CONTRACT_ARTICLES]);
    }, 60_000);

    afterAll(async () => {
      await engine?.close?.();
    });

    it('reports itself healthy', async () => {
      expect(await engine.health()).toBe(true);
    });

    it('ranks the article whose title is the query first', async () => {
      const result = await engine.search('Karta Krakowska');
      expect(result.engine).toBe(answeredBy);
      expect(result.hits[0]?.id).toBe(KARTA.id);
    });

    it('ranks a title match above an article that only mentions the words in its body', async () => {
      const result = await engine.search('dowód osobisty');
      expect(result.hits[0]?.id).toBe(DOWOD.id);
      expect(ids(result)).toContain(KARTA.id);
    });

    it('finds an accented article from a query typed without Polish letters', async () => {
      expect((await engine.search('zlobek')).hits[0]?.id).toBe(ZLOBEK.id);
      expect((await engine.search('wywoz odpadow')).hits[0]?.id).toBe(ODPADY.id);
    });

    it('finds an article from the beginning of a word still being typed', async () => {
      expect(ids(await engine.search('wielkogab'))).toContain(ODPADY.id);
      expect((await engine.search('zamel')).hits[0]?.id).toBe(MELDUNEK.id);
    });

    it.skipIf(options.typosInTitle === false)('finds a title word with one typo', async () => {
      expect((await engine.search('zameldowamie')).hits[0]?.id).toBe(MELDUNEK.id);
    });

    it.skipIf(options.typosInBody === false)('finds a body word with one typo', async () => {
      expect(ids(await engine.search('harmongramu'))).toContain(ODPADY.id);
    });

    it('finds an article through a hotline synonym', async () => {
      expect(ids(await engine.search('śmieci'))).toContain(ODPADY.id);
    });

    it('returns the hit fields and a plain-text snippet around the match, at most 200 characters', async () => {
      const result = await engine.search('abonament');
      const hit = result.hits.find((h) => h.id === PARKOWANIE.id);
      expect(hit).toMatchObject({ type: 'service_card', title: PARKOWANIE.title, unitCode: 'ZDMK' });
      expect(hit?.snippet.length).toBeLessThanOrEqual(200);
      expect(hit?.snippet.toLowerCase()).toContain('abonament');
      expect(hit?.snippet).not.toMatch(/[<>]/);
      expect(result.tookMs).toBeGreaterThanOrEqual(0);
    });

    it('returns null unitCode for an article without a unit', async () => {
      const hit = (await engine.search('lokale wyborcze')).hits[0];
      expect(hit).toMatchObject({ id: WYBORY.id, type: 'election', unitCode: null });
    });

    it('returns at most `limit` hits', async () => {
      expect((await engine.search('wniosek', { limit: 1 })).hits).toHaveLength(1);
    });

    it('returns nothing for nonsense or an empty query', async () => {
      expect((await engine.search('qwxzvbnm')).hits).toEqual([]);
      expect((await engine.search('  ?! ')).hits).toEqual([]);
    });

    describe('when documents change', () => {
      it('index() replaces an article with the same id', async () => {
        await engine.index([{ ...WYBORY, title: 'Referendum lokalne – lokale wyborcze' }]);
        const hits = (await engine.search('referendum')).hits;
        expect(hits.map((h) => [h.id, h.title])).toEqual([[WYBORY.id, 'Referendum lokalne – lokale wyborcze']]);
      });

      it('remove() makes an article unfindable', async () => {
        expect(ids(await engine.search('podatek od nieruchomości'))).toContain(PODATEK.id);
        await engine.remove([PODATEK.id]);
        expect(ids(await engine.search('podatek od nieruchomości'))).not.toContain(PODATEK.id);
      });

      it('replaceAll() leaves exactly the new set', async () => {
        const fresh = article(9, {
          slug: 'nocna-pomoc',
          type: 'unit_scope',
          title: 'Nocna i świąteczna opieka zdrowotna',
          unitCode: 'WZ',
          tags: ['zdrowie'],
          body: 'Nocna pomoc lekarska działa od 18:00 do 8:00 w dni robocze.',
        });
        await engine.replaceAll([DOWOD, fresh]);
        expect(ids(await engine.search('Karta Krakowska'))).not.toContain(KARTA.id);
        expect((await engine.search('swiateczna opieka')).hits[0]?.id).toBe(fresh.id);
        expect((await engine.search('dowód')).hits[0]?.id).toBe(DOWOD.id);
      });
    });
  });
}
