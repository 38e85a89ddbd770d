// Tickets are written first and numbered right after commit, many at once (tickets/ticket-number.ts):
// the number may be empty for that moment, and unnumbered tickets are found through a small partial index.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BatchedTicketNumbers1763800000030 implements MigrationInterface {
  name = 'BatchedTicketNumbers1763800000030';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ALTER COLUMN number DROP NOT NULL`);
    await q.query(`CREATE INDEX ticket_unnumbered_idx ON ticket (created_at, id) WHERE number IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ticket_unnumbered_idx`);
    await q.query(`ALTER TABLE ticket ALTER COLUMN number SET NOT NULL`);
  }
}
