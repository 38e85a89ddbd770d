// The behaviour every SearchEngine must show, as one vitest suite run against each implementation.
// A new engine (or a changed one) passes this before the console may rely on it; options mark known limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchDocument, SearchEngine, SearchHit, SearchResult, TextRange } from './search-engine.ts';

export interface SearchEngineContractOptions {
  /** Which engine's name the results carry; defaults to the engine's own name. */
  answeredBy?: SearchResult['engine'];
  /** A one-typo word in a title finds the article (PostgreSQL does this through trigrams). Default true. */
  typosInTitle?: boolean;
  /** A one-typo word in a body finds the article (Meilisearch only). Default true. */
  typosInBody?: boolean;
}

type ArticleFields = Omit<SearchDocument, 'id' | 'updatedAt' | 'fieldsText' | 'validFrom' | 'validTo'> &
  Partial<Pick<SearchDocument, 'fieldsText' | 'validFrom' | 'validTo'>>;

function article(n: number, fields: ArticleFields): SearchDocument {
  const id = `6f1d3c2a-5b4e-4c1d-9a8b-${String(n).padStart(12, '0')}`;
  return {
    id,
    updatedAt: `2026-10-${String(n).padStart(2, '0')}T10:00:00.000Z`,
    fieldsText: '',
    validFrom: null,
    validTo: null,
    ...fields,
  };
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
  fieldsText: 'Dokumenty: zdjęcie legitymacyjne. Opłaty: wydanie karty bezpłatne.',
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

const ZGLOSZENIE = article(10, {
  slug: 'awaria-oswietlenia',
  type: 'procedure',
  title: 'Zgłoszenie awarii oświetlenia ulicznego',
  unitCode: 'ZDMK',
  tags: ['oświetlenie'],
  body: 'Agent przyjmuje zgłoszenie z adresem i numerem latarni, jeśli mieszkaniec go widzi, i przekazuje je do ZDMK.',
});
const LODZ = article(11, {
  slug: 'pociag-lodz',
  type: 'event',
  title: 'Pociągi do Łodzi – zastępcza komunikacja autobusowa',
  unitCode: 'ZTP',
  tags: ['kolej'],
  body: 'Na czas remontu torów pociągi do Łódź Fabryczna zastępują autobusy spod Dworca Głównego.',
  validFrom: '2026-01-01',
  validTo: '2026-06-30',
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
  ZGLOSZENIE,
  LODZ,
];

const ids = (result: SearchResult): string[] => result.hits.map((hit) => hit.id);
const marked = (text: string, ranges: TextRange[]): string[] => ranges.map((r) => text.slice(r.start, r.end));

/** Counts of `hits` by a key, the way facets count them. */
function countBy(hits: SearchHit[], key: (hit: SearchHit) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const hit of hits) {
    const value = key(hit);
    if (value !== null) counts[value] = (counts[value] ?? 0) + 1;
  }
  return counts;
}

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

    it('finds "zgłoszenie" typed without diacritics, unfinished or with swapped letters', async () => {
      for (const typed of ['zgloszenie', 'zgłoszeni', 'zglsozenie', 'ZGŁOSZENIE awarii']) {
        expect((await engine.search(typed)).hits[0]?.id, typed).toBe(ZGLOSZENIE.id);
      }
    });

    it('finds a word with two letters swapped in the body', async () => {
      expect(ids(await engine.search('wnoisek'))).toContain(DOWOD.id);
      expect(ids(await engine.search('abonmaent'))).toContain(PARKOWANIE.id);
    });

    it('finds "Łódź" from "lodz" (ł folded on both sides, no typo needed)', async () => {
      expect((await engine.search('lodz')).hits[0]?.id).toBe(LODZ.id);
      expect((await engine.search('Łódź')).hits[0]?.id).toBe(LODZ.id);
    });

    it('searches the structured fields text', async () => {
      const hit = (await engine.search('legitymacyjne')).hits[0];
      expect(hit?.id).toBe(KARTA.id);
      expect(hit && marked(hit.snippet, hit.highlights)).toEqual(['legitymacyjne']);
    });

    it('filters by type, by unit and by validity on a date', async () => {
      const procedures = await engine.search('wniosek zgłoszenie dokument', { types: ['procedure'] });
      expect(procedures.hits.every((hit) => hit.type === 'procedure')).toBe(true);
      const wso = await engine.search('dowód', { unitCodes: ['WSO', 'WE'], limit: 50 });
      expect(wso.hits.length).toBeGreaterThan(0);
      expect(wso.hits.every((hit) => hit.unitCode === 'WSO' || hit.unitCode === 'WE')).toBe(true);
      expect(ids(await engine.search('dowód', { unitCodes: ['ZTP'] }))).not.toContain(DOWOD.id);

      expect(ids(await engine.search('lodz', { validOn: '2026-03-01' }))).toEqual([LODZ.id]);
      expect(ids(await engine.search('lodz', { validOn: '2026-01-01' }))).toEqual([LODZ.id]);
      expect(ids(await engine.search('lodz', { validOn: '2026-06-30' }))).toEqual([LODZ.id]);
      expect(ids(await engine.search('lodz', { validOn: '2026-07-01' }))).toEqual([]);
      expect(ids(await engine.search('lodz', { validOn: '2025-12-31' }))).toEqual([]);
      // Open-ended articles are valid on any date.
      expect(ids(await engine.search('Karta Krakowska', { validOn: '1999-01-01' }))).toContain(KARTA.id);
      expect((await engine.search('lodz')).hits[0]?.validTo).toBe('2026-06-30');
    });

    it('counts facets by type and unit over the whole query, not only the hits returned', async () => {
      const all = await engine.search('dowód osobisty', { limit: 50 });
      expect(all.hits.length).toBeGreaterThan(1);
      expect(all.facets.type).toEqual(countBy(all.hits, (hit) => hit.type));
      expect(all.facets.unit).toEqual(countBy(all.hits, (hit) => hit.unitCode));
      const one = await engine.search('dowód osobisty', { limit: 1 });
      expect(one.hits).toHaveLength(1);
      expect(one.facets).toEqual(all.facets);
      expect((await engine.search('qwxzvbnm')).facets).toEqual({ type: {}, unit: {} });
    });

    it('highlights the matched words in the title and the snippet (offsets into the plain text)', async () => {
      const karta = (await engine.search('karta krakowska')).hits[0];
      expect(karta && marked(karta.title, karta.titleHighlights)).toEqual(['Karta', 'Krakowska']);
      const lodz = (await engine.search('lodz')).hits[0];
      expect(lodz && marked(lodz.title, lodz.titleHighlights)).toEqual(['Łodzi']);
      expect(lodz && marked(lodz.snippet, lodz.highlights)).toEqual(['Łódź']);
      const typo = (await engine.search('zglsozenie')).hits[0];
      expect(typo && marked(typo.title, typo.titleHighlights)).toEqual(['Zgłoszenie']);
      const parking = (await engine.search('abonament')).hits.find((hit) => hit.id === PARKOWANIE.id);
      expect(parking && marked(parking.snippet, parking.highlights)).toEqual(['abonament']);
    });

    it('finds an article through a synonym group given to setSynonyms(), folded both ways', async () => {
      await engine.setSynonyms([['śmieci', 'odpady']]);
      await engine.setSynonyms([['śmieci', 'odpady']]); // idempotent
      const hit = (await engine.search('smieci')).hits.find((h) => h.id === ODPADY.id);
      expect(hit).toBeDefined();
      expect(hit && marked(hit.title, hit.titleHighlights)).toEqual(['odpadów']);
      expect(ids(await engine.search('śmieci'))).toContain(ODPADY.id);
      await engine.setSynonyms([]);
      expect(ids(await engine.search('smieci'))).not.toContain(ODPADY.id);
      await engine.setSynonyms([
        ['Śmieci', 'odpady'],
        ['MPK', 'komunikacja miejska'],
      ]);
      expect(ids(await engine.search('SMIECI'))).toContain(ODPADY.id);
    });

    it('finds an article holding all the typed words but one, after those holding all, with facets to match', async () => {
      // No article says "piwnicy": the agent's words, not the article's.
      const result = await engine.search('wywóz odpadów z piwnicy', { limit: 50 });
      expect(result.hits[0]?.id).toBe(ODPADY.id);
      expect(result.facets.type).toEqual(countBy(result.hits, (hit) => hit.type));
      expect(result.facets.unit).toEqual(countBy(result.hits, (hit) => hit.unitCode));
      expect((await engine.search('kto wydaje dowód osobisty')).hits[0]?.id).toBe(DOWOD.id);
    });

    it('with two words, finds the articles holding both, each in any form, never one alone', async () => {
      expect((await engine.search('zapisami żłobków')).hits[0]?.id).toBe(ZLOBEK.id);
      // Both words are in the index, in different articles: neither alone is what the agent asked for.
      expect(ids(await engine.search('podatek żłobek'))).toEqual([]);
      expect(ids(await engine.search('żłobek qwxzvbnm'))).toEqual([]);
    });

    it('answers empty, huge and control-character queries with no hits and no error, fast', async () => {
      const queries = ['', '   ', '\u0000\u0007\u001b[2J', '"', '-', '*', 'a'.repeat(100_000), '\u0000'.repeat(10_000)];
      for (const query of queries) {
        const started = performance.now();
        const result = await engine.search(query);
        expect(result.hits, JSON.stringify(query.slice(0, 20))).toEqual([]);
        expect(performance.now() - started).toBeLessThan(1_000);
      }
      // Many real words: searched (capped), never an error.
      const long = await engine.search('dowód osobisty '.repeat(5_000));
      expect(Array.isArray(long.hits)).toBe(true);
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
      it('index() and remove() are idempotent', async () => {
        await engine.index([ZGLOSZENIE, ZGLOSZENIE]);
        await engine.index([ZGLOSZENIE]);
        expect(ids(await engine.search('zgłoszenie awarii')).filter((id) => id === ZGLOSZENIE.id)).toHaveLength(1);
        const gone = article(12, {
          slug: 'x',
          type: 'procedure',
          title: 'Tymczasowy artykuł',
          unitCode: null,
          tags: [],
          body: '',
        });
        await engine.index([gone]);
        await engine.remove([gone.id]);
        await engine.remove([gone.id, '6f1d3c2a-5b4e-4c1d-9a8b-000000000099']);
        await engine.remove([]);
        expect(ids(await engine.search('tymczasowy'))).toEqual([]);
      });

      it('replaceAll() never shows a moment of empty results to concurrent searches', async () => {
        let done = false;
        const seen: number[] = [];
        const searcher = (async () => {
          while (!done) {
            seen.push((await engine.search('dowód osobisty')).hits.filter((hit) => hit.id === DOWOD.id).length);
          }
        })();
        try {
          // Rebuild until several searches have overlapped the rebuilds: on a loaded machine a rebuild of this
          // small set can be quicker than one search.
          for (let rebuilds = 0; rebuilds < 2 || (seen.length < 5 && rebuilds < 50); rebuilds++)
            await engine.replaceAll([...CONTRACT_ARTICLES]);
        } finally {
          done = true;
          await searcher;
        }
        expect(seen.length).toBeGreaterThan(1);
        expect(seen.every((count) => count === 1)).toBe(true);
      });

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
