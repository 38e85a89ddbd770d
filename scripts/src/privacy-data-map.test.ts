// README's data map is the one the anonymiser works from: generated from PERSONAL_DATA, never written by hand.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PERSONAL_DATA } from '@kck/backend/privacy/data-map';
import { privacyDataMap } from './privacy-data-map.ts';

describe('README data map (RODO)', () => {
  it('is the one generated from PERSONAL_DATA (run `npm run privacy:data-map` to refresh it)', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(await privacyDataMap());
  });

  it('names every personal column of the map, contact fields included', async () => {
    const table = await privacyDataMap();
    for (const entry of PERSONAL_DATA)
      for (const field of entry.fields) expect(table).toContain(`\`${entry.table}.${field.column}\``);
  });
});
