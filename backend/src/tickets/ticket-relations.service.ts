// Relations between tickets: DK-03 merges a duplicate into its main ticket and links related tickets.
// One transaction each; every change is a history event on both tickets, and a merge tells the reporter.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  LinkTicketRequest,
  MergeTicketRequest,
  TicketDto,
  TicketRefDto,
  TicketRelationsDto,
  TicketStatus,
  UnlinkTicketRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, notFound, staleVersion } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket, moveTicket, type LockedTicket } from './tickets.service.ts';
import { getTicket } from './tickets.queries.ts';
import { ticketScope } from './tickets.policy.ts';

interface NumberedTicket {
  id: string;
  number: string;
  status: TicketStatus;
  /** For a duplicate: the number of its main ticket. */
  mainNumber: string | null;
}

async function ticketByNumber(em: EntityManager, number: string, field: string): Promise<NumberedTicket> {
  const rows: NumberedTicket[] = await em.query(
    `SELECT t.id, t.number, t.status, m.number AS "mainNumber"
       FROM ticket t LEFT JOIN ticket m ON m.id = t.duplicate_of_id
      WHERE t.number = $1`,
    [number],
  );
  if (!rows[0]) throw badField(field, `there is no ticket ${number}`);
  return rows[0];
}

/** Locks two tickets in id order, so two clerks merging A into B and B into A cannot deadlock. */
async function lockPair(em: EntityManager, actor: Actor, a: string, b: string): Promise<[LockedTicket, LockedTicket]> {
  const locked = new Map<string, LockedTicket>();
  for (const id of [a, b].sort()) locked.set(id, await lockTicket(em, actor, id));
  return [locked.get(a)!, locked.get(b)!];
}

/** Statuses a main ticket may not have: its reporters could no longer hear an answer through it. */
const CLOSED_TO_MERGES: Partial<Record<TicketStatus, string>> = {
  closed: 'is closed',
  rejected: 'was rejected',
  resolved: 'is already resolved (reopen it first, or answer this report on its own)',
};

/**
 * Marks ticket `id` as a duplicate of the ticket numbered `input.into`. The duplicate keeps its reporter and
 * a link to the main ticket; its duplicates follow it to the new main ticket. The reporter is told the main
 * number now (ticket.merged) and gets the main ticket's answer when it is resolved.
 */
export async function mergeTicket(
  db: DataSource,
  actor: Actor,
  id: string,
  input: MergeTicketRequest,
): Promise<TicketDto> {
  return db.transaction(async (em) => {
    await mergeTicketIn(em, actor, id, input);
    return getTicket(em, null, id);
  });
}

/** The merge inside the caller's transaction, which may hold other merges too (DK-03's bulk merge). */
export async function mergeTicketIn(
  em: EntityManager,
  actor: Actor,
  id: string,
  input: MergeTicketRequest,
): Promise<void> {
  const target = await ticketByNumber(em, input.into, 'into');
  if (target.id === id) throw badField('into', 'a ticket cannot be merged into itself');
  const [duplicate, main] = await lockPair(em, actor, id, target.id);
  // Read again under the lock: the main ticket may have moved since it was looked up.
  const locked = await ticketByNumber(em, input.into, 'into');
  if (main.status === 'duplicate')
    throw badField(
      'into',
      `${input.into} is itself a duplicate of ${locked.mainNumber}; merge into ${locked.mainNumber}`,
    );
  const refusal = CLOSED_TO_MERGES[main.status];
  if (refusal) throw badField('into', `${input.into} ${refusal}; it cannot take duplicates`);
  const [{ number }] = (await em.query(`SELECT number FROM ticket WHERE id = $1`, [id])) as [{ number: string }];

  await moveTicket(em, duplicate, actor.role, actor.id, {
    to: 'duplicate',
    kind: 'ticket.merged',
    reason: input.reason,
    expectedVersion: input.version,
    extraChanges: { duplicateOf: { from: null, to: input.into } },
    takeOver: input.takeOver,
  });
  await em.query(`UPDATE ticket SET duplicate_of_id = $2 WHERE id = $1`, [id, main.id]);
  await appendTicketEvent(
    em,
    main.id,
    'ticket.linked',
    actor.id,
    { duplicates: { from: null, to: number } },
    input.reason,
  );

  // Tickets merged into this one earlier now belong to the new main ticket: one level, one answer for all.
  // (A CTE, because TypeORM answers UPDATE … RETURNING with [rows, count] rather than the rows.)
  const followers: { id: string }[] = await em.query(
    `WITH moved AS (UPDATE ticket SET duplicate_of_id = $2 WHERE duplicate_of_id = $1 RETURNING id) SELECT id FROM moved`,
    [id, main.id],
  );
  for (const follower of followers) {
    await appendTicketEvent(
      em,
      follower.id,
      'ticket.linked',
      actor.id,
      { duplicateOf: { from: number, to: input.into } },
      `${number} połączone z ${input.into}`,
    );
  }
}

function checkVersion(ticket: LockedTicket, expected: number | undefined): void {
  if (expected !== undefined && expected !== ticket.version)
    throw staleVersion({ status: ticket.status, version: ticket.version }, expected);
}

