// Benchmark of knowledge-base search: a generated corpus of Polish articles in both engines, a mixed query load as
// agents type it, bare engines against ours, and optionally GET /api/knowledge/search on a running backend.
// Usage: npm run bench:knowledge -- [articles=50000] [--api] [--queries=N]. The last line of output is JSON.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import {
  createMeiliEngine,
  createPostgresEngine,
  dayNumber,
  foldPolish,
  POSTGRES_SEARCH_SCHEMA_SQL,
  queryWords,
  startMeiliServer,
  type SearchDocument,
  type SearchEngine,
} from '@kck/knowledge-base';
import type { ArticleType } from '@kck/contracts';
import { buildPostgresQuery, SEARCH_SQL } from '@kck/knowledge-base/postgres/postgres-query';
import {
  clearRedisPrefix,
  freePort,
  percentile,
  round,
  runConcurrently,
  stopChild,
  waitForHealth,
} from './bench-support.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const args = process.argv.slice(2);
const positional = args.filter((a) => !a.startsWith('--'));
const flag = (name: string) => args.find((a) => a.startsWith(`--${name}`));
const total = Number(positional[0] ?? 50_000);
const withApi = flag('api') !== undefined;
const queryCount = Number(flag('queries')?.split('=')[1] ?? (total >= 20_000 ? 600 : 200));
const TODAY = '2026-11-23';

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

