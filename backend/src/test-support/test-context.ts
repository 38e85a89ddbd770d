// A backend wired to the test run's database, Redis prefix and Meilisearch (from the global setup),
// listening on a free port, with the outbox relay polling fast; the worker is started by tests that need it.
import { parseConfig, type Config } from '../platform/config.ts';
import { createLogger } from '../platform/logger.ts';
import { startBackendServer, type BackendServer } from '../server.ts';
import { registerBackendDatabase } from './test-client.ts';

export type TestBackend = BackendServer;

export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!process.env.KCK_TEST_RUN_ID) throw new Error('Run tests through vitest: the global setup provides the database');
  return parseConfig({
    ...process.env,
    CONSOLE_DIST: '',
    HOST: '127.0.0.1',
    PORT: '0',
    OUTBOX_POLL_MS: '200',
    DATABASE_POOL_SIZE: '5',
    ...overrides,
  });
}

export async function startTestBackend(
  options: { config?: Record<string, string>; relay?: boolean } = {},
): Promise<TestBackend> {
  const config = testConfig(options.config);
  const server = await startBackendServer(config, createLogger('test-backend', config.LOG_LEVEL), {
    relay: options.relay,
  });
  // signedIn() makes admin and supervisor sessions (TOTP due) in this backend's own database.
  registerBackendDatabase(server.url, config.DATABASE_URL);
  return server;
}
