// FixMyStreet's GET servicerequestupdates reads the history by time (a window of the last hours, polled every few
// minutes): an index on the events' time, so it reads the window rather than every Open311 report's history.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Open311Updates1763800000260 implements MigrationInterface {
  name = 'Open311Updates1763800000260';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ticket_event_at_idx ON ticket_event (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_event_at_idx`);
  }
}
