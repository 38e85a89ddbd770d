// Units with their own systems: the per-unit webhook and API token, one row per ticket delivery, and the
// flag on a ticket whose unit's system never received it, which DK-03 must then handle by hand.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitIntegrations1763800000040 implements MigrationInterface {
  name = 'UnitIntegrations1763800000040';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE unit_integration (
        unit_id uuid PRIMARY KEY REFERENCES unit(id),
        webhook_url text NOT NULL,
        -- Kept in clear: every delivery is signed with it. The API token is kept only as its SHA-256.
        webhook_secret text NOT NULL,
        api_token_hash text NOT NULL UNIQUE,
        -- The unit's system acts through this account, so the history names it like any person.
        system_user_id uuid NOT NULL REFERENCES app_user(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE delivery (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        event_seq bigint NOT NULL REFERENCES ticket_event(id),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        last_status_code integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (ticket_id, unit_id, event_seq),
        CONSTRAINT delivery_delivered_has_time CHECK (status <> 'delivered' OR delivered_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX delivery_undelivered_idx ON delivery (created_at) WHERE status <> 'delivered'`);
    await q.query(`ALTER TABLE ticket ADD COLUMN delivery_failed boolean NOT NULL DEFAULT false`);
    // DK-03 looks for the few flagged tickets; a partial index keeps that cheap and small.
    await q.query(`CREATE INDEX ticket_delivery_failed_idx ON ticket (updated_at) WHERE delivery_failed`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket DROP COLUMN IF EXISTS delivery_failed`);
    await q.query(`DROP TABLE IF EXISTS delivery`);
    await q.query(`DROP TABLE IF EXISTS unit_integration`);
  }
}
