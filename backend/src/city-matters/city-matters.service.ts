// City-wide matters: supervisors declare, edit and end them; agents link their calls to them.
// Every change records `city_matter.changed`, so each console's banner and the wallboard's counts follow.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CityMatterCallLinkDto,
  CityMatterDto,
  CityMatterListDto,
  CityMatterRequest,
  CityMatterListQuery,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, notFound } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { TODAY_START } from '../wallboard/today.ts';

interface MatterRow {
  id: string;
  title: string;
  script: string;
  article_id: string | null;
  article_title: string | null;
  declared_by: string;
  declared_by_name: string;
  declared_at: Date;
  updated_at: Date;
  ended_at: Date | null;
  ended_by: string | null;
  ended_by_name: string | null;
  calls_today: number;
  calls_total: number;
}

const MATTER_SELECT = `
  SELECT m.id, m.title, m.script, m.article_id, a.title AS article_title,
         m.declared_by, d.display_name AS declared_by_name, m.declared_at, m.updated_at,
         m.ended_at, m.ended_by, e.display_name AS ended_by_name,
         (SELECT count(*) FROM interaction i
           WHERE i.city_matter_id = m.id AND i.started_at >= ${TODAY_START})::int AS calls_today,
         (SELECT count(*) FROM interaction i WHERE i.city_matter_id = m.id)::int AS calls_total
    FROM city_matter m
    JOIN app_user d ON d.id = m.declared_by
    LEFT JOIN app_user e ON e.id = m.ended_by
    LEFT JOIN article a ON a.id = m.article_id`;

const present = (row: MatterRow): CityMatterDto => ({
  id: row.id,
  title: row.title,
  script: row.script,
  article: row.article_id ? { id: row.article_id, title: row.article_title ?? '' } : null,
  declaredBy: { id: row.declared_by, displayName: row.declared_by_name },
  declaredAt: row.declared_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  endedBy: row.ended_by ? { id: row.ended_by, displayName: row.ended_by_name ?? '' } : null,
  callsToday: row.calls_today,
  callsTotal: row.calls_total,
});

/** Open matters, oldest first (the banner's order); `all` adds those ended in the last 30 days, newest first. */
export async function listCityMatters(
  db: DataSource,
  query: Required<Pick<CityMatterListQuery, 'status'>>,
): Promise<CityMatterListDto> {
  const rows = (await db.query(
    query.status === 'open'
      ? `${MATTER_SELECT} WHERE m.ended_at IS NULL ORDER BY m.declared_at, m.id`
      : `${MATTER_SELECT} WHERE m.ended_at IS NULL OR m.ended_at > now() - interval '30 days'
         ORDER BY m.ended_at IS NULL DESC, coalesce(m.ended_at, m.declared_at) DESC, m.id`,
  )) as MatterRow[];
  return { matters: rows.map(present) };
}

export async function getCityMatter(db: DataSource | EntityManager, id: string): Promise<CityMatterDto> {
  const [row] = (await db.query(`${MATTER_SELECT} WHERE m.id = $1`, [id])) as MatterRow[];
  if (!row) throw notFound('City matter');
  return present(row);
}

/** Agents open the article from the banner, and agents read only published articles. */
async function assertArticle(em: EntityManager, articleId: string | null): Promise<void> {
  if (!articleId) return;
  const [article] = (await em.query(`SELECT status FROM article WHERE id = $1`, [articleId])) as { status: string }[];
  if (!article) throw badField('articleId', 'no such article');
  if (article.status !== 'published')
    throw badField('articleId', `the article is ${article.status}: agents can open only published articles`);
}

export async function declareCityMatter(db: DataSource, actor: Actor, body: CityMatterRequest): Promise<CityMatterDto> {
  return db.transaction(async (em) => {
    const articleId = body.articleId ?? null;
    await assertArticle(em, articleId);
    const [{ id }] = (await em.query(
      `INSERT INTO city_matter (title, script, article_id, declared_by, updated_by)
       VALUES ($1, $2, $3, $4, $4) RETURNING id`,
      [body.title, body.script, articleId, actor.id],
    )) as [{ id: string }];
    await recordEvent(em, 'city_matter.changed', { cityMatterId: id });
    return getCityMatter(em, id);
  });
}

