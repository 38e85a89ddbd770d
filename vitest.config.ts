// One test run for the whole repository: unit tests beside the code, integration and browser tests
// in tests/. The global setup gives the run its own database, Redis prefix and Meilisearch server.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      '{contracts,backend,worker,knowledge-base,scripts}/src/**/*.test.ts',
      'tests/**/*.test.ts',
      'agent-console/src/**/*.test.{ts,tsx}',
    ],
    globalSetup: ['tests/setup/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
