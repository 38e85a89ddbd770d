// Knowledge-base articles as editors keep them: create, edit (optimistic version check, every save kept as a version),
// move through draft → review → published → archived, confirm as reviewed; agents read only what is published.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { z } from 'zod';
import {
  ARTICLE_FIELD_SCHEMAS,
  ARTICLE_STATUSES,
  ARTICLE_TRANSITIONS,
  ARTICLE_TYPES,
  type ArticleDto,
  type ArticleFields,
  type ArticleListQuery,
  type ArticleStatus,
  type ArticleSummaryDto,
  type ArticleTransitionRequest,
  type ArticleType,
  type createArticleRequest,
  type FieldError,
  type UpdateArticleRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, badField, invalidTransition, notFound, validationFailed } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { normaliseFields } from './article-fields.ts';
import { ensureVersionRow, writeVersion } from './article-versions.ts';

/** Who writes articles, moves them through the workflow and sees drafts: only they publish. */
export const ARTICLE_EDITORS = ['kb_editor', 'admin'] as const;

export const isArticleEditor = (actor: Actor) => (ARTICLE_EDITORS as readonly string[]).includes(actor.role);

/**
 * Expired: its validity ended before today in Kraków, or (an event) it has ended — or started, when it has no end.
 * `fields` of an event were checked by eventFields when written, so the cast cannot fail on our own rows.
 */
export const EXPIRED_SQL = `coalesce(
    a.valid_to < (now() AT TIME ZONE 'Europe/Warsaw')::date
    OR (a.type = 'event' AND (coalesce(a.fields->>'endsAt', a.fields->>'startsAt'))::timestamptz < now()),
    false)`;

export interface ArticleRow {
  id: string;
  slug: string;
  external_id: string;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: unknown;
  unit_id: string | null;
  unit_code: string | null;
  tags: string[];
  valid_from: string | null;
  valid_to: string | null;
  expired: boolean;
  version: number;
  last_reviewed_at: Date | null;
  created_at: Date;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
}

// Dates as text: node-pg would turn a `date` into a local-midnight Date.
export const ARTICLE_SELECT = `
  SELECT a.id, a.slug, a.external_id, a.type, a.status, a.title, a.body, a.fields, a.unit_id, u.code AS unit_code,
         a.tags, a.valid_from::text AS valid_from, a.valid_to::text AS valid_to, ${EXPIRED_SQL} AS expired,
         a.version, a.last_reviewed_at, a.created_at, a.updated_at, a.updated_by, ub.display_name AS updated_by_name
    FROM article a
    LEFT JOIN unit u ON u.id = a.unit_id
    LEFT JOIN app_user ub ON ub.id = a.updated_by`;

export const presentSummary = (r: ArticleRow): ArticleSummaryDto => ({
  id: r.id,
  externalId: r.external_id,
  type: r.type,
  status: r.status,
  title: r.title,
  responsibleUnitId: r.unit_id,
  responsibleUnitCode: r.unit_code,
  tags: r.tags,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  expired: r.expired,
  version: r.version,
  lastReviewedAt: r.last_reviewed_at?.toISOString() ?? null,
  updatedAt: r.updated_at.toISOString(),
});

const presentArticle = (r: ArticleRow): ArticleDto => ({
  ...presentSummary(r),
  slug: r.slug,
  body: r.body,
  fields: normaliseFields(r.type, r.fields),
  createdAt: r.created_at.toISOString(),
  updatedBy: r.updated_by,
  updatedByName: r.updated_by_name,
});

// ---------------------------------------------------------------------------------------------------------
// Reading

