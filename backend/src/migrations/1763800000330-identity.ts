// Staff identity the city's way: accounts signed in through the city's OpenID Connect provider beside local
// passwords, a TOTP second factor, pending sign-ins (OIDC state, TOTP challenges), and accounts never deleted.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763800000330 implements MigrationInterface {
  name = 'Identity1763800000330';

  async up(q: QueryRunner): Promise<void> {
    // Accounts deactivated before this migration get their creation time as the moment: unknown, but not empty.
    await q.query(`
      ALTER TABLE app_user
        ALTER COLUMN password_hash DROP NOT NULL,
        ADD COLUMN auth_source text NOT NULL DEFAULT 'local' CHECK (auth_source IN ('local', 'oidc')),
        ADD COLUMN oidc_issuer text,
        ADD COLUMN oidc_subject text,
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD COLUMN deactivated_at timestamptz,
        ADD COLUMN deactivated_by uuid REFERENCES app_user(id),
        ADD CONSTRAINT app_user_oidc_identity UNIQUE (oidc_issuer, oidc_subject),
        ADD CONSTRAINT app_user_oidc_has_subject
          CHECK ((auth_source = 'oidc') = (oidc_issuer IS NOT NULL AND oidc_subject IS NOT NULL)),
        ADD CONSTRAINT app_user_local_has_password CHECK (auth_source = 'oidc' OR password_hash IS NOT NULL),
        ADD CONSTRAINT app_user_totp_enabled_has_secret CHECK (totp_enabled_at IS NULL OR totp_secret IS NOT NULL),
        ADD CONSTRAINT app_user_deactivated_is_inactive CHECK (deactivated_at IS NULL OR NOT active)`);
    await q.query(`UPDATE app_user SET deactivated_at = created_at WHERE NOT active`);

    // History (tickets, calls, audit) names its people through app_user: a row must outlive its account.
    await q.query(`
      CREATE FUNCTION app_user_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'staff accounts are deactivated, never deleted (app_user %)', OLD.id
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER app_user_refuse_delete BEFORE DELETE ON app_user
        FOR EACH ROW EXECUTE FUNCTION app_user_refuse_delete()`);

    // A password accepted, the second factor still to come: only the token's SHA-256 is kept, with few attempts.
    await q.query(`
      CREATE TABLE login_challenge (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        kind text NOT NULL CHECK (kind IN ('totp', 'totp_enrol')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX login_challenge_user_idx ON login_challenge (user_id)`);

    // A redirect to the identity provider under way; the callback deletes its row, so a state works once.
    await q.query(`
      CREATE TABLE oidc_pending_login (
        state_hash text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CHECK (expires_at > created_at)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oidc_pending_login`);
    await q.query(`DROP TABLE login_challenge`);
    await q.query(`DROP TRIGGER app_user_refuse_delete ON app_user`);
    await q.query(`DROP FUNCTION app_user_refuse_delete()`);
    await q.query(`UPDATE app_user SET password_hash = '!' WHERE password_hash IS NULL`);
    await q.query(`
      ALTER TABLE app_user
        DROP COLUMN auth_source,
        DROP COLUMN oidc_issuer,
        DROP COLUMN oidc_subject,
        DROP COLUMN totp_secret,
        DROP COLUMN totp_pending_secret,
        DROP COLUMN totp_enabled_at,
        DROP COLUMN totp_last_step,
        DROP COLUMN deactivated_at,
        DROP COLUMN deactivated_by,
        ALTER COLUMN password_hash SET NOT NULL`);
  }
}
