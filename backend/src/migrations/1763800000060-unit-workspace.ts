// The unit workspace: a ticket's assignee, staff presence and each unit's automatic assignment (round-robin
// pointer), comments (internal vs answers to the resident, with the answer's e-mail) and answer templates.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitWorkspace1763800000060 implements MigrationInterface {
  name = 'UnitWorkspace1763800000060';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ADD COLUMN assignee_id uuid REFERENCES app_user(id)`);
    // "Assigned to me" in a unit queue; most tickets have nobody yet, so only assigned rows are indexed.
    await q.query(`CREATE INDEX ticket_assignee_idx ON ticket (assignee_id) WHERE assignee_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE staff_presence (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        available boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE unit_assignment (
        unit_id uuid PRIMARY KEY REFERENCES unit(id),
        mode text NOT NULL DEFAULT 'off' CHECK (mode IN ('off', 'round_robin')),
        -- The round-robin pointer: the colleague who got the last ticket; the row is locked to move it.
        last_assignee_id uuid REFERENCES app_user(id),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row per routing event the automatic assignment has handled, so a re-delivered job does nothing.
    await q.query(`
      CREATE TABLE auto_assignment_run (
        routed_seq bigint PRIMARY KEY REFERENCES ticket_event(id),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        assignee_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE ticket_comment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        kind text NOT NULL CHECK (kind IN ('internal', 'answer')),
        author_id uuid REFERENCES app_user(id),
        body text NOT NULL,
        event_seq bigint NOT NULL UNIQUE REFERENCES ticket_event(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ticket_comment_ticket_idx ON ticket_comment (ticket_id, created_at)`);
    // Notes the unit API wrote before comments had a table of their own are internal comments.
    await q.query(`
      INSERT INTO ticket_comment (ticket_id, kind, author_id, body, event_seq, created_at)
      SELECT ticket_id, 'internal', actor_id, reason, id, at FROM ticket_event
       WHERE kind = 'ticket.commented' AND reason IS NOT NULL`);
    // The answer's e-mail, at most one per answer; the same idempotency as the notification table.
    await q.query(`
      CREATE TABLE answer_mail (
        comment_id uuid PRIMARY KEY REFERENCES ticket_comment(id),
        recipient text NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
        message_id text,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CONSTRAINT answer_mail_sent_has_time CHECK (status <> 'sent' OR sent_at IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE answer_template (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        unit_id uuid NOT NULL REFERENCES unit(id),
        name text NOT NULL,
        body text NOT NULL,
        updated_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (unit_id, name)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS answer_template`);
    await q.query(`DROP TABLE IF EXISTS answer_mail`);
    await q.query(`DROP TABLE IF EXISTS ticket_comment`);
    await q.query(`DROP TABLE IF EXISTS auto_assignment_run`);
    await q.query(`DROP TABLE IF EXISTS unit_assignment`);
    await q.query(`DROP TABLE IF EXISTS staff_presence`);
    await q.query(`ALTER TABLE ticket DROP COLUMN IF EXISTS assignee_id`);
  }
}
