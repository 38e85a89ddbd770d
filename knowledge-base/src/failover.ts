// Keeps knowledge-base search answering when Meilisearch is down: ask the primary, fall back to PostgreSQL.
// Writes (documents and synonyms) go to both engines so the fallback is current the moment it is needed.
import type { SearchDocument, SearchEngine, SearchResult } from './search-engine.ts';

export interface FailoverOptions {
  /** How long a search waits for the primary before asking the fallback. */
  timeoutMs: number;
  /** Called each time the fallback answers instead of the primary (for logs and metrics). */
  onFallback?: (error: unknown) => void;
  /**
   * After a primary failure, searches skip the primary for this long, so a hung Meilisearch
   * does not add `timeoutMs` to every search. 5 s by default; 0 always asks the primary.
   */
  cooldownMs?: number;
}

export interface EngineFailure {
  engine: SearchEngine['name'];
  error: unknown;
}

/**
 * A write (init, index, remove, replaceAll, setSynonyms) failed on at least one engine. Both engines were
 * attempted before this was thrown, so a Meilisearch outage never costs the PostgreSQL copy
 * its update. The writes are idempotent, so retrying the whole call (a BullMQ job retry) is safe.
 */
export class SearchWriteError extends Error {
  override name = 'SearchWriteError';
  constructor(
    readonly operation: string,
    readonly failures: EngineFailure[],
  ) {
    const detail = failures.map((f) => `${f.engine}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
    super(`Search ${operation} failed on ${detail.join('; ')}`);
  }
}

class PrimaryTimeoutError extends Error {
  override name = 'PrimaryTimeoutError';
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, engine: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new PrimaryTimeoutError(`${engine} did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function createFailoverEngine(
  primary: SearchEngine,
  fallback: SearchEngine,
  options: FailoverOptions,
): SearchEngine {
  const cooldownMs = options.cooldownMs ?? 5_000;
  let skipPrimaryUntil = 0;

  /** Runs the write on both engines, then throws once if either failed. */
  async function both(operation: string, write: (engine: SearchEngine) => Promise<void>): Promise<void> {
    const engines = [primary, fallback];
    const results = await Promise.allSettled(engines.map((engine) => write(engine)));
    const failures: EngineFailure[] = [];
    results.forEach((result, i) => {
      const engine = engines[i];
      if (result.status === 'rejected' && engine) failures.push({ engine: engine.name, error: result.reason });
    });
    if (failures.length > 0) throw new SearchWriteError(operation, failures);
  }

  return {
    name: 'failover',

    init: () => both('init', (engine) => engine.init()),
    index: (docs: SearchDocument[]) => both('index', (engine) => engine.index(docs)),
    remove: (ids: string[]) => both('remove', (engine) => engine.remove(ids)),
    replaceAll: (docs: SearchDocument[]) => both('replaceAll', (engine) => engine.replaceAll(docs)),
    setSynonyms: (groups: string[][]) => both('setSynonyms', (engine) => engine.setSynonyms(groups)),

    async search(query, searchOptions): Promise<SearchResult> {
      const started = performance.now();
      let failure: unknown = new Error('primary skipped: it failed less than cooldownMs ago');
      if (Date.now() >= skipPrimaryUntil) {
        try {
          return await withTimeout(primary.search(query, searchOptions), options.timeoutMs, primary.name);
        } catch (error) {
          failure = error;
          if (cooldownMs > 0) skipPrimaryUntil = Date.now() + cooldownMs;
        }
      }
      options.onFallback?.(failure);
      const result = await fallback.search(query, searchOptions);
      // The caller also waited for the primary; report the whole wait.
      return { ...result, tookMs: Math.round((performance.now() - started) * 100) / 100 };
    },

    async health() {
      const healthOf = (engine: SearchEngine) => engine.health().catch(() => false);
      const [primaryUp, fallbackUp] = await Promise.all([healthOf(primary), healthOf(fallback)]);
      return primaryUp || fallbackUp;
    },

    async close() {
      await Promise.allSettled([primary.close?.(), fallback.close?.()]);
    },
  };
}
