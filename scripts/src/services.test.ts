import { describe, expect, it } from 'vitest';
import { checkRedis, ensureDatabase, ServiceUnavailable } from './services.ts';

describe('start-up checks', () => {
  describe('when PostgreSQL does not answer', () => {
    it('says so and how to start it, instead of a stack trace', async () => {
      const err = await ensureDatabase('postgres://postgres@127.0.0.1:1/kck').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailable);
      expect((err as Error).message).toMatch(/^PostgreSQL does not answer at 127\.0\.0\.1:1/);
      expect((err as Error).message).toMatch(/pg_ctlcluster/);
    });
  });

  describe('when Redis does not answer', () => {
    it('says so and how to start it', async () => {
      const err = await checkRedis('redis://127.0.0.1:1').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ServiceUnavailable);
      expect((err as Error).message).toMatch(/^Redis does not answer at 127\.0\.0\.1:1/);
      expect((err as Error).message).toMatch(/redis-server --daemonize yes/);
    });
  });

  it('creates a missing database and leaves an existing one alone', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${url.pathname.slice(1)}_extra`;
    await ensureDatabase(url.toString());
    await ensureDatabase(url.toString());
    const pg = (await import('pg')).default;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    const name = url.pathname.slice(1);
    expect((await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount).toBe(1);
    await admin.query(`DROP DATABASE ${pg.escapeIdentifier(name)}`);
    await admin.end();
  });
});
