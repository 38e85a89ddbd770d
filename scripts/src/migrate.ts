// `npm run migrate`: creates the database if needed and runs pending TypeORM migrations.
import { pathToFileURL } from 'node:url';
import { config } from '@kck/backend/platform/config';
import { createDataSource } from '@kck/backend/platform/db';
import { ensureDatabase, ServiceUnavailable } from './services.ts';

export async function migrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabase(databaseUrl);
  const db = createDataSource(databaseUrl, 2);
  await db.initialize();
  try {
    const ran = await db.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await db.destroy();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  migrate(config().DATABASE_URL)
    .then((ran) => console.log(ran.length ? `Migrations run: ${ran.join(', ')}` : 'Database schema is up to date'))
    .catch((err) => {
      console.error(err instanceof ServiceUnavailable ? err.message : err);
      process.exit(1);
    });
}
