// Ticket numbering as a database function: one statement per run instead of four, and a plan PostgreSQL keeps
// for the connection instead of planning the numbering query each time (tickets/ticket-number.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketNumberingFunction1763800000400 implements MigrationInterface {
  name = 'TicketNumberingFunction1763800000400';

  async up(q: QueryRunner): Promise<void> {
    // Numbers every unnumbered ticket in creation order, bumps each year's counter by as many, and writes each
    // ticket's `ticket.created` event and outbox row ({ ticketId, seq }, as DOMAIN_EVENTS['ticket.created']).
    // Answers the tickets it numbered with their numbers: a request that wrote one needs no read to name it.
    // The lock is taken first and the query after it: a VOLATILE function's every query takes a fresh snapshot,
    // so it sees the numbers the previous holder of the lock committed. The lock lasts until the caller's
    // transaction ends; alone, that is this statement.
    await q.query(`
      CREATE FUNCTION number_pending_tickets() RETURNS TABLE (ticket_id uuid, number text)
        LANGUAGE plpgsql VOLATILE AS $$
      -- The result's column names are also the tables' column names: in the query they mean the columns.
      #variable_conflict use_column
      BEGIN
        PERFORM pg_advisory_xact_lock(731004);
        RETURN QUERY WITH pending AS (
          SELECT id, created_by, channel,
                 extract(year FROM created_at AT TIME ZONE 'Europe/Warsaw')::int AS year,
                 row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'Europe/Warsaw')
                                    ORDER BY created_at, id) AS position
            FROM ticket WHERE number IS NULL
        ),
        per_year AS (SELECT year, count(*)::int AS taken FROM pending GROUP BY year),
        counter AS (
          INSERT INTO ticket_number_counter (year, last_value) SELECT year, taken FROM per_year
          ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counter.last_value + EXCLUDED.last_value
          RETURNING year, last_value
        ),
        numbered AS (
          UPDATE ticket t
             SET number = 'KCK/' || p.year || '/' || lpad((c.last_value - y.taken + p.position)::text, 6, '0')
            FROM pending p JOIN per_year y USING (year) JOIN counter c USING (year)
           WHERE t.id = p.id
          RETURNING t.id, t.number, t.created_by, t.channel, t.created_at
        ),
        events AS (
          INSERT INTO ticket_event (ticket_id, kind, actor_id, at, changes)
          SELECT id, 'ticket.created', created_by, created_at,
                 jsonb_build_object('status', jsonb_build_object('from', null, 'to', 'new'),
                                    'number', jsonb_build_object('from', null, 'to', number),
                                    'channel', jsonb_build_object('from', null, 'to', channel))
            FROM numbered ORDER BY number
          RETURNING id, ticket_id
        ),
        relayed AS (
          INSERT INTO outbox (event, payload)
          SELECT 'ticket.created', jsonb_build_object('ticketId', e.ticket_id, 'seq', e.id) FROM events e ORDER BY e.id
        )
        SELECT n.id, n.number FROM numbered n;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION number_pending_tickets()`);
  }
}