// ---------------------------------------------------------------------------------------------------------
// The corpus: deterministic (seeded), built from municipal vocabulary with its inflected forms.

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Nominative, genitive, locative singular; nominative, genitive plural. */
type Noun = [string, string, string, string, string];
const NOUNS: Noun[] = [
  ['zgłoszenie', 'zgłoszenia', 'zgłoszeniu', 'zgłoszenia', 'zgłoszeń'],
  ['wniosek', 'wniosku', 'wniosku', 'wnioski', 'wniosków'],
  ['dowód', 'dowodu', 'dowodzie', 'dowody', 'dowodów'],
  ['odpad', 'odpadu', 'odpadzie', 'odpady', 'odpadów'],
  ['opłata', 'opłaty', 'opłacie', 'opłaty', 'opłat'],
  ['podatek', 'podatku', 'podatku', 'podatki', 'podatków'],
  ['żłobek', 'żłobka', 'żłobku', 'żłobki', 'żłobków'],
  ['przedszkole', 'przedszkola', 'przedszkolu', 'przedszkola', 'przedszkoli'],
  ['meldunek', 'meldunku', 'meldunku', 'meldunki', 'meldunków'],
  ['abonament', 'abonamentu', 'abonamencie', 'abonamenty', 'abonamentów'],
  ['karta', 'karty', 'karcie', 'karty', 'kart'],
  ['autobus', 'autobusu', 'autobusie', 'autobusy', 'autobusów'],
  ['tramwaj', 'tramwaju', 'tramwaju', 'tramwaje', 'tramwajów'],
  ['oświetlenie', 'oświetlenia', 'oświetleniu', 'oświetlenia', 'oświetleń'],
  ['awaria', 'awarii', 'awarii', 'awarie', 'awarii'],
  ['chodnik', 'chodnika', 'chodniku', 'chodniki', 'chodników'],
  ['drzewo', 'drzewa', 'drzewie', 'drzewa', 'drzew'],
  ['wycinka', 'wycinki', 'wycince', 'wycinki', 'wycinek'],
  ['zasiłek', 'zasiłku', 'zasiłku', 'zasiłki', 'zasiłków'],
  ['rejestracja', 'rejestracji', 'rejestracji', 'rejestracje', 'rejestracji'],
  ['pojazd', 'pojazdu', 'pojeździe', 'pojazdy', 'pojazdów'],
  ['lokal', 'lokalu', 'lokalu', 'lokale', 'lokali'],
  ['mieszkanie', 'mieszkania', 'mieszkaniu', 'mieszkania', 'mieszkań'],
  ['hałas', 'hałasu', 'hałasie', 'hałasy', 'hałasów'],
  ['ulga', 'ulgi', 'uldze', 'ulgi', 'ulg'],
  ['świadczenie', 'świadczenia', 'świadczeniu', 'świadczenia', 'świadczeń'],
  ['remont', 'remontu', 'remoncie', 'remonty', 'remontów'],
  ['pozwolenie', 'pozwolenia', 'pozwoleniu', 'pozwolenia', 'pozwoleń'],
  ['decyzja', 'decyzji', 'decyzji', 'decyzje', 'decyzji'],
  ['skarga', 'skargi', 'skardze', 'skargi', 'skarg'],
  ['ślub', 'ślubu', 'ślubie', 'śluby', 'ślubów'],
  ['pies', 'psa', 'psie', 'psy', 'psów'],
  ['basen', 'basenu', 'basenie', 'baseny', 'basenów'],
  ['rower', 'roweru', 'rowerze', 'rowery', 'rowerów'],
  ['przystanek', 'przystanku', 'przystanku', 'przystanki', 'przystanków'],
  ['bilet', 'biletu', 'bilecie', 'bilety', 'biletów'],
  ['stypendium', 'stypendium', 'stypendium', 'stypendia', 'stypendiów'],
  ['parking', 'parkingu', 'parkingu', 'parkingi', 'parkingów'],
  ['cmentarz', 'cmentarza', 'cmentarzu', 'cmentarze', 'cmentarzy'],
  ['kanalizacja', 'kanalizacji', 'kanalizacji', 'kanalizacje', 'kanalizacji'],
];
const ADJECTIVES = [
  ['miejski', 'miejskiego'],
  ['osobisty', 'osobistego'],
  ['komunalny', 'komunalnego'],
  ['czasowy', 'czasowego'],
  ['stały', 'stałego'],
  ['elektroniczny', 'elektronicznego'],
  ['społeczny', 'społecznego'],
  ['wielkogabarytowy', 'wielkogabarytowego'],
  ['publiczny', 'publicznego'],
  ['mieszkaniowy', 'mieszkaniowego'],
] as const;
const ACTIONS = [
  'Wydanie',
  'Wymiana',
  'Zgłoszenie',
  'Zwrot',
  'Odbiór',
  'Rezerwacja',
  'Zmiana',
  'Przedłużenie',
  'Informacja o terminie',
  'Harmonogram',
  'Naprawa',
  'Kontrola',
  'Umorzenie',
  'Wywóz',
];
const PLACES = [
  'Stare Miasto',
  'Kazimierz',
  'Podgórze',
  'Nowa Huta',
  'Prądnik Biały',
  'Prądnik Czerwony',
  'Krowodrza',
  'Bronowice',
  'Zwierzyniec',
  'Dębniki',
  'Łagiewniki',
  'Swoszowice',
  'Bieżanów',
  'Czyżyny',
  'Mistrzejowice',
  'Bieńczyce',
  'Łobzów',
  'Zabłocie',
  'Ruczaj',
  'Kurdwanów',
  'Wola Justowska',
  'Olsza',
];
const STREETS = ['Długa', 'Floriańska', 'Grodzka', 'Wielicka', 'Łokietka', 'Wrocławska', 'Zakopiańska', 'Kalwaryjska'];
const UNITS = ['WSO', 'WE', 'MPO', 'ZDMK', 'ZTP', 'WP', 'WZ', 'MOPS', 'USC', 'WA', 'ZZM', 'WSS', 'KM', 'WGK'];
const TYPES: ArticleType[] = [
  'service_card',
  'service_card',
  'procedure',
  'procedure',
  'unit_scope',
  'event',
  'election',
];
const MONTHS = ['styczniu', 'lutym', 'marcu', 'kwietniu', 'maju', 'czerwcu', 'wrześniu', 'październiku', 'listopadzie'];
const DOCUMENTS = ['dowód osobisty', 'paszport', 'akt urodzenia', 'zaświadczenie o dochodach', 'pełnomocnictwo'];

