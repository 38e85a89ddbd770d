// The primary knowledge-base search: Meilisearch through the official client over keep-alive node:http.
// Writes wait for their Meilisearch task, so "resolved" means "searchable"; replaceAll builds a new index and swaps it in.
import { Meilisearch, type EnqueuedTaskPromise, type Settings } from 'meilisearch';
import { foldPolish, POLISH_STOP_WORDS, searchTokens } from '../polish.ts';
import { type SearchDocument, type SearchEngine, type SearchResult, searchLimit } from '../search-engine.ts';
import { clipSnippet } from '../snippet.ts';
import { meiliSynonyms } from '../vocabulary.ts';
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

/** Index settings; exported so tests and ops scripts can compare them with a live index. */
export const MEILI_INDEX_SETTINGS: Settings = {
  // Order matters: Meilisearch's attribute ranking rule prefers matches in earlier attributes.
  searchableAttributes: ['title', 'tags', 'body', 'unitCode'],
  filterableAttributes: ['type', 'unitCode'],
  sortableAttributes: ['updatedAt'],
  // Meilisearch folds diacritics itself, but a stop word must match the query as typed, so list both forms.
  stopWords: [...new Set([...POLISH_STOP_WORDS, ...POLISH_STOP_WORDS.map(foldPolish)])],
  synonyms: meiliSynonyms(),
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 4, twoTypos: 8 } },
  // Tells the tokenizer the text is Polish instead of letting it guess from short titles.
  localizedAttributes: [{ attributePatterns: ['*'], locales: ['pol'] }],
};

const DOCUMENT_BATCH = 1_000;
/** Crop length in words; Polish words average ~7 characters, so ~28 words fill the 200-character snippet. */
const CROP_WORDS = 28;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
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
  unitCode: string | null;
  _formatted?: { body?: string };
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

  /** Waits for the task; a failed task becomes an error carrying Meilisearch's code. */
  async function settle(task: EnqueuedTaskPromise, tolerate?: string): Promise<void> {
    const done = await task.waitTask();
    if (done.status === 'succeeded') return;
    if (tolerate !== undefined && done.error?.code === tolerate) return;
    const reason = done.error ? `${done.error.code}: ${done.error.message}` : done.status;
    throw new Error(`Meilisearch task ${done.uid} (${done.type} on ${done.indexUid ?? '-'}) ${reason}`);
  }

  async function createIndexWithSettings(indexUid: string): Promise<void> {
    await settle(client.createIndex(indexUid, { primaryKey: 'id' }), 'index_already_exists');
    await settle(client.index(indexUid).updateSettings(MEILI_INDEX_SETTINGS));
  }

  async function addAll(indexUid: string, docs: SearchDocument[]): Promise<void> {
    // Enqueue every batch first: Meilisearch merges queued additions into one indexing run.
    const tasks = chunks(docs, DOCUMENT_BATCH).map((batch) =>
      client.index<SearchDocument>(indexUid).addDocuments(batch, { primaryKey: 'id' }),
    );
    for (const task of tasks) await settle(task);
  }

  return {
    name: 'meilisearch',
    client,
    indexUid: uid,

    init: () => createIndexWithSettings(uid),

    async index(docs) {
      if (docs.length > 0) await addAll(uid, docs);
    },

    async remove(ids) {
      if (ids.length > 0) await settle(client.index(uid).deleteDocuments(ids));
    },

    async replaceAll(docs) {
      // A leftover from an interrupted rebuild would mix old and new documents.
      await settle(client.deleteIndex(rebuildUid), 'index_not_found');
      await createIndexWithSettings(rebuildUid);
      await addAll(rebuildUid, docs);
      await settle(client.createIndex(uid, { primaryKey: 'id' }), 'index_already_exists');
      // The swap is atomic: searches see either the old or the complete new index.
      await settle(client.swapIndexes([{ indexes: [uid, rebuildUid], rename: false }]));
      await settle(client.deleteIndex(rebuildUid), 'index_not_found');
    },

    async search(query, searchOptions): Promise<SearchResult> {
      const started = performance.now();
      // Without a single word Meilisearch would run a placeholder search and return everything.
      if (searchTokens(query).length === 0) return { engine: 'meilisearch', hits: [], tookMs: 0 };
      const response = await client.index(uid).search<MeiliHit>(
        query,
        {
          limit: searchLimit(searchOptions),
          attributesToRetrieve: ['id', 'type', 'title', 'unitCode'],
          attributesToCrop: ['body'],
          cropLength: CROP_WORDS,
          cropMarker: '…',
          locales: ['pol'],
        },
        { signal: AbortSignal.timeout(timeoutMs) },
      );
      const hits = response.hits.map((hit) => ({
        id: hit.id,
        type: hit.type,
        title: hit.title,
        snippet: clipSnippet(hit._formatted?.body ?? ''),
        unitCode: hit.unitCode ?? null,
      }));
      return { engine: 'meilisearch', hits, tookMs: Math.round((performance.now() - started) * 100) / 100 };
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
