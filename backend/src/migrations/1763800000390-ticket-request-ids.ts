// A client's own id for a ticket it sends (`requestId`): sending the same ticket again after a timeout or a
// dropped connection answers the ticket written the first time instead of writing a second one.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketRequestIds1763800000390 implements MigrationInterface {
  name = 'TicketRequestIds1763800000390';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket ADD COLUMN client_request_id uuid`);
    // Per person: two people's clients cannot collide, nor can one guess another's id to read their ticket.
    await q.query(
      `CREATE UNIQUE INDEX ticket_client_request_idx ON ticket (created_by, client_request_id)
        WHERE client_request_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_client_request_idx`);
    await q.query(`ALTER TABLE ticket DROP COLUMN client_request_id`);
  }
}
