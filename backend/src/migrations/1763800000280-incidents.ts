// The incident register (awarie, seed 004 §8 points 2 and 7): the systems the department uses, their outages,
// a timeline of actions and who was told. The platform opens and closes incidents of the systems it checks itself.
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The systems DK-05 starts with; the last four are the platform's own dependencies, which it checks itself. */
const SYSTEMS: [name: string, probe: string | null][] = [
  ['Platforma KCK', null],
  ['Telefonia (CTI)', null],
  ['Portal usług miejskich (KPUM)', null],
  ['Poczta e-mail', null],
  ['Wyszukiwarka (Meilisearch)', 'meilisearch'],
  ['Baza danych (PostgreSQL)', 'postgres'],
  ['Redis', 'redis'],
  ['Kolejki zadań', 'queues'],
];

export class Incidents1763800000280 implements MigrationInterface {
  name = 'Incidents1763800000280';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incident_system (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(btrim(name)) > 1),
        active boolean NOT NULL DEFAULT true,
        probe text UNIQUE CHECK (probe IN ('postgres', 'redis', 'meilisearch', 'queues')),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Two entries differing only in case would split one system's history.
    await q.query(`CREATE UNIQUE INDEX incident_system_name_idx ON incident_system (lower(name))`);
    for (const [name, probe] of SYSTEMS)
      await q.query(`INSERT INTO incident_system (name, probe) VALUES ($1, $2)`, [name, probe]);

    await q.query(`
      CREATE TABLE incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        system_id uuid NOT NULL REFERENCES incident_system(id),
        title text NOT NULL CHECK (length(btrim(title)) > 0),
        impact text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
        status text NOT NULL CHECK (status IN ('open', 'resolved')),
        started_at timestamptz NOT NULL,
        ended_at timestamptz CHECK (ended_at >= started_at),
        opened_automatically boolean NOT NULL,
        opened_by uuid REFERENCES app_user(id),
        resolved_by uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CONSTRAINT incident_ended_when_resolved CHECK ((status = 'resolved') = (ended_at IS NOT NULL)),
        CONSTRAINT incident_opened_by_someone CHECK (opened_automatically = (opened_by IS NULL))
      )`);
    // Several backend processes watch the same dependencies: one open automatic incident per system, whoever
    // comes first (INSERT … ON CONFLICT DO NOTHING). Incidents people open are not limited.
    await q.query(
      `CREATE UNIQUE INDEX incident_auto_open_idx ON incident (system_id) WHERE status = 'open' AND opened_automatically`,
    );
    // The banner reads the open ones on every console load; the register lists by start.
    await q.query(`CREATE INDEX incident_open_idx ON incident (started_at) WHERE status = 'open'`);
    await q.query(`CREATE INDEX incident_system_started_idx ON incident (system_id, started_at DESC)`);
    await q.query(`CREATE INDEX incident_started_idx ON incident (started_at DESC)`);

    await q.query(`
      CREATE TABLE incident_action (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident(id),
        kind text NOT NULL CHECK (kind IN ('opened', 'note', 'recovered', 'resolved')),
        at timestamptz NOT NULL,
        text text NOT NULL,
        author_id uuid REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incident_action_incident_idx ON incident_action (incident_id, at, id)`);

    await q.query(`
      CREATE TABLE incident_notice (
        id bigserial PRIMARY KEY,
        incident_id uuid NOT NULL REFERENCES incident(id),
        recipient text NOT NULL CHECK (length(btrim(recipient)) > 1),
        channel text NOT NULL CHECK (channel IN ('phone', 'email', 'sms', 'in_person', 'intranet', 'other')),
        at timestamptz NOT NULL,
        note text NOT NULL DEFAULT '',
        recorded_by uuid NOT NULL REFERENCES app_user(id),
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX incident_notice_incident_idx ON incident_notice (incident_id, at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incident_notice`);
    await q.query(`DROP TABLE incident_action`);
    await q.query(`DROP TABLE incident`);
    await q.query(`DROP TABLE incident_system`);
  }
}