export function generateCorpus(count: number, seed = 20261123): SearchDocument[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  const sentences: (() => string)[] = [
    () =>
      `${cap(pick(NOUNS)[0])} można załatwić w ${pick(UNITS)} przy ulicy ${pick(STREETS)} ${1 + Math.floor(random() * 90)}.`,
    () => `Do ${pick(NOUNS)[1]} potrzebny jest ${pick(DOCUMENTS)} oraz numer PESEL.`,
    () => `W sprawie ${pick(NOUNS)[1]} mieszkańcy dzwonią najczęściej w ${pick(MONTHS)}.`,
    () => `Opłata za ${pick(NOUNS)[3]} wynosi ${5 + Math.floor(random() * 200)} zł i wnosi się ją przelewem.`,
    () => `O ${pick(NOUNS)[2]} informuje ${pick(UNITS)} w dzielnicy ${pick(PLACES)}.`,
    () => `Agent przyjmuje ${pick(NOUNS)[3]} i przekazuje je do ${pick(UNITS)} w ciągu jednego dnia roboczego.`,
    () => `Lista ${pick(NOUNS)[4]} ${pick(ADJECTIVES)[1]} jest dostępna na stronie miasta.`,
    () => `Termin rozpatrzenia ${pick(NOUNS)[1]} wynosi ${7 + Math.floor(random() * 30)} dni.`,
    () =>
      `Mieszkańcy z ${pick(['Łodzi', 'Warszawy', 'Tarnowa', 'Wieliczki'])} składają ${pick(NOUNS)[3]} w swoim urzędzie.`,
  ];
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const noun = pick(NOUNS);
    const adjective = pick(ADJECTIVES);
    const place = pick(PLACES);
    const title =
      random() < 0.5
        ? `${pick(ACTIONS)} ${noun[1]} ${adjective[1]} – ${place}`
        : `${cap(noun[0])} ${adjective[0]}: ${pick(NOUNS)[4]} w dzielnicy ${place}`;
    const body = Array.from({ length: 6 + Math.floor(random() * 9) }, () => pick(sentences)()).join(' ');
    const type = pick(TYPES);
    const fieldsText =
      type === 'service_card'
        ? `Dokumenty: ${pick(DOCUMENTS)}. Opłaty: ${Math.floor(random() * 100)} zł. Gdzie: ul. ${pick(STREETS)}.`
        : type === 'unit_scope'
          ? `Zakres: 1. sprawy ${noun[4]}. 2. ${pick(NOUNS)[3]} ${adjective[0]}e. Godziny: 8:00–16:00.`
          : '';
    const limited = random() < 0.25;
    const fromMonth = 1 + Math.floor(random() * 12);
    docs.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      slug: `artykul-${i}`,
      type,
      title,
      body,
      unitCode: random() < 0.9 ? pick(UNITS) : null,
      tags: [noun[0], pick(NOUNS)[0]],
      fieldsText,
      validFrom: limited ? `2026-${String(fromMonth).padStart(2, '0')}-01` : null,
      validTo: limited ? `${2026 + Math.floor(random() * 2)}-12-31` : null,
      updatedAt: new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 600) * 86_400_000).toISOString(),
    });
  }
  return docs;
}

