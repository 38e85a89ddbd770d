// Retention: which policy applies to a ticket (the most specific active one), the admin's table of policies, and
// the run that anonymises closed tickets, calls and e-mails whose time is up, batch by batch, idempotently.
import type { DataSource } from 'typeorm';
import type { Channel, RetentionPoliciesPut, RetentionPolicyDto, RetentionSubject } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { AttachmentStore } from '../attachments/attachment-store.ts';
import type { Logger } from '../platform/logger.ts';
import { badField } from '../platform/errors.ts';
import { anonymise } from './anonymise.ts';
import { CLOSED_STATUSES } from './finder.ts';

export interface PolicyRow {
  subject: RetentionSubject;
  channel: Channel | null;
  categoryId: string | null;
  months: number;
  active: boolean;
}

/**
 * The policy of a ticket: among active `ticket` policies whose channel and category are empty or equal to the
 * ticket's, the one naming both wins, then one naming the category (the matter decides the archive category),
 * then one naming the channel, then the default. The SQL of the run orders the same way (POLICY_ORDER).
 */
export function pickPolicy<P extends PolicyRow>(
  policies: readonly P[],
  ticket: { channel: Channel; categoryId: string },
): P | undefined {
  const rank = (p: P) => (p.categoryId ? 2 : 0) + (p.channel ? 1 : 0);
  return policies
    .filter(
      (p) =>
        p.subject === 'ticket' &&
        p.active &&
        (p.channel === null || p.channel === ticket.channel) &&
        (p.categoryId === null || p.categoryId === ticket.categoryId),
    )
    .sort((a, b) => rank(b) - rank(a))[0];
}

const POLICY_ORDER = `(p.category_id IS NOT NULL) DESC, (p.channel IS NOT NULL) DESC`;

/** When a closed ticket was closed: its last move into a closed status (older tickets: its last change). */
const CLOSED_AT = `coalesce((SELECT max(e.at) FROM ticket_event e
                              WHERE e.ticket_id = t.id AND e.changes->'status'->>'to' = ANY($2::text[])), t.updated_at)`;

