// Unit codes of a list of unit ids, as history writes them: a function, so that a status move's statement
// costs the same to the planner whatever it moves, and PostgreSQL keeps one plan for it (tickets.service.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitCodesFunction1763800000402 implements MigrationInterface {
  name = 'UnitCodesFunction1763800000402';

  async up(q: QueryRunner): Promise<void> {
    // In the ids' order; an id of no unit gives null. PL/pgSQL keeps the query's plan for the connection.
    await q.query(`
      CREATE FUNCTION unit_codes(ids uuid[]) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN (SELECT COALESCE(jsonb_agg(u.code ORDER BY x.n), '[]')
                  FROM unnest(ids) WITH ORDINALITY x(id, n) LEFT JOIN unit u ON u.id = x.id);
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION unit_codes(uuid[])`);
  }
}
