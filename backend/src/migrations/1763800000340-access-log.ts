// The access log (issue 9): who saw a resident's contact data, listened to a recording or exported data, append-only
// and tamper-evident (each entry's hash covers the previous one's), and the role `auditor` that reads it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

const ROLES_BEFORE = `'agent', 'triage', 'unit_staff', 'analyst', 'kb_editor', 'supervisor', 'admin', 'mayor_office'`;
const ACCESS_ACTIONS_SQL = `'contact_viewed', 'recording_listened', 'export', 'access_log_exported',
  'data_subject_export'`;

export class AccessLog1763800000340 implements MigrationInterface {
  name = 'AccessLog1763800000340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check,
      ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE}, 'auditor'))`);

    // The user's login and name are copied: the entry must still say who it was after the account is renamed.
    // subject_id is text: a ticket's or call's uuid, or a report's period; subject_label what a reader recognises.
    await q.query(`CREATE SEQUENCE access_log_entry_seq AS bigint`);
    await q.query(`
      CREATE TABLE access_log_entry (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        user_id uuid REFERENCES app_user(id),
        user_login text,
        user_name text,
        role text,
        action text NOT NULL CHECK (action IN (${ACCESS_ACTIONS_SQL})),
        subject_kind text NOT NULL CHECK (subject_kind IN ('ticket', 'call', 'report', 'person', 'access_log')),
        subject_id text,
        subject_label text,
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
        reason text CHECK (length(reason) <= 500),
        client_address text,
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await q.query(`ALTER SEQUENCE access_log_entry_seq OWNED BY access_log_entry.seq`);
    await q.query(`CREATE INDEX access_log_entry_subject_idx ON access_log_entry (subject_kind, subject_id, seq)`);
    await q.query(`CREATE INDEX access_log_entry_user_idx ON access_log_entry (user_id, seq)`);
    await q.query(`CREATE INDEX access_log_entry_at_idx ON access_log_entry (at)`);

    // The canonical text of an entry: fixed field order, times in UTC with microseconds, so the same row always
    // hashes the same whatever the session's time zone. verifyChain recomputes it with this very function.
    await q.query(`
      CREATE FUNCTION access_log_entry_hash(e access_log_entry) RETURNS text
      LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws(E'\\x1f',
          e.prev_hash, e.seq::text,
          to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          coalesce(e.user_id::text, ''), coalesce(e.user_login, ''), coalesce(e.user_name, ''),
          coalesce(e.role, ''), e.action, e.subject_kind, coalesce(e.subject_id, ''),
          coalesce(e.subject_label, ''), e.description, coalesce(e.reason, '\\N'),
          coalesce(e.client_address, '')), 'UTF8')), 'hex')
      $$`);

    // Chained under one advisory lock: the sequence number is drawn after the lock, so seq order is chain order,
    // and a READ COMMITTED statement after the lock sees the previous holder's committed entry.
    await q.query(`
      CREATE FUNCTION access_log_entry_chain() RETURNS trigger
      LANGUAGE plpgsql AS $$
      DECLARE
        last_hash text;
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('access_log_entry'));
        SELECT hash INTO last_hash FROM access_log_entry ORDER BY seq DESC LIMIT 1;
        NEW.seq := nextval('access_log_entry_seq');
        NEW.at := clock_timestamp();
        NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
        NEW.hash := access_log_entry_hash(NEW);
        RETURN NEW;
      END
      $$`);
    await q.query(`CREATE TRIGGER access_log_entry_chain BEFORE INSERT ON access_log_entry
      FOR EACH ROW EXECUTE FUNCTION access_log_entry_chain()`);

    await q.query(`
      CREATE FUNCTION access_log_entry_refuse_change() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`CREATE TRIGGER access_log_entry_append_only BEFORE UPDATE OR DELETE ON access_log_entry
      FOR EACH ROW EXECUTE FUNCTION access_log_entry_refuse_change()`);
    await q.query(`CREATE TRIGGER access_log_entry_no_truncate BEFORE TRUNCATE ON access_log_entry
      FOR EACH STATEMENT EXECUTE FUNCTION access_log_entry_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION access_log_entry_hash(access_log_entry)`);
    await q.query(`DROP TABLE access_log_entry`);
    await q.query(`DROP FUNCTION access_log_entry_refuse_change()`);
    await q.query(`DROP FUNCTION access_log_entry_chain()`);
    await q.query(`UPDATE app_user SET role = 'agent', active = false WHERE role = 'auditor'`);
    await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_role_check,
      ADD CONSTRAINT app_user_role_check CHECK (role IN (${ROLES_BEFORE}))`);
  }
}
