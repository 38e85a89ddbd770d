// KP-02, the Mayor's office: the role `mayor_office`, the channel renamed from `mayor_office` to `mayor`, each
// matter's own data beside its ticket (where it came from, the Mayor's deadline), and deadline policies per channel.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'agent', 'triage', 'unit_staff', 'analyst', 'kb_editor', 'supervisor', 'admin'`;
const CHANNELS_BEFORE = `'phone', 'email', 'web_form', 'kpum', 'mayor_office', 'open311'`;
const CHANNELS_AFTER = `'phone', 'email', 'web_form', 'kpum', 'mayor', 'open311'`;

export class MayorMatters1763800000230 implements MigrationInterface {
  name = 'MayorMatters1763800000230';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check,
      ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE}, 'mayor_office'))`);

    // The channel is named after what reaches us (a matter for the Mayor), not after the role that takes it.
    // History events keep the code they were written with: ticket_event is append-only.
    await q.query(`ALTER TABLE ticket DROP CONSTRAINT ticket_channel_check`);
    await q.query(`UPDATE ticket SET channel = 'mayor' WHERE channel = 'mayor_office'`);
    await q.query(`ALTER TABLE ticket ADD CONSTRAINT ticket_channel_check CHECK (channel IN (${CHANNELS_AFTER}))`);
    await q.query(`
      UPDATE dictionary_entry SET code = 'mayor'
       WHERE dictionary = 'channel' AND code = 'mayor_office'
         AND NOT EXISTS (SELECT 1 FROM dictionary_entry WHERE dictionary = 'channel' AND code = 'mayor')`);
    // KP-02's list reads the channel's tickets by due date.
    await q.query(`CREATE INDEX ticket_mayor_due_idx ON ticket (due_at) WHERE channel = 'mayor'`);

    // NULL: any channel. At most one active policy per type, category, priority and channel.
    await q.query(`ALTER TABLE deadline_policy
      ADD COLUMN channel text CONSTRAINT deadline_policy_channel_check CHECK (channel IN (${CHANNELS_AFTER}))`);
    await q.query(`DROP INDEX deadline_policy_active_unique`);
    await q.query(`CREATE UNIQUE INDEX deadline_policy_active_unique
      ON deadline_policy (ticket_type, category_id, priority, channel) NULLS NOT DISTINCT WHERE active`);

    // One row per ticket of channel `mayor`, written in the ticket's own transaction. Dates are calendar days in
    // Kraków; the Mayor's deadline, when given, is the ticket's due date (the end of that day).
    await q.query(`
      CREATE TABLE mayor_matter (
        ticket_id uuid PRIMARY KEY REFERENCES ticket(id),
        origin text NOT NULL CHECK (origin IN ('letter', 'meeting', 'email_to_mayor')),
        reference text CHECK (char_length(reference) BETWEEN 1 AND 100),
        received_on date NOT NULL,
        meeting_on date,
        mayor_deadline date,
        registered_by uuid NOT NULL REFERENCES app_user(id),
        CONSTRAINT mayor_matter_meeting_date CHECK ((origin = 'meeting') = (meeting_on IS NOT NULL)),
        CONSTRAINT mayor_matter_meeting_before_receipt CHECK (meeting_on IS NULL OR meeting_on <= received_on),
        CONSTRAINT mayor_matter_deadline_after_receipt CHECK (mayor_deadline IS NULL OR mayor_deadline >= received_on)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS mayor_matter`);
    await q.query(`DROP INDEX IF EXISTS deadline_policy_active_unique`);
    await q.query(`DELETE FROM deadline_policy WHERE channel IS NOT NULL`);
    await q.query(`ALTER TABLE deadline_policy DROP COLUMN IF EXISTS channel`);
    await q.query(`CREATE UNIQUE INDEX deadline_policy_active_unique
      ON deadline_policy (ticket_type, category_id, priority) NULLS NOT DISTINCT WHERE active`);
    await q.query(`DROP INDEX IF EXISTS ticket_mayor_due_idx`);
    await q.query(`ALTER TABLE ticket DROP CONSTRAINT ticket_channel_check`);
    await q.query(`UPDATE ticket SET channel = 'mayor_office' WHERE channel = 'mayor'`);
    await q.query(`ALTER TABLE ticket ADD CONSTRAINT ticket_channel_check CHECK (channel IN (${CHANNELS_BEFORE}))`);
    await q.query(`
      UPDATE dictionary_entry SET code = 'mayor_office'
       WHERE dictionary = 'channel' AND code = 'mayor'
         AND NOT EXISTS (SELECT 1 FROM dictionary_entry WHERE dictionary = 'channel' AND code = 'mayor_office')`);
    // The role goes away; its accounts stay (history names them), switched off.
    await q.query(`UPDATE app_user SET role = 'agent', active = false WHERE role = 'mayor_office'`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check,
      ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE}))`);
  }
}
