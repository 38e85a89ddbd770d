// Versioned central dictionaries (seed 004 §8 point 1): validity dates and a version number on every entry, a
// version row (who, when, note, before/after) for each change whoever makes it, and two new dictionaries.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Labels of CALL_OUTCOMES (the codes the call form sends), so other systems read them with the other dictionaries. */
const CALL_OUTCOME_ENTRIES: [code: string, pl: string, en: string][] = [
  ['information_given', 'Udzielono informacji', 'Information given'],
  ['problem', 'Zgłoszono problem', 'Problem reported'],
  ['idea', 'Zgłoszono pomysł', 'Idea reported'],
  ['transferred', 'Przełączono rozmowę', 'Transferred'],
  ['survey', 'Ankieta', 'Survey'],
  ['dropped', 'Rozmowa przerwana', 'Dropped'],
];

/** The reasons DK-05 starts with; analysts add their own. */
const CLOSURE_REASON_ENTRIES: [code: string, pl: string, en: string][] = [
  ['resolved', 'Sprawa załatwiona', 'Matter resolved'],
  ['explained', 'Udzielono wyjaśnień', 'Explanation given'],
  ['planned', 'Ujęte w planie prac', 'Included in the works plan'],
  ['outside_competence', 'Poza kompetencjami miasta', "Outside the city's competence"],
  ['duplicate', 'Duplikat innego zgłoszenia', 'Duplicate of another report'],
  ['no_contact', 'Brak kontaktu ze zgłaszającym', 'The reporter could not be reached'],
  ['withdrawn', 'Wycofane przez zgłaszającego', 'Withdrawn by the reporter'],
];

export class DictionaryVersions1763800000310 implements MigrationInterface {
  name = 'DictionaryVersions1763800000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE dictionary_entry DROP CONSTRAINT IF EXISTS dictionary_entry_dictionary_check`);
    await q.query(`
      ALTER TABLE dictionary_entry
        ADD CONSTRAINT dictionary_entry_dictionary_check CHECK (dictionary IN
          ('category', 'call_topic', 'channel', 'district', 'closure_reason', 'call_outcome')),
        ADD COLUMN valid_from date,
        ADD COLUMN valid_to date,
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
        ADD CONSTRAINT dictionary_entry_validity_check CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)`);

    await q.query(`
      CREATE TABLE dictionary_entry_version (
        id bigserial PRIMARY KEY,
        entry_id uuid NOT NULL REFERENCES dictionary_entry(id),
        dictionary text NOT NULL,
        version integer NOT NULL,
        action text NOT NULL CHECK (action IN ('created', 'updated', 'deactivated', 'reactivated')),
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by uuid REFERENCES app_user(id),
        note text,
        before jsonb,
        after jsonb NOT NULL,
        UNIQUE (entry_id, version)
      )`);
    // A dictionary's history, newest first, and "the entry as of a day" both walk these.
    await q.query(
      `CREATE INDEX dictionary_entry_version_dict_idx ON dictionary_entry_version (dictionary, changed_at DESC)`,
    );
    await q.query(`CREATE INDEX dictionary_entry_version_entry_idx ON dictionary_entry_version (entry_id, changed_at)`);

    // What a version row keeps of an entry; the keys are the API's, so history is served as stored.
    await q.query(`
      CREATE FUNCTION dictionary_entry_state(e dictionary_entry) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
        SELECT jsonb_build_object('code', e.code, 'labelPl', e.label_pl, 'labelEn', e.label_en,
          'parentId', e.parent_id, 'active', e.active, 'sortOrder', e.sort_order,
          'validFrom', e.valid_from, 'validTo', e.valid_to)
      $$`);
    // Triggers rather than the service, so the seed's upserts and any future writer are versioned too; an
    // update that changes nothing (a re-run seed) neither bumps the version nor writes a row.
    await q.query(`
      CREATE FUNCTION dictionary_entry_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.version := 1;
          NEW.updated_at := now();
        ELSIF dictionary_entry_state(NEW) IS DISTINCT FROM dictionary_entry_state(OLD) THEN
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
      CREATE FUNCTION dictionary_entry_log() RETURNS trigger LANGUAGE plpgsql AS $$
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
        INSERT INTO dictionary_entry_version (entry_id, dictionary, version, action, changed_by, note, before, after)
        VALUES (NEW.id, NEW.dictionary, NEW.version, kind, actor, why,
                CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE dictionary_entry_state(OLD) END, dictionary_entry_state(NEW));
        RETURN NULL;
      END $$`);
    // Old tickets, calls and rules point at entries by id: an entry is deactivated, never deleted.
    await q.query(`
      CREATE FUNCTION dictionary_entry_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'dictionary entries are deactivated, never deleted (% %)', OLD.dictionary, OLD.code;
      END $$`);

