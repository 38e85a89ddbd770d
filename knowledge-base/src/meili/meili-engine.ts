// The primary knowledge-base search: Meilisearch through the official client over keep-alive node:http.
// Writes wait for their Meilisearch task, so "resolved" means "searchable"; replaceAll builds a new index and swaps it in.
import {
  Meilisearch,
  type EnqueuedTaskPromise,
  type ExtraRequestInit,
  type FacetDistribution,
  type MultiSearchParams,
  type MultiSearchQuery,
  type SearchResponse,
  type Settings,
} from 'meilisearch';
import { foldPolish, foldSynonymGroups, isStopWord, POLISH_STOP_WORDS, polishStem, queryWords } from '../polish.ts';
import {
  type SearchDocument,
  type SearchEngine,
  type SearchOptions,
  type SearchResult,
  searchLimit,
} from '../search-engine.ts';
import { describeHit, queryMatcher } from '../snippet.ts';
import { createSynonymCache } from '../synonyms.ts';
import { dayNumber } from '../validity.ts';
import { SYNONYM_GROUPS } from '../vocabulary.ts';
import { createKeepAliveHttpClient } from './keep-alive-http.ts';

export interface MeiliEngineOptions {
  url: string;
  masterKey: string;
  /** Index uid; replaceAll also uses `<index>_new` for the rebuild. */
  index: string;
  /** Per search and health request; a search slower than this fails (the failover then asks PostgreSQL). 1 s by default. */
  timeoutMs?: number;
  /** How long a write waits for its Meilisearch task; 2 min by default (50,000 articles index in ~40 s). */
  taskTimeoutMs?: number;
}

/**
 * Index settings; exported so tests and ops scripts can compare them with a live index. Synonyms are not
 * here: they belong to setSynonyms() and survive init() and replaceAll().
 *
 * Meilisearch folds ą, ę, ś… itself but not ł, and forgives no typo in a word under 5 letters, so "lodz"
 * would never find "Łódź". The engine therefore indexes folded copies of the searchable text
 * (`search*`, see {@link foldPolish}) and folds queries the same way; the originals are only displayed.
 */
export const MEILI_INDEX_SETTINGS: Settings = {
  // Order matters: Meilisearch's attribute ranking rule prefers matches in earlier attributes.
  searchableAttributes: ['searchTitle', 'searchTags', 'searchUnit', 'searchFields', 'searchBody'],
  // Validity as day numbers: Meilisearch filters compare numbers, and null becomes an open-ended sentinel.
  filterableAttributes: ['type', 'unitCode', 'validFromDay', 'validToDay'],
  sortableAttributes: ['updatedAt', 'validFromDay', 'validToDay'],
  displayedAttributes: ['id', 'type', 'title', 'unitCode', 'validTo', 'body', 'fieldsText'],
  stopWords: [...new Set(POLISH_STOP_WORDS.map(foldPolish))],
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  // Tells the tokenizer the text is Polish instead of letting it guess from short titles.
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['pol'] }],
  faceting: { maxValuesPerFacet: 200 },
};

const DOCUMENT_BATCH = 1_000;
/** validFrom null: valid since forever; validTo null: valid for good. */
export const OPEN_FROM_DAY = -1_000_000;
export const OPEN_TO_DAY = 1_000_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The document as Meilisearch stores it: originals to display, folded copies to search, days to filter. */
export function toMeiliDocument(doc: SearchDocument) {
  return {
    id: doc.id,
    slug: doc.slug,
    type: doc.type,
    title: doc.title,
    body: doc.body,
    fieldsText: doc.fieldsText,
    unitCode: doc.unitCode,
    tags: doc.tags,
    validTo: doc.validTo,
    updatedAt: doc.updatedAt,
    searchTitle: foldPolish(doc.title),
    searchTags: doc.tags.map(foldPolish),
    searchUnit: doc.unitCode === null ? null : foldPolish(doc.unitCode),
    searchFields: foldPolish(doc.fieldsText),
    searchBody: foldPolish(doc.body),
    validFromDay: doc.validFrom === null ? OPEN_FROM_DAY : dayNumber(doc.validFrom),
    validToDay: doc.validTo === null ? OPEN_TO_DAY : dayNumber(doc.validTo),
  };
}

