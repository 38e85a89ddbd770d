// Tickets: the commands that create and move them. Each runs in one transaction that writes
// the ticket, its history event and an outbox row together; status moves go through the lifecycle.
import type { DataSource, EntityManager } from 'typeorm';
import { TRIAGE_INBOX_STATUSES, TRIAGE_UNIT_CODE } from '@kck/contracts';
import type {
  AcceptTicketRequest,
  CloseTicketRequest,
  ReasonedMoveRequest,
  Channel,
  CreateTicketRequest,
  ResolveTicketRequest,
  RouteTicketRequest,
  TicketDto,
  TicketEventKind,
  TicketStatus,
  TicketType,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { assertEntry } from '../dictionaries/dictionaries.service.ts';
import { unitIdByCode } from '../units/units.service.ts';
import { dueAtForNewTicket } from '../deadlines/deadline-policies.ts';
import { assertTicketAttributes } from '../category-attributes/category-attributes.validation.ts';
import { badField, conflict, notFound, staleVersion } from '../platform/errors.ts';
import { assertMove, type TransitionActor } from './ticket-lifecycle.ts';
import { numberNewTicket } from './ticket-number.ts';
import { checkTriageClaim } from '../triage/triage-claim.check.ts';
import type { TicketChanges } from './ticket-event.entity.ts';
import { getTicket, ticketSelectFrom } from './tickets.queries.ts';
import { presentTicket, withoutContact, type TicketRow } from './tickets.presenter.ts';
import { ticketScope } from './tickets.policy.ts';

/** Appends a history event and its outbox row; returns the event's sequence id. */
export async function appendTicketEvent(
  em: EntityManager,
  ticketId: string,
  kind: TicketEventKind,
  actorId: string | null,
  changes: TicketChanges,
  reason: string | null = null,
): Promise<number> {
  // One statement for both rows (every status move writes them): the outbox payload is the event catalogue's
  // `{ ticketId, seq }`, built from the id the history row just got.
  const rows: { seq: string }[] = await em.query(
    `WITH event AS (
       INSERT INTO ticket_event (ticket_id, kind, actor_id, changes, reason) VALUES ($1, $2, $3, $4, $5) RETURNING id
     )
     INSERT INTO outbox (event, payload)
     SELECT $2, jsonb_build_object('ticketId', $1::text, 'seq', event.id) FROM event
     RETURNING payload->>'seq' AS seq`,
    [ticketId, kind, actorId, JSON.stringify(changes), reason],
  );
  return Number(rows[0]!.seq);
}

/**
 * Writes a new ticket, without a number, in one statement that also checks its category and district:
 * inside the caller's transaction (a call and its tickets), or on its own. After the commit the caller
 * runs numberPendingTickets, which numbers it and records `ticket.created`. Answers the ticket as written,
 * with its labels (`row`, no number yet), except when a client's requestId finds the ticket it sent before.
 */
export async function insertTicket(
  em: EntityManager | DataSource,
  actor: Actor | null,
  input: CreateTicketRequest & { channel: Channel },
  options: {
    interactionId?: string;
    fieldPrefix?: string;
    dueAt?: Date;
    /** The hash of the resident's status-page link (public-intake/status-links.ts), when the form gives one. */
    statusTokenHash?: string;
    /**
     * A row written with the ticket in the same statement (the form's submission): an INSERT reading the CTE
     * `inserted`, whose parameters follow the ticket's twenty ($21 on). What it refuses writes nothing at all.
     */
    withRow?: { insert: string; values: unknown[] };
  } = {},
): Promise<{ id: string; row?: TicketRow }> {
  const now = new Date();
  const priority = input.priority ?? 'normal';
  // The deadline policy comes from a per-process cache (deadline-policies.ts): no extra round trip at intake.
  // A deadline set by someone entitled to set it (the Mayor, for KP-02's matters) replaces the policy's.
  const dueAt =
    options.dueAt ??
    (await dueAtForNewTicket(
      em,
      { type: input.type, categoryId: input.categoryId, priority, channel: input.channel },
      now,
    ));
  const rows: TicketRow[] = await em.query(
    `WITH inserted AS (
     INSERT INTO ticket (type, channel, status, title, description, category_id, district_id, address,
                         reporter_name, reporter_phone, reporter_email, due_at, interaction_id, created_by, created_at, updated_at,
                         priority, latitude, longitude, attributes, client_request_id, status_token_hash)
     SELECT $1, $2, 'new', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15, $16, $17, $18, $19, $20
      WHERE EXISTS (SELECT 1 FROM dictionary_entry WHERE id = $5 AND dictionary = 'category' AND active)
        AND ($6::uuid IS NULL OR EXISTS (SELECT 1 FROM dictionary_entry WHERE id = $6 AND dictionary = 'district' AND active))
     ON CONFLICT (created_by, client_request_id) WHERE client_request_id IS NOT NULL DO NOTHING
     RETURNING *
     )${options.withRow ? `, with_row AS (${options.withRow.insert})` : ''}
     ${ticketSelectFrom('inserted')}`,
    [
      input.type,
      input.channel,
      input.title,
      input.description,
      input.categoryId,
      input.districtId ?? null,
      input.address || null,
      input.reporter?.name || null,
      input.reporter?.phone || null,
      input.reporter?.email || null,
      dueAt,
      options.interactionId ?? null,
      actor?.id ?? null,
      now,
      priority,
      input.location?.latitude ?? null,
      input.location?.longitude ?? null,
      input.attributes ?? {},
      input.requestId ?? null,
      options.statusTokenHash ?? null,
      ...(options.withRow?.values ?? []),
    ],
  );
  if (rows[0]) return { id: rows[0].id, row: rows[0] };
  if (input.requestId && actor) {
    const sent = await ticketOfRequest(em, actor.id, input.requestId);
    if (sent) {
      if (sent.title !== input.title || sent.description !== input.description || sent.category_id !== input.categoryId)
        throw conflict('This requestId was already used for a different ticket; make a new one for each ticket');
      return { id: sent.id };
    }
  }
  // Nothing written: find which reference was wrong, to name it in the 400.
  const prefix = options.fieldPrefix ?? '';
  await assertEntry(em, 'category', input.categoryId, `${prefix}categoryId`);
  if (input.districtId) await assertEntry(em, 'district', input.districtId, `${prefix}districtId`);
  throw new Error('ticket insert wrote nothing although its references are valid');
}

/** The ticket a person's client already sent under this request id, if any. */
async function ticketOfRequest(em: EntityManager | DataSource, userId: string, requestId: string) {
  const rows: { id: string; title: string; description: string; category_id: string }[] = await em.query(
    `SELECT id, title, description, category_id FROM ticket WHERE created_by = $1 AND client_request_id = $2`,
    [userId, requestId],
  );
  return rows[0];
}

export async function createTicket(db: DataSource, actor: Actor, input: CreateTicketRequest): Promise<TicketDto> {
  // Every matter for the Mayor carries its origin and dates beside the ticket (mayor-matters.service.ts).
  if (input.channel === 'mayor')
    throw badField('channel', 'matters addressed to the Mayor are registered by KP-02 at POST /api/mayor-matters');
  // The category's questions come from a per-process cache: checking the answers costs no round trip.
  const attributes = await assertTicketAttributes(db, input.categoryId, input.attributes);
  // One statement needs no explicit transaction: it commits alone, or not at all.
  const { id, row } = await insertTicket(db, actor, { ...input, attributes });
  const number = await numberNewTicket(db, id);
  // The answer is the ticket as written with the number it just got: no read back. A ticket sent before under
  // the same requestId is read.
  if (row && number) return withoutContact(presentTicket({ ...row, number }));
  return getTicket(db, null, id);
}

/** The columns a status move reads and may change. */
export interface LockedTicket {
  id: string;
  type: TicketType;
  status: TicketStatus;
  categoryId: string;
  districtId: string | null;
  unitId: string | null;
  routingRuleId: string | null;
  /** Units the deciding rule keeps informed (read-only for them); cleared when a person moves the ticket. */
  informedUnitIds: string[];
  resolution: string | null;
  closureReasonId: string | null;
  version: number;
  /** DK-03's claim (triage/triage-claim.check.ts): its holder, and whether it still holds (not lapsed). */
  claimedBy?: string | null;
  claimLive?: boolean;
}

/**
 * Locks a ticket for a change. Visibility is checked first (404 outside the actor's scope),
 * then the move is checked against the lifecycle (409).
 */
export async function lockTicket(em: EntityManager, actor: Actor | null, id: string): Promise<LockedTicket> {
  // Acting needs more than reading: a unit kept informed sees the ticket but gets 404 trying to change it.
  const scope = actor ? ticketScope(actor, 2, 'act') : { where: 'true', params: [] };
  const rows: LockedTicket[] = await em.query(
    `SELECT t.id, t.type, t.status, t.category_id AS "categoryId", t.district_id AS "districtId", t.unit_id AS "unitId",
            t.routing_rule_id AS "routingRuleId", t.informed_unit_ids AS "informedUnitIds", t.resolution,
            t.closure_reason_id AS "closureReasonId", t.version,
            t.claimed_by AS "claimedBy", COALESCE(t.claim_expires_at > now(), false) AS "claimLive"
       FROM ticket t WHERE t.id = $1 AND t.number IS NOT NULL AND (${scope.where}) FOR UPDATE`,
    [id, ...scope.params],
  );
  if (!rows[0]) throw notFound('Ticket');
  return rows[0];
}

export interface Move {
  to: TicketStatus;
  kind: TicketEventKind;
  set?: Partial<Pick<LockedTicket, 'unitId' | 'resolution' | 'routingRuleId' | 'informedUnitIds' | 'closureReasonId'>>;
  reason?: string | null;
  /** The version the client saw; a different current version answers 409 (optimistic locking). */
  expectedVersion?: number;
  /** What a command changed itself besides these columns (a merge's main ticket, a split's parts), for the history. */
  extraChanges?: TicketChanges;
  /** Go ahead although a colleague holds a live DK-03 claim on the ticket (the history names them); else 409. */
  takeOver?: boolean;
}

const sameValue = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/** The triage inbox's statuses as an SQL list (constants, not input). */
const INBOX_STATUSES = TRIAGE_INBOX_STATUSES.map((status) => `'${status}'`).join(', ');

/** The ticket's version moved between reading and writing it: only a caller that did not lock it can meet this. */
export const movedMeanwhile = () =>
  conflict('The ticket changed while this change was being applied; reload and try again');

/** Applies a status move to a locked ticket: lifecycle check, update, event, outbox. */
export async function moveTicket(
  em: EntityManager,
  ticket: LockedTicket,
  by: TransitionActor,
  actorId: string | null,
  move: Move,
): Promise<number> {
  const current = { status: ticket.status, version: ticket.version };
  if (move.expectedVersion !== undefined && move.expectedVersion !== ticket.version) {
    throw staleVersion(current, move.expectedVersion);
  }
  assertMove(ticket, move.to, by, move.kind);
  // The one place DK-03's claims are enforced: every person's status move passes here.
  const overridden = await checkTriageClaim(em, ticket, by, actorId, move.takeOver);
  const changes: TicketChanges = { status: { from: ticket.status, to: move.to }, ...move.extraChanges, ...overridden };
  const next = { ...ticket, ...move.set, status: move.to };
  for (const key of Object.keys(move.set ?? {}) as (keyof NonNullable<Move['set']>)[]) {
    if (!sameValue(ticket[key], next[key])) changes[key] = { from: ticket[key], to: next[key] };
  }
  const informed = changes.informedUnitIds as { from: string[]; to: string[] } | undefined;
  // One statement for the update, its history event and the outbox row (a round trip per row was a third of
  // a routing's cost). It applies only to the version read, so a caller that did not lock the ticket loses a
  // race cleanly. History keeps the unit codes as they were, readable even if a unit is renamed later. The
  // informed units' codes come from a function (unit_codes): written inline, their subqueries made the shared
  // plan look costlier than planning afresh, and PostgreSQL planned this statement on every move.
  const rows: { seq: string }[] = await em.query(
    `WITH moved AS (
       UPDATE ticket SET status = $3, unit_id = $4, routing_rule_id = $5, resolution = $6, informed_unit_ids = $7,
                          closure_reason_id = $16,
                          -- The assignee works in the unit: a ticket that changes unit has nobody yet.
                          assignee_id = CASE WHEN unit_id IS DISTINCT FROM $4 THEN NULL ELSE assignee_id END,
                          -- An undelivered ticket given to another unit is no longer the old unit system's problem.
                          delivery_failed = delivery_failed AND unit_id IS NOT DISTINCT FROM $4,
                          -- An escalation is about the unit that missed the deadline. DK-03 giving the ticket to
                          -- another unit (or a unit returning it) is the answer to it: the new unit starts clean.
                          escalated_at = CASE WHEN unit_id IS DISTINCT FROM $4 THEN NULL ELSE escalated_at END,
                          -- A DK-03 claim is about the triage inbox: it ends when the ticket leaves it.
                          claimed_by = CASE WHEN $3 IN (${INBOX_STATUSES}) THEN claimed_by END,
                          claimed_at = CASE WHEN $3 IN (${INBOX_STATUSES}) THEN claimed_at END,
                          claim_expires_at = CASE WHEN $3 IN (${INBOX_STATUSES}) THEN claim_expires_at END,
                          updated_at = now(), version = version + 1
        WHERE id = $1 AND version = $2 RETURNING 1
     ),
     event AS (
       INSERT INTO ticket_event (ticket_id, kind, actor_id, changes, reason)
       SELECT $1, $8, $9,
              $10::jsonb
              || CASE WHEN $11 THEN jsonb_build_object('unit', jsonb_build_object(
                   'from', (SELECT code FROM unit WHERE id = $12), 'to', (SELECT code FROM unit WHERE id = $4)))
                 ELSE '{}' END
              || CASE WHEN $13 THEN jsonb_build_object('informedUnits', jsonb_build_object(
                   'from', unit_codes($14::uuid[]), 'to', unit_codes($7::uuid[])))
                 ELSE '{}' END,
              $15
         FROM moved RETURNING id
     )
     INSERT INTO outbox (event, payload)
     SELECT $8, jsonb_build_object('ticketId', $1::text, 'seq', event.id) FROM event
     RETURNING payload->>'seq' AS seq`,
    [
      ticket.id,
      ticket.version,
      next.status,
      next.unitId,
      next.routingRuleId,
      next.resolution,
      next.informedUnitIds,
      move.kind,
      actorId,
      JSON.stringify(changes),
      changes.unitId !== undefined,
      ticket.unitId,
      informed !== undefined,
      ticket.informedUnitIds,
      move.reason ?? null,
      next.closureReasonId,
    ],
  );
  if (!rows[0]) throw movedMeanwhile();
  Object.assign(ticket, next, { version: ticket.version + 1 });
  return Number(rows[0].seq);
}

export async function routeTicketByHand(
  db: DataSource,
  actor: Actor,
  id: string,
  input: RouteTicketRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    await routeLockedTicketByHand(em, actor, await lockTicket(em, actor, id), input);
    return getTicket(em, null, id);
  });
}

