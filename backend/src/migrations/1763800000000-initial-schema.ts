// The foundation schema: units, staff and sessions, dictionaries, routing rules, articles,
// calls, tickets with their append-only history and gap-free numbers, and the outbox.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    // SSD storage: without this the planner skips GIN indexes for selective searches (measured.md).
    await q.query(
      `DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET random_page_cost = 1.1', current_database()); END $$`,
    );

    await q.query(`
      CREATE TABLE unit (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('department', 'municipal_unit', 'city_company', 'office')),
        parent_id uuid REFERENCES unit(id),
        contacts jsonb NOT NULL DEFAULT '[]',
        opening_hours jsonb NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        login text NOT NULL UNIQUE CHECK (login = lower(login)),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'triage', 'unit_staff', 'analyst', 'kb_editor', 'supervisor', 'admin')),
        unit_id uuid REFERENCES unit(id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT unit_staff_has_unit CHECK (role <> 'unit_staff' OR unit_id IS NOT NULL)
      )`);

    await q.query(`
      CREATE TABLE user_session (
        token_hash text PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        csrf_token text NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        client_address text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);

    await q.query(`
      CREATE TABLE dictionary_entry (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        dictionary text NOT NULL CHECK (dictionary IN ('category', 'call_topic', 'channel', 'district')),
        code text NOT NULL,
        label_pl text NOT NULL,
        label_en text NOT NULL,
        parent_id uuid REFERENCES dictionary_entry(id),
        active boolean NOT NULL DEFAULT true,
        sort_order integer NOT NULL DEFAULT 0,
        UNIQUE (dictionary, code)
      )`);

    await q.query(`
      CREATE TABLE routing_rule (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        position integer NOT NULL,
        category_id uuid NOT NULL REFERENCES dictionary_entry(id),
        district_id uuid REFERENCES dictionary_entry(id),
        unit_id uuid NOT NULL REFERENCES unit(id),
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`CREATE INDEX routing_rule_category_idx ON routing_rule (category_id) WHERE active`);

    await q.query(`
      CREATE TABLE article (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('service_card', 'unit_scope', 'event', 'election', 'procedure')),
        title text NOT NULL,
        body text NOT NULL,
        unit_id uuid REFERENCES unit(id),
        tags text[] NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE interaction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel text NOT NULL DEFAULT 'phone',
        agent_id uuid NOT NULL REFERENCES app_user(id),
        caller_phone text,
        started_at timestamptz NOT NULL,
        ended_at timestamptz NOT NULL CHECK (ended_at >= started_at),
        topic_id uuid NOT NULL REFERENCES dictionary_entry(id),
        outcome text NOT NULL CHECK (outcome IN ('information_given', 'problem', 'idea', 'transferred', 'survey', 'dropped')),
        information_given text NOT NULL DEFAULT '',
        notes text NOT NULL DEFAULT '',
        article_ids uuid[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX interaction_started_idx ON interaction (started_at)`);
    await q.query(`CREATE INDEX interaction_agent_idx ON interaction (agent_id, started_at DESC)`);
    await q.query(`CREATE INDEX interaction_caller_idx ON interaction (caller_phone) WHERE caller_phone IS NOT NULL`);

    // One row per year; taking the next number locks it until the ticket commits, so numbers have no gaps.
    await q.query(`CREATE TABLE ticket_number_counter (year integer PRIMARY KEY, last_value integer NOT NULL)`);

    await q.query(`
      CREATE TABLE ticket (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number text NOT NULL UNIQUE CHECK (number ~ '^KCK/[0-9]{4}/[0-9]{6}$'),
        type text NOT NULL CHECK (type IN ('problem', 'idea', 'information')),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'web_form', 'kpum', 'mayor_office', 'open311')),
        status text NOT NULL CHECK (status IN ('new', 'triage', 'routed', 'accepted', 'in_progress', 'resolved', 'closed',
                                                'returned', 'rejected', 'duplicate', 'reopened')),
        title text NOT NULL,
        description text NOT NULL,
        category_id uuid NOT NULL REFERENCES dictionary_entry(id),
        district_id uuid REFERENCES dictionary_entry(id),
        address text,
        reporter_name text,
        reporter_phone text,
        reporter_email text,
        unit_id uuid REFERENCES unit(id),
        routing_rule_id uuid REFERENCES routing_rule(id),
        due_at timestamptz,
        resolution text,
        interaction_id uuid REFERENCES interaction(id),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await q.query(`CREATE INDEX ticket_unit_status_idx ON ticket (unit_id, status)`);
    await q.query(`CREATE INDEX ticket_status_idx ON ticket (status, created_at)`);
    await q.query(`CREATE INDEX ticket_created_idx ON ticket (created_at)`);
    await q.query(`CREATE INDEX ticket_creator_idx ON ticket (created_by, created_at DESC)`);
    await q.query(`CREATE INDEX ticket_interaction_idx ON ticket (interaction_id) WHERE interaction_id IS NOT NULL`);
    await q.query(`CREATE INDEX ticket_reporter_phone_idx ON ticket (reporter_phone) WHERE reporter_phone IS NOT NULL`);

    await q.query(`
      CREATE TABLE ticket_event (
        id bigserial PRIMARY KEY,
        ticket_id uuid NOT NULL REFERENCES ticket(id),
        kind text NOT NULL,
        actor_id uuid REFERENCES app_user(id),
        at timestamptz NOT NULL DEFAULT now(),
        changes jsonb NOT NULL DEFAULT '{}',
        reason text
      )`);
    await q.query(`CREATE INDEX ticket_event_ticket_idx ON ticket_event (ticket_id, id)`);
    await q.query(`
      CREATE FUNCTION ticket_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_event is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER ticket_event_append_only BEFORE UPDATE OR DELETE ON ticket_event
      FOR EACH ROW EXECUTE FUNCTION ticket_event_is_append_only()`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    // Wakes the relay at commit; it also polls, so a lost notification only delays.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('kck_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'outbox',
      'ticket_event',
      'ticket',
      'ticket_number_counter',
      'interaction',
      'article',
      'routing_rule',
      'dictionary_entry',
      'user_session',
      'app_user',
      'unit',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ticket_event_is_append_only()`);
    await q.query(`DROP FUNCTION IF EXISTS outbox_notify()`);
  }
}