/** Meilisearch's shape of synonym groups: each folded term → the other terms of its groups. */
export function meiliSynonyms(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms: Record<string, string[]> = {};
  for (const group of foldSynonymGroups(groups)) {
    for (const term of group) {
      const others = group.filter((other) => other !== term);
      synonyms[term] = [...new Set([...(synonyms[term] ?? []), ...others])];
    }
  }
  return synonyms;
}

/** Back from Meilisearch's map to groups (each key with its terms), for highlights. */
function groupsOf(synonyms: Record<string, string[]>): string[][] {
  return Object.entries(synonyms).map(([term, others]) => [term, ...others].map((t) => t.normalize('NFC')));
}

const quote = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** The Meilisearch filter for the options, or undefined when nothing is filtered. */
export function meiliFilter(options: SearchOptions | undefined): string[] | undefined {
  const filter: string[] = [];
  if (options?.types && options.types.length > 0) filter.push(`type IN [${options.types.map(quote).join(', ')}]`);
  if (options?.unitCodes && options.unitCodes.length > 0) {
    filter.push(`unitCode IN [${options.unitCodes.map(quote).join(', ')}]`);
  }
  if (options?.validOn !== undefined) {
    const day = dayNumber(options.validOn);
    filter.push(`validFromDay <= ${day}`, `validToDay >= ${day}`);
  }
  return filter.length > 0 ? filter : undefined;
}

/** The Meilisearch engine with the extras tests and ops scripts need. */
export interface MeiliSearchEngine extends SearchEngine {
  readonly name: 'meilisearch';
  /** The underlying client (same keep-alive transport), e.g. to read settings or stats. */
  readonly client: Meilisearch;
  readonly indexUid: string;
  /** Deletes the index and any leftover rebuild index; used by tests and teardown scripts. */
  dropIndex(): Promise<void>;
  /** Closes the pooled keep-alive sockets; a later call opens new ones. */
  close(): Promise<void>;
}

interface MeiliHit {
  id: string;
  type: SearchDocument['type'];
  title: string;
  body?: string;
  fieldsText?: string;
  unitCode: string | null;
  validTo?: string | null;
}

