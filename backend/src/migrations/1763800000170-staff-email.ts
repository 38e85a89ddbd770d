// Staff accounts get an e-mail address, so an escalation reaches the supervisors of the unit and of the unit
// above it in person, not only the units' shared mailboxes.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StaffEmail1763800000170 implements MigrationInterface {
  name = 'StaffEmail1763800000170';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@\\s]+@[^@\\s]+$')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP COLUMN email`);
  }
}
