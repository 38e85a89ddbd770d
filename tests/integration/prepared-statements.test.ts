// Every statement with parameters is a named prepared statement on its connection (platform/db.ts), so
// PostgreSQL parses it once and can keep a generic plan instead of planning it at every run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../backend/src/platform/db.ts';

let db: DataSource;
beforeAll(async () => {
  // One connection, so every query below runs where the statements were prepared.
  db = createDataSource(process.env.DATABASE_URL!, 1);
  await db.initialize();
});
afterAll(() => db?.destroy());

const prepared = async (): Promise<string[]> =>
  ((await db.query(`SELECT statement FROM pg_prepared_statements`)) as { statement: string }[]).map(
    (row) => row.statement,
  );

describe('statements sent to PostgreSQL', () => {
  it('prepares a statement with parameters once per connection and reuses it', async () => {
    const text = `SELECT count(*)::int AS n FROM unit WHERE code = $1`;
    expect(await db.query(text, ['DK-03'])).toEqual([{ n: 1 }]);
    expect(await db.query(text, ['ZDMK'])).toEqual([{ n: 1 }]);
    expect(await db.query(text, ['no such unit'])).toEqual([{ n: 0 }]);
    expect((await prepared()).filter((statement) => statement === text)).toHaveLength(1);
  });

  it('sends statements without parameters as they are', async () => {
    await db.query(`SELECT count(*) FROM unit`);
    expect(await prepared()).not.toContain(`SELECT count(*) FROM unit`);
  });
});
