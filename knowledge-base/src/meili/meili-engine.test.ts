// Runs the search contract against a real Meilisearch, plus the checks only Meilisearch has to pass.
// Uses the run's server (MEILI_URL) when the root setup provides one, else starts its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_ARTICLES, defineSearchEngineContract } from '../search-engine.contract.ts';
import { randomSuffix, startTestMeili, type TestMeili } from '../test-support.ts';
import { createMeiliEngine, MEILI_INDEX_SETTINGS, type MeiliSearchEngine } from './meili-engine.ts';

let meili: TestMeili | undefined;
const engines: MeiliSearchEngine[] = [];

function newEngine(): MeiliSearchEngine {
  if (!meili) throw new Error('Meilisearch did not start');
  const engine = createMeiliEngine({ url: meili.url, masterKey: meili.masterKey, index: `kbtest_${randomSuffix()}` });
  engines.push(engine);
  return engine;
}

beforeAll(async () => {
  meili = await startTestMeili();
}, 30_000);

afterAll(async () => {
  for (const engine of engines) {
    await engine.dropIndex();
    await engine.close();
  }
  await meili?.stop();
}, 30_000);

defineSearchEngineContract('meilisearch', async () => newEngine());

describe('meilisearch engine', () => {
  let engine: MeiliSearchEngine;

  beforeAll(async () => {
    engine = newEngine();
    await engine.replaceAll([...CONTRACT_ARTICLES]);
  }, 60_000);

  it('applies the index settings', async () => {
    const settings = await engine.client.index(engine.indexUid).getSettings();
    expect(settings.searchableAttributes).toEqual(MEILI_INDEX_SETTINGS.searchableAttributes);
    expect(settings.filterableAttributes).toEqual(expect.arrayContaining(['type', 'unitCode']));
    expect(settings.sortableAttributes).toEqual(['updatedAt']);
    // Meilisearch hands words back decomposed (NFD).
    expect(settings.stopWords?.map((word) => word.normalize('NFC'))).toContain('się');
    expect(settings.synonyms?.['mpk']).toEqual(['komunikacja miejska']);
  });

  it('answers a search in about the engine time, not after a 40 ms transport stall', async () => {
    const rounds: number[] = [];
    for (let i = 0; i < 30; i++) rounds.push((await engine.search(i % 2 ? 'zlobek' : 'dowód osobisty')).tookMs);
    rounds.sort((a, b) => a - b);
    expect(rounds[15]).toBeLessThan(15);
  });

  it('leaves no rebuild index behind after replaceAll', async () => {
    const { results } = await engine.client.getRawIndexes({ limit: 1000 });
    expect(results.map((index) => index.uid)).not.toContain(`${engine.indexUid}_new`);
  });
});
