// Editing deadline policies: list, create, change and (de)activate. Policies are never deleted, each change stamps
// who made it and when, and every ticket type keeps an active catch-all policy (any category, priority, channel).
import type { DataSource, EntityManager } from 'typeorm';
import { TICKET_TYPES, type DeadlinePolicyDto, type DeadlinePolicyRequest } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, notFound } from '../platform/errors.ts';
import { forgetDeadlineRules } from './deadline-policies.ts';

interface PolicyRow {
  id: string;
  ticket_type: DeadlinePolicyDto['ticketType'];
  category_id: string | null;
  category_label: string | null;
  priority: DeadlinePolicyDto['priority'];
  channel: DeadlinePolicyDto['channel'];
  working_days: number | null;
  working_hours: number | null;
  note: string;
  active: boolean;
  updated_at: Date;
  updated_by_name: string | null;
}

const POLICY_SELECT = `
  SELECT p.id, p.ticket_type, p.category_id,
         CASE WHEN c.id IS NULL THEN NULL WHEN pc.id IS NULL THEN c.label_pl ELSE pc.label_pl || ' › ' || c.label_pl END
           AS category_label,
         p.priority, p.channel, p.working_days, p.working_hours, p.note, p.active, p.updated_at, a.display_name AS updated_by_name
    FROM deadline_policy p
    LEFT JOIN dictionary_entry c ON c.id = p.category_id
    LEFT JOIN dictionary_entry pc ON pc.id = c.parent_id
    LEFT JOIN app_user a ON a.id = p.updated_by`;

// Active first, then by type and from the general to the specific, the way one reads which policy wins.
const POLICY_ORDER = `ORDER BY p.active DESC, p.ticket_type, p.category_id IS NOT NULL, category_label NULLS FIRST,
  p.priority NULLS FIRST, p.channel NULLS FIRST, p.id`;

/** Writes take this lock, so two editors cannot each remove one half of the last catch-all, or add twins. */
const EDIT_LOCK = `SELECT pg_advisory_xact_lock(hashtext('kck.deadline_policy.edit'))`;

const present = (r: PolicyRow): DeadlinePolicyDto => ({
  id: r.id,
  ticketType: r.ticket_type,
  categoryId: r.category_id,
  categoryLabel: r.category_label,
  priority: r.priority,
  channel: r.channel,
  workingDays: r.working_days,
  workingHours: r.working_hours,
  note: r.note,
  active: r.active,
  updatedAt: r.updated_at.toISOString(),
  updatedByName: r.updated_by_name,
});

export async function listDeadlinePolicies(db: DataSource): Promise<DeadlinePolicyDto[]> {
  const rows: PolicyRow[] = await db.query(`${POLICY_SELECT} ${POLICY_ORDER}`);
  return rows.map(present);
}

async function getDeadlinePolicy(em: EntityManager, id: string): Promise<DeadlinePolicyDto> {
  const rows: PolicyRow[] = await em.query(`${POLICY_SELECT} WHERE p.id = $1`, [id]);
  if (!rows[0]) throw notFound('Deadline policy');
  return present(rows[0]);
}

/** An active policy must name a category in use; a deactivated one may keep a retired category. */
async function assertCategory(em: EntityManager, input: DeadlinePolicyRequest): Promise<void> {
  if (!input.categoryId || !input.active) return;
  const rows: { dictionary: string; active: boolean }[] = await em.query(
    `SELECT dictionary, active FROM dictionary_entry WHERE id = $1`,
    [input.categoryId],
  );
  const entry = rows[0];
  if (!entry || entry.dictionary !== 'category')
    throw badField(
      'categoryId',
      entry
        ? `${input.categoryId} is a ${entry.dictionary}, not a category`
        : `no category with id ${input.categoryId}`,
    );
  if (!entry.active) throw badField('categoryId', `category ${input.categoryId} is no longer in use`);
}

async function assertNoActiveTwin(em: EntityManager, input: DeadlinePolicyRequest, id: string | null): Promise<void> {
  if (!input.active) return;
  const twins: { id: string }[] = await em.query(
    `SELECT id FROM deadline_policy
      WHERE active AND ticket_type = $1 AND category_id IS NOT DISTINCT FROM $2 AND priority IS NOT DISTINCT FROM $3
        AND channel IS NOT DISTINCT FROM $5 AND id IS DISTINCT FROM $4`,
    [input.ticketType, input.categoryId ?? null, input.priority ?? null, id, input.channel ?? null],
  );
  if (twins[0])
    throw conflict(
      `An active deadline policy for this ticket type, category, priority and channel already exists (${twins[0].id}); change that one`,
    );
}

/** Checked after the write, inside the transaction: a refusal rolls the change back. */
async function assertCatchAllPerType(em: EntityManager): Promise<void> {
  const rows: { ticket_type: string }[] = await em.query(
    `SELECT DISTINCT ticket_type FROM deadline_policy
      WHERE active AND category_id IS NULL AND priority IS NULL AND channel IS NULL`,
  );
  const covered = new Set(rows.map((r) => r.ticket_type));
  const missing = TICKET_TYPES.filter((type) => !covered.has(type));
  if (missing.length > 0)
    throw conflict(
      `Ticket type ${missing.join(', ')} would be left without an active catch-all deadline policy (any category, any priority, any channel); every ticket needs a due date`,
    );
}

const policyValues = (input: DeadlinePolicyRequest) => [
  input.ticketType,
  input.categoryId ?? null,
  input.priority ?? null,
  input.workingDays ?? null,
  input.workingHours ?? null,
  input.note,
  input.active,
  input.channel ?? null,
];

/** Runs one edit and forgets this process's cached policies, so the next ticket here is counted by it. */
async function edit(db: DataSource, work: (em: EntityManager) => Promise<string>): Promise<DeadlinePolicyDto> {
  const id = await db.transaction(async (em) => {
    await em.query(EDIT_LOCK);
    const id = await work(em);
    await assertCatchAllPerType(em);
    return id;
  });
  forgetDeadlineRules(db);
  return getDeadlinePolicy(db.manager, id);
}

export function createDeadlinePolicy(
  db: DataSource,
  actor: Actor,
  input: DeadlinePolicyRequest,
): Promise<DeadlinePolicyDto> {
  return edit(db, async (em) => {
    await assertCategory(em, input);
    await assertNoActiveTwin(em, input, null);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO deadline_policy (ticket_type, category_id, priority, working_days, working_hours, note, active, channel,
                                    updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [...policyValues(input), actor.id],
    );
    return rows[0]!.id;
  });
}

/** Replaces the whole policy, `active` included; tickets already written keep the due date they got. */
export function updateDeadlinePolicy(
  db: DataSource,
  actor: Actor,
  id: string,
  input: DeadlinePolicyRequest,
): Promise<DeadlinePolicyDto> {
  return edit(db, async (em) => {
    const found: unknown[] = await em.query(`SELECT 1 FROM deadline_policy WHERE id = $1 FOR UPDATE`, [id]);
    if (!found[0]) throw notFound('Deadline policy');
    await assertCategory(em, input);
    await assertNoActiveTwin(em, input, id);
    await em.query(
      `UPDATE deadline_policy SET ticket_type = $2, category_id = $3, priority = $4, working_days = $5,
                                  working_hours = $6, note = $7, active = $8, channel = $9, updated_by = $10,
                                  updated_at = now()
        WHERE id = $1`,
      [id, ...policyValues(input), actor.id],
    );
    return id;
  });
}
