// Real servers for this package's tests: the run's Meilisearch and database when the root setup provides them,
// otherwise a Meilisearch started from the npm binary and a throwaway database, each removed afterwards.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startMeiliServer } from './meili/meili-server.ts';
import { POSTGRES_SEARCH_SCHEMA_SQL } from './postgres/postgres-engine.ts';

const ADMIN_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const VAR_DIR = fileURLToPath(new URL('../../var/', import.meta.url));
/** Serialises CREATE EXTENSION across test files that share one database. */
const SCHEMA_LOCK_KEY = 7_345_001;

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

export interface TestMeili {
  url: string;
  masterKey: string;
  /** Stops the server if this helper started it; a shared server is left running. */
  stop(): Promise<void>;
}

/** MEILI_URL / MEILI_MASTER_KEY when set, else a fresh server under var/test-meili-<random>. */
export async function startTestMeili(): Promise<TestMeili> {
  const url = process.env.MEILI_URL;
  if (url) return { url, masterKey: process.env.MEILI_MASTER_KEY ?? '', stop: async () => {} };
  const dataDir = `${VAR_DIR}test-meili-${randomSuffix()}`;
  const server = await startMeiliServer({ dataDir, masterKey: `kbtest-${randomBytes(16).toString('hex')}` });
  return {
    url: server.url,
    masterKey: server.masterKey,
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestPostgres {
  /** Its search_path starts with a schema of its own, holding a fresh kb_search_document. */
  pool: pg.Pool;
  dispose(): Promise<void>;
}

async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A pool on DATABASE_URL (else on a new database kck_kbtest_<random>), confined to a schema
 * kbtest_<random> where schema.sql has been run, so test files never see each other's rows.
 */
export async function createTestPostgres(): Promise<TestPostgres> {
  const suffix = randomSuffix();
  let databaseUrl = process.env.DATABASE_URL;
  let ownDatabase: string | undefined;
  if (!databaseUrl) {
    ownDatabase = `kck_kbtest_${suffix}`;
    await withClient(ADMIN_DATABASE_URL, (client) => client.query(`CREATE DATABASE ${ownDatabase}`));
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${ownDatabase}`;
    databaseUrl = url.toString();
  }
  const schema = `kbtest_${suffix}`;
  await withClient(databaseUrl, async (client) => {
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}, public`);
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK_KEY]);
    try {
      await client.query(POSTGRES_SEARCH_SCHEMA_SQL);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK_KEY]);
    }
  });
  const pool = new pg.Pool({ connectionString: databaseUrl, options: `-c search_path=${schema},public`, max: 4 });
  const url = databaseUrl;

  return {
    pool,
    dispose: async () => {
      await pool.end();
      if (ownDatabase) {
        await withClient(ADMIN_DATABASE_URL, (client) =>
          client.query(`DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`),
        );
      } else {
        await withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    },
  };
}
