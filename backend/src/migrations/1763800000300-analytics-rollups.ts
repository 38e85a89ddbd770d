// Rollup tables behind DK-05's figures: tickets by the day they were written, calls by the hour they started, and the
// hotline's use of the knowledge base by day. The worker recomputes the days that changed (analytics/rollups.ts).
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsRollups1763800000300 implements MigrationInterface {
  name = 'AnalyticsRollups1763800000300';

  async up(q: QueryRunner): Promise<void> {
    // No foreign keys: rollups are derived and rebuilt from the raw tables; dictionary entries and units are never
    // deleted, so their ids keep their labels. One row per day and combination of the ticket's current attributes.
    await q.query(`
      CREATE TABLE rollup_ticket_day (
        day date NOT NULL,
        channel text NOT NULL,
        type text NOT NULL,
        category_id uuid NOT NULL,
        unit_id uuid,
        district_id uuid,
        status text NOT NULL,
        priority text NOT NULL,
        tickets integer NOT NULL,
        routed integer NOT NULL,
        route_seconds double precision NOT NULL,
        resolved integer NOT NULL,
        resolve_seconds double precision NOT NULL,
        with_deadline integer NOT NULL,
        deadline_kept integer NOT NULL,
        duplicates integer NOT NULL
      )`);
    await q.query(`CREATE INDEX rollup_ticket_day_day_idx ON rollup_ticket_day (day)`);
    await q.query(`CREATE INDEX rollup_ticket_day_unit_idx ON rollup_ticket_day (unit_id, day)`);

    await q.query(`
      CREATE TABLE rollup_call_hour (
        day date NOT NULL,
        hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
        topic_id uuid,
        outcome text,
        direction text NOT NULL,
        calls integer NOT NULL,
        answered integer NOT NULL,
        missed integer NOT NULL,
        talked integer NOT NULL,
        talk_seconds double precision NOT NULL,
        wrapped integer NOT NULL,
        wrap_seconds double precision NOT NULL,
        information_only integer NOT NULL,
        with_ticket integer NOT NULL
      )`);
    await q.query(`CREATE INDEX rollup_call_hour_day_idx ON rollup_call_hour (day)`);

    // The same by month, for long periods: a year of days is about 280,000 ticket rows at Kraków's size, a year of
    // months (without priority) about 90,000.
    await q.query(`
      CREATE TABLE rollup_ticket_month (
        month date NOT NULL,
        channel text NOT NULL,
        type text NOT NULL,
        category_id uuid NOT NULL,
        unit_id uuid,
        district_id uuid,
        status text NOT NULL,
        tickets integer NOT NULL,
        routed integer NOT NULL,
        route_seconds double precision NOT NULL,
        resolved integer NOT NULL,
        resolve_seconds double precision NOT NULL,
        with_deadline integer NOT NULL,
        deadline_kept integer NOT NULL,
        duplicates integer NOT NULL
      )`);
    await q.query(`CREATE INDEX rollup_ticket_month_month_idx ON rollup_ticket_month (month)`);
    await q.query(`
      CREATE TABLE rollup_call_month (
        month date NOT NULL,
        hour smallint NOT NULL,
        topic_id uuid,
        outcome text,
        direction text NOT NULL,
        calls integer NOT NULL,
        answered integer NOT NULL,
        missed integer NOT NULL,
        talked integer NOT NULL,
        talk_seconds double precision NOT NULL,
        wrapped integer NOT NULL,
        wrap_seconds double precision NOT NULL,
        information_only integer NOT NULL,
        with_ticket integer NOT NULL
      )`);
    await q.query(`CREATE INDEX rollup_call_month_month_idx ON rollup_call_month (month)`);

    await q.query(`
      CREATE TABLE rollup_search_day (
        day date PRIMARY KEY,
        searches integer NOT NULL,
        without_result integer NOT NULL
      )`);
    // Queries that found nothing, folded to lower case: the gaps in the knowledge base.
    await q.query(`
      CREATE TABLE rollup_search_gap_day (
        day date NOT NULL,
        query text NOT NULL,
        searches integer NOT NULL,
        PRIMARY KEY (day, query)
      )`);
    await q.query(`
      CREATE TABLE rollup_article_day (
        day date NOT NULL,
        article_id uuid NOT NULL,
        used_in_calls integer NOT NULL,
        PRIMARY KEY (day, article_id)
      )`);

    // How far the refresher has read ticket_event (see rollups.ts: it re-reads a margin, because ids are taken
    // before commit and a slow transaction can commit a lower id after a higher one was read).
    await q.query(`
      CREATE TABLE rollup_state (
        name text PRIMARY KEY,
        refreshed_at timestamptz NOT NULL,
        scan_from_event_id bigint NOT NULL,
        next_scan_from_event_id bigint NOT NULL,
        next_scan_from_since timestamptz NOT NULL,
        -- What the last refresh saw (newest event, recent calls and searches), to tell consoles only of changes.
        signature text NOT NULL DEFAULT ''
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'rollup_state',
      'rollup_article_day',
      'rollup_search_gap_day',
      'rollup_search_day',
      'rollup_call_month',
      'rollup_call_hour',
      'rollup_ticket_month',
      'rollup_ticket_day',
    ])
      await q.query(`DROP TABLE ${table}`);
  }
}
