// Reads of tickets and their history, always through ticketScope(actor).
// Plain SQL with joins for the labels the console shows.
import type { DataSource, EntityManager } from 'typeorm';
import type { MissedEventsDto, TicketDetailDto, TicketDto, TicketListQuery } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../platform/errors.ts';
import {
  presentTicket,
  presentTicketEvent,
  withoutContact,
  type TicketEventRow,
  type TicketRow,
} from './tickets.presenter.ts';
import { ticketScope } from './tickets.policy.ts';
import { NOT_PICKED_UP_CONDITION, OVERDUE_CONDITION } from '../monitoring/monitoring.conditions.ts';
import { ESCALATED_CONDITION, dueSoonCondition, dueSoonLimit } from '../deadlines/deadline-conditions.ts';
import { redactInternalComment } from '../workspace/comments.policy.ts';
import { inboxFilterConditions } from '../triage/inbox-filters.ts';

/**
 * The tickets of `source` (the table, or a CTE of rows just written) aliased `t`, with the labels presentTicket
 * needs; other modules' reads of tickets extend TICKET_SELECT.
 * Labels are scalar subqueries, not joins: each is one primary-key lookup done only for the rows returned (after a
 * list's LIMIT), and the planner sees one table instead of eight. With joins, planning took 2–3 ms per read and
 * the fan-out's read by event (ticket_event joined last) scanned the whole ticket table.
 */
export const ticketSelectFrom = (source: string) => `
  SELECT t.id, t.number, t.type, t.channel, t.status, t.title, t.description, t.category_id,
         (SELECT CASE WHEN pc.id IS NULL THEN c.label_pl ELSE pc.label_pl || ' › ' || c.label_pl END
            FROM dictionary_entry c LEFT JOIN dictionary_entry pc ON pc.id = c.parent_id
           WHERE c.id = t.category_id) AS category_label,
         t.district_id, (SELECT label_pl FROM dictionary_entry WHERE id = t.district_id) AS district_label,
         t.address, t.latitude, t.longitude, t.attributes, t.reporter_name, t.reporter_phone, t.reporter_email,
         t.unit_id, (SELECT code FROM unit WHERE id = t.unit_id) AS unit_code,
         (SELECT name FROM unit WHERE id = t.unit_id) AS unit_name, t.due_at, t.resolution, t.closure_reason_id,
         (SELECT label_pl FROM dictionary_entry WHERE id = t.closure_reason_id) AS closure_reason_label,
         t.idea_decision, t.interaction_id, t.informed_unit_ids, t.delivery_failed, t.created_at, t.updated_at, t.version,
         t.priority, t.waiting_since, t.waiting_question, t.escalated_at,
         t.assignee_id, (SELECT display_name FROM app_user WHERE id = t.assignee_id) AS assignee_name,
         -- DK-03's claim only while it holds (triage/triage-claims.service.ts).
         CASE WHEN t.claim_expires_at > now() THEN t.claimed_by END AS claimed_by_id,
         CASE WHEN t.claim_expires_at > now()
              THEN (SELECT display_name FROM app_user WHERE id = t.claimed_by) END AS claimed_by_name,
         CASE WHEN t.claimed_by IS NOT NULL AND t.claim_expires_at > now() THEN t.claimed_at END AS claimed_at,
         CASE WHEN t.claimed_by IS NOT NULL AND t.claim_expires_at > now() THEN t.claim_expires_at END AS claim_expires_at
    FROM ${source} t`;

export const TICKET_SELECT = ticketSelectFrom('ticket');

/** Views of the list: DK-03's inbox, the caller's unit queue, the caller's own tickets, all visible. */
function viewCondition(
  view: TicketListQuery['view'],
  actor: Actor,
  next: number,
): { where: string; params: unknown[] } {
  switch (view) {
    case 'inbox':
      return { where: `t.status IN ('new', 'triage', 'returned', 'reopened')`, params: [] };
    case 'unit':
      return {
        where: `t.unit_id = $${next} AND t.status IN ('routed', 'accepted', 'in_progress', 'reopened')`,
        params: [actor.unitId],
      };
    case 'mine':
      return { where: `t.created_by = $${next}`, params: [actor.id] };
    default:
      return { where: 'true', params: [] };
  }
}

