// Ticket attachments: one row per stored file, naming the object in the attachment store by its key,
// with the size and SHA-256 taken while it was received and the type read from its content.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TicketAttachments1763800000070 implements MigrationInterface {
  name = 'TicketAttachments1763800000070';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE ticket_attachment (
        id uuid PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        -- The object's key in the store (disk or S3); never derived from the uploader's file name.
        storage_key text NOT NULL UNIQUE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        uploaded_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ticket_attachment_ticket_idx ON ticket_attachment (ticket_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS ticket_attachment`);
  }
}
