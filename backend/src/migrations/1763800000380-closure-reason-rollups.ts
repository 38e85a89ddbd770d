// DK-05 counts closed tickets by why they were closed: the ticket rollups gain the closure reason as a dimension.
// No rebuild is needed: no ticket had a closure reason before 1763800000360, so NULL is every old row's value.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ClosureReasonRollups1763800000380 implements MigrationInterface {
  name = 'ClosureReasonRollups1763800000380';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rollup_ticket_day ADD COLUMN closure_reason_id uuid`);
    await q.query(`ALTER TABLE rollup_ticket_month ADD COLUMN closure_reason_id uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rollup_ticket_month DROP COLUMN closure_reason_id`);
    await q.query(`ALTER TABLE rollup_ticket_day DROP COLUMN closure_reason_id`);
  }
}