export async function listTickets(db: DataSource, actor: Actor, query: TicketListQuery): Promise<TicketDto[]> {
  const scope = ticketScope(actor, 1);
  const params: unknown[] = [...scope.params];
  const view = viewCondition(query.view, actor, params.length + 1);
  params.push(...view.params);
  const filters: string[] = [];
  if (query.status) {
    params.push(query.status);
    filters.push(`t.status = $${params.length}`);
  }
  // The monitoring figures' filters: the same conditions the figures count with.
  if (query.statuses) {
    params.push(query.statuses);
    filters.push(`t.status = ANY($${params.length}::text[])`);
  }
  if (query.unitId) {
    params.push(query.unitId);
    filters.push(`t.unit_id = $${params.length}`);
  }
  if (query.overdue !== undefined) filters.push(query.overdue ? OVERDUE_CONDITION : `${OVERDUE_CONDITION} IS NOT TRUE`);
  if (query.deliveryFailed !== undefined)
    filters.push(query.deliveryFailed ? 't.delivery_failed' : 'NOT t.delivery_failed');
  if (query.dueSoon !== undefined) {
    params.push(dueSoonLimit());
    const dueSoon = dueSoonCondition(`$${params.length}::timestamptz`);
    filters.push(query.dueSoon ? dueSoon : `${dueSoon} IS NOT TRUE`);
  }
  if (query.escalated !== undefined)
    filters.push(query.escalated ? ESCALATED_CONDITION : `${ESCALATED_CONDITION} IS NOT TRUE`);
  // The unit queue's "assigned to me" and "unassigned" (unit workspace).
  if (query.assignee === 'me') {
    params.push(actor.id);
    filters.push(`t.assignee_id = $${params.length}`);
  } else if (query.assignee === 'unassigned') filters.push('t.assignee_id IS NULL');
  if (query.notPickedUp !== undefined) {
    filters.push(query.notPickedUp ? NOT_PICKED_UP_CONDITION : `${NOT_PICKED_UP_CONDITION} IS NOT TRUE`);
  }
  filters.push(...inboxFilterConditions(query, actor, params));
  // DK-05's drill-down: written within local (Kraków) days, as the figures count them (analytics/rollups.ts).
  if (query.createdFrom) {
    params.push(query.createdFrom);
    filters.push(`t.created_at >= ($${params.length}::date)::timestamp AT TIME ZONE 'Europe/Warsaw'`);
  }
  if (query.createdTo) {
    params.push(query.createdTo);
    filters.push(`t.created_at < ($${params.length}::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw'`);
  }
  if (query.type) {
    params.push(query.type);
    filters.push(`t.type = $${params.length}`);
  }
  if (query.closureReasonId) {
    params.push(query.closureReasonId);
    filters.push(`t.closure_reason_id = $${params.length}`);
  }
  const order =
    query.sort === 'age'
      ? 't.created_at ASC'
      : query.sort === 'due'
        ? 't.due_at ASC NULLS LAST, t.created_at ASC'
        : 't.created_at DESC';
  params.push(query.limit);
  const rows: TicketRow[] = await db.query(
    `${TICKET_SELECT} WHERE t.number IS NOT NULL AND (${scope.where}) AND (${view.where})
      ${filters.map((f) => `AND ${f}`).join(' ')}
      ORDER BY ${order} LIMIT $${params.length}`,
    params,
  );
  return rows.map((row) => withoutContact(presentTicket(row)));
}

/**
 * One ticket the actor may see, without the reporter's contact (what commands answer); 404 otherwise. `em` lets
 * commands read inside their transaction.
 */
export async function getTicket(db: DataSource | EntityManager, actor: Actor | null, id: string): Promise<TicketDto> {
  return withoutContact(await getTicketWithContact(db, actor, id));
}

/**
 * One ticket the actor may see, the reporter's contact included: for the detail, which logs the read, and for
 * what the server fills in itself (an answer template's greeting).
 */
export async function getTicketWithContact(
  db: DataSource | EntityManager,
  actor: Actor | null,
  id: string,
): Promise<TicketDto> {
  const scope = actor ? ticketScope(actor, 2) : { where: 'true', params: [] };
  // A ticket exists for everyone once it is numbered, a moment after its commit.
  const rows: TicketRow[] = await db.query(
    `${TICKET_SELECT} WHERE t.id = $1 AND t.number IS NOT NULL AND (${scope.where})`,
    [id, ...scope.params],
  );
  if (!rows[0]) throw notFound('Ticket');
  return presentTicket(rows[0]);
}

