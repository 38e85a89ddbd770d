// Relations between tickets: a duplicate points at its main ticket, a part at the report it was split from,
// related tickets are linked both ways; an idea keeps its unit's decision. New kinds of e-mail to residents.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** E-mails this migration adds to notification.kind (merged, split, idea decision). */
const KINDS = ['ticket_merged', 'ticket_split', 'idea_decided'];

/**
 * The kinds the CHECK allows now: other migrations may have added theirs, so the list is read from the
 * constraint rather than repeated here.
 */
async function allowedKinds(q: QueryRunner): Promise<string[]> {
  const rows: { def: string }[] = await q.query(
    `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = 'notification'::regclass AND conname = 'notification_kind_check'`,
  );
  return [...(rows[0]?.def ?? '').matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!);
}

async function setKinds(q: QueryRunner, kinds: string[]): Promise<void> {
  await q.query(`ALTER TABLE notification DROP CONSTRAINT IF EXISTS notification_kind_check`);
  const list = kinds.map((k) => `'${k.replace(/'/g, "''")}'`).join(', ');
  await q.query(`ALTER TABLE notification ADD CONSTRAINT notification_kind_check CHECK (kind IN (${list}))`);
}

export class TicketRelations1763800000080 implements MigrationInterface {
  name = 'TicketRelations1763800000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE ticket
        ADD COLUMN duplicate_of_id uuid REFERENCES ticket(id),
        ADD COLUMN split_from_id uuid REFERENCES ticket(id),
        ADD COLUMN idea_decision text CHECK (idea_decision IN ('accepted', 'rejected')),
        ADD CONSTRAINT ticket_not_own_duplicate CHECK (duplicate_of_id <> id),
        ADD CONSTRAINT ticket_idea_decision_on_ideas CHECK (idea_decision IS NULL OR type = 'idea')`);
    // A main ticket lists its duplicates, an original its parts: few rows each, read by these.
    await q.query(`CREATE INDEX ticket_duplicate_of_idx ON ticket (duplicate_of_id) WHERE duplicate_of_id IS NOT NULL`);
    await q.query(`CREATE INDEX ticket_split_from_idx ON ticket (split_from_id) WHERE split_from_id IS NOT NULL`);
    // One row per pair, the smaller id first, so A–B and B–A cannot both exist.
    await q.query(`
      CREATE TABLE ticket_link (
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        linked_id uuid NOT NULL REFERENCES ticket(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (ticket_id, linked_id),
        CONSTRAINT ticket_link_ordered CHECK (ticket_id < linked_id)
      )`);
    await q.query(`CREATE INDEX ticket_link_linked_idx ON ticket_link (linked_id)`);
    const kinds = await allowedKinds(q);
    await setKinds(q, [...kinds, ...KINDS.filter((k) => !kinds.includes(k))]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notification WHERE kind = ANY($1::text[])`, [KINDS]);
    await setKinds(
      q,
      (await allowedKinds(q)).filter((k) => !KINDS.includes(k)),
    );
    await q.query(`DROP TABLE IF EXISTS ticket_link`);
    await q.query(`
      ALTER TABLE ticket
        DROP COLUMN IF EXISTS duplicate_of_id,
        DROP COLUMN IF EXISTS split_from_id,
        DROP COLUMN IF EXISTS idea_decision`);
  }
}
