// Calls become live: a call exists from its first telephony event (or the agent's manual start) and is
// recorded at wrap-up; telephony systems post events (each one kept), recordings are listened to on the record.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveCalls1763800000130 implements MigrationInterface {
  name = 'LiveCalls1763800000130';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE telephony_system (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE CHECK (length(btrim(name)) > 0),
        token_hash text NOT NULL UNIQUE,
        active boolean NOT NULL DEFAULT true,
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT telephony_system_revoked CHECK (active = (revoked_at IS NULL))
      )`);

    await q.query(`ALTER TABLE app_user ADD COLUMN phone_extension text UNIQUE`);

    // Existing rows were recorded in one go: they stay valid as `recorded`, saved when they were written.
    await q.query(`
      ALTER TABLE interaction
        ALTER COLUMN agent_id DROP NOT NULL,
        ALTER COLUMN ended_at DROP NOT NULL,
        ALTER COLUMN topic_id DROP NOT NULL,
        ALTER COLUMN outcome DROP NOT NULL,
        ADD COLUMN state text NOT NULL DEFAULT 'recorded'
          CHECK (state IN ('ringing', 'active', 'wrap_up', 'recorded', 'missed')),
        ADD COLUMN direction text NOT NULL DEFAULT 'in' CHECK (direction IN ('in', 'out')),
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN agent_assigned_at timestamptz,
        ADD COLUMN recorded_at timestamptz,
        ADD COLUMN called_number text,
        ADD COLUMN queue_name text,
        ADD COLUMN hangup_cause text,
        ADD COLUMN telephony_system_id uuid REFERENCES telephony_system(id),
        ADD COLUMN external_call_id text,
        ADD COLUMN recording_url text,
        ADD COLUMN draft jsonb,
        ADD COLUMN draft_version integer NOT NULL DEFAULT 0,
        ADD COLUMN draft_saved_at timestamptz,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN callback_done_at timestamptz,
        ADD COLUMN callback_done_by uuid REFERENCES app_user(id),
        ADD COLUMN callback_call_id uuid REFERENCES interaction(id),
        ADD CONSTRAINT interaction_external_call CHECK ((telephony_system_id IS NULL) = (external_call_id IS NULL)),
        ADD CONSTRAINT interaction_callback_done CHECK ((callback_done_at IS NULL) = (callback_done_by IS NULL)),
        ADD CONSTRAINT interaction_draft_size CHECK (draft IS NULL OR pg_column_size(draft) <= 131072)`);
    await q.query(`UPDATE interaction SET recorded_at = created_at`);
    await q.query(`
      ALTER TABLE interaction ADD CONSTRAINT interaction_recorded_complete CHECK (
        state <> 'recorded'
        OR (topic_id IS NOT NULL AND outcome IS NOT NULL AND ended_at IS NOT NULL AND agent_id IS NOT NULL
            AND recorded_at IS NOT NULL))`);
    // One call per telephony call id: every event of a call upserts on this key.
    await q.query(
      `CREATE UNIQUE INDEX interaction_external_call_idx ON interaction (telephony_system_id, external_call_id)`,
    );
    await q.query(
      `CREATE INDEX interaction_live_idx ON interaction (agent_id, started_at) WHERE state IN ('ringing', 'active', 'wrap_up')`,
    );
    // The caller's earlier calls and tickets, matched on the number's last nine digits (live-calls.service.ts).
    await q.query(
      `CREATE INDEX interaction_caller_key_idx ON interaction ((right(regexp_replace(caller_phone, '[^0-9]', '', 'g'), 9)))
        WHERE caller_phone IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX ticket_reporter_phone_key_idx ON ticket ((right(regexp_replace(reporter_phone, '[^0-9]', '', 'g'), 9)))
        WHERE reporter_phone IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX interaction_callback_idx ON interaction (started_at)
        WHERE state = 'missed' AND direction = 'in' AND callback_done_at IS NULL`,
    );

    // Every event received. The key of an event (its kind; for a transfer also its target) is unique per call
    // among the rows that were not duplicates: a repeat is stored as `duplicate` and changes nothing.
    await q.query(`
      CREATE TABLE cti_event (
        id bigserial PRIMARY KEY,
        telephony_system_id uuid NOT NULL REFERENCES telephony_system(id),
        external_call_id text NOT NULL,
        event text NOT NULL CHECK (event IN ('ringing', 'answered', 'hangup', 'transfer')),
        event_key text NOT NULL,
        format text NOT NULL CHECK (format IN ('kck', 'generic')),
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        result text NOT NULL CHECK (result IN ('applied', 'duplicate', 'ignored')),
        reason text,
        interaction_id uuid REFERENCES interaction(id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX cti_event_once_idx ON cti_event (telephony_system_id, external_call_id, event_key)
        WHERE result <> 'duplicate'`,
    );
    await q.query(`CREATE INDEX cti_event_received_idx ON cti_event (telephony_system_id, received_at)`);

    await q.query(`
      CREATE TABLE recording_listen (
        id bigserial PRIMARY KEY,
        interaction_id uuid NOT NULL REFERENCES interaction(id),
        user_id uuid NOT NULL REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX recording_listen_interaction_idx ON recording_listen (interaction_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE recording_listen`);
    await q.query(`DROP TABLE cti_event`);
    await q.query(`DROP INDEX ticket_reporter_phone_key_idx`);
    await q.query(`DELETE FROM interaction WHERE state <> 'recorded'`);
    await q.query(`
      ALTER TABLE interaction
        DROP COLUMN state, DROP COLUMN direction, DROP COLUMN answered_at, DROP COLUMN agent_assigned_at, DROP COLUMN recorded_at,
        DROP COLUMN called_number, DROP COLUMN queue_name, DROP COLUMN hangup_cause, DROP COLUMN telephony_system_id,
        DROP COLUMN external_call_id, DROP COLUMN recording_url, DROP COLUMN draft, DROP COLUMN draft_version,
        DROP COLUMN draft_saved_at, DROP COLUMN version, DROP COLUMN callback_done_at, DROP COLUMN callback_done_by,
        DROP COLUMN callback_call_id,
        ALTER COLUMN agent_id SET NOT NULL, ALTER COLUMN ended_at SET NOT NULL,
        ALTER COLUMN topic_id SET NOT NULL, ALTER COLUMN outcome SET NOT NULL`);
    await q.query(`ALTER TABLE app_user DROP COLUMN phone_extension`);
    await q.query(`DROP TABLE telephony_system`);
  }
}