/** Routing by hand inside the caller's transaction, on a ticket it locked (DK-03's bulk routing too). */
export async function routeLockedTicketByHand(
  em: EntityManager,
  actor: Actor,
  ticket: LockedTicket,
  input: RouteTicketRequest,
): Promise<void> {
  const units: { id: string }[] = await em.query(`SELECT id FROM unit WHERE id = $1 AND active`, [input.unitId]);
  if (!units[0]) throw badField('unitId', `no active unit with id ${input.unitId}`);
  await moveTicket(em, ticket, actor.role, actor.id, {
    to: 'routed',
    kind: 'ticket.routed',
    // A person's decision replaces the rule's, informed units included.
    set: { unitId: input.unitId, routingRuleId: null, informedUnitIds: [] },
    reason: input.reason || `Przekazane ręcznie: ${actor.displayName}`,
    expectedVersion: input.version,
    takeOver: input.takeOver,
  });
}

/** One status move by a person: lock (404 outside their scope), check and apply, then read it back. */
async function changeTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  move: (em: EntityManager) => Promise<Move> | Move,
) {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    await moveTicket(em, ticket, actor.role, actor.id, await move(em));
    return getTicket(em, null, id);
  });
}

export const acceptTicket = (db: DataSource, actor: Actor, id: string, input: AcceptTicketRequest) =>
  changeTicket(db, actor, id, () => ({
    to: 'accepted',
    kind: 'ticket.accepted',
    reason: input.comment || null,
    expectedVersion: input.version,
  }));

