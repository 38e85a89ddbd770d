// Open311 GeoReport v2 and the categories' own questions: per-category attribute definitions (deactivated, never
// deleted, so old answers stay readable), API clients with hashed keys, and what an Open311 report carried besides a ticket.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Open3111763800000200 implements MigrationInterface {
  name = 'Open3111763800000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE category_attribute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        category_id uuid NOT NULL REFERENCES dictionary_entry(id),
        code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{0,63}$'),
        label_pl text NOT NULL CHECK (length(label_pl) BETWEEN 1 AND 200),
        label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 200),
        hint_pl text,
        hint_en text,
        datatype text NOT NULL
          CHECK (datatype IN ('string', 'number', 'text', 'singlevaluelist', 'multivaluelist', 'datetime')),
        required boolean NOT NULL DEFAULT false,
        -- [{key, labelPl, labelEn, active}]: list values are deactivated too, never removed.
        "values" jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof("values") = 'array'),
        position integer NOT NULL,
        active boolean NOT NULL DEFAULT true,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id),
        -- A code keeps one meaning in its category for good: old tickets' answers are read by it.
        UNIQUE (category_id, code)
      )`);
    await q.query(`CREATE INDEX category_attribute_category_idx ON category_attribute (category_id, position)`);

    await q.query(`
      CREATE TABLE open311_client (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        contact text NOT NULL CHECK (length(contact) BETWEEN 1 AND 300),
        -- Only the key's SHA-256 is kept; its last characters let admins tell keys apart.
        key_hash text NOT NULL UNIQUE,
        key_hint text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES app_user(id),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES app_user(id)
      )`);

    await q.query(`
      CREATE TABLE open311_request (
        ticket_id uuid PRIMARY KEY REFERENCES ticket(id),
        client_id uuid NOT NULL REFERENCES open311_client(id),
        address_id text,
        device_id text,
        account_id text,
        media_urls text[] NOT NULL DEFAULT '{}',
        -- attribute[code] values the service does not ask (a client's own extras): kept, not validated.
        extra_attributes jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(extra_attributes) = 'object')
      )`);
    // GET requests.{format} lists Open311 reports by date.
    await q.query(`CREATE INDEX ticket_open311_created_idx ON ticket (created_at) WHERE channel = 'open311'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_open311_created_idx`);
    await q.query(`DROP TABLE open311_request`);
    await q.query(`DROP TABLE open311_client`);
    await q.query(`DROP TABLE category_attribute`);
  }
}
