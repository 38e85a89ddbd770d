// Articles get an editorial life: an external id (the import's key), a workflow status, structured fields per type,
// validity dates, a version number with every saved version kept, a review date, and agents' feedback.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KnowledgeArticles1763800000100 implements MigrationInterface {
  name = 'KnowledgeArticles1763800000100';

  async up(q: QueryRunner): Promise<void> {
    // status defaults to 'published' at the database level only so that the old seed (which inserts without a
    // status) keeps writing articles agents can find; the API and the import always set status explicitly.
    await q.query(`
      ALTER TABLE article
        ADD COLUMN external_id text,
        ADD COLUMN status text NOT NULL DEFAULT 'published'
          CHECK (status IN ('draft', 'review', 'published', 'archived')),
        ADD COLUMN fields jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN valid_from date,
        ADD COLUMN valid_to date,
        ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        ADD COLUMN last_reviewed_at timestamptz,
        ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN updated_by uuid REFERENCES app_user(id),
        ADD CONSTRAINT article_validity_order CHECK (valid_from IS NULL OR valid_to IS NULL OR valid_from <= valid_to)`);
    await q.query(`UPDATE article SET external_id = slug, created_at = updated_at`);
    // The old seed inserts (slug, …) without an external id: it takes the slug, as the backfill did.
    await q.query(`
      CREATE FUNCTION article_external_id_default() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.external_id := coalesce(NEW.external_id, NEW.slug);
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER article_external_id_default BEFORE INSERT ON article
        FOR EACH ROW EXECUTE FUNCTION article_external_id_default()`);
    await q.query(`ALTER TABLE article ALTER COLUMN external_id SET NOT NULL,
                     ADD CONSTRAINT article_external_id_key UNIQUE (external_id)`);
    await q.query(`CREATE INDEX article_status_idx ON article (status, updated_at DESC)`);

    await q.query(`
      CREATE TABLE article_version (
        article_id uuid NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft', 'review', 'published', 'archived')),
        title text NOT NULL,
        body text NOT NULL,
        fields jsonb NOT NULL DEFAULT '{}',
        tags text[] NOT NULL DEFAULT '{}',
        unit_id uuid REFERENCES unit(id),
        valid_from date,
        valid_to date,
        change_note text,
        saved_by uuid REFERENCES app_user(id),
        saved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (article_id, version)
      )`);
    // Articles that exist now start their history with the version they are.
    await q.query(`
      INSERT INTO article_version (article_id, version, status, title, body, fields, tags, unit_id, valid_from, valid_to,
                                   change_note, saved_by, saved_at)
      SELECT id, version, status, title, body, fields, tags, unit_id, valid_from, valid_to, NULL, NULL, updated_at
        FROM article`);

    await q.query(`
      CREATE TABLE article_feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES article(id) ON DELETE CASCADE,
        article_version integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('outdated', 'wrong', 'change_proposal')),
        comment text NOT NULL,
        proposed_body text,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'dismissed')),
        created_by uuid NOT NULL REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        resolved_by uuid REFERENCES app_user(id),
        resolved_at timestamptz,
        resolution_note text,
        CHECK ((status = 'open') = (resolved_at IS NULL))
      )`);
    await q.query(`CREATE INDEX article_feedback_open_idx ON article_feedback (created_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX article_feedback_article_idx ON article_feedback (article_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS article_feedback`);
    await q.query(`DROP TABLE IF EXISTS article_version`);
    await q.query(`DROP TRIGGER IF EXISTS article_external_id_default ON article`);
    await q.query(`DROP FUNCTION IF EXISTS article_external_id_default()`);
    await q.query(`DROP INDEX IF EXISTS article_status_idx`);
    await q.query(`
      ALTER TABLE article
        DROP CONSTRAINT IF EXISTS article_validity_order,
        DROP COLUMN IF EXISTS updated_by,
        DROP COLUMN IF EXISTS created_at,
        DROP COLUMN IF EXISTS last_reviewed_at,
        DROP COLUMN IF EXISTS version,
        DROP COLUMN IF EXISTS valid_to,
        DROP COLUMN IF EXISTS valid_from,
        DROP COLUMN IF EXISTS fields,
        DROP COLUMN IF EXISTS status,
        DROP COLUMN IF EXISTS external_id`);
  }
}