export const startTicket = (db: DataSource, actor: Actor, id: string, input: { version?: number }) =>
  changeTicket(db, actor, id, () => ({ to: 'in_progress', kind: 'ticket.started', expectedVersion: input.version }));

export const resolveTicket = (db: DataSource, actor: Actor, id: string, input: ResolveTicketRequest) =>
  changeTicket(db, actor, id, () => ({
    to: 'resolved',
    kind: 'ticket.resolved',
    set: { resolution: input.answer },
    expectedVersion: input.version,
  }));

/** Not this unit's matter: back to DK-03's triage inbox, with the unit's reason in the history. */
export const returnTicket = (db: DataSource, actor: Actor, id: string, input: ReasonedMoveRequest) =>
  changeTicket(db, actor, id, async (em) => ({
    to: 'returned',
    kind: 'ticket.returned',
    set: { unitId: await unitIdByCode(em, TRIAGE_UNIT_CODE), routingRuleId: null, informedUnitIds: [] },
    reason: input.reason,
    expectedVersion: input.version,
  }));

/** Spam or not a city matter; the reason is the justification the resident reads. */
export const rejectTicket = (db: DataSource, actor: Actor, id: string, input: ReasonedMoveRequest) =>
  changeTicket(db, actor, id, () => rejectionMove(input));

