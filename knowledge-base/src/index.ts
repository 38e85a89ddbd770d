// @kck/knowledge-base: knowledge-base (Baza Wiedzy) search for KCK, Meilisearch first and PostgreSQL as fallback.
// A package boundary, so one barrel re-exports the public API; code inside the package imports files directly.
export * from './search-engine.ts';
export {
  createMeiliEngine,
  MEILI_INDEX_SETTINGS,
  meiliSynonyms,
  type MeiliEngineOptions,
  type MeiliSearchEngine,
} from './meili/meili-engine.ts';
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
export { foldPolish, foldSynonymGroups, polishStem, queryWords, searchTokens, POLISH_STOP_WORDS } from './polish.ts';
export { dayNumber } from './validity.ts';
export { SYNONYM_GROUPS } from './vocabulary.ts';
