// Gives each test run a fresh PostgreSQL database (migrated and seeded), its own Redis key prefix
// and a real Meilisearch server from the npm package; removes all three afterwards.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import { startMeiliServer } from '@kck/knowledge-base';

const root = path.resolve(import.meta.dirname, '../..');

export default async function setup() {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const databaseName = `kck_test_${runId}`;
  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${databaseName}`;
  const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redisPrefix = `kcktest-${runId}`;
  const meiliDir = path.join(root, 'var', `test-meili-${runId}`);
  const masterKey = randomBytes(16).toString('hex');
  const meili = await startMeiliServer({ dataDir: meiliDir, masterKey });

  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl.toString(),
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: masterKey,
    MEILI_INDEX: `kck_test_${runId}`,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    KCK_TEST_RUN_ID: runId,
    // A developer's own SMTP_URL must not mail from tests; the e-mail test sets its own.
    SMTP_URL: '',
    // Backends share the run's database: one test's broken dependency must not open incidents (and banners) in
    // another's consoles. tests/integration/incidents.test.ts turns the watcher on for its own database.
    INCIDENT_AUTO_OPEN_AFTER_MS: '0',
    // Every test backend answers 127.0.0.1 from one Redis prefix, so anonymous reads of all files running at once
    // would share one per-address budget; the tests of the limit itself set their own.
    PUBLIC_READS_PER_MINUTE: '100000',
  });

  // Migrate and seed the way `npm start` does, through the same code.
  const { migrate } = await import('../../scripts/src/migrate.ts');
  const { seed } = await import('../../scripts/src/seed.ts');
  const { createDataSource } = await import('../../backend/src/platform/db.ts');
  const { createSearchEngine } = await import('../../backend/src/knowledge/search-engines.ts');
  const { parseConfig } = await import('../../backend/src/platform/config.ts');
  const { createLogger } = await import('../../backend/src/platform/logger.ts');
  // Browser test files run in parallel; building here once keeps them from building into dist/ at the same time.
  const { ensureConsoleBuilt } = await import('../support/processes.ts');
  await ensureConsoleBuilt();
  await migrate(databaseUrl.toString());
  const db = createDataSource(databaseUrl.toString(), 2);
  const search = createSearchEngine(parseConfig(process.env), createLogger('test-seed', 'silent'));
  await db.initialize();
  await seed(db, search.engine);
  await Promise.all([db.destroy(), search.close()]);

  return async function teardown() {
    await meili.stop();
    await rm(meiliDir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(databaseName)} WITH (FORCE)`);
    await admin.end();
    const redis = new Redis(redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
  };
}
