// Which jobs the outbox relay need not add, one filter per queue whose consumer would ignore many of
// its events: each answers for a whole batch with one query. Consumers still check for themselves.
import type { EntityManager } from 'typeorm';
import type { QueueName } from '@kck/contracts';
import type { OutboxRow, SkipFilter } from './platform/outbox/outbox.relay.ts';

const ticketRef = (row: OutboxRow) => ({ ticketId: String(row.payload.ticketId), seq: Number(row.payload.seq) });

/**
 * The outbox ids among `rows` for which `condition` holds of the ticket event they carry (alias `e`, with its
 * ticket `t` and the unit the event gave the ticket to, `unit_id`, as unit-delivery.ts reads it).
 */
async function rowsWhere(em: EntityManager, rows: OutboxRow[], condition: string): Promise<Set<string>> {
  const refs = rows.map(ticketRef);
  const matches: { seq: string }[] = await em.query(
    `SELECT e.id AS seq
       FROM ticket_event e
       JOIN ticket t ON t.id = e.ticket_id
       CROSS JOIN LATERAL (SELECT coalesce((e.changes->'unitId'->>'to')::uuid, t.unit_id) AS unit_id) ev
      WHERE e.id = ANY($1::bigint[]) AND (${condition})`,
    [refs.map((r) => r.seq)],
  );
  const seqs = new Set(matches.map((m) => String(m.seq)));
  return new Set(rows.filter((row) => seqs.has(String(row.payload.seq))).map((row) => String(row.id)));
}

export const RELAY_SKIPS: Partial<Record<QueueName, SkipFilter>> = {
  // Most units work in the console: only a unit with an active integration gets a delivery job.
  delivery: (em, rows) =>
    rowsWhere(em, rows, `NOT EXISTS (SELECT 1 FROM unit_integration i WHERE i.unit_id = ev.unit_id AND i.active)`),
  // Most units assign by hand: only units with round-robin on get an assignment job.
  assignment: (em, rows) =>
    rowsWhere(
      em,
      rows,
      `NOT EXISTS (SELECT 1 FROM unit_assignment a WHERE a.unit_id = ev.unit_id AND a.mode = 'round_robin')`,
    ),
  // A ticket routed by a rule had its deadline alerts planned by the routing job itself (route-ticket.job.ts).
  deadlines: (em, rows) =>
    rowsWhere(
      em,
      rows.filter((row) => row.event === 'ticket.routed'),
      `e.actor_id IS NULL AND e.changes->'routingRuleId'->>'to' IS NOT NULL`,
    ),
  // Most phone reports leave no e-mail: the acknowledgement of a new ticket needs the reporter's address.
  // Other events (answers, merges, splits) may reach other tickets' reporters, so they always go.
  notifications: (em, rows) =>
    rowsWhere(
      em,
      rows.filter((row) => row.event === 'ticket.created'),
      `t.reporter_email IS NULL`,
    ),
};
