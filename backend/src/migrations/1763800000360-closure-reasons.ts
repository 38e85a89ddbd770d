// Why DK-03 closed a ticket: an entry of the closure_reason dictionary that analysts keep, so DK-05 can count
// closures by reason. Tickets closed before this (and split originals) have none.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClosureReasons1763800000360 implements MigrationInterface {
  name = 'ClosureReasons1763800000360';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ADD COLUMN closure_reason_id uuid REFERENCES dictionary_entry(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket DROP COLUMN closure_reason_id`);
  }
}
