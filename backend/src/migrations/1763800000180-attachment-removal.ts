// A ticket's attachment can be taken off (a wrong photo, a file with someone's personal data): the row stays
// with who removed it, when and why, the history keeps the file name, and the stored object is deleted.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AttachmentRemoval1763800000180 implements MigrationInterface {
  name = 'AttachmentRemoval1763800000180';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket_attachment
        ADD COLUMN removed_at timestamptz,
        ADD COLUMN removed_by uuid REFERENCES app_user(id),
        ADD COLUMN removal_reason text,
        ADD CONSTRAINT ticket_attachment_removal_complete
          CHECK ((removed_at IS NULL) = (removed_by IS NULL) AND (removed_at IS NULL) = (removal_reason IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket_attachment
        DROP CONSTRAINT ticket_attachment_removal_complete,
        DROP COLUMN removed_at, DROP COLUMN removed_by, DROP COLUMN removal_reason`);
  }
}
