// @kck/knowledge-base: knowledge-base (Baza Wiedzy) search for KCK, Meilisearch first and PostgreSQL as fallback.
// A package boundary, so one barrel re-exports the public API; code inside the package imports files directly.
export * from './search-engine.ts';
export { createMeiliEngine, MEILI_INDEX_SETTINGS, type MeiliEngineOptions } from './meili/meili-engine.ts';
export {
  startMeiliServer,
  isMeiliUp,
  meiliBinaryPath,
  type MeiliServer,
  type StartMeiliServerOptions,
} from './meili/meili-server.ts';
export {
  createPostgresEngine,
  POSTGRES_SEARCH_SCHEMA_SQL,
  type PostgresEngineOptions,
} from './postgres/postgres-engine.ts';
export { createFailoverEngine, SearchWriteError, type EngineFailure, type FailoverOptions } from './failover.ts';
export { foldPolish, polishStem, searchTokens, POLISH_STOP_WORDS } from './polish.ts';
export { SYNONYM_GROUPS } from './vocabulary.ts';
