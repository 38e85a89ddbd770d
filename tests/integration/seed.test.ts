// `npm run seed` is idempotent: a second run changes no counts and keeps existing passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../scripts/src/seed.ts';
import { UNITS } from '../../scripts/src/seed-data/index.ts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
});
afterAll(() => backend?.close());

const counts = async () =>
  // Only what the seed writes: other test files add their own units and rules meanwhile.
  (
    await backend.ctx.db.query(
      `SELECT
      (SELECT count(*) FROM unit WHERE code = ANY($1))::int AS units,
      (SELECT count(*) FROM dictionary_entry)::int AS entries,
      -- The seed writes only rules for every district; routing-rules.test.ts adds district rules meanwhile.
      (SELECT count(*) FROM routing_rule WHERE district_id IS NULL)::int AS rules,
      (SELECT count(*) FROM article)::int AS articles,
      (SELECT count(*) FROM app_user WHERE login IN ('agent','triage','drogi','zielen','analityk','redaktor','kierownik','admin'))::int AS demo_users`,
      [UNITS.map((unit) => unit.code)],
    )
  )[0];

describe('seed', () => {
  it('adds nothing twice and leaves existing accounts (and their passwords) alone', async () => {
    const before = await counts();
    expect(before).toMatchObject({ units: 31, demo_users: 8 });
    expect(before.entries).toBeGreaterThanOrEqual(18 + 8 + 6 + 20);
    const hashes = async () => backend.ctx.db.query(`SELECT login, password_hash FROM app_user ORDER BY login`);
    const hashesBefore = await hashes();
    const summary = await seed(backend.ctx.db, backend.ctx.search);
    expect(await counts()).toEqual(before);
    expect(summary.indexed).toBe(before.articles);
    // argon2 salts every hash: a re-hashed password would differ.
    expect(await hashes()).toEqual(hashesBefore);
  });

  it('seeds the 18 districts of Kraków and every unit the ordinances name', async () => {
    const districts = await backend.ctx.db.query(`SELECT code FROM dictionary_entry WHERE dictionary = 'district'`);
    expect(districts).toHaveLength(18);
    const units: { code: string }[] = await backend.ctx.db.query(`SELECT code FROM unit`);
    const codes = units.map((u) => u.code);
    for (const code of [
      'DK-01',
      'DK-02',
      'DK-03',
      'DK-04',
      'DK-05',
      'DK-06',
      'KP-01',
      'KP-02',
      'KP-03',
      'KP-04',
      'KP-05',
      'SZ',
    ]) {
      expect(codes).toContain(code);
    }
  });
});

describe('seed when Meilisearch does not answer', () => {
  it('still fills the PostgreSQL search engine and says Meilisearch was not indexed', async () => {
    const down = await startTestBackend({ relay: false, config: { MEILI_URL: 'http://127.0.0.1:1' } });
    try {
      const summary = await seed(down.ctx.db, down.ctx.search);
      const [{ n }] = await down.ctx.db.query(`SELECT count(*)::int AS n FROM article`);
      expect(summary.indexed).toBe(n);
      expect(summary.searchWarning).toMatch(/^Meilisearch was not indexed/);
    } finally {
      await down.close();
    }
  });
});