    // An entry as it stood at a moment: its last version before then, or its first if it changed only later (a
    // seeded entry's first version is dated at install, yet a generated 2025 ticket points at it). With `version`.
    await q.query(`
      CREATE FUNCTION dictionary_entry_as_of(entry uuid, at timestamptz) RETURNS jsonb LANGUAGE sql STABLE AS $$
        SELECT v.after || jsonb_build_object('version', v.version)
          FROM dictionary_entry_version v
         WHERE v.entry_id = entry
         ORDER BY v.changed_at < at DESC, CASE WHEN v.changed_at < at THEN -v.version ELSE v.version END
         LIMIT 1
      $$`);
    // For reads that show an old ticket or call with the label of its day: dictionary_label_as_of(t.category_id, t.created_at).
    await q.query(`
      CREATE FUNCTION dictionary_label_as_of(entry uuid, at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
        SELECT dictionary_entry_as_of(entry, at) ->> 'labelPl'
      $$`);

    await q.query(`
      INSERT INTO dictionary_entry_version (entry_id, dictionary, version, action, after)
      SELECT e.id, e.dictionary, 1, 'created', dictionary_entry_state(e) FROM dictionary_entry e`);
    await q.query(`
      CREATE TRIGGER dictionary_entry_bump BEFORE INSERT OR UPDATE ON dictionary_entry
      FOR EACH ROW EXECUTE FUNCTION dictionary_entry_bump()`);
    await q.query(`
      CREATE TRIGGER dictionary_entry_log AFTER INSERT OR UPDATE ON dictionary_entry
      FOR EACH ROW EXECUTE FUNCTION dictionary_entry_log()`);
    await q.query(`
      CREATE TRIGGER dictionary_entry_no_delete BEFORE DELETE ON dictionary_entry
      FOR EACH ROW EXECUTE FUNCTION dictionary_entry_no_delete()`);

    for (const [dictionary, entries] of [
      ['call_outcome', CALL_OUTCOME_ENTRIES],
      ['closure_reason', CLOSURE_REASON_ENTRIES],
    ] as const) {
      for (const [index, [code, pl, en]] of entries.entries())
        await q.query(
          `INSERT INTO dictionary_entry (dictionary, code, label_pl, label_en, sort_order) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (dictionary, code) DO NOTHING`,
          [dictionary, code, pl, en, index],
        );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER dictionary_entry_no_delete ON dictionary_entry`);
    await q.query(`DROP TRIGGER dictionary_entry_log ON dictionary_entry`);
    await q.query(`DROP TRIGGER dictionary_entry_bump ON dictionary_entry`);
    await q.query(`DROP TABLE dictionary_entry_version`);
    await q.query(`DELETE FROM dictionary_entry WHERE dictionary IN ('closure_reason', 'call_outcome')`);
    await q.query(`DROP FUNCTION dictionary_label_as_of(uuid, timestamptz)`);
    await q.query(`DROP FUNCTION dictionary_entry_as_of(uuid, timestamptz)`);
    await q.query(`DROP FUNCTION dictionary_entry_no_delete()`);
    await q.query(`DROP FUNCTION dictionary_entry_log()`);
    await q.query(`DROP FUNCTION dictionary_entry_bump()`);
    await q.query(`DROP FUNCTION dictionary_entry_state(dictionary_entry)`);
    await q.query(`
      ALTER TABLE dictionary_entry
        DROP CONSTRAINT dictionary_entry_validity_check,
        DROP COLUMN valid_from, DROP COLUMN valid_to, DROP COLUMN version, DROP COLUMN updated_at,
        DROP CONSTRAINT dictionary_entry_dictionary_check,
        ADD CONSTRAINT dictionary_entry_dictionary_check CHECK (dictionary IN ('category', 'call_topic', 'channel', 'district'))`);
  }
}
