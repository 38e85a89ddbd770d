// What electronic intake needs of tickets: a map pin and the category's own questions answered, a private
// status-page link (its hash), and residents as authors of messages and files (from the status page or a reply).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ElectronicIntake1763800000190 implements MigrationInterface {
  name = 'ElectronicIntake1763800000190';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket
        ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        ADD COLUMN attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
        ADD COLUMN status_token_hash text,
        ADD CONSTRAINT ticket_location_complete CHECK ((latitude IS NULL) = (longitude IS NULL))`);
    await q.query(
      `CREATE UNIQUE INDEX ticket_status_token_idx ON ticket (status_token_hash) WHERE status_token_hash IS NOT NULL`,
    );
    // A resident's message (status page, e-mail reply) has no staff author (nor has a unit system's note).
    await q.query(`ALTER TABLE ticket_comment DROP CONSTRAINT IF EXISTS ticket_comment_kind_check`);
    await q.query(`
      ALTER TABLE ticket_comment
        ADD CONSTRAINT ticket_comment_kind_check CHECK (kind IN ('internal', 'answer', 'resident')),
        ADD CONSTRAINT ticket_comment_author CHECK (kind <> 'resident' OR author_id IS NULL)`);
    // A file the resident sent (form, status page, e-mail) has no staff uploader.
    await q.query(`ALTER TABLE ticket_attachment ALTER COLUMN uploaded_by DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ticket_attachment WHERE uploaded_by IS NULL`);
    await q.query(`ALTER TABLE ticket_attachment ALTER COLUMN uploaded_by SET NOT NULL`);
    await q.query(`DELETE FROM ticket_comment WHERE kind = 'resident'`);
    await q.query(`ALTER TABLE ticket_comment DROP CONSTRAINT ticket_comment_author`);
    await q.query(`ALTER TABLE ticket_comment DROP CONSTRAINT ticket_comment_kind_check`);
    await q.query(
      `ALTER TABLE ticket_comment ADD CONSTRAINT ticket_comment_kind_check CHECK (kind IN ('internal', 'answer'))`,
    );
    await q.query(`DROP INDEX ticket_status_token_idx`);
    await q.query(`
      ALTER TABLE ticket DROP CONSTRAINT ticket_location_complete,
        DROP COLUMN latitude, DROP COLUMN longitude, DROP COLUMN attributes, DROP COLUMN status_token_hash`);
  }
}
