// PostgreSQL through TypeORM: the DataSource, its entities and migrations.
// Schema changes only through migrations; synchronize is never used.
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from '../entities.ts';
import { MIGRATIONS } from '../migrations/index.ts';

export type { EntityManager };

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    extra: { max: poolSize, application_name: 'kck' },
  });
}

/** Unwraps PostgreSQL's "database does not exist" into a flag, for start-up messages. */
export function isMissingDatabase(err: unknown): boolean {
  return (err as { code?: string })?.code === '3D000';
}
