// Tickets: the commands that create and move them. Each runs in one transaction that writes
// the ticket, its history event and an outbox row together; status moves go through the lifecycle.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AcceptTicketRequest,
  Channel,
  CreateTicketRequest,
  ResolveTicketRequest,
  RouteTicketRequest,
  TicketDto,
  TicketEventKind,
  TicketStatus,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { assertEntry } from '../dictionaries/dictionaries.service.ts';
import { addWorkingDays } from '../deadlines/working-days.ts';
import { badField, notFound } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { assertTransition, type TransitionActor } from './ticket-lifecycle.ts';
import { nextTicketNumber } from './ticket-number.ts';
import { Ticket } from './ticket.entity.ts';
import { TicketEvent, type TicketChanges } from './ticket-event.entity.ts';
import { getTicket } from './tickets.queries.ts';
import { ticketScope } from './tickets.policy.ts';

/** Until routing deadlines per category arrive, every ticket gets the Code of Administrative Procedure's month. */
export const DEFAULT_RESOLUTION_WORKING_DAYS = 21;

/** Appends a history event and its outbox row; returns the event's sequence id. */
export async function appendTicketEvent(
  em: EntityManager,
  ticketId: string,
  kind: TicketEventKind,
  actorId: string | null,
  changes: TicketChanges,
  reason: string | null = null,
): Promise<number> {
  const event = await em.getRepository(TicketEvent).save({ ticketId, kind, actorId, changes, reason });
  const seq = Number(event.id);
  await recordEvent(em, kind, { ticketId, seq });
  return seq;
}

/** Writes a new ticket inside the caller's transaction (calls create tickets in theirs). */
export async function insertTicket(
  em: EntityManager,
  actor: Actor | null,
  input: CreateTicketRequest & { channel: Channel },
  options: { interactionId?: string; fieldPrefix?: string } = {},
): Promise<Ticket> {
  const prefix = options.fieldPrefix ?? '';
  await assertEntry(em, 'category', input.categoryId, `${prefix}categoryId`);
  if (input.districtId) await assertEntry(em, 'district', input.districtId, `${prefix}districtId`);
  const now = new Date();
  const ticket = await em.getRepository(Ticket).save({
    number: await nextTicketNumber(em, now),
    type: input.type,
    channel: input.channel,
    status: 'new',
    title: input.title,
    description: input.description,
    categoryId: input.categoryId,
    districtId: input.districtId ?? null,
    address: input.address || null,
    reporterName: input.reporter?.name || null,
    reporterPhone: input.reporter?.phone || null,
    reporterEmail: input.reporter?.email || null,
    unitId: null,
    routingRuleId: null,
    dueAt: addWorkingDays(now, DEFAULT_RESOLUTION_WORKING_DAYS),
    resolution: null,
    interactionId: options.interactionId ?? null,
    createdBy: actor?.id ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await appendTicketEvent(em, ticket.id, 'ticket.created', actor?.id ?? null, {
    status: { from: null, to: 'new' },
    number: { from: null, to: ticket.number },
    channel: { from: null, to: ticket.channel },
  });
  return ticket;
}

export async function createTicket(db: DataSource, actor: Actor, input: CreateTicketRequest): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await insertTicket(em, actor, input);
    return getTicket(em, null, ticket.id);
  });
}

/**
 * Locks a ticket for a change. Visibility is checked first (404 outside the actor's scope),
 * then the move is checked against the lifecycle (409).
 */
export async function lockTicket(em: EntityManager, actor: Actor | null, id: string): Promise<Ticket> {
  const scope = actor ? ticketScope(actor, 2) : { where: 'true', params: [] };
  const rows: { id: string }[] = await em.query(`SELECT t.id FROM ticket t WHERE t.id = $1 AND (${scope.where}) FOR UPDATE`, [id, ...scope.params]);
  if (!rows[0]) throw notFound('Ticket');
  return em.getRepository(Ticket).findOneByOrFail({ id });
}

interface Move {
  to: TicketStatus;
  kind: TicketEventKind;
  set?: Partial<Pick<Ticket, 'unitId' | 'resolution' | 'routingRuleId'>>;
  reason?: string | null;
}

/** Applies a status move to a locked ticket: lifecycle check, update, event, outbox. */
export async function moveTicket(em: EntityManager, ticket: Ticket, by: TransitionActor, actorId: string | null, move: Move): Promise<number> {
  assertTransition(ticket.status, move.to, by);
  const changes: TicketChanges = { status: { from: ticket.status, to: move.to } };
  for (const [key, value] of Object.entries(move.set ?? {}) as [keyof NonNullable<Move['set']>, string | null][]) {
    if (ticket[key] !== value) changes[key] = { from: ticket[key], to: value };
    ticket[key] = value;
  }
  if (changes.unitId) {
    // History keeps the unit codes as they were, readable even if a unit is renamed later.
    const codes: { id: string; code: string }[] = await em.query(`SELECT id, code FROM unit WHERE id = ANY($1::uuid[])`, [
      [changes.unitId.from, changes.unitId.to].filter(Boolean),
    ]);
    const codeOf = (id: unknown) => codes.find((u) => u.id === id)?.code ?? null;
    changes.unit = { from: codeOf(changes.unitId.from), to: codeOf(changes.unitId.to) };
  }
  ticket.status = move.to;
  ticket.updatedAt = new Date();
  await em.getRepository(Ticket).save(ticket);
  return appendTicketEvent(em, ticket.id, move.kind, actorId, changes, move.reason ?? null);
}

export async function routeTicketByHand(db: DataSource, actor: Actor, id: string, input: RouteTicketRequest): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    const units: { id: string }[] = await em.query(`SELECT id FROM unit WHERE id = $1 AND active`, [input.unitId]);
    if (!units[0]) throw badField('unitId', `no active unit with id ${input.unitId}`);
    await moveTicket(em, ticket, actor.role, actor.id, {
      to: 'routed',
      kind: 'ticket.routed',
      set: { unitId: input.unitId, routingRuleId: null },
      reason: input.reason || `Routed by hand by ${actor.displayName}`,
    });
    return getTicket(em, null, id);
  });
}

export async function acceptTicket(db: DataSource, actor: Actor, id: string, input: AcceptTicketRequest): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    await moveTicket(em, ticket, actor.role, actor.id, { to: 'accepted', kind: 'ticket.accepted', reason: input.comment || null });
    return getTicket(em, null, id);
  });
}

export async function resolveTicket(db: DataSource, actor: Actor, id: string, input: ResolveTicketRequest): Promise<TicketDto> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, id);
    await moveTicket(em, ticket, actor.role, actor.id, { to: 'resolved', kind: 'ticket.resolved', set: { resolution: input.answer } });
    return getTicket(em, null, id);
  });
}