async function lockOpenMatter(em: EntityManager, id: string, mode: 'UPDATE' | 'SHARE'): Promise<void> {
  const [row] = (await em.query(`SELECT ended_at FROM city_matter WHERE id = $1 FOR ${mode}`, [id])) as {
    ended_at: Date | null;
  }[];
  if (!row) throw notFound('City matter');
  if (row.ended_at) throw conflict(`The city matter ended at ${row.ended_at.toISOString()}`);
}

export async function editCityMatter(
  db: DataSource,
  actor: Actor,
  id: string,
  body: CityMatterRequest,
): Promise<CityMatterDto> {
  return db.transaction(async (em) => {
    await lockOpenMatter(em, id, 'UPDATE');
    const articleId = body.articleId ?? null;
    await assertArticle(em, articleId);
    await em.query(
      `UPDATE city_matter SET title = $2, script = $3, article_id = $4, updated_by = $5, updated_at = now()
        WHERE id = $1`,
      [id, body.title, body.script, articleId, actor.id],
    );
    await recordEvent(em, 'city_matter.changed', { cityMatterId: id });
    return getCityMatter(em, id);
  });
}

export async function endCityMatter(db: DataSource, actor: Actor, id: string): Promise<CityMatterDto> {
  return db.transaction(async (em) => {
    await lockOpenMatter(em, id, 'UPDATE');
    await em.query(
      `UPDATE city_matter SET ended_at = greatest(now(), declared_at), ended_by = $2, updated_by = $2, updated_at = now()
        WHERE id = $1`,
      [id, actor.id],
    );
    await recordEvent(em, 'city_matter.changed', { cityMatterId: id });
    return getCityMatter(em, id);
  });
}

/** Calls an agent can still say what they were about: ringing at them, connected, or in wrap-up. */
const LINKABLE_CALL_STATES = ['ringing', 'active', 'wrap_up'];

/**
 * Links the agent's own live or wrap-up call to an open matter (moving it from another matter, if it had one),
 * or takes it off again. A recorded call keeps what it was recorded with.
 */
export async function linkCall(
  db: DataSource,
  actor: Actor,
  cityMatterId: string,
  callId: string,
  linked: boolean,
): Promise<CityMatterCallLinkDto> {
  return db.transaction(async (em) => {
    // Taking a call off a matter that has ended since is still allowed: it corrects the count.
    if (linked) await lockOpenMatter(em, cityMatterId, 'SHARE');
    else if ((await em.query(`SELECT 1 FROM city_matter WHERE id = $1`, [cityMatterId])).length === 0)
      throw notFound('City matter');
    const [call] = (await em.query(`SELECT state, agent_id, city_matter_id FROM interaction WHERE id = $1 FOR UPDATE`, [
      callId,
    ])) as { state: string; agent_id: string | null; city_matter_id: string | null }[];
    // Another agent's call is as unknown to this agent as a call that does not exist.
    if (!call || call.agent_id !== actor.id) throw notFound('Call');
    if (!LINKABLE_CALL_STATES.includes(call.state))
      throw conflict(`The call is ${call.state}: only a live call or one in wrap-up can be linked`);

    const next = linked ? cityMatterId : call.city_matter_id === cityMatterId ? null : call.city_matter_id;
    if (next !== call.city_matter_id) {
      await em.query(`UPDATE interaction SET city_matter_id = $2 WHERE id = $1`, [callId, next]);
      for (const changed of new Set([call.city_matter_id, next]))
        if (changed) await recordEvent(em, 'city_matter.changed', { cityMatterId: changed });
      // The call screen shows which matter its call belongs to.
      await recordEvent(em, 'call.changed', { callId });
    }
    return { cityMatterId, callId, linked: next === cityMatterId };
  });
}