export async function listPolicies(db: DataSource): Promise<RetentionPolicyDto[]> {
  const rows: (Omit<RetentionPolicyDto, 'updatedAt'> & { updatedAt: Date })[] = await db.query(
    `SELECT p.id, p.subject, p.channel, p.category_id AS "categoryId", c.label_pl AS "categoryLabel", p.months,
            p.active, p.note, p.updated_at AS "updatedAt"
       FROM retention_policy p LEFT JOIN dictionary_entry c ON c.id = p.category_id
      ORDER BY p.subject, p.channel NULLS FIRST, c.label_pl NULLS FIRST`,
  );
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Replaces the whole table in one transaction; a row that did not change keeps its date. */
export async function replacePolicies(
  db: DataSource,
  actor: Actor,
  input: RetentionPoliciesPut,
): Promise<RetentionPolicyDto[]> {
  const categories = [...new Set(input.policies.map((p) => p.categoryId).filter((id): id is string => !!id))];
  if (categories.length > 0) {
    const known: { id: string }[] = await db.query(
      `SELECT id FROM dictionary_entry WHERE dictionary = 'category' AND id = ANY($1::uuid[])`,
      [categories],
    );
    const ids = new Set(known.map((r) => r.id));
    const index = input.policies.findIndex((p) => p.categoryId && !ids.has(p.categoryId));
    if (index >= 0) throw badField(`policies.${index}.categoryId`, 'no such category');
  }
  await db.transaction(async (em) => {
    await em.query(`LOCK TABLE retention_policy IN EXCLUSIVE MODE`);
    const payload = JSON.stringify(
      input.policies.map((p) => ({
        subject: p.subject,
        channel: p.channel,
        category_id: p.categoryId,
        months: p.months,
        active: p.active,
        note: p.note ?? null,
      })),
    );
    await em.query(
      `DELETE FROM retention_policy p
        WHERE NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($1::jsonb) AS n(subject text, channel text, category_id uuid)
                           WHERE n.subject = p.subject AND n.channel IS NOT DISTINCT FROM p.channel
                             AND n.category_id IS NOT DISTINCT FROM p.category_id)`,
      [payload],
    );
    await em.query(
      `INSERT INTO retention_policy (subject, channel, category_id, months, active, note, updated_by)
       SELECT n.subject, n.channel, n.category_id, n.months, n.active, n.note, $2
         FROM jsonb_to_recordset($1::jsonb)
              AS n(subject text, channel text, category_id uuid, months integer, active boolean, note text)
       ON CONFLICT (subject, channel, category_id) DO UPDATE
          SET months = EXCLUDED.months, active = EXCLUDED.active, note = EXCLUDED.note,
              updated_by = EXCLUDED.updated_by, updated_at = now()
        WHERE (retention_policy.months, retention_policy.active, retention_policy.note)
              IS DISTINCT FROM (EXCLUDED.months, EXCLUDED.active, EXCLUDED.note)`,
      [payload, actor.id],
    );
  });
  return listPolicies(db);
}

export interface RetentionOptions {
  now?: Date;
  batchSize?: number;
  /** At most this many batches per run; the next run goes on where this one stopped. */
  maxBatches?: number;
  /** Limit the run to some categories' tickets and to given calls and e-mails (a manual run; tests). */
  only?: { categoryIds?: string[]; callIds?: string[]; mailIds?: string[] };
}

export interface RetentionResult {
  tickets: number;
  calls: number;
  mails: number;
  files: number;
}

/**
 * One run: closed tickets whose closure plus their policy's months has passed (with their calls, e-mails, photos),
 * then calls and e-mails that never became a ticket. Each batch is one transaction, its rows locked with SKIP
 * LOCKED so two workers never take the same; anonymised rows are never picked again.
 */
export async function runRetention(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
  options: RetentionOptions = {},
): Promise<RetentionResult> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 200;
  const maxBatches = options.maxBatches ?? 50;
  const only = options.only;
  const result: RetentionResult = { tickets: 0, calls: 0, mails: 0, files: 0 };
  const removeFiles = async (keys: string[]) => {
    for (const key of keys)
      await store.remove(key).catch((err: unknown) => {
        logger.warn({ err: String(err) }, 'anonymised attachment not deleted; the attachment sweep will retry');
      });
    result.files += keys.length;
  };

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const done = await db.transaction(async (em) => {
      const tickets: { id: string; interaction_id: string | null }[] = await em.query(
        `SELECT t.id, t.interaction_id FROM ticket t
          CROSS JOIN LATERAL (SELECT p.months FROM retention_policy p
                               WHERE p.subject = 'ticket' AND p.active
                                 AND (p.channel IS NULL OR p.channel = t.channel)
                                 AND (p.category_id IS NULL OR p.category_id = t.category_id)
                               ORDER BY ${POLICY_ORDER} LIMIT 1) p
          WHERE t.anonymised_at IS NULL AND t.status = ANY($2::text[])
            AND ($4::uuid[] IS NULL OR t.category_id = ANY($4::uuid[]))
            AND ${CLOSED_AT} + make_interval(months => p.months) <= $1
          ORDER BY t.updated_at LIMIT $3 FOR UPDATE OF t SKIP LOCKED`,
        [now, CLOSED_STATUSES, batchSize, only ? (only.categoryIds ?? []) : null],
      );
      if (tickets.length === 0) return { keys: [] as string[], n: 0 };
      const ids = tickets.map((t) => t.id);
      const mails: { id: string }[] = await em.query(`SELECT id FROM email_message WHERE ticket_id = ANY($1::uuid[])`, [
        ids,
      ]);
      const { storageKeys } = await anonymise(em, {
        tickets: ids,
        contactOnly: [],
        calls: tickets.map((t) => t.interaction_id).filter((id): id is string => !!id),
        mails: mails.map((m) => m.id),
      });
      return { keys: storageKeys, n: tickets.length };
    });
    result.tickets += done.n;
    await removeFiles(done.keys);
    if (done.n < batchSize) break;
  }

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const n = await db.transaction(async (em) => {
      const calls: { id: string }[] = await em.query(
        `SELECT i.id FROM interaction i
          WHERE i.anonymised_at IS NULL AND i.state IN ('recorded', 'missed')
            AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.interaction_id = i.id)
            AND ($3::uuid[] IS NULL OR i.id = ANY($3::uuid[]))
            AND coalesce(i.ended_at, i.started_at)
                + make_interval(months => (SELECT months FROM retention_policy WHERE subject = 'call'
                                             AND channel IS NULL AND category_id IS NULL AND active)) <= $1
          ORDER BY i.started_at LIMIT $2 FOR UPDATE OF i SKIP LOCKED`,
        [now, batchSize, only ? (only.callIds ?? []) : null],
      );
      if (calls.length > 0)
        await anonymise(em, { tickets: [], contactOnly: [], calls: calls.map((c) => c.id), mails: [] });
      return calls.length;
    });
    result.calls += n;
    if (n < batchSize) break;
  }

  for (let batch = 0; batch < maxBatches; batch += 1) {
    const n = await db.transaction(async (em) => {
      const mails: { id: string }[] = await em.query(
        `SELECT m.id FROM email_message m
          WHERE m.anonymised_at IS NULL AND m.ticket_id IS NULL
            AND ($3::uuid[] IS NULL OR m.id = ANY($3::uuid[]))
            AND m.received_at + make_interval(months => (SELECT months FROM retention_policy WHERE subject = 'mail'
                                                           AND channel IS NULL AND category_id IS NULL AND active)) <= $1
          ORDER BY m.received_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED`,
        [now, batchSize, only ? (only.mailIds ?? []) : null],
      );
      if (mails.length > 0)
        await anonymise(em, { tickets: [], contactOnly: [], calls: [], mails: mails.map((m) => m.id) });
      return mails.length;
    });
    result.mails += n;
    if (n < batchSize) break;
  }

  if (result.tickets + result.calls + result.mails > 0)
    logger.info(result, 'personal data past its retention anonymised');
  return result;
}