export async function listArticles(
  db: DataSource,
  actor: Actor,
  query: ArticleListQuery,
): Promise<ArticleSummaryDto[]> {
  // Agents and everyone who is not an editor see published articles only, whatever status they ask for.
  const status = isArticleEditor(actor) ? (query.status ?? null) : 'published';
  if (!isArticleEditor(actor) && query.status && query.status !== 'published') return [];
  const rows: ArticleRow[] = await db.query(
    `${ARTICLE_SELECT}
      WHERE ($1::text IS NULL OR a.status = $1) AND ($2::text IS NULL OR a.type = $2)
        AND ($3::uuid IS NULL OR a.unit_id = $3)
        AND ($4::text IS NULL OR a.title ILIKE '%' || replace(replace(replace($4, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%')
      ORDER BY a.updated_at DESC, a.id
      LIMIT $5 OFFSET $6`,
    [status, query.type ?? null, query.unitId ?? null, query.title || null, query.limit, query.offset],
  );
  return rows.map(presentSummary);
}

/** One article for this actor: editors see every status; the others only published ones (404 otherwise). */
export async function getArticleFor(db: DataSource | EntityManager, actor: Actor, id: string): Promise<ArticleDto> {
  const rows: ArticleRow[] = await db.query(`${ARTICLE_SELECT} WHERE a.id = $1`, [id]);
  const row = rows[0];
  if (!row || (row.status !== 'published' && !isArticleEditor(actor))) throw notFound('Article');
  return presentArticle(row);
}

// ---------------------------------------------------------------------------------------------------------
// Checks shared by the commands

/** Parses `fields` with the type's schema; a failure is a 400 naming each bad field (`fields.startsAt`). */
export function parseFields(type: ArticleType, fields: unknown, prefix = 'fields'): ArticleFields {
  const schema = ARTICLE_FIELD_SCHEMAS[type] as z.ZodType;
  const parsed = schema.safeParse(fields ?? {});
  if (parsed.success) return parsed.data as ArticleFields;
  throw validationFailed(
    parsed.error.issues.map((issue): FieldError => ({
      path: [prefix, ...issue.path.map(String)].join('.'),
      message: issue.message,
    })),
  );
}

async function assertUnit(em: EntityManager, unitId: string | null | undefined): Promise<void> {
  if (!unitId) return;
  const rows: unknown[] = await em.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
  if (!rows[0]) throw badField('responsibleUnitId', `no unit with id ${unitId}`);
}

function assertValidity(validFrom: string | null, validTo: string | null): void {
  if (validFrom && validTo && validTo < validFrom)
    throw badField('validTo', `validTo (${validTo}) must not be before validFrom (${validFrom})`);
}

const uniqueTags = (tags: string[]) => [...new Set(tags)];

/** Someone saved the article since the client read it. */
export const staleArticle = (current: { status: string; version: number }, sent: number) =>
  new AppError(
    409,
    'conflict',
    `The article changed since you read it (your version ${sent}, now ${current.version}, status ${current.status}); reload and try again`,
    undefined,
    undefined,
    { status: current.status, version: current.version },
  );

interface LockedArticle {
  id: string;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: unknown;
  unit_id: string | null;
  tags: string[];
  valid_from: string | null;
  valid_to: string | null;
  version: number;
}

