// Duplicates at intake: the folded words a report is compared by, and the index that finds the open tickets of a
// category (with their pins) without reading the closed ones, however many years of tickets the table holds.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** OPEN_TICKET_STATUSES (contracts/domain.ts) as they were when this migration was written. */
const OPEN = `('new', 'triage', 'routed', 'accepted', 'in_progress', 'returned', 'reopened')`;

export class DuplicatesAtIntake1763800000240 implements MigrationInterface {
  name = 'DuplicatesAtIntake1763800000240';

  async up(q: QueryRunner): Promise<void> {
    // The title and the description's start, folded like knowledge-base search (kb_fold): word_similarity's cost
    // grows with the text, and the first sentences say what the matter is (a web-form title is the first one).
    await q.query(`
      CREATE OR REPLACE FUNCTION ticket_duplicate_text(title text, description text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        SET search_path FROM CURRENT
        AS $$ SELECT kb_fold(title || ' ' || left(description, 160)) $$`);
    // Open tickets only, so its size follows the backlog rather than the years. Measured on 1,000,000 tickets
    // (100,000 open in 120 categories), duplicates.queries.ts's search reads ~880 rows:
    //   Bitmap Heap Scan on ticket t (actual rows=6)  Filter: pins in the box OR street/district … AND words …
    //     -> Bitmap Index Scan on ticket_open_category_idx (rows=882)  Index Cond: (category_id = $1)
    //   Execution Time: 38 ms (a seq scan of the table: 820 ms).
    // A GIN trigram index on ticket_duplicate_text was tried and not kept: the planner preferred this one whenever a
    // category was given (always), and it made every insert and every status move of an open ticket re-fold its text.
    await q.query(
      `CREATE INDEX ticket_open_category_idx ON ticket (category_id, latitude, longitude) WHERE status IN ${OPEN}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ticket_open_category_idx`);
    await q.query(`DROP FUNCTION IF EXISTS ticket_duplicate_text(text, text)`);
  }
}
