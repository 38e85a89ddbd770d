// The search service passes the agent's filters and "valid today" to the engine, logs the search without waiting
// for the database, and answers 503 (not 500) when every engine failed.
import { describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import type { SearchEngine, SearchOptions, SearchResult } from '@kck/knowledge-base';
import type { Logger } from '../platform/logger.ts';
import { AppError } from '../platform/errors.ts';
import { SearchLog, type SearchLogEntry } from './search-log.service.ts';
import { searchKnowledge } from './search.service.ts';
import { warsawDate } from './search-document.ts';

const quiet = { error: () => undefined, warn: () => undefined } as unknown as Logger;

/** A log that never reaches its database: the test reads what was recorded. */
class RecordingLog extends SearchLog {
  entries: SearchLogEntry[] = [];
  constructor() {
    super(undefined as unknown as DataSource, quiet, { flushMs: 1e9 });
  }
  override record(entry: SearchLogEntry): void {
    this.entries.push(entry);
  }
}

const answer: SearchResult = {
  engine: 'postgres',
  hits: [],
  facets: { type: { service_card: 2, event: 1 }, unit: { ZDMK: 3 } },
  tookMs: 1,
};

function engine(search: (q: string, o?: SearchOptions) => Promise<SearchResult>): SearchEngine {
  return { search } as SearchEngine;
}

const query = { q: 'dowód', limit: 10, includeExpired: false } as const;

describe('searchKnowledge', () => {
  it("asks for articles valid today in Kraków with the agent's filters, and logs the search with its total", async () => {
    const asked: SearchOptions[] = [];
    const log = new RecordingLog();
    const dto = await searchKnowledge(
      engine(async (_q, o) => (asked.push(o!), answer)),
      log,
      quiet,
      'user-1',
      { ...query, type: ['service_card', 'event'], unit: ['ZDMK'] },
    );
    expect(asked).toEqual([
      { limit: 10, types: ['service_card', 'event'], unitCodes: ['ZDMK'], validOn: warsawDate() },
    ]);
    expect(dto).toMatchObject({ engine: 'postgres', facets: answer.facets });
    expect(log.entries).toEqual([
      expect.objectContaining({
        id: dto.searchId,
        userId: 'user-1',
        query: 'dowód',
        resultsCount: 3,
        engine: 'postgres',
        filters: { type: ['service_card', 'event'], unit: ['ZDMK'] },
      }),
    ]);
  });

  it('leaves out the validity filter when expired articles are asked for', async () => {
    const asked: SearchOptions[] = [];
    await searchKnowledge(
      engine(async (_q, o) => (asked.push(o!), answer)),
      new RecordingLog(),
      quiet,
      'u',
      {
        ...query,
        includeExpired: true,
      },
    );
    expect(asked[0]?.validOn).toBeUndefined();
  });

  it('answers 503 when every engine failed', async () => {
    const failing = engine(() => Promise.reject(new Error('connection refused')));
    const error = await searchKnowledge(failing, new RecordingLog(), quiet, 'u', query).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, code: 'dependency_unavailable' });
  });
});