/** What agents type: whole words, unfinished words, no Polish letters, a swapped pair of letters, two words. */
export function generateQueries(count: number, seed = 7): { kind: string; q: string }[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const kinds: [string, () => string][] = [
    ['word', () => pick(pick(NOUNS))],
    [
      'prefix',
      () => {
        const word = pick(NOUNS)[0];
        return word.slice(0, Math.min(word.length, 3 + Math.floor(random() * 4)));
      },
    ],
    ['no-diacritics', () => foldPolish(pick(pick(NOUNS)))],
    [
      'typo',
      () => {
        const word = foldPolish(pick(NOUNS.filter((n) => n[0].length >= 6))[0]);
        const at = 1 + Math.floor(random() * (word.length - 3));
        return word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2);
      },
    ],
    ['two-words', () => `${pick(ACTIONS).split(' ')[0]!.toLowerCase()} ${pick(NOUNS)[1]}`],
    ['place', () => pick(['lodz', 'łagiewniki', 'lobzow', 'nowa huta', 'pradnik bialy', 'dębniki'])],
  ];
  return Array.from({ length: count }, () => {
    const [kind, make] = pick(kinds);
    return { kind, q: make() };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

interface Figures {
  p50: number;
  p95: number;
  p99: number;
}
const figuresOf = (sorted: number[]): Figures => ({
  p50: round(percentile(sorted, 50)),
  p95: round(percentile(sorted, 95)),
  p99: round(percentile(sorted, 99)),
});

/** A JSON POST/GET over keep-alive node:http: the cheapest client, so the figures are the server's. */
function httpJson(
  agent: Agent,
  url: string,
  options: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = httpRequest(
      url,
      {
        method: options.method,
        agent,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }
            : {}),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** From index() of a changed article to the first search that finds it (searching every 5 ms meanwhile). */
async function visibleAfterChange(engine: SearchEngine, doc: SearchDocument, round: number): Promise<number> {
  const marker = `zmianabench${round}x${randomBytes(3).toString('hex').replace(/\d/g, 'q')}`;
  const changed = { ...doc, title: `${doc.title} ${marker}`, updatedAt: new Date().toISOString() };
  const started = performance.now();
  const write = engine.index([changed]);
  for (;;) {
    const { hits } = await engine.search(marker);
    if (hits.some((hit) => hit.id === doc.id)) break;
    if (performance.now() - started > 30_000) throw new Error(`${engine.name}: the change never showed up`);
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = performance.now() - started;
  await write;
  return elapsed;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const baseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kck';
  const databaseUrl = new URL(baseUrl);
  const databaseName = `kck_kbbench_${runId}`;
  databaseUrl.pathname = `/${databaseName}`;
  const adminUrl = new URL(baseUrl);
  adminUrl.pathname = '/postgres';
  const indexUid = `kbbench_${runId}`;
  const meiliDir = path.join(repoRoot, 'var', `bench-meili-${runId}`);
  const width = 8;

  console.log(
    `knowledge search benchmark: ${total} articles, ${queryCount} queries per phase, database ${databaseName}`,
  );
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(databaseName)}`);

  const meiliServer = await startMeiliServer({
    dataDir: meiliDir,
    masterKey: `bench-${randomBytes(16).toString('hex')}`,
  });
  const pool = new pg.Pool({
    connectionString: databaseUrl.toString(),
    max: width + 2,
    application_name: 'kck-kbbench',
  });
  const meili = createMeiliEngine({ url: meiliServer.url, masterKey: meiliServer.masterKey, index: indexUid });
  const postgres = createPostgresEngine({ pool });
  const keepAlive = new Agent({ keepAlive: true, maxSockets: width * 2 });
  const figures: Record<string, unknown> = { bench: 'knowledge', articles: total, queries: queryCount };

  try {
    // The schema: the backend's migrations when the API is measured (they run there anyway), else schema.sql.
    if (withApi) {
      const { migrate } = await import('./migrate.ts');
      await migrate(databaseUrl.toString());
    } else {
      await pool.query(POSTGRES_SEARCH_SCHEMA_SQL);
    }

    let started = performance.now();
    const docs = generateCorpus(total);
    const generatedMs = performance.now() - started;
    const corpusMb = docs.reduce((n, d) => n + d.body.length + d.title.length + d.fieldsText.length, 0) / 1e6;
    console.log(`corpus: ${total} articles, ${round(corpusMb)} M characters, generated in ${round(generatedMs)} ms`);

    await meili.init();
    started = performance.now();
    await meili.replaceAll(docs);
    const meiliReindexS = (performance.now() - started) / 1000;
    started = performance.now();
    await postgres.replaceAll(docs);
    const postgresReindexS = (performance.now() - started) / 1000;
    await pool.query('VACUUM ANALYZE kb_search_document');
    await pool.query('VACUUM ANALYZE kb_search_word');
    console.log(
      `full reindex: Meilisearch ${round(meiliReindexS)} s (target < 60 s), PostgreSQL ${round(postgresReindexS)} s`,
    );
    figures.meili_reindex_s = round(meiliReindexS);
    figures.postgres_reindex_s = round(postgresReindexS);

    const queries = generateQueries(queryCount);
    const options = { limit: 10, validOn: TODAY };

    // Bare Meilisearch: the same search body our engine sends, over keep-alive node:http, answer parsed.
    const meiliBody = (q: string) => ({
      q: queryWords(q).join(' '),
      limit: 10,
      filter: [`validFromDay <= ${dayNumber(TODAY)}`, `validToDay >= ${dayNumber(TODAY)}`],
      facets: ['type', 'unitCode'],
      attributesToRetrieve: ['id', 'type', 'title', 'unitCode', 'validTo', 'body', 'fieldsText'],
      locales: ['pol'],
    });
    const meiliProcessing: number[] = [];
    const bareMeili = async (q: string) => {
      const { status, body } = await httpJson(keepAlive, `${meiliServer.url}/indexes/${indexUid}/search`, {
        method: 'POST',
        body: meiliBody(q),
        headers: { authorization: `Bearer ${meiliServer.masterKey}` },
      });
      if (status !== 200) throw new Error(`Meilisearch answered ${status}: ${JSON.stringify(body)}`);
      meiliProcessing.push((body as { processingTimeMs: number }).processingTimeMs);
    };
    // The plain query: ranked full-text with prefixes over every match, no candidate set (what the design avoids).
    const plainSql = `SELECT id, title FROM kb_search_document
      WHERE search_vector @@ $1::tsquery
        AND coalesce(valid_from, '-infinity') <= $2::date AND coalesce(valid_to, 'infinity') >= $2::date
      ORDER BY ts_rank(search_vector, $1::tsquery) DESC LIMIT 10`;
    const bareSql = async (q: string) => {
      const built = buildPostgresQuery(q);
      if (built) await pool.query(plainSql, [built.tsquery, TODAY]);
    };
    // Our SQL alone (one round trip, no typo pass, no snippets): the engine's own floor.
    const engineSql = async (q: string) => {
      const built = buildPostgresQuery(q);
      if (built) await pool.query(SEARCH_SQL, [built.tsquery, built.folded, null, null, TODAY, 10, 300, 500, 1000]);
    };

    const targets: [string, (q: string) => Promise<unknown>][] = [
      ['meili_bare', bareMeili],
      ['meili_engine', (q) => meili.search(q, options)],
      ['sql_plain', bareSql],
      ['sql_engine_query', engineSql],
      ['postgres_engine', (q) => postgres.search(q, options)],
    ];
    // Warm both engines and the caches once.
    for (const { q } of queries.slice(0, 50)) for (const [, run] of targets) await run(q);

    const results: Record<string, Record<number, Figures>> = {};
    for (const concurrency of [1, width]) {
      for (const [name, run] of targets) {
        const latencies = await runConcurrently(
          queries.length,
          concurrency,
          async (i) => void (await run(queries[i]!.q)),
        );
        (results[name] ??= {})[concurrency] = figuresOf(latencies);
      }
    }

    // How many hits the engines find per query kind (a sanity check that the load is realistic).
    const hitsByKind: Record<string, { meili: number; postgres: number; n: number }> = {};
    for (const { kind, q } of queries.slice(0, 120)) {
      const entry = (hitsByKind[kind] ??= { meili: 0, postgres: 0, n: 0 });
      entry.n++;
      entry.meili += (await meili.search(q, options)).hits.length;
      entry.postgres += (await postgres.search(q, options)).hits.length;
    }

    const visible: Record<string, number> = {};
    for (const engine of [meili, postgres] as SearchEngine[]) {
      const rounds: number[] = [];
      for (let i = 0; i < 5; i++) rounds.push(await visibleAfterChange(engine, docs[i * 7]!, i));
      visible[engine.name] = round(median(rounds));
    }

    console.log('\nlatency in ms (p50 / p95 / p99), limit 10, valid today, mixed queries:');
    for (const [name] of targets) {
      const row = results[name]!;
      console.log(
        `  ${name.padEnd(18)} 1 searcher: ${row[1]!.p50} / ${row[1]!.p95} / ${row[1]!.p99}` +
          `   ${width} searchers: ${row[width]!.p50} / ${row[width]!.p95} / ${row[width]!.p99}`,
      );
      for (const c of [1, width]) {
        const key = `${name}_c${c}`;
        figures[`${key}_p50_ms`] = row[c]!.p50;
        figures[`${key}_p95_ms`] = row[c]!.p95;
        figures[`${key}_p99_ms`] = row[c]!.p99;
      }
    }
    figures.meili_processing_p50_ms = round(median(meiliProcessing));
    const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);
    for (const c of [1, width]) {
      figures[`meili_engine_vs_bare_c${c}_p50`] = ratio(results.meili_engine![c]!.p50, results.meili_bare![c]!.p50);
      figures[`postgres_engine_vs_plain_sql_c${c}_p95`] = ratio(
        results.postgres_engine![c]!.p95,
        results.sql_plain![c]!.p95,
      );
    }
    console.log(
      `Meilisearch's own processingTimeMs p50: ${figures.meili_processing_p50_ms} ms; ` +
        `engine / bare p50: ${figures.meili_engine_vs_bare_c1_p50} (1), ${figures[`meili_engine_vs_bare_c${width}_p50`]} (${width}); ` +
        `PG engine / plain SQL p95: ${figures.postgres_engine_vs_plain_sql_c1_p95} (1), ` +
        `${figures[`postgres_engine_vs_plain_sql_c${width}_p95`]} (${width})`,
    );
    console.log(
      `changed article searchable within (median of 5, target < 1000 ms): ` +
        `Meilisearch ${visible.meilisearch} ms, PostgreSQL ${visible.postgres} ms`,
    );
    figures.meili_visible_ms = visible.meilisearch;
    figures.postgres_visible_ms = visible.postgres;
    console.log(
      'average hits per query kind (Meilisearch / PostgreSQL): ' +
        Object.entries(hitsByKind)
          .map(([kind, e]) => `${kind} ${round(e.meili / e.n)}/${round(e.postgres / e.n)}`)
          .join(', '),
    );

    if (withApi) Object.assign(figures, await measureApi(databaseUrl.toString(), meiliServer, indexUid, docs, queries));
    console.log(JSON.stringify(figures));
  } finally {
    keepAlive.destroy();
    await meili.dropIndex().catch(() => undefined);
    await meili.close();
    await pool.end();
    await meiliServer.stop();
    await rm(meiliDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName)} WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * GET /api/knowledge/search through a backend process, as deployed: once with Meilisearch as primary, once with
 * PostgreSQL alone (MEILI_URL empty). The database gets the seed (users to sign in) and the corpus in both engines.
 */
async function measureApi(
  databaseUrl: string,
  meiliServer: { url: string; masterKey: string },
  indexUid: string,
  docs: SearchDocument[],
  queries: { q: string }[],
): Promise<Record<string, number>> {
  const { parseConfig } = await import('@kck/backend/platform/config');
  const { createLogger } = await import('@kck/backend/platform/logger');
  const { createDataSource } = await import('@kck/backend/platform/db');
  const { createSearchEngine } = await import('@kck/backend/knowledge/search-engines');
  const { TestClient } = await import('@kck/backend/test-support/test-client');
  const { seed } = await import('./seed.ts');

  const redisPrefix = `kckkbbench-${randomBytes(3).toString('hex')}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    REDIS_PREFIX: redisPrefix,
    MEILI_URL: meiliServer.url,
    MEILI_MASTER_KEY: meiliServer.masterKey,
    MEILI_INDEX: indexUid,
    LOG_LEVEL: 'silent',
    CONSOLE_DIST: '',
    SMTP_URL: '',
  };
  const config = parseConfig(env);
  const db = createDataSource(databaseUrl, 4);
  await db.initialize();
  const search = createSearchEngine(config, createLogger('bench', 'silent'));
  await seed(db, search.engine);
  // The seed indexes its demo articles; the corpus replaces them in both engines.
  await search.engine.replaceAll(docs);
  await search.close();
  await db.destroy();

  const out: Record<string, number> = {};
  for (const [label, meiliUrl] of [
    ['api_meili', meiliServer.url],
    ['api_postgres', ''],
  ] as const) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'backend/src/main.ts'], {
      cwd: repoRoot,
      env: { ...env, MEILI_URL: meiliUrl, LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      await waitForHealth(url);
      const client = new TestClient(url);
      await client.login('agent', 'Krakow2026!');
      const get = async (q: string) => {
        const { status, body } = await httpJson(
          agent,
          `${url}/api/knowledge/search?q=${encodeURIComponent(q)}&limit=10`,
          {
            method: 'GET',
            headers: { cookie: client.cookie! },
          },
        );
        if (status !== 200) throw new Error(`GET /api/knowledge/search answered ${status}: ${JSON.stringify(body)}`);
      };
      for (const { q } of queries.slice(0, 50)) await get(q);
      for (const concurrency of [1, 8]) {
        const latencies = await runConcurrently(queries.length, concurrency, async (i) => get(queries[i]!.q));
        const f = figuresOf(latencies);
        out[`${label}_c${concurrency}_p50_ms`] = f.p50;
        out[`${label}_c${concurrency}_p95_ms`] = f.p95;
        out[`${label}_c${concurrency}_p99_ms`] = f.p99;
        console.log(
          `GET /api/knowledge/search (${label}), ${concurrency} at once: p50 ${f.p50} / p95 ${f.p95} / p99 ${f.p99} ms`,
        );
      }
    } finally {
      agent.destroy();
      await stopChild(child);
    }
  }
  await clearRedisPrefix(config.REDIS_URL, redisPrefix);
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
