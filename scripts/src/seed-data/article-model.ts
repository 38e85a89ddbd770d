// The shape of a seeded knowledge-base article (Baza Wiedzy): an interchange record, the same that kb:import reads,
// so the seed goes through the import path. Shared by the unit_scope generator and the hand-written articles.
import type { ArticleInterchangeInput } from '@kck/contracts';

/** `responsibleUnit` is a unit code; `fields` follows the type's schema in ARTICLE_FIELD_SCHEMAS. */
export type SeedArticle = ArticleInterchangeInput & { responsibleUnit: string | null };
