// The deadline planner's read of a ticket under its per-ticket lock, as a database function: PostgreSQL keeps
// the plan of its query for the connection, where the same read sent as text was planned on every run.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlinePlanRead1763800000401 implements MigrationInterface {
  name = 'DeadlinePlanRead1763800000401';

  async up(q: QueryRunner): Promise<void> {
    // The lock lasts until the caller's transaction ends (the caller commits once Redis has the plan). The read
    // is a query of its own after the lock: a VOLATILE function's every query takes a fresh snapshot, so it sees
    // what the previous holder committed.
    await q.query(`
      CREATE FUNCTION lock_ticket_for_deadline_plan(ticket_id uuid)
        RETURNS TABLE (status text, unit_id uuid, due_at timestamptz, waiting_since timestamptz, created_at timestamptz)
        LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('deadline-plan:' || ticket_id::text));
        RETURN QUERY SELECT t.status, t.unit_id, t.due_at, t.waiting_since, t.created_at FROM ticket t WHERE t.id = ticket_id;
      END
      $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION lock_ticket_for_deadline_plan(uuid)`);
  }
}
