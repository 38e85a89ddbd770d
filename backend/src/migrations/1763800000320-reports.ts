// DK-05's reports: analysts' saved tables (a figures query with a name, shared or private), the schedules that
// e-mail a report or table, and each scheduled run with its outcome, so a refused mailbox is seen, not lost.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Reports1763800000320 implements MigrationInterface {
  name = 'Reports1763800000320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_table (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        owner_id uuid NOT NULL REFERENCES app_user(id),
        shared boolean NOT NULL DEFAULT false,
        definition jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX report_table_owner_idx ON report_table (owner_id)`);

    await q.query(`
      CREATE TABLE report_schedule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 0),
        report_kind text CHECK (report_kind IN ('monthly', 'unit')),
        unit_id uuid REFERENCES unit(id),
        table_id uuid REFERENCES report_table(id) ON DELETE CASCADE,
        cadence jsonb NOT NULL,
        recipients text[] NOT NULL CHECK (cardinality(recipients) BETWEEN 1 AND 20),
        active boolean NOT NULL DEFAULT true,
        owner_id uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((report_kind IS NULL) <> (table_id IS NULL)),
        CHECK (report_kind IS DISTINCT FROM 'unit' OR unit_id IS NOT NULL)
      )`);

    // One row per BullMQ job (a scheduled repetition or a "send now"); its retries update the same row.
    await q.query(`
      CREATE TABLE report_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid NOT NULL REFERENCES report_schedule(id) ON DELETE CASCADE,
        job_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        period_from date NOT NULL,
        period_to date NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        sent_to text[] NOT NULL DEFAULT '{}',
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        UNIQUE (schedule_id, job_id)
      )`);
    await q.query(`CREATE INDEX report_run_schedule_idx ON report_run (schedule_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_run`);
    await q.query(`DROP TABLE report_schedule`);
    await q.query(`DROP TABLE report_table`);
  }
}