/** The rejection as a move, for DK-03's bulk "reject as spam" too; a rejection sends the resident no e-mail. */
export const rejectionMove = (input: ReasonedMoveRequest): Move => ({
  to: 'rejected',
  kind: 'ticket.rejected',
  set: { resolution: input.reason },
  reason: input.reason,
  expectedVersion: input.version,
  takeOver: input.takeOver,
});

/** The matter is not solved after all: it goes back to the unit that resolved it (and shows in triage). */
export const reopenTicket = (db: DataSource, actor: Actor, id: string, input: ReasonedMoveRequest) =>
  changeTicket(db, actor, id, () => ({
    to: 'reopened',
    kind: 'ticket.reopened',
    // A reopened closed ticket is open again: the reason it was closed for no longer holds.
    set: { closureReasonId: null },
    reason: input.reason,
    expectedVersion: input.version,
  }));

/** DK-03 ends a resolved matter, saying why (an active closure_reason entry); the history keeps the label too. */
export const closeTicket = (db: DataSource, actor: Actor, id: string, input: CloseTicketRequest) =>
  changeTicket(db, actor, id, async (em) => {
    await assertEntry(em, 'closure_reason', input.closureReasonId, 'closureReasonId');
    const [entry]: { label_pl: string }[] = await em.query(`SELECT label_pl FROM dictionary_entry WHERE id = $1`, [
      input.closureReasonId,
    ]);
    return {
      to: 'closed',
      kind: 'ticket.closed',
      set: { closureReasonId: input.closureReasonId },
      extraChanges: { closureReason: { from: null, to: entry!.label_pl } },
      reason: input.reason ?? null,
      expectedVersion: input.version,
    };
  });
