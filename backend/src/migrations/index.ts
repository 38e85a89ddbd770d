// Migrations in the order they run; a new migration is appended here.
import { InitialSchema1763800000000 } from './1763800000000-initial-schema.ts';
import { KnowledgeSearch1763800000001 } from './1763800000001-knowledge-search.ts';

export const MIGRATIONS = [InitialSchema1763800000000, KnowledgeSearch1763800000001];
