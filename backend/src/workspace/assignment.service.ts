// Assignment: who in the unit works on a ticket. By hand (take it, give it to a colleague, unassign) or
// automatically after routing, round-robin among the colleagues present, when the unit switched it on.
import type { DataSource, EntityManager } from 'typeorm';
import {
  ASSIGNABLE_STATUSES,
  type AssignTicketRequest,
  type AssignmentMode,
  type TicketDto,
  type UnitAssignmentDto,
  type UnitColleagueDto,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { SessionLimits } from '../auth/sessions.ts';
import { badField, forbidden, invalidTransition, notFound, staleVersion } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket } from '../tickets/tickets.service.ts';
import { getTicket } from '../tickets/tickets.queries.ts';

interface ColleagueRow {
  id: string;
  login: string;
  display_name: string;
  available: boolean;
  present: boolean;
}

/**
 * The unit's staff who can be given tickets (active, role unit_staff; not the system account a unit's own
 * system acts through), in round-robin order. Present = marked available AND signed in: a session that has
 * not ended by the idle or absolute limit (signing out deletes it).
 */
async function unitColleagues(
  em: EntityManager | DataSource,
  unitId: string,
  limits: SessionLimits,
): Promise<ColleagueRow[]> {
  return em.query(
    `SELECT u.id, u.login, u.display_name, coalesce(p.available, false) AS available,
            coalesce(p.available, false) AND EXISTS (
              SELECT 1 FROM user_session s
               WHERE s.user_id = u.id
                 AND s.last_seen_at > now() - $2 * interval '1 millisecond'
                 AND s.created_at > now() - $3 * interval '1 millisecond'
            ) AS present
       FROM app_user u
       LEFT JOIN staff_presence p ON p.user_id = u.id
      WHERE u.unit_id = $1 AND u.role = 'unit_staff' AND u.active
        AND NOT EXISTS (SELECT 1 FROM unit_integration ui WHERE ui.system_user_id = u.id)
      ORDER BY u.login, u.id`,
    [unitId, limits.idleMs, limits.absoluteMs],
  );
}

/** Writes the new assignee, bumps the version, and records `ticket.assigned` (history + outbox). */
async function setAssignee(
  em: EntityManager,
  ticketId: string,
  from: { id: string; name: string } | null,
  to: { id: string; name: string } | null,
  actorId: string | null,
  reason: string | null,
): Promise<number> {
  await em.query(`UPDATE ticket SET assignee_id = $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
    ticketId,
    to?.id ?? null,
  ]);
  return appendTicketEvent(
    em,
    ticketId,
    'ticket.assigned',
    actorId,
    // Names for people reading the history; ids for the console and the API.
    {
      assignee: { from: from?.name ?? null, to: to?.name ?? null },
      assigneeId: { from: from?.id ?? null, to: to?.id ?? null },
    },
    reason,
  );
}

async function currentAssignee(em: EntityManager, ticketId: string): Promise<{ id: string; name: string } | null> {
  const rows: { id: string | null; name: string | null }[] = await em.query(
    `SELECT t.assignee_id AS id, a.display_name AS name FROM ticket t LEFT JOIN app_user a ON a.id = t.assignee_id
      WHERE t.id = $1`,
    [ticketId],
  );
  return rows[0]?.id ? { id: rows[0].id, name: rows[0].name ?? '' } : null;
}

/** Take a ticket, give it to a colleague of its unit, or unassign it (assigneeId null). */
export async function assignTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  input: AssignTicketRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    // 404 for a ticket of another unit, or one this unit is only kept informed of.
    const ticket = await lockTicket(em, actor, id);
    const current = { status: ticket.status, version: ticket.version };
    if (input.version !== undefined && input.version !== ticket.version) throw staleVersion(current, input.version);
    if (!ASSIGNABLE_STATUSES.includes(ticket.status) || !ticket.unitId) {
      throw invalidTransition(
        `A ticket in status ${ticket.status} is not in a unit's queue and has no assignee`,
        current,
      );
    }
    let to: { id: string; name: string } | null = null;
    if (input.assigneeId) {
      const rows: { id: string; display_name: string }[] = await em.query(
        `SELECT u.id, u.display_name FROM app_user u
          WHERE u.id = $1 AND u.unit_id = $2 AND u.role = 'unit_staff' AND u.active
            AND NOT EXISTS (SELECT 1 FROM unit_integration ui WHERE ui.system_user_id = u.id)`,
        [input.assigneeId, ticket.unitId],
      );
      if (!rows[0]) throw badField('assigneeId', "not an active staff member of the ticket's unit");
      to = { id: rows[0].id, name: rows[0].display_name };
    }
    const from = await currentAssignee(em, ticket.id);
    // Asking for what is already so changes nothing and writes no history.
    if (from?.id !== to?.id) {
      const reason = to?.id === actor.id ? 'Wzięte do pracy' : null;
      await setAssignee(em, ticket.id, from, to, actor.id, reason);
    }
    return getTicket(em, null, id);
  });
}

export type AutoAssignOutcome =
  | { outcome: 'assigned'; assigneeId: string }
  | { outcome: 'not_enabled' | 'moved_on' | 'has_assignee' | 'already_ran' | 'nobody_present' };

/**
 * The automatic assignment after a `ticket.routed` event. Safe to run any number of times for the same event
 * (BullMQ delivers at least once): a ticket that already has an assignee, was routed again since (that event has
 * its own job), or whose event was already handled (auto_assignment_run) is left alone. The unit's setting row
 * is locked while the pointer moves, so tickets routed at the same moment go to different colleagues in turn.
 */
