// Deadlines: a ticket's priority, the policies its due date is counted from, the clock paused while the
// ticket waits for the resident, and the reminders and escalations sent about each due date (at most once).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Deadlines1763800000050 implements MigrationInterface {
  name = 'Deadlines1763800000050';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket
        ADD COLUMN priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        ADD COLUMN waiting_since timestamptz,
        ADD COLUMN waiting_question text,
        ADD COLUMN escalated_at timestamptz,
        ADD CONSTRAINT ticket_waiting_has_question CHECK ((waiting_since IS NULL) = (waiting_question IS NULL))`);
    // Overdue and due-soon lists look at open tickets by due date.
    await q.query(`CREATE INDEX ticket_open_due_idx ON ticket (due_at)
      WHERE status IN ('new', 'triage', 'routed', 'accepted', 'in_progress', 'returned', 'reopened')`);
    await q.query(`CREATE INDEX ticket_escalated_idx ON ticket (escalated_at) WHERE escalated_at IS NOT NULL`);

    await q.query(`
      CREATE TABLE deadline_policy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_type text NOT NULL CHECK (ticket_type IN ('problem', 'idea', 'information')),
        -- NULL: any category; a group category covers its leaves.
        category_id uuid REFERENCES dictionary_entry(id),
        -- NULL: any priority.
        priority text CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
        working_days integer CHECK (working_days BETWEEN 1 AND 120),
        working_hours integer CHECK (working_hours BETWEEN 1 AND 400),
        note text NOT NULL DEFAULT '',
        CONSTRAINT deadline_policy_one_unit CHECK ((working_days IS NULL) <> (working_hours IS NULL)),
        CONSTRAINT deadline_policy_unique UNIQUE NULLS NOT DISTINCT (ticket_type, category_id, priority)
      )`);
    // The general rules; seed adds the categories whose hazards are counted in hours. Notes are read by
    // analysts on the Polish page, so they are in Polish.
    await q.query(`
      INSERT INTO deadline_policy (ticket_type, priority, working_days, working_hours, note) VALUES
        ('problem', NULL, 21, NULL, 'KPA art. 35 § 3: sprawa załatwiana w ciągu miesiąca (21 dni roboczych)'),
        ('problem', 'low', 21, NULL, 'KPA art. 35 § 3: nie dłużej niż miesiąc'),
        ('problem', 'high', 7, NULL, 'Sprawa niewymagająca postępowania wyjaśniającego: bez zbędnej zwłoki'),
        ('problem', 'urgent', 2, NULL, 'Zagrożenie poza kategoriami liczonymi w godzinach'),
        ('information', NULL, 10, NULL, 'Informacja publiczna: 14 dni kalendarzowych (ok. 10 dni roboczych)'),
        ('information', 'urgent', 5, NULL, 'Informacja potrzebna od razu'),
        ('idea', NULL, 42, NULL, 'Pomysł wymaga oceny: dwa miesiące (KPA art. 35 § 3, sprawa szczególnie skomplikowana)'),
        ('idea', 'high', 21, NULL, 'Pomysł, z którym Kancelaria Prezydenta prosi o pośpiech')`);

    await q.query(`
      CREATE TABLE deadline_alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        kind text NOT NULL CHECK (kind IN ('reminder', 'escalation')),
        -- The due date it is about: a moved deadline gets a reminder and an escalation of its own.
        due_at timestamptz NOT NULL,
        event_seq bigint NOT NULL REFERENCES ticket_event(id),
        recipients text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'skipped', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        UNIQUE (ticket_id, kind, due_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS deadline_alert`);
    await q.query(`DROP TABLE IF EXISTS deadline_policy`);
    await q.query(`DROP INDEX IF EXISTS ticket_escalated_idx`);
    await q.query(`DROP INDEX IF EXISTS ticket_open_due_idx`);
    await q.query(`ALTER TABLE ticket DROP CONSTRAINT IF EXISTS ticket_waiting_has_question,
      DROP COLUMN IF EXISTS escalated_at, DROP COLUMN IF EXISTS waiting_question,
      DROP COLUMN IF EXISTS waiting_since, DROP COLUMN IF EXISTS priority`);
  }
}
