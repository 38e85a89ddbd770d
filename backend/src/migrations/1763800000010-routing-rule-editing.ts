// Routing rules become data admins edit in the console: a name, keywords, units kept informed, and who
// changed a rule when. Tickets remember the informed units their rule named, so those units may read them.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RoutingRuleEditing1763800000010 implements MigrationInterface {
  name = 'RoutingRuleEditing1763800000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE routing_rule
        ADD COLUMN name text,
        ADD COLUMN keywords text[] NOT NULL DEFAULT '{}',
        ADD COLUMN informed_unit_ids uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by uuid REFERENCES app_user(id),
        -- The API checks these too; the constraints keep hand-written SQL from breaking routing.
        ADD CONSTRAINT routing_rule_keywords_max CHECK (cardinality(keywords) <= 20),
        ADD CONSTRAINT routing_rule_informed_not_main CHECK (NOT (unit_id = ANY (informed_unit_ids)))`);
    // Rules are listed in their order; routing itself reads the few rules of one category (existing index).
    await q.query(`CREATE INDEX routing_rule_position_idx ON routing_rule (position)`);

    await q.query(`ALTER TABLE ticket ADD COLUMN informed_unit_ids uuid[] NOT NULL DEFAULT '{}'`);
    // A unit's staff read the tickets they are kept informed of: `informed_unit_ids @> ARRAY[unit]` uses it.
    await q.query(`CREATE INDEX ticket_informed_units_idx ON ticket USING gin (informed_unit_ids)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ticket_informed_units_idx`);
    await q.query(`ALTER TABLE ticket DROP COLUMN IF EXISTS informed_unit_ids`);
    await q.query(`DROP INDEX IF EXISTS routing_rule_position_idx`);
    await q.query(`
      ALTER TABLE routing_rule
        DROP CONSTRAINT IF EXISTS routing_rule_informed_not_main,
        DROP CONSTRAINT IF EXISTS routing_rule_keywords_max,
        DROP COLUMN IF EXISTS updated_by,
        DROP COLUMN IF EXISTS updated_at,
        DROP COLUMN IF EXISTS created_at,
        DROP COLUMN IF EXISTS informed_unit_ids,
        DROP COLUMN IF EXISTS keywords,
        DROP COLUMN IF EXISTS name`);
  }
}
