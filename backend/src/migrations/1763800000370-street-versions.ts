// Streets become a versioned dictionary like the others (issue 8 item 4): an active flag, validity dates and a
// version number on every street, a version row (who, when, note, before/after) per change, and no deletes.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StreetVersions1763800000370 implements MigrationInterface {
  name = 'StreetVersions1763800000370';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE street
        ADD COLUMN active boolean NOT NULL DEFAULT true,
        ADD COLUMN valid_from date,
        ADD COLUMN valid_to date,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD CONSTRAINT street_validity_check CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)`);

    await q.query(`
      CREATE TABLE street_version (
        id bigserial PRIMARY KEY,
        street_id uuid NOT NULL REFERENCES street(id),
        version integer NOT NULL,
        action text NOT NULL CHECK (action IN ('created', 'updated', 'deactivated', 'reactivated')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid REFERENCES app_user(id),
        note text,
        before jsonb,
        after jsonb NOT NULL,
        UNIQUE (street_id, version)
      )`);
    // The register's history, newest first, and "the street as of a day" both walk these.
    await q.query(`CREATE INDEX street_version_changed_idx ON street_version (changed_at DESC)`);
    await q.query(`CREATE INDEX street_version_street_idx ON street_version (street_id, changed_at)`);

    // What a version row keeps of a street; the keys are the API's, so history is served as stored.
    await q.query(`
      CREATE FUNCTION street_state(s street) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object('prefix', s.prefix, 'name', s.name, 'districtId', s.district_id,
          'active', s.active, 'validFrom', s.valid_from, 'validTo', s.valid_to)
      $$`);
    // Triggers rather than the service, so the seed, the CSV import and any future writer are versioned too; an
    // update that changes nothing (a re-imported register) neither bumps the version nor writes a row.
    await q.query(`
      CREATE FUNCTION street_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.version := 1;
          NEW.updated_at := now();
        ELSIF street_state(NEW) IS DISTINCT FROM street_state(OLD) THEN
          NEW.version := OLD.version + 1;
          NEW.updated_at := now();
        ELSE
          NEW.version := OLD.version;
          NEW.updated_at := OLD.updated_at;
        END IF;
        RETURN NEW;
      END $$`);
    // Who and why come from the transaction (set_config(..., true)) the API opens; the seed leaves them empty.
    await q.query(`
      CREATE FUNCTION street_log() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        actor uuid := nullif(current_setting('kck.dictionary_actor', true), '')::uuid;
        why text := nullif(current_setting('kck.dictionary_note', true), '');
        kind text;
      BEGIN
        IF TG_OP = 'INSERT' THEN kind := 'created';
        ELSIF NEW.version = OLD.version THEN RETURN NULL;
        ELSIF OLD.active AND NOT NEW.active THEN kind := 'deactivated';
        ELSIF NOT OLD.active AND NEW.active THEN kind := 'reactivated';
        ELSE kind := 'updated';
        END IF;
        INSERT INTO street_version (street_id, version, action, changed_by, note, before, after)
        VALUES (NEW.id, NEW.version, kind, actor, why,
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE street_state(OLD) END, street_state(NEW));
        RETURN NULL;
      END $$`);
    // A street that left the register is deactivated, never deleted, so its history and old reads stay.
    await q.query(`
      CREATE FUNCTION street_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'streets are deactivated, never deleted (% %)', OLD.name, OLD.id;
      END $$`);

    // A street as it stood at a moment: its last version before then, or its first if it changed only later (a
    // seeded street's first version is dated at install). With `version`, as dictionary_entry_as_of.
    await q.query(`
      CREATE FUNCTION street_as_of(target uuid, at timestamptz) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT v.after || jsonb_build_object('version', v.version)
          FROM street_version v
         WHERE v.street_id = target
         ORDER BY v.changed_at < at DESC, CASE WHEN v.changed_at < at THEN -v.version ELSE v.version END
         LIMIT 1
      $$`);

    await q.query(`
      INSERT INTO street_version (street_id, version, action, after)
      SELECT s.id, 1, 'created', street_state(s) FROM street s`);
    await q.query(`
      CREATE TRIGGER street_bump BEFORE INSERT OR UPDATE ON street
      FOR EACH ROW EXECUTE FUNCTION street_bump()`);
    await q.query(`
      CREATE TRIGGER street_log AFTER INSERT OR UPDATE ON street
      FOR EACH ROW EXECUTE FUNCTION street_log()`);
    await q.query(`
      CREATE TRIGGER street_no_delete BEFORE DELETE ON street
      FOR EACH ROW EXECUTE FUNCTION street_no_delete()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER street_no_delete ON street`);
    await q.query(`DROP TRIGGER street_log ON street`);
    await q.query(`DROP TRIGGER street_bump ON street`);
    await q.query(`DROP TABLE street_version`);
    await q.query(`DROP FUNCTION street_as_of(uuid, timestamptz)`);
    await q.query(`DROP FUNCTION street_no_delete()`);
    await q.query(`DROP FUNCTION street_log()`);
    await q.query(`DROP FUNCTION street_bump()`);
    await q.query(`DROP FUNCTION street_state(street)`);
    await q.query(`
      ALTER TABLE street
        DROP CONSTRAINT street_validity_check,
        DROP COLUMN valid_from, DROP COLUMN valid_to, DROP COLUMN version, DROP COLUMN active`);
  }
}
