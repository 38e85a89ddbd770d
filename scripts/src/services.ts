// Checks that PostgreSQL and Redis answer before anything starts, and says how to start
// the one that does not, instead of a stack trace. Creates the database when it is missing.
import pg from 'pg';
import { Redis } from 'ioredis';

export class ServiceUnavailable extends Error {}

const START_POSTGRES =
  'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start   # Debian; or: docker compose up -d postgres';
const START_REDIS =
  'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no   # or: docker compose up -d redis';

/** Connects to the server's maintenance database and creates `databaseUrl`'s database if absent. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    throw new ServiceUnavailable(
      `PostgreSQL does not answer at ${url.host} (${(err as Error).message}).\nStart it, for example:\n  ${START_POSTGRES}\nor set DATABASE_URL.`,
    );
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function checkRedis(redisUrl: string): Promise<void> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    throw new ServiceUnavailable(
      `Redis does not answer at ${new URL(redisUrl).host} (${(err as Error).message}).\nStart it, for example:\n  ${START_REDIS}\nor set REDIS_URL.`,
    );
  } finally {
    client.disconnect();
  }
}
