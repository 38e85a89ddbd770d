// Every saved version of an article, whole, with who saved it, when and why; and two versions compared
// (the body line by line, every other field old → new) so an editor sees what changed.
import { diffLines } from 'diff';
import type { DataSource, EntityManager } from 'typeorm';
import type { ArticleDiffDto, ArticleDiffLine, ArticleStatus, ArticleType, ArticleVersionDto } from '@kck/contracts';
import { notFound } from '../platform/errors.ts';
import { normaliseFields } from './article-fields.ts';

const SNAPSHOT_COLUMNS = `article_id, version, status, title, body, fields, tags, unit_id, valid_from, valid_to`;

/** Keeps the article as it is now as its current version (in the caller's transaction, after the change). */
export async function writeVersion(
  em: EntityManager,
  articleId: string,
  savedBy: string | null,
  changeNote: string | null,
): Promise<void> {
  await em.query(
    `INSERT INTO article_version (${SNAPSHOT_COLUMNS}, change_note, saved_by, saved_at)
     SELECT id, version, status, title, body, fields, tags, unit_id, valid_from, valid_to, $2, $3, now()
       FROM article WHERE id = $1`,
    [articleId, changeNote, savedBy],
  );
}

/**
 * Articles written by the old seed (no history) get their current state kept as a version before it changes;
 * who saved it then is the last known editor, when is its last update.
 */
export async function ensureVersionRow(em: EntityManager, articleId: string): Promise<void> {
  await em.query(
    `INSERT INTO article_version (${SNAPSHOT_COLUMNS}, change_note, saved_by, saved_at)
     SELECT id, version, status, title, body, fields, tags, unit_id, valid_from, valid_to, NULL, updated_by, updated_at
       FROM article WHERE id = $1
     ON CONFLICT (article_id, version) DO NOTHING`,
    [articleId],
  );
}

interface VersionRow {
  type: ArticleType;
  version: number;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: unknown;
  tags: string[];
  unit_id: string | null;
  unit_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  change_note: string | null;
  saved_by: string | null;
  saved_by_name: string | null;
  saved_at: Date;
}

const VERSION_SELECT = `
  SELECT a.type, v.version, v.status, v.title, v.body, v.fields, v.tags, v.unit_id, u.code AS unit_code,
         v.valid_from::text AS valid_from, v.valid_to::text AS valid_to, v.change_note, v.saved_by,
         s.display_name AS saved_by_name, v.saved_at
    FROM article_version v
    JOIN article a ON a.id = v.article_id
    LEFT JOIN unit u ON u.id = v.unit_id
    LEFT JOIN app_user s ON s.id = v.saved_by`;

const present = (r: VersionRow): ArticleVersionDto => ({
  version: r.version,
  status: r.status,
  title: r.title,
  body: r.body,
  fields: normaliseFields(r.type, r.fields),
  tags: r.tags,
  responsibleUnitId: r.unit_id,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  changeNote: r.change_note,
  savedBy: r.saved_by,
  savedByName: r.saved_by_name,
  savedAt: r.saved_at.toISOString(),
});

async function assertArticle(db: DataSource, articleId: string): Promise<void> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM article WHERE id = $1`, [articleId]);
  if (!rows[0]) throw notFound('Article');
}

/** Newest first. */
export async function listVersions(db: DataSource, articleId: string): Promise<ArticleVersionDto[]> {
  await assertArticle(db, articleId);
  const rows: VersionRow[] = await db.query(`${VERSION_SELECT} WHERE v.article_id = $1 ORDER BY v.version DESC`, [
    articleId,
  ]);
  return rows.map(present);
}

async function versionRow(db: DataSource, articleId: string, version: number): Promise<VersionRow> {
  const rows: VersionRow[] = await db.query(`${VERSION_SELECT} WHERE v.article_id = $1 AND v.version = $2`, [
    articleId,
    version,
  ]);
  if (!rows[0]) {
    await assertArticle(db, articleId);
    throw notFound(`Version ${version} of the article`);
  }
  return rows[0];
}

export async function getVersion(db: DataSource, articleId: string, version: number): Promise<ArticleVersionDto> {
  return present(await versionRow(db, articleId, version));
}

/** Lines of `text` without the line break that ends each one. */
const linesOf = (text: string) => text.replace(/\r?\n$/, '').split(/\r?\n/);

/** Every line ends with a break, so a line added at the end does not show the last one as changed. */
const terminated = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

export function diffBody(from: string, to: string): ArticleDiffLine[] {
  const lines: ArticleDiffLine[] = [];
  for (const change of diffLines(terminated(from), terminated(to))) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same';
    for (const text of linesOf(change.value)) lines.push({ kind, text });
  }
  return lines;
}

/** A field's value as an editor reads it in a diff. */
function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(asText).join('\n');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Every field other than the body whose text differs, structured fields as `fields.<name>`. */
export function changedFields(
  from: Omit<ArticleVersionDto, 'version' | 'body' | 'changeNote' | 'savedBy' | 'savedByName' | 'savedAt'> & {
    responsibleUnitCode?: string | null;
  },
  to: typeof from,
): ArticleDiffDto['changedFields'] {
  const pairs: [string, unknown, unknown][] = [
    ['title', from.title, to.title],
    ['status', from.status, to.status],
    [
      'responsibleUnit',
      from.responsibleUnitCode ?? from.responsibleUnitId,
      to.responsibleUnitCode ?? to.responsibleUnitId,
    ],
    ['tags', from.tags.join(', '), to.tags.join(', ')],
    ['validFrom', from.validFrom, to.validFrom],
    ['validTo', from.validTo, to.validTo],
  ];
  const fromFields = (from.fields ?? {}) as Record<string, unknown>;
  const toFields = (to.fields ?? {}) as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(fromFields), ...Object.keys(toFields)])])
    pairs.push([`fields.${key}`, fromFields[key], toFields[key]]);
  return pairs
    .map(([field, a, b]) => ({ field, from: asText(a), to: asText(b) }))
    .filter((change) => change.from !== change.to);
}

export async function diffVersions(
  db: DataSource,
  articleId: string,
  from: number,
  to: number,
): Promise<ArticleDiffDto> {
  const [a, b] = [await versionRow(db, articleId, from), await versionRow(db, articleId, to)];
  const side = (r: VersionRow) => ({ ...present(r), responsibleUnitCode: r.unit_code });
  return { from, to, body: diffBody(a.body, b.body), changedFields: changedFields(side(a), side(b)) };
}
