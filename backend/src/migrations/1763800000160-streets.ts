// The street → district dictionary behind the address of a ticket: one row per street and district (a street
// crossing a district boundary has two), found by a folded name so case, Polish letters and „św.”/„świętego” do not matter.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Streets1763800000160 implements MigrationInterface {
  name = 'Streets1763800000160';

  async up(q: QueryRunner): Promise<void> {
    // kb_fold (lower case, no diacritics, punctuation to spaces) plus the saints' titles written three ways.
    await q.query(`
      CREATE OR REPLACE FUNCTION street_fold(input text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        SET search_path FROM CURRENT
        AS $$ SELECT regexp_replace(kb_fold(input), '\\m(swietego|swietej|swietych|sw)\\M', 'sw', 'g') $$`);
    await q.query(`
      CREATE TABLE street (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prefix text CHECK (prefix IS NULL OR length(btrim(prefix)) BETWEEN 1 AND 20),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        district_id uuid NOT NULL REFERENCES dictionary_entry(id),
        name_folded text GENERATED ALWAYS AS (street_fold(name)) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX street_name_district_idx ON street (name_folded, district_id)`);
    // Word-prefix search anywhere in the name (LIKE '% filipa%') on a register of thousands of streets.
    await q.query(`CREATE INDEX street_name_folded_trgm_idx ON street USING gin (name_folded gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE street`);
    await q.query(`DROP FUNCTION street_fold(text)`);
  }
}