async function lockArticle(em: EntityManager, id: string): Promise<LockedArticle> {
  const rows: LockedArticle[] = await em.query(
    `SELECT id, type, status, title, body, fields, unit_id, tags, valid_from::text AS valid_from,
            valid_to::text AS valid_to, version
       FROM article WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw notFound('Article');
  return rows[0];
}

/** A slug for the console's addresses: the title without Polish letters, and a piece of the id to keep it unique. */
export function slugFor(title: string, id: string): string {
  const base = title
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${base || 'artykul'}-${id.slice(0, 8)}`;
}

/** Key order of jsonb is not ours; compare values whatever order their keys come in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

interface ArticleContent {
  status: ArticleStatus;
  title: string;
  body: string;
  fields: unknown;
  unitId: string | null;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
}

const contentOf = (a: LockedArticle): ArticleContent => ({
  status: a.status,
  title: a.title,
  body: a.body,
  fields: a.fields,
  unitId: a.unit_id,
  tags: a.tags,
  validFrom: a.valid_from,
  validTo: a.valid_to,
});

const sameContent = (a: ArticleContent, b: ArticleContent) =>
  a.status === b.status &&
  a.title === b.title &&
  a.body === b.body &&
  stableJson(a.fields) === stableJson(b.fields) &&
  a.unitId === b.unitId &&
  stableJson(a.tags) === stableJson(b.tags) &&
  a.validFrom === b.validFrom &&
  a.validTo === b.validTo;

/**
 * Saves `next` as the article's next version: the row, its version row (who, when, why) and an `article.changed`
 * outbox row, all in the caller's transaction. Becoming published counts as a review.
 */
async function saveNextVersion(
  em: EntityManager,
  current: LockedArticle,
  next: ArticleContent & { type?: ArticleType },
  actorId: string | null,
  changeNote: string | null,
): Promise<void> {
  // Articles seeded before the history existed get their current state kept first, so a diff has both sides.
  await ensureVersionRow(em, current.id);
  await em.query(
    `UPDATE article SET type = $2, status = $3, title = $4, body = $5, fields = $6, unit_id = $7, tags = $8,
                        valid_from = $9, valid_to = $10, version = version + 1, updated_at = now(), updated_by = $11,
                        last_reviewed_at = CASE WHEN $3 = 'published' AND status <> 'published' THEN now()
                                                ELSE last_reviewed_at END
      WHERE id = $1`,
    [
      current.id,
      next.type ?? current.type,
      next.status,
      next.title,
      next.body,
      JSON.stringify(next.fields ?? {}),
      next.unitId,
      next.tags,
      next.validFrom,
      next.validTo,
      actorId,
    ],
  );
  await writeVersion(em, current.id, actorId, changeNote);
  await recordEvent(em, 'article.changed', { articleId: current.id });
}

// ---------------------------------------------------------------------------------------------------------
// Commands

export async function createArticle(
  db: DataSource,
  actor: Actor,
  input: z.output<typeof createArticleRequest>,
): Promise<ArticleDto> {
  const id = randomUUID();
  await db.transaction(async (em) => {
    await assertUnit(em, input.responsibleUnitId);
    const fields = parseFields(input.type, input.fields);
    const slug = slugFor(input.title, id);
    await em.query(
      `INSERT INTO article (id, slug, external_id, type, status, title, body, fields, unit_id, tags, valid_from,
                            valid_to, version, created_at, updated_at, updated_by)
       VALUES ($1, $2, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, 1, now(), now(), $11)`,
      [
        id,
        slug,
        input.type,
        input.title,
        input.body,
        JSON.stringify(fields),
        input.responsibleUnitId ?? null,
        uniqueTags(input.tags),
        input.validFrom ?? null,
        input.validTo ?? null,
        actor.id,
      ],
    );
    await writeVersion(em, id, actor.id, null);
    await recordEvent(em, 'article.changed', { articleId: id });
  });
  return getArticleFor(db, actor, id);
}

/** Absent fields stay as they are; `null` clears a unit or a validity date. */
export async function updateArticle(
  db: DataSource,
  actor: Actor,
  id: string,
  input: UpdateArticleRequest,
): Promise<ArticleDto> {
  await db.transaction(async (em) => {
    const current = await lockArticle(em, id);
    if (current.version !== input.version) throw staleArticle(current, input.version);
    if (input.responsibleUnitId) await assertUnit(em, input.responsibleUnitId);
    const next: ArticleContent = {
      status: current.status,
      title: input.title ?? current.title,
      body: input.body ?? current.body,
      fields: input.fields === undefined ? current.fields : parseFields(current.type, input.fields),
      unitId: input.responsibleUnitId === undefined ? current.unit_id : input.responsibleUnitId,
      tags: input.tags === undefined ? current.tags : uniqueTags(input.tags),
      validFrom: input.validFrom === undefined ? current.valid_from : input.validFrom,
      validTo: input.validTo === undefined ? current.valid_to : input.validTo,
    };
    assertValidity(next.validFrom, next.validTo);
    // A save that changes nothing is not a version.
    if (sameContent(contentOf(current), next)) return;
    await saveNextVersion(em, current, next, actor.id, input.changeNote || null);
  });
  return getArticleFor(db, actor, id);
}

export async function transitionArticle(
  db: DataSource,
  actor: Actor,
  id: string,
  input: ArticleTransitionRequest,
): Promise<ArticleDto> {
  await db.transaction(async (em) => {
    const current = await lockArticle(em, id);
    if (current.version !== input.version) throw staleArticle(current, input.version);
    const allowed = ARTICLE_TRANSITIONS[current.status];
    if (!allowed.includes(input.to))
      throw invalidTransition(
        `An article in status ${current.status} cannot move to ${input.to}; from ${current.status} it may move to ${allowed.join(', ')}`,
        { status: current.status, version: current.version },
      );
    const note = input.note || `${current.status} → ${input.to}`;
    await saveNextVersion(em, current, { ...contentOf(current), status: input.to }, actor.id, note);
  });
  return getArticleFor(db, actor, id);
}

/** An editor confirms the content is still right: the review date moves, the content and its version do not. */
export async function markArticleReviewed(db: DataSource, actor: Actor, id: string): Promise<ArticleDto> {
  const rows: unknown[] = await db.query(`UPDATE article SET last_reviewed_at = now() WHERE id = $1 RETURNING id`, [
    id,
  ]);
  if (!rows[0]) throw notFound('Article');
  return getArticleFor(db, actor, id);
}

// ---------------------------------------------------------------------------------------------------------
// The import's entry point

export interface ArticleUpsert {
  externalId: string;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: unknown;
  responsibleUnitId: string | null;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
  changeNote?: string;
}

/**
 * Creates or updates the article with this external id inside the caller's transaction. `fields` is parsed with the
 * type's schema (a 400 naming the field otherwise); a version and an `article.changed` outbox row are written only
 * when something changed.
 */
export async function upsertArticleByExternalId(
  em: EntityManager,
  input: ArticleUpsert,
  actorId: string | null,
): Promise<{ id: string; created: boolean; changed: boolean }> {
  if (!input.externalId?.trim()) throw badField('externalId', 'externalId is required');
  if (!(ARTICLE_TYPES as readonly string[]).includes(input.type))
    throw badField('type', `type is one of ${ARTICLE_TYPES.join(', ')}`);
  if (!(ARTICLE_STATUSES as readonly string[]).includes(input.status))
    throw badField('status', `status is one of ${ARTICLE_STATUSES.join(', ')}`);
  if (!input.title?.trim()) throw badField('title', 'title is required');
  const fields = parseFields(input.type, input.fields);
  assertValidity(input.validFrom, input.validTo);
  await assertUnit(em, input.responsibleUnitId);
  const next: ArticleContent & { type: ArticleType } = {
    type: input.type,
    status: input.status,
    title: input.title,
    body: input.body,
    fields,
    unitId: input.responsibleUnitId,
    tags: uniqueTags(input.tags),
    validFrom: input.validFrom,
    validTo: input.validTo,
  };

  const found: { id: string }[] = await em.query(`SELECT id FROM article WHERE external_id = $1`, [input.externalId]);
  if (found[0]) {
    const current = await lockArticle(em, found[0].id);
    if (current.type === next.type && sameContent(contentOf(current), next))
      return { id: current.id, created: false, changed: false };
    await saveNextVersion(em, current, next, actorId, input.changeNote ?? null);
    return { id: current.id, created: false, changed: true };
  }

  const id = randomUUID();
  await em.query(
    `INSERT INTO article (id, slug, external_id, type, status, title, body, fields, unit_id, tags, valid_from,
                          valid_to, version, created_at, updated_at, updated_by, last_reviewed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, now(), now(), $13,
             CASE WHEN $5 = 'published' THEN now() END)`,
    [
      id,
      slugFor(input.title, id),
      input.externalId,
      next.type,
      next.status,
      next.title,
      next.body,
      JSON.stringify(fields),
      next.unitId,
      next.tags,
      next.validFrom,
      next.validTo,
      actorId,
    ],
  );
  await writeVersion(em, id, actorId, input.changeNote ?? null);
  await recordEvent(em, 'article.changed', { articleId: id });
  return { id, created: true, changed: true };
}

export { articleFieldsText } from './article-fields.ts';
