import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTable } from './config-table.ts';

describe('README configuration table', () => {
  it('is the one generated from CONFIG_VARIABLES (run `npm run config:table` to refresh it)', async () => {
    const readme = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain(await configTable());
  });
});
