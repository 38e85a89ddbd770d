// The shape of a seeded knowledge-base article (Baza Wiedzy).
// Shared by the unit_scope generator and the hand-written service cards and procedures.
import type { ArticleType } from '@kck/contracts';

export interface SeedArticle {
  slug: string;
  type: ArticleType;
  title: string;
  /** Markdown, in Polish; ends with the source it was taken from. */
  body: string;
  unitCode: string | null;
  tags: string[];
}
