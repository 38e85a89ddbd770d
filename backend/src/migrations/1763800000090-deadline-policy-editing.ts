// Deadline policies become data analysts and admins edit in the console: deactivated rather than deleted, and
// each change stamped with who made it and when. Only active policies need be unique per type, category, priority.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlinePolicyEditing1763800000090 implements MigrationInterface {
  name = 'DeadlinePolicyEditing1763800000090';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE deadline_policy
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by uuid REFERENCES app_user(id),
        DROP CONSTRAINT deadline_policy_unique`);
    // A deactivated policy stays as history; a new one may take its key.
    await q.query(`CREATE UNIQUE INDEX deadline_policy_active_unique
      ON deadline_policy (ticket_type, category_id, priority) NULLS NOT DISTINCT WHERE active`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS deadline_policy_active_unique`);
    await q.query(`DELETE FROM deadline_policy WHERE NOT active`);
    await q.query(`
      ALTER TABLE deadline_policy
        ADD CONSTRAINT deadline_policy_unique UNIQUE NULLS NOT DISTINCT (ticket_type, category_id, priority),
        DROP COLUMN IF EXISTS updated_by,
        DROP COLUMN IF EXISTS updated_at,
        DROP COLUMN IF EXISTS active`);
  }
}
