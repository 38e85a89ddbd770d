// A database and Redis prefix of a test file's own, migrated and seeded, for tests whose workers and relays
// must not share queues with the rest of the run (crashes, outages, counting every job).
import pg from 'pg';
import { Redis } from 'ioredis';
import { parseConfig } from '../../backend/src/platform/config.ts';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { createSearchEngine } from '../../backend/src/knowledge/search-engines.ts';
import { migrate } from '../../scripts/src/migrate.ts';
import { seed } from '../../scripts/src/seed.ts';

export interface IsolatedEnvironment {
  databaseUrl: string;
  redisPrefix: string;
  /** Variables for a backend or worker of this environment (search on PostgreSQL only). */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createIsolatedEnvironment(suffix: string): Promise<IsolatedEnvironment> {
  const base = parseConfig(process.env);
  const url = new URL(base.DATABASE_URL);
  url.pathname = `${url.pathname}_${suffix}`;
  const databaseUrl = url.toString();
  const redisPrefix = `${base.REDIS_PREFIX}-${suffix}`;
  const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix, MEILI_URL: '' };

  await migrate(databaseUrl);
  const db = createDataSource(databaseUrl, 2);
  const search = createSearchEngine(parseConfig({ ...process.env, ...env }), createLogger('isolated-seed', 'silent'));
  await db.initialize();
  await seed(db, search.engine);
  await Promise.all([db.destroy(), search.close()]);

  return {
    databaseUrl,
    redisPrefix,
    env,
    async drop() {
      const admin = new pg.Client({ connectionString: base.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(url.pathname.slice(1))} WITH (FORCE)`);
      await admin.end();
      const redis = new Redis(base.REDIS_URL);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    },
  };
}
