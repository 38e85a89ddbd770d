// Hotline agents' presence (the current state and every interval spent in a state, for analytics) and
// city-wide matters (a burst water main, a snowstorm) that calls are linked to.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PresenceAndCityMatters1763800000140 implements MigrationInterface {
  name = 'PresenceAndCityMatters1763800000140';

  async up(q: QueryRunner): Promise<void> {
    const states = `'available', 'on_call', 'wrap_up', 'break', 'offline'`;
    const reasons = `'rest', 'meal', 'training', 'meeting', 'technical', 'other'`;
    await q.query(`
      CREATE TABLE agent_presence (
        user_id uuid PRIMARY KEY REFERENCES app_user(id),
        state text NOT NULL CHECK (state IN (${states})),
        reason text CHECK (reason IN (${reasons})),
        since timestamptz NOT NULL,
        call_id uuid REFERENCES interaction(id),
        CONSTRAINT agent_presence_reason_only_on_break CHECK ((state = 'break') = (reason IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE presence_interval (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user(id),
        state text NOT NULL CHECK (state IN (${states})),
        reason text CHECK (reason IN (${reasons})),
        call_id uuid REFERENCES interaction(id),
        started_at timestamptz NOT NULL,
        ended_at timestamptz CHECK (ended_at >= started_at),
        source text NOT NULL CHECK (source IN ('agent', 'cti', 'system'))
      )`);
    // One open interval per agent: a change closes it and opens the next under the agent_presence row lock.
    await q.query(
      `CREATE UNIQUE INDEX presence_interval_open_idx ON presence_interval (user_id) WHERE ended_at IS NULL`,
    );
    await q.query(`CREATE INDEX presence_interval_user_idx ON presence_interval (user_id, started_at)`);

    await q.query(`
      CREATE TABLE city_matter (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        script text NOT NULL CHECK (length(btrim(script)) > 0),
        article_id uuid REFERENCES article(id),
        declared_by uuid NOT NULL REFERENCES app_user(id),
        declared_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        ended_at timestamptz CHECK (ended_at >= declared_at),
        ended_by uuid REFERENCES app_user(id),
        CONSTRAINT city_matter_ended_by CHECK ((ended_at IS NULL) = (ended_by IS NULL))
      )`);
    await q.query(`CREATE INDEX city_matter_open_idx ON city_matter (declared_at) WHERE ended_at IS NULL`);
    await q.query(`ALTER TABLE interaction ADD COLUMN city_matter_id uuid REFERENCES city_matter(id)`);
    await q.query(
      `CREATE INDEX interaction_city_matter_idx ON interaction (city_matter_id, started_at) WHERE city_matter_id IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE interaction DROP COLUMN city_matter_id`);
    await q.query(`DROP TABLE city_matter`);
    await q.query(`DROP TABLE presence_interval`);
    await q.query(`DROP TABLE agent_presence`);
  }
}
