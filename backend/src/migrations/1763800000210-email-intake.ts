// E-mail intake: every message received (by SMTP or from the IMAP mailbox) once, keyed by its Message-ID, with
// what became of it. The key makes intake exactly-once: a relay's retry or a re-read mailbox finds its row.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailIntake1763800000210 implements MigrationInterface {
  name = 'EmailIntake1763800000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- The Message-ID without its angle brackets, or sha256:<hex> of the message for one that has none.
        message_key text NOT NULL UNIQUE CHECK (length(message_key) BETWEEN 1 AND 998),
        source text NOT NULL CHECK (source IN ('smtp', 'imap')),
        received_at timestamptz NOT NULL DEFAULT now(),
        -- The envelope's sender (MAIL FROM); NULL for the null sender <> of bounces.
        envelope_from text,
        from_address text,
        subject text,
        size_bytes integer NOT NULL CHECK (size_bytes >= 0),
        -- ticket: a new ticket; message: added to an existing ticket as the resident's message; ignored: an
        -- auto-reply, a bounce or a loop, never a ticket.
        outcome text NOT NULL CHECK (outcome IN ('ticket', 'message', 'ignored')),
        ticket_id uuid REFERENCES ticket (id),
        comment_id uuid REFERENCES ticket_comment (id),
        -- Why it was ignored, or what could not be taken from it (a refused attachment).
        note text,
        CHECK ((outcome = 'ignored') = (ticket_id IS NULL)),
        CHECK ((outcome = 'message') = (comment_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX email_message_ticket_idx ON email_message (ticket_id) WHERE ticket_id IS NOT NULL`);
    await q.query(`CREATE INDEX email_message_received_idx ON email_message (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE email_message`);
  }
}