export interface TicketForFanOut {
  seq: number;
  ticket: TicketDto;
  createdBy: string | null;
  changes: TicketEventRow['changes'];
}

/**
 * For a batch of ticket events (by sequence id), each event's changes with its ticket as it is now and who
 * created it, in one query: what the socket fan-out needs. Events of a ticket not numbered yet are left out.
 * The ids come through a sub-select so the planner sees no values: with `= ANY($1)` it planned every batch afresh
 * for its own ids (about 1 ms each, for a plan no better than the one it keeps).
 */
export async function getTicketsForFanOut(db: DataSource, seqs: number[]): Promise<TicketForFanOut[]> {
  const rows: (TicketRow & { seq: string; created_by: string | null; event_changes: TicketEventRow['changes'] })[] =
    await db.query(
      `${TICKET_SELECT.replace('SELECT t.id,', 'SELECT e.id AS seq, t.created_by, e.changes AS event_changes, t.id,')}
       JOIN ticket_event e ON e.ticket_id = t.id
       WHERE e.id = ANY(ARRAY(SELECT unnest($1::bigint[]))) AND t.number IS NOT NULL`,
      [seqs],
    );
  return rows.map((row) => ({
    seq: Number(row.seq),
    ticket: withoutContact(presentTicket(row)),
    createdBy: row.created_by,
    changes: row.event_changes ?? {},
  }));
}

const EVENT_SELECT = `
  SELECT e.id, e.ticket_id, e.kind, e.actor_id, a.display_name AS actor_name, e.at, e.changes, e.reason
    FROM ticket_event e LEFT JOIN app_user a ON a.id = e.actor_id`;

export async function getTicketDetail(db: DataSource, actor: Actor, id: string): Promise<TicketDetailDto> {
  const ticket = await getTicketWithContact(db, actor, id);
  const [events, labels] = await Promise.all([
    db.query(`${EVENT_SELECT} WHERE e.ticket_id = $1 ORDER BY e.id`, [id]) as Promise<TicketEventRow[]>,
    // Only the detail pays for the dictionaries' history (dictionaries migration: dictionary_label_as_of).
    db.query(
      `SELECT concat_ws(' › ', dictionary_label_as_of(c.parent_id, t.created_at),
                        dictionary_label_as_of(c.id, t.created_at)) AS category,
              dictionary_label_as_of(t.district_id, t.created_at) AS district
         FROM ticket t JOIN dictionary_entry c ON c.id = t.category_id WHERE t.id = $1`,
      [id],
    ) as Promise<{ category: string; district: string | null }[]>,
  ]);
  return {
    ...ticket,
    events: events.map((e) => redactInternalComment(actor, ticket.unitId, presentTicketEvent(e))),
    labelsWhenWritten: labels[0] ?? { category: ticket.categoryLabel, district: ticket.districtLabel },
  };
}

/** Events after a sequence id on tickets the actor may see: what a reconnecting console missed. */
export async function listMissedEvents(db: DataSource, actor: Actor, after: number): Promise<MissedEventsDto> {
  const scope = ticketScope(actor, 2);
  const rows: (TicketEventRow & { ticket_unit_id: string | null })[] = await db.query(
    `${EVENT_SELECT.replace('SELECT e.id,', 'SELECT t.unit_id AS ticket_unit_id, e.id,')} JOIN ticket t ON t.id = e.ticket_id
      WHERE e.id > $1 AND (${scope.where}) ORDER BY e.id LIMIT 500`,
    [after, ...scope.params],
  );
  const events = rows.map((row) => redactInternalComment(actor, row.ticket_unit_id, presentTicketEvent(row)));
  const [{ max }] = (await db.query(`SELECT COALESCE(max(id), 0) AS max FROM ticket_event`)) as [{ max: string }];
  // A full page means there may be more: resume from its last event, not from the global maximum.
  const lastSeq = events.length === 500 ? events[events.length - 1]!.seq : Math.max(after, Number(max));
  return { events, lastSeq };
}
