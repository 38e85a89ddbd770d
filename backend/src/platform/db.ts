// PostgreSQL through TypeORM: the DataSource, its entities and migrations.
// Schema changes only through migrations; synchronize is never used.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from '../entities.ts';
import { MIGRATIONS } from '../migrations/index.ts';

export type { EntityManager };

/**
 * pg's client, except that a statement with parameters is a named prepared statement: parsed once per
 * connection, and after a few runs PostgreSQL keeps a generic plan. Our hot statements (routing's rule match,
 * a ticket with its labels) took 1-3 ms to plan and well under 1 ms to run; planning each time was most of the
 * database's CPU under load. The name is the text's hash, so the same text is one statement. Statements without
 * parameters (BEGIN, COMMIT, migrations' DDL) are sent as they are. A migration that changes a table's columns
 * invalidates these plans, so it runs before the backend and worker start, as `npm start` and compose do.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `kck_${createHash('sha1').update(text).digest('hex')}`;
    statementNames.set(text, name);
  }
  return name;
}

class PreparingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && Array.isArray(values) && values.length > 0 && args.length === 2) {
      return super.query({ name: statementName(text), text, values }) as never;
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'kck', Client: PreparingClient },
  });
}

/**
 * Lends a pooled pg client for statements TypeORM cannot send: several statements without parameters in one
 * round trip (the simple query protocol answers with one result per statement). Hot paths use it for short
 * fixed transactions ("BEGIN; lock; read", then "COMMIT"), where a round trip per statement cost more than
 * the statements themselves. Values go into such text through the client's escapeLiteral, never by hand.
 * A transaction the callback leaves open is rolled back, and a client that fails that is not reused.
 */
export async function withPoolClient<T>(db: DataSource, use: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = (db.driver as unknown as { master: pg.Pool }).master;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    return await use(client);
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** The rows of each statement of a multi-statement query, in order. */
export const resultRows = <R>(result: pg.QueryResult | pg.QueryResult[], statement: number): R[] =>
  ((Array.isArray(result) ? result : [result])[statement]?.rows ?? []) as R[];

/** Unwraps PostgreSQL's "database does not exist" into a flag, for start-up messages. */
export function isMissingDatabase(err: unknown): boolean {
  return (err as { code?: string })?.code === '3D000';
}