export async function autoAssignRoutedTicket(
  db: DataSource,
  ticketId: string,
  routedSeq: number,
  limits: SessionLimits,
): Promise<AutoAssignOutcome> {
  return db.transaction(async (em): Promise<AutoAssignOutcome> => {
    const ticket = await lockTicket(em, null, ticketId);
    const [latest]: { seq: string | null; assignee_id: string | null }[] = await em.query(
      `SELECT (SELECT max(id) FROM ticket_event WHERE ticket_id = $1 AND kind = 'ticket.routed') AS seq,
              (SELECT assignee_id FROM ticket WHERE id = $1) AS assignee_id`,
      [ticketId],
    );
    if (Number(latest?.seq) !== routedSeq || !ASSIGNABLE_STATUSES.includes(ticket.status) || !ticket.unitId) {
      return { outcome: 'moved_on' };
    }
    if (latest?.assignee_id) return { outcome: 'has_assignee' };
    // Lock first, then read the pointer: a statement that waited for the lock would see the new pointer row
    // but the old row of anything it joined to it, and two tickets would go to the same colleague.
    const settings: { mode: AssignmentMode; last_assignee_id: string | null }[] = await em.query(
      `SELECT mode, last_assignee_id FROM unit_assignment WHERE unit_id = $1 FOR UPDATE`,
      [ticket.unitId],
    );
    const setting = settings[0];
    if (setting?.mode !== 'round_robin') return { outcome: 'not_enabled' };
    const claimed: unknown[] = await em.query(
      `INSERT INTO auto_assignment_run (routed_seq, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING routed_seq`,
      [routedSeq, ticketId],
    );
    if (claimed.length === 0) return { outcome: 'already_ran' };

    const present = (await unitColleagues(em, ticket.unitId, limits)).filter((c) => c.present);
    if (present.length === 0) return { outcome: 'nobody_present' };
    // The next one after the last colleague who got a ticket, in the staff's fixed order, wrapping round.
    const lastRows: { login: string }[] = setting.last_assignee_id
      ? await em.query(`SELECT login FROM app_user WHERE id = $1`, [setting.last_assignee_id])
      : [];
    const last = lastRows[0]?.login ?? null;
    const next = (last === null ? undefined : present.find((c) => c.login > last)) ?? present[0]!;
    await em.query(`UPDATE unit_assignment SET last_assignee_id = $2 WHERE unit_id = $1`, [ticket.unitId, next.id]);
    await em.query(`UPDATE auto_assignment_run SET assignee_id = $2 WHERE routed_seq = $1`, [routedSeq, next.id]);
    await setAssignee(
      em,
      ticketId,
      null,
      { id: next.id, name: next.display_name },
      null,
      'Przydzielone automatycznie: kolejna obecna osoba w komórce',
    );
    return { outcome: 'assigned', assigneeId: next.id };
  });
}

/** Admins set any unit's mode; a supervisor only their own unit's. */
const mayEditAssignment = (actor: Actor, unitId: string) =>
  actor.role === 'admin' || (actor.role === 'supervisor' && actor.unitId === unitId);

async function assertUnit(db: DataSource | EntityManager, unitId: string): Promise<void> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
  if (rows.length === 0) throw notFound('Unit');
}

export async function getUnitAssignment(
  db: DataSource,
  actor: Actor,
  unitId: string,
  limits: SessionLimits,
): Promise<UnitAssignmentDto> {
  if (actor.role === 'unit_staff' && actor.unitId !== unitId) throw forbidden('Unit staff see their own unit only');
  await assertUnit(db, unitId);
  const rows: { mode: AssignmentMode }[] = await db.query(`SELECT mode FROM unit_assignment WHERE unit_id = $1`, [
    unitId,
  ]);
  const staff: UnitColleagueDto[] = (await unitColleagues(db, unitId, limits)).map((c) => ({
    id: c.id,
    displayName: c.display_name,
    available: c.available,
    present: c.present,
  }));
  return { unitId, mode: rows[0]?.mode ?? 'off', staff, canEdit: mayEditAssignment(actor, unitId) };
}

export async function putUnitAssignment(
  db: DataSource,
  actor: Actor,
  unitId: string,
  mode: AssignmentMode,
  limits: SessionLimits,
): Promise<UnitAssignmentDto> {
  if (!mayEditAssignment(actor, unitId)) throw forbidden("Only an admin or the unit's supervisor may change this");
  await assertUnit(db, unitId);
  await db.query(
    `INSERT INTO unit_assignment (unit_id, mode, updated_by, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (unit_id) DO UPDATE SET mode = excluded.mode, updated_by = excluded.updated_by, updated_at = now()`,
    [unitId, mode, actor.id],
  );
  return getUnitAssignment(db, actor, unitId, limits);
}

/** A staff member says whether they take new tickets now; the round-robin counts them only while signed in too. */
export async function setPresence(db: DataSource, actor: Actor, available: boolean): Promise<{ available: boolean }> {
  await db.query(
    `INSERT INTO staff_presence (user_id, available, changed_at) VALUES ($1, $2, now())
     ON CONFLICT (user_id) DO UPDATE SET available = excluded.available, changed_at = now()`,
    [actor.id, available],
  );
  return { available };
}

export async function getPresence(db: DataSource, actor: Actor): Promise<{ available: boolean }> {
  const rows: { available: boolean }[] = await db.query(`SELECT available FROM staff_presence WHERE user_id = $1`, [
    actor.id,
  ]);
  return { available: rows[0]?.available ?? false };
}
