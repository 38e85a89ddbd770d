// The `notification` table: one row per e-mail a resident is owed (acknowledgement, answer) and its fate.
// UNIQUE (ticket_id, kind) is what keeps a retried or re-delivered queue job from mailing twice.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1763800000020 implements MigrationInterface {
  name = 'Notifications1763800000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        kind text NOT NULL CHECK (kind IN ('ticket_acknowledged', 'ticket_answered')),
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
        message_id text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (ticket_id, kind),
        CONSTRAINT notification_sent_has_time CHECK (status <> 'sent' OR sent_at IS NOT NULL)
      )`);
    // What an operator looks for: mail that has not gone out yet, or gave up.
    await q.query(
      `CREATE INDEX notification_unsent_idx ON notification (created_at) WHERE status IN ('pending', 'failed')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS notification`);
  }
}
