// Phone surveys: a survey with its ordered questions, one response per survey and call, and the answers.
// A survey with responses cannot be deleted, nor can a question with answers: the foreign keys refuse it.
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Surveys1763800000150 implements MigrationInterface {
  name = 'Surveys1763800000150';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE survey (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        commissioned_by_name text NOT NULL,
        commissioned_by_unit_id uuid NOT NULL REFERENCES unit(id),
        period_from date NOT NULL,
        period_to date NOT NULL CHECK (period_to >= period_from),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'closed')),
        created_by uuid REFERENCES app_user(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        activated_at timestamptz,
        closed_at timestamptz
      )`);
    await q.query(`CREATE INDEX survey_status_idx ON survey (status, period_from, period_to)`);

    // Options are kept with their question as [{id, label}]; ids are their places, fixed once answers exist.
    await q.query(`
      CREATE TABLE survey_question (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES survey(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        kind text NOT NULL CHECK (kind IN ('single_choice', 'multiple_choice', 'scale', 'free_text')),
        text text NOT NULL,
        required boolean NOT NULL DEFAULT true,
        options jsonb NOT NULL DEFAULT '[]',
        scale_min integer,
        scale_max integer,
        min_label text NOT NULL DEFAULT '',
        max_label text NOT NULL DEFAULT '',
        CONSTRAINT survey_question_position_unique UNIQUE (survey_id, position),
        CONSTRAINT survey_question_scale CHECK (
          (kind = 'scale') = (scale_min IS NOT NULL AND scale_max IS NOT NULL) AND (scale_max IS NULL OR scale_max > scale_min)),
        CONSTRAINT survey_question_options CHECK (
          (kind IN ('single_choice', 'multiple_choice')) = (jsonb_array_length(options) >= 2))
      )`);

    await q.query(`
      CREATE TABLE survey_response (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        survey_id uuid NOT NULL REFERENCES survey(id),
        interaction_id uuid NOT NULL REFERENCES interaction(id),
        agent_id uuid NOT NULL REFERENCES app_user(id),
        declined boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT survey_response_per_call UNIQUE (survey_id, interaction_id)
      )`);
    // Results and the CSV export read a survey's responses by time, in pages keyed on (created_at, id).
    await q.query(`CREATE INDEX survey_response_survey_idx ON survey_response (survey_id, created_at, id)`);
    await q.query(`CREATE INDEX survey_response_interaction_idx ON survey_response (interaction_id)`);

    await q.query(`
      CREATE TABLE survey_answer (
        response_id uuid NOT NULL REFERENCES survey_response(id) ON DELETE CASCADE,
        question_id uuid NOT NULL REFERENCES survey_question(id),
        option_ids text[],
        scale_value integer,
        text_value text,
        PRIMARY KEY (response_id, question_id),
        CHECK (num_nonnulls(option_ids, scale_value, text_value) = 1)
      )`);
    await q.query(`CREATE INDEX survey_answer_question_idx ON survey_answer (question_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS survey_answer`);
    await q.query(`DROP TABLE IF EXISTS survey_response`);
    await q.query(`DROP TABLE IF EXISTS survey_question`);
    await q.query(`DROP TABLE IF EXISTS survey`);
  }
}