export function createMeiliEngine(options: MeiliEngineOptions): MeiliSearchEngine {
  const timeoutMs = options.timeoutMs ?? 1_000;
  const taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
  const transport = createKeepAliveHttpClient();
  const client = new Meilisearch({
    host: options.url,
    apiKey: options.masterKey,
    httpClient: transport.httpClient,
    // No client-wide `timeout`: the client then leaks an abort listener per task poll. Searches carry
    // their own short signal, and the transport gives every other request a generous socket timeout.
    defaultWaitOptions: { timeout: taskTimeoutMs, interval: 20 },
  });
  const uid = options.index;
  const rebuildUid = `${uid}_new`;

  /** Waits for the task; a failed task becomes an error carrying Meilisearch's code. False when `tolerate` happened. */
  async function settle(task: EnqueuedTaskPromise, tolerate?: string): Promise<boolean> {
    const done = await task.waitTask();
    if (done.status === 'succeeded') return true;
    if (tolerate !== undefined && done.error?.code === tolerate) return false;
    const reason = done.error ? `${done.error.code}: ${done.error.message}` : done.status;
    throw new Error(`Meilisearch task ${done.uid} (${done.type} on ${done.indexUid ?? '-'}) ${reason}`);
  }

  /** The live index's synonyms, or the hotline defaults when there is no index yet. */
  async function liveSynonyms(): Promise<Record<string, string[]>> {
    try {
      return await client.index(uid).getSynonyms();
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code === 'index_not_found') {
        return meiliSynonyms(SYNONYM_GROUPS);
      }
      throw error;
    }
  }
  const synonymCache = createSynonymCache(async () => groupsOf(await liveSynonyms()), 10_000);

  /** Creates the index when missing; applies the settings, and `synonyms` only to a new index. */
  async function createIndexWithSettings(indexUid: string, synonyms: Record<string, string[]>): Promise<void> {
    const created = await settle(client.createIndex(indexUid, { primaryKey: 'id' }), 'index_already_exists');
    await settle(
      client.index(indexUid).updateSettings(created ? { ...MEILI_INDEX_SETTINGS, synonyms } : MEILI_INDEX_SETTINGS),
    );
  }

  async function addAll(indexUid: string, docs: SearchDocument[]): Promise<void> {
    // Enqueue every batch first: Meilisearch merges queued additions into one indexing run.
    const tasks = chunks(docs, DOCUMENT_BATCH).map((batch) =>
      client.index(indexUid).addDocuments(batch.map(toMeiliDocument), { primaryKey: 'id' }),
    );
    for (const task of tasks) await settle(task);
  }

  /**
   * When too few articles hold every word, the agent's phrasing is probably not the article's ("zgoda na użycie
   * herbu": the article says "posługiwanie się herbem"). Meilisearch's own strategies drop words in a fixed order
   * (`last`: from the end, `frequency`: the commonest first) and so often drop the one word that mattered. Here, with
   * three words or more, every word gets its turn: one request asks for each set of all words but one, and those hits
   * follow the all-words hits, best ranking score first. With two words, one alone is too weak a match: both must
   * match, but each as the beginning of a word (its stem, searched alone so Meilisearch takes it as a prefix), as
   * PostgreSQL matches them: "budż obyw", "konsultacjach społecznych". Costs one more round trip, only for such queries.
   */
  async function relaxed(
    words: string[],
    strict: SearchResponse<MeiliHit>,
    params: Omit<MultiSearchQuery, 'indexUid'>,
    init: ExtraRequestInit,
  ): Promise<{ found: MeiliHit[]; facetDistribution: FacetDistribution | undefined }> {
    const subsets =
      words.length === 2
        ? words.map(polishStem)
        : [...new Set(words.map((_, skip) => words.filter((_, i) => i !== skip).join(' ')))];
    const queries = subsets.map((q) => ({
      ...params,
      indexUid: uid,
      q,
      matchingStrategy: 'all' as const,
      showRankingScore: true,
    }));
    let { results } = await client.multiSearch<MultiSearchParams, MeiliHit>({ queries }, init);
    let subsetHits: MeiliHit[];
    if (words.length === 2) {
      // Articles among the hits of both stems, in the first stem's order; the facets count only those.
      const second = new Set(results[1]?.hits.map((hit) => hit.id));
      subsetHits = results[0]?.hits.filter((hit) => second.has(hit.id)) ?? [];
      results = [];
    } else {
      subsetHits = results
        .flatMap((result) => result.hits)
        .sort((a, b) => (b._rankingScore ?? 0) - (a._rankingScore ?? 0));
    }
    const all = new Map<string, MeiliHit>();
    for (const hit of [...strict.hits, ...subsetHits]) {
      if (!all.has(hit.id)) all.set(hit.id, hit);
    }
    const union = [...all.values()];
    // The facets count every article found: exact when each query returned all it matched (the union is then
    // known); otherwise, for a broad query, the largest count any one shown query gave, which is close.
    const facetDistribution: FacetDistribution = {};
    const raise = (facet: string, value: string, n: number) => {
      const counts = (facetDistribution[facet] ??= {});
      counts[value] = Math.max(counts[value] ?? 0, n);
    };
    const counted: Record<string, Record<string, number>> = { type: {}, unitCode: {} };
    for (const hit of union) {
      for (const [facet, value] of [
        ['type', hit.type],
        ['unitCode', hit.unitCode],
      ] as const) {
        if (value !== null && value !== undefined) counted[facet]![value] = (counted[facet]![value] ?? 0) + 1;
      }
    }
    for (const distribution of [counted, ...[strict, ...results].map((r) => r.facetDistribution ?? {})]) {
      for (const [facet, counts] of Object.entries(distribution)) {
        for (const [value, n] of Object.entries(counts)) raise(facet, value, n);
      }
    }
    return { found: union.slice(0, params.limit ?? union.length), facetDistribution };
  }

  return {
    name: 'meilisearch',
    client,
    indexUid: uid,

    init: async () => createIndexWithSettings(uid, await liveSynonyms()),

    async index(docs) {
      if (docs.length > 0) await addAll(uid, docs);
    },

    async remove(ids) {
      if (ids.length > 0) await settle(client.index(uid).deleteDocuments(ids));
    },

    async replaceAll(docs) {
      const synonyms = await liveSynonyms();
      // A leftover from an interrupted rebuild would mix old and new documents.
      await settle(client.deleteIndex(rebuildUid), 'index_not_found');
      await createIndexWithSettings(rebuildUid, synonyms);
      await addAll(rebuildUid, docs);
      await settle(client.createIndex(uid, { primaryKey: 'id' }), 'index_already_exists');
      // The swap is atomic: searches see either the old or the complete new index.
      await settle(client.swapIndexes([{ indexes: [uid, rebuildUid], rename: false }]));
      await settle(client.deleteIndex(rebuildUid), 'index_not_found');
    },

    async setSynonyms(groups) {
      const synonyms = meiliSynonyms(groups);
      await createIndexWithSettings(uid, synonyms);
      await settle(client.index(uid).updateSynonyms(synonyms));
      synonymCache.set(foldSynonymGroups(groups));
    },

    async search(query, searchOptions): Promise<SearchResult> {
      const started = performance.now();
      const words = queryWords(query);
      // Without a single word Meilisearch would run a placeholder search and return everything.
      if (words.length === 0) return { engine: 'meilisearch', hits: [], facets: { type: {}, unit: {} }, tookMs: 0 };
      const limit = searchLimit(searchOptions);
      const params = {
        limit,
        filter: meiliFilter(searchOptions),
        facets: ['type', 'unitCode'],
        attributesToRetrieve: ['id', 'type', 'title', 'unitCode', 'validTo', 'body', 'fieldsText'],
        locales: ['pol' as const],
      };
      const signal = () => ({ signal: AbortSignal.timeout(timeoutMs) });
      const [response, synonyms] = await Promise.all([
        client.index(uid).search<MeiliHit>(words.join(' '), { ...params, matchingStrategy: 'all' }, signal()),
        // Highlights only; a Meilisearch that cannot say its synonyms must not fail the search.
        synonymCache.get().catch(() => undefined),
      ]);
      let found: MeiliHit[] = response.hits;
      let facetDistribution = response.facetDistribution;
      const meaningful = words.filter((word) => !isStopWord(word));
      if (found.length < limit && meaningful.length >= 2) {
        ({ found, facetDistribution } = await relaxed(meaningful, response, params, signal()));
      }
      const matches = queryMatcher(words, synonyms?.extraWords(words) ?? []);
      const hits = found.map((hit) => ({
        id: hit.id,
        type: hit.type,
        title: hit.title,
        ...describeHit(hit.title, hit.body ?? '', hit.fieldsText ?? '', matches),
        unitCode: hit.unitCode ?? null,
        validTo: hit.validTo ?? null,
      }));
      const facets = { type: facetDistribution?.type ?? {}, unit: facetDistribution?.unitCode ?? {} };
      return { engine: 'meilisearch', hits, facets, tookMs: Math.round((performance.now() - started) * 100) / 100 };
    },

    async health() {
      try {
        const health = await client.httpRequest.get<{ status?: string }>({
          path: 'health',
          extraRequestInit: { signal: AbortSignal.timeout(timeoutMs) },
        });
        return health.status === 'available';
      } catch {
        return false;
      }
    },

    async dropIndex() {
      await settle(client.deleteIndex(uid), 'index_not_found');
      await settle(client.deleteIndex(rebuildUid), 'index_not_found');
    },

    async close() {
      transport.close();
    },
  };
}
