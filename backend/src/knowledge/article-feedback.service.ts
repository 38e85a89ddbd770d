// Agents' feedback on articles ("outdated", "wrong", or a change proposal with the body as they would have it),
// one step from the article they read; editors accept or dismiss each one with a note.
import type { DataSource } from 'typeorm';
import type { ArticleFeedbackDto, ArticleFeedbackRequest, ResolveFeedbackRequest } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, invalidTransition, notFound } from '../platform/errors.ts';
import { isArticleEditor } from './articles.service.ts';

export const FEEDBACK_STATUSES = ['open', 'accepted', 'dismissed'] as const;

interface FeedbackRow {
  id: string;
  article_id: string;
  article_title: string;
  article_version: number;
  kind: ArticleFeedbackDto['kind'];
  comment: string;
  proposed_body: string | null;
  status: ArticleFeedbackDto['status'];
  created_by: string;
  created_by_name: string;
  created_at: Date;
  resolved_by: string | null;
  resolved_at: Date | null;
  resolution_note: string | null;
}

const FEEDBACK_SELECT = `
  SELECT f.id, f.article_id, a.title AS article_title, f.article_version, f.kind, f.comment, f.proposed_body, f.status,
         f.created_by, c.display_name AS created_by_name, f.created_at, f.resolved_by, f.resolved_at, f.resolution_note
    FROM article_feedback f
    JOIN article a ON a.id = f.article_id
    JOIN app_user c ON c.id = f.created_by`;

const present = (r: FeedbackRow): ArticleFeedbackDto => ({
  id: r.id,
  articleId: r.article_id,
  articleTitle: r.article_title,
  articleVersion: r.article_version,
  kind: r.kind,
  comment: r.comment,
  proposedBody: r.proposed_body,
  status: r.status,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  resolvedBy: r.resolved_by,
  resolvedAt: r.resolved_at?.toISOString() ?? null,
  resolutionNote: r.resolution_note,
});

async function getFeedback(db: DataSource, id: string): Promise<ArticleFeedbackDto> {
  const rows: FeedbackRow[] = await db.query(`${FEEDBACK_SELECT} WHERE f.id = $1`, [id]);
  if (!rows[0]) throw notFound('Feedback');
  return present(rows[0]);
}

/** Any staff member on an article they can read; it records the version they were reading. */
export async function createFeedback(
  db: DataSource,
  actor: Actor,
  articleId: string,
  input: ArticleFeedbackRequest,
): Promise<ArticleFeedbackDto> {
  if (input.proposedBody !== undefined && input.kind !== 'change_proposal')
    throw badField('proposedBody', 'only a change proposal (kind change_proposal) carries a proposed body');
  const rows: { id: string }[] = await db.query(
    `INSERT INTO article_feedback (article_id, article_version, kind, comment, proposed_body, created_by)
     SELECT a.id, a.version, $2, $3, $4, $5 FROM article a
      WHERE a.id = $1 AND (a.status = 'published' OR $6)
     RETURNING id`,
    [articleId, input.kind, input.comment, input.proposedBody ?? null, actor.id, isArticleEditor(actor)],
  );
  if (!rows[0]) throw notFound('Article');
  return getFeedback(db, rows[0].id);
}

export interface FeedbackListQuery {
  status?: ArticleFeedbackDto['status'];
  articleId?: string;
  limit: number;
}

/** Oldest open first: that is the order editors work through them. */
export async function listFeedback(db: DataSource, query: FeedbackListQuery): Promise<ArticleFeedbackDto[]> {
  const rows: FeedbackRow[] = await db.query(
    `${FEEDBACK_SELECT}
      WHERE ($1::text IS NULL OR f.status = $1) AND ($2::uuid IS NULL OR f.article_id = $2)
      ORDER BY f.status = 'open' DESC, CASE WHEN f.status = 'open' THEN f.created_at END ASC, f.resolved_at DESC, f.id
      LIMIT $3`,
    [query.status ?? null, query.articleId ?? null, query.limit],
  );
  return rows.map(present);
}

/** Accepting does not edit the article: the editor makes the change (a new version) themselves. */
export async function resolveFeedback(
  db: DataSource,
  actor: Actor,
  id: string,
  input: ResolveFeedbackRequest,
): Promise<ArticleFeedbackDto> {
  await db.transaction(async (em) => {
    const rows: { status: string }[] = await em.query(`SELECT status FROM article_feedback WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    if (!rows[0]) throw notFound('Feedback');
    if (rows[0].status !== 'open')
      throw invalidTransition(`This feedback is already ${rows[0].status}; only open feedback can be resolved`);
    await em.query(
      `UPDATE article_feedback SET status = $2, resolved_by = $3, resolved_at = now(), resolution_note = $4
        WHERE id = $1`,
      [id, input.resolution, actor.id, input.note || null],
    );
  });
  return getFeedback(db, id);
}

/** For the worklist. */
export const listOpenFeedback = (db: DataSource, limit: number) => listFeedback(db, { status: 'open', limit });
