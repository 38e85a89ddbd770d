// What needs a knowledge-base editor today: agents' open feedback, articles waiting for review, published ones
// that have expired, and published ones nobody has confirmed for KB_REVIEW_AFTER_DAYS.
import type { DataSource } from 'typeorm';
import type { EditorWorklistDto } from '@kck/contracts';
import { listOpenFeedback } from './article-feedback.service.ts';
import { ARTICLE_SELECT, EXPIRED_SQL, presentSummary, type ArticleRow } from './articles.service.ts';

/** Each list is capped; the editors' article list (filters) shows the rest. */
const LIST_LIMIT = 200;

export async function editorWorklist(db: DataSource, reviewAfterDays: number): Promise<EditorWorklistDto> {
  const list = async (where: string, order: string, params: unknown[] = []) => {
    const rows: ArticleRow[] = await db.query(
      `${ARTICLE_SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${LIST_LIMIT}`,
      [...params],
    );
    return rows.map(presentSummary);
  };
  const [openFeedback, inReview, expired, notReviewed] = await Promise.all([
    listOpenFeedback(db, LIST_LIMIT),
    list(`a.status = 'review'`, 'a.updated_at ASC, a.id'),
    list(`a.status = 'published' AND ${EXPIRED_SQL}`, 'a.valid_to ASC NULLS LAST, a.updated_at ASC, a.id'),
    // An article never reviewed counts from when it was written; publishing counts as a review.
    list(
      `a.status = 'published' AND NOT ${EXPIRED_SQL}
        AND coalesce(a.last_reviewed_at, a.created_at) < now() - make_interval(days => $1)`,
      'coalesce(a.last_reviewed_at, a.created_at) ASC, a.id',
      [reviewAfterDays],
    ),
  ]);
  return { openFeedback, inReview, expired, notReviewed, reviewAfterDays };
}
