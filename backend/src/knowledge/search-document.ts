// What the search engines hold of an article: published articles only, with their structured fields as text
// and the date until which agents should find them. Read from PostgreSQL, the source of truth.
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleType } from '@kck/contracts';
import type { SearchDocument } from '@kck/knowledge-base';
import { articleFieldsText } from './articles.service.ts';

interface IndexRow {
  id: string;
  slug: string;
  type: ArticleType;
  status: string;
  title: string;
  body: string;
  unit_code: string | null;
  tags: string[];
  fields: Record<string, unknown> | null;
  valid_from: string | null;
  valid_to: string | null;
  updated_at: Date;
}

const INDEX_SELECT = `
  SELECT a.id, a.slug, a.type, a.status, a.title, a.body, u.code AS unit_code, a.tags, a.fields,
         to_char(a.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(a.valid_to, 'YYYY-MM-DD') AS valid_to, a.updated_at
    FROM article a LEFT JOIN unit u ON u.id = a.unit_id`;

// Formatters are costly to build; this one is built once.
const WARSAW_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' });

/** The calendar date (YYYY-MM-DD) in Kraków at `at`: "today" for the validity filter. */
export const warsawDate = (at: Date = new Date()): string => WARSAW_DATE.format(at);

/**
 * The last day agents should find the article: its validTo, and for an event also the day it ends (or starts,
 * when it has no end), whichever comes first. A past event is as stale as an expired service card.
 */
export function effectiveValidTo(type: ArticleType, validTo: string | null, fields: Record<string, unknown> | null) {
  if (type !== 'event' || !fields) return validTo;
  const end = typeof fields.endsAt === 'string' ? fields.endsAt : fields.startsAt;
  const at = typeof end === 'string' ? new Date(end) : undefined;
  if (!at || Number.isNaN(at.getTime())) return validTo;
  const eventDay = warsawDate(at);
  return validTo === null || eventDay < validTo ? eventDay : validTo;
}

export function toSearchDocument(row: IndexRow): SearchDocument {
  return {
    id: row.id,
    slug: row.slug,
    type: row.type,
    title: row.title,
    body: row.body,
    unitCode: row.unit_code,
    tags: row.tags,
    fieldsText: articleFieldsText(row.type, row.fields ?? {}),
    validFrom: row.valid_from,
    validTo: effectiveValidTo(row.type, row.valid_to, row.fields),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The article as the engines should hold it, or null when it must not be found (not published, or gone). */
export async function loadSearchDocument(db: DataSource | EntityManager, id: string): Promise<SearchDocument | null> {
  const rows: IndexRow[] = await db.query(`${INDEX_SELECT} WHERE a.id = $1`, [id]);
  const row = rows[0];
  return row && row.status === 'published' ? toSearchDocument(row) : null;
}

/** Every published article, for a full rebuild. */
export async function loadAllSearchDocuments(db: DataSource | EntityManager): Promise<SearchDocument[]> {
  const rows: IndexRow[] = await db.query(`${INDEX_SELECT} WHERE a.status = 'published' ORDER BY a.id`);
  return rows.map(toSearchDocument);
}