/** Links two related tickets (not duplicates); the link shows on both, with an event on each. */
export async function linkTickets(
  db: DataSource,
  actor: Actor,
  id: string,
  input: LinkTicketRequest,
): Promise<TicketRelationsDto> {
  await db.transaction(async (em) => {
    const other = await ticketByNumber(em, input.other, 'other');
    if (other.id === id) throw badField('other', 'a ticket cannot be linked to itself');
    const [ticket] = await lockPair(em, actor, id, other.id);
    checkVersion(ticket, input.version);
    const related: { n: number }[] = await em.query(
      `SELECT count(*)::int AS n FROM ticket a JOIN ticket b ON b.id = $2
        WHERE a.id = $1 AND (a.duplicate_of_id = b.id OR b.duplicate_of_id = a.id
                             OR a.split_from_id = b.id OR b.split_from_id = a.id)`,
      [id, other.id],
    );
    if (related[0]!.n > 0)
      throw badField('other', `${input.other} is already related to this ticket as a duplicate or a part`);
    const [low, high] = [id, other.id].sort();
    const inserted: unknown[] = await em.query(
      `INSERT INTO ticket_link (ticket_id, linked_id, created_by) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING ticket_id`,
      [low, high, actor.id],
    );
    if (inserted.length === 0) throw conflict(`This ticket is already linked to ${input.other}`);
    const [{ number }] = (await em.query(`SELECT number FROM ticket WHERE id = $1`, [id])) as [{ number: string }];
    const reason = input.reason ?? null;
    await appendTicketEvent(em, id, 'ticket.linked', actor.id, { links: { from: null, to: input.other } }, reason);
    await appendTicketEvent(em, other.id, 'ticket.linked', actor.id, { links: { from: null, to: number } }, reason);
  });
  return getTicketRelations(db, actor, id);
}

export async function unlinkTickets(
  db: DataSource,
  actor: Actor,
  id: string,
  input: UnlinkTicketRequest,
): Promise<TicketRelationsDto> {
  await db.transaction(async (em) => {
    const [ticket] = await lockPair(em, actor, id, input.otherId);
    checkVersion(ticket, input.version);
    const [low, high] = [id, input.otherId].sort();
    const removed: unknown[] = await em.query(
      `WITH removed AS (DELETE FROM ticket_link WHERE ticket_id = $1 AND linked_id = $2 RETURNING ticket_id)
       SELECT ticket_id FROM removed`,
      [low, high],
    );
    if (removed.length === 0) throw notFound('Link between these tickets');
    const numbers: { id: string; number: string }[] = await em.query(
      `SELECT id, number FROM ticket WHERE id = ANY($1::uuid[])`,
      [[id, input.otherId]],
    );
    const numberOf = (ticketId: string) => numbers.find((n) => n.id === ticketId)!.number;
    const reason = input.reason ?? null;
    await appendTicketEvent(
      em,
      id,
      'ticket.unlinked',
      actor.id,
      { links: { from: numberOf(input.otherId), to: null } },
      reason,
    );
    await appendTicketEvent(
      em,
      input.otherId,
      'ticket.unlinked',
      actor.id,
      { links: { from: numberOf(id), to: null } },
      reason,
    );
  });
  return getTicketRelations(db, actor, id);
}

type Relation = keyof TicketRelationsDto;

/** The relations of a ticket the actor may read (404 otherwise), listing only related tickets they may read too. */
export async function getTicketRelations(db: DataSource, actor: Actor, id: string): Promise<TicketRelationsDto> {
  await getTicket(db, actor, id);
  const scope = ticketScope(actor, 2);
  const rows: (TicketRefDto & { relation: Relation })[] = await db.query(
    `WITH related AS (
       SELECT 'duplicateOf' AS relation, duplicate_of_id AS id FROM ticket WHERE id = $1 AND duplicate_of_id IS NOT NULL
       UNION ALL SELECT 'duplicates', id FROM ticket WHERE duplicate_of_id = $1
       UNION ALL SELECT 'splitFrom', split_from_id FROM ticket WHERE id = $1 AND split_from_id IS NOT NULL
       UNION ALL SELECT 'parts', id FROM ticket WHERE split_from_id = $1
       UNION ALL SELECT 'links', CASE WHEN ticket_id = $1 THEN linked_id ELSE ticket_id END
                   FROM ticket_link WHERE ticket_id = $1 OR linked_id = $1
     )
     SELECT r.relation, t.id, t.number, t.title, t.status, u.code AS "unitCode"
       FROM related r JOIN ticket t ON t.id = r.id LEFT JOIN unit u ON u.id = t.unit_id
      WHERE t.number IS NOT NULL AND (${scope.where})
      ORDER BY t.number`,
    [id, ...scope.params],
  );
  const refs = (relation: Relation): TicketRefDto[] =>
    rows
      .filter((r) => r.relation === relation)
      .map(({ id: refId, number, title, status, unitCode }) => ({ id: refId, number, title, status, unitCode }));
  return {
    duplicateOf: refs('duplicateOf')[0] ?? null,
    duplicates: refs('duplicates'),
    links: refs('links'),
    splitFrom: refs('splitFrom')[0] ?? null,
    parts: refs('parts'),
  };
}
