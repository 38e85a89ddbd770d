// DK-03's triage inbox: a person's claim on a ticket (who, since when, until when it lapses) kept on the ticket
// itself, so every read of a ticket shows it without another table; and the list filters people save by name.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TriageInbox1763800000250 implements MigrationInterface {
  name = 'TriageInbox1763800000250';

  async up(q: QueryRunner): Promise<void> {
    // A claim is not a change of the ticket: taking one leaves `version` alone, so nobody's open form goes stale.
    await q.query(`
      ALTER TABLE ticket
        ADD COLUMN claimed_by uuid REFERENCES app_user(id),
        ADD COLUMN claimed_at timestamptz,
        ADD COLUMN claim_expires_at timestamptz,
        ADD CONSTRAINT ticket_claim_complete
          CHECK ((claimed_by IS NULL) = (claimed_at IS NULL) AND (claimed_at IS NULL) = (claim_expires_at IS NULL))`);

    await q.query(`
      CREATE TABLE saved_filter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        view text NOT NULL CHECK (view IN ('inbox')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
        query jsonb NOT NULL CHECK (jsonb_typeof(query) = 'object'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // "Moje nowe" and "moje nowe" would be the same filter to the person choosing from the list.
    await q.query(`CREATE UNIQUE INDEX saved_filter_name_idx ON saved_filter (user_id, view, lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE saved_filter`);
    await q.query(`
      ALTER TABLE ticket DROP CONSTRAINT ticket_claim_complete,
        DROP COLUMN claim_expires_at, DROP COLUMN claimed_at, DROP COLUMN claimed_by`);
  }
}
