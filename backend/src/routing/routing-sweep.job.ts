// The `routing-sweep` queue's consumer: a ticket still `new` well after it was written lost its routing job
// (Redis crashed after taking it and before writing it to disk); its `ticket.created` row is published again.
import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.ts';

/** At most this many stuck tickets per run; the next run takes the rest. */
const BATCH = 500;

/**
 * The relay marks an outbox row published once Redis has the job, so a job Redis loses is never sent again.
 * Clearing `published_at` lets the relay send it once more, under the same job id: a job still waiting is not
 * doubled, routing skips a ticket that has moved on, and the acknowledgement e-mail is sent once (its row is unique).
 * Rows never published yet are the relay's to send, so they are left alone.
 */
export async function republishStuckTickets(db: DataSource, logger: Logger, olderThanMs: number): Promise<string[]> {
  const stuck: { id: string }[] = await db.query(
    `SELECT id::text AS id FROM ticket
      WHERE status = 'new' AND number IS NOT NULL AND created_at < now() - make_interval(secs => $1::float8 / 1000)
      ORDER BY created_at LIMIT ${BATCH}`,
    [olderThanMs],
  );
  if (stuck.length === 0) return [];
  const rows: { ticket_id: string }[] = await db.query(
    `UPDATE outbox SET published_at = NULL
      WHERE event = 'ticket.created' AND payload->>'ticketId' = ANY($1::text[]) AND published_at IS NOT NULL
      RETURNING payload->>'ticketId' AS ticket_id`,
    [stuck.map((t) => t.id)],
  );
  const tickets = rows.map((r) => r.ticket_id);
  if (tickets.length > 0)
    logger.warn({ tickets, olderThanMs }, 'tickets still new: their ticket.created is published again for routing');
  return tickets;
}
