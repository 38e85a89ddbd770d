// Surveys as analysts (DK-05) and admins write them: create, edit (questions only while a draft), activate,
// close, delete (only while nobody answered). Reads present the survey with its questions and response counts.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CreateSurveyRequest,
  SurveyDto,
  SurveyQuestionDto,
  SurveyQuestionRequest,
  SurveyStatus,
  SurveySummaryDto,
  UpdateSurveyRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, invalidTransition, notFound } from '../platform/errors.ts';

/** Today in Kraków: a survey's period is a span of local days. */
export const WARSAW_TODAY = `(now() AT TIME ZONE 'Europe/Warsaw')::date`;

interface SurveyRow {
  id: string;
  title: string;
  description: string;
  commissioned_by_name: string;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  period_from: string;
  period_to: string;
  status: SurveyStatus;
  runnable: boolean;
  question_count: number;
  response_count: number;
  declined_count: number;
  created_at: Date;
  created_by_name: string | null;
  updated_at: Date;
  updated_by_name: string | null;
  activated_at: Date | null;
  closed_at: Date | null;
}

// Dates go out as text: a `date` read through node-postgres would become a midnight in the server's zone.
const SURVEY_SELECT = `
  SELECT s.id, s.title, s.description, s.commissioned_by_name, u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
         s.period_from::text AS period_from, s.period_to::text AS period_to, s.status,
         (s.status = 'active' AND ${WARSAW_TODAY} BETWEEN s.period_from AND s.period_to) AS runnable,
         (SELECT count(*) FROM survey_question q WHERE q.survey_id = s.id)::int AS question_count,
         (SELECT count(*) FROM survey_response r WHERE r.survey_id = s.id AND NOT r.declined)::int AS response_count,
         (SELECT count(*) FROM survey_response r WHERE r.survey_id = s.id AND r.declined)::int AS declined_count,
         s.created_at, cb.display_name AS created_by_name, s.updated_at, ub.display_name AS updated_by_name,
         s.activated_at, s.closed_at
    FROM survey s
    JOIN unit u ON u.id = s.commissioned_by_unit_id
    LEFT JOIN app_user cb ON cb.id = s.created_by
    LEFT JOIN app_user ub ON ub.id = s.updated_by`;

interface QuestionRow {
  id: string;
  survey_id: string;
  position: number;
  kind: SurveyQuestionDto['kind'];
  text: string;
  required: boolean;
  options: { id: string; label: string }[];
  scale_min: number | null;
  scale_max: number | null;
  min_label: string;
  max_label: string;
}

const presentSummary = (r: SurveyRow): SurveySummaryDto => ({
  id: r.id,
  title: r.title,
  commissionedByName: r.commissioned_by_name,
  commissionedByUnit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
  periodFrom: r.period_from,
  periodTo: r.period_to,
  status: r.status,
  runnable: r.runnable,
  questionCount: r.question_count,
  responseCount: r.response_count,
  declinedCount: r.declined_count,
  updatedAt: r.updated_at.toISOString(),
});

export const presentQuestion = (q: QuestionRow): SurveyQuestionDto => ({
  id: q.id,
  position: q.position,
  kind: q.kind,
  text: q.text,
  required: q.required,
  options: q.options,
  scaleMin: q.scale_min,
  scaleMax: q.scale_max,
  minLabel: q.min_label,
  maxLabel: q.max_label,
});

const presentSurvey = (r: SurveyRow, questions: QuestionRow[]): SurveyDto => ({
  ...presentSummary(r),
  description: r.description,
  questions: questions.map(presentQuestion),
  createdAt: r.created_at.toISOString(),
  createdByName: r.created_by_name,
  updatedByName: r.updated_by_name,
  activatedAt: r.activated_at?.toISOString() ?? null,
  closedAt: r.closed_at?.toISOString() ?? null,
});

export async function questionsOf(db: DataSource | EntityManager, surveyIds: string[]): Promise<QuestionRow[]> {
  return db.query(`SELECT * FROM survey_question WHERE survey_id = ANY ($1::uuid[]) ORDER BY survey_id, position`, [
    surveyIds,
  ]);
}

export async function listSurveys(db: DataSource, status?: SurveyStatus): Promise<SurveySummaryDto[]> {
  const rows: SurveyRow[] = await db.query(
    `${SURVEY_SELECT} WHERE ($1::text IS NULL OR s.status = $1)
      ORDER BY CASE s.status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, s.period_from DESC, s.created_at DESC`,
    [status ?? null],
  );
  return rows.map(presentSummary);
}

export async function getSurvey(db: DataSource | EntityManager, id: string): Promise<SurveyDto> {
  const rows: SurveyRow[] = await db.query(`${SURVEY_SELECT} WHERE s.id = $1`, [id]);
  if (!rows[0]) throw notFound('Survey');
  return presentSurvey(rows[0], await questionsOf(db, [id]));
}

/** The active surveys whose period includes today, with their questions, for agents to run. */
export async function listRunnableSurveys(db: DataSource): Promise<SurveyDto[]> {
  const rows: SurveyRow[] = await db.query(
    `${SURVEY_SELECT} WHERE s.status = 'active' AND ${WARSAW_TODAY} BETWEEN s.period_from AND s.period_to
      ORDER BY s.period_to, s.title`,
  );
  const questions = await questionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) =>
    presentSurvey(
      r,
      questions.filter((q) => q.survey_id === r.id),
    ),
  );
}

async function assertUnit(em: EntityManager, unitId: string): Promise<void> {
  const rows: { active: boolean }[] = await em.query(`SELECT active FROM unit WHERE id = $1`, [unitId]);
  if (!rows[0]) throw badField('commissionedByUnitId', `no unit with id ${unitId}`);
  if (!rows[0].active) throw badField('commissionedByUnitId', `unit ${unitId} is no longer active`);
}

/** Options get ids by their place (1, 2, …): answers name them, and a draft has no answers to keep apart. */
const optionsOf = (question: SurveyQuestionRequest) =>
  question.kind === 'single_choice' || question.kind === 'multiple_choice'
    ? question.options.map((label, index) => ({ id: String(index + 1), label }))
    : [];

async function writeQuestions(em: EntityManager, surveyId: string, questions: SurveyQuestionRequest[]): Promise<void> {
  await em.query(`DELETE FROM survey_question WHERE survey_id = $1`, [surveyId]);
  for (const [index, question] of questions.entries()) {
    const scale = question.kind === 'scale' ? question : null;
    await em.query(
      `INSERT INTO survey_question (survey_id, position, kind, text, required, options, scale_min, scale_max, min_label, max_label)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        surveyId,
        index + 1,
        question.kind,
        question.text,
        question.required,
        JSON.stringify(optionsOf(question)),
        scale?.scaleMin ?? null,
        scale?.scaleMax ?? null,
        scale?.minLabel ?? '',
        scale?.maxLabel ?? '',
      ],
    );
  }
}

/** Writes a new draft with its questions; the seed uses it too. */
export async function insertSurvey(
  em: EntityManager,
  createdBy: string | null,
  input: CreateSurveyRequest,
): Promise<string> {
  await assertUnit(em, input.commissionedByUnitId);
  const rows: { id: string }[] = await em.query(
    `INSERT INTO survey (title, description, commissioned_by_name, commissioned_by_unit_id, period_from, period_to,
                         created_by, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
    [
      input.title,
      input.description,
      input.commissionedByName,
      input.commissionedByUnitId,
      input.periodFrom,
      input.periodTo,
      createdBy,
    ],
  );
  await writeQuestions(em, rows[0]!.id, input.questions);
  return rows[0]!.id;
}

export async function createSurvey(db: DataSource, actor: Actor, input: CreateSurveyRequest): Promise<SurveyDto> {
  return db.transaction(async (em) => getSurvey(em, await insertSurvey(em, actor.id, input)));
}

/** Locks the survey row for a change; responses take it shared, so a change and a response never cross. */
async function lockSurvey(em: EntityManager, id: string): Promise<{ status: SurveyStatus; period_to: string }> {
  const rows: { status: SurveyStatus; period_to: string }[] = await em.query(
    `SELECT status, period_to::text AS period_to FROM survey WHERE id = $1 FOR UPDATE`,
    [id],
  );
  if (!rows[0]) throw notFound('Survey');
  return rows[0];
}

export async function updateSurvey(
  db: DataSource,
  actor: Actor,
  id: string,
  input: UpdateSurveyRequest,
): Promise<SurveyDto> {
  return db.transaction(async (em) => {
    const current = await lockSurvey(em, id);
    if (input.questions && current.status !== 'draft')
      throw conflict(`The questions can be changed only while the survey is a draft (it is ${current.status})`);
    await assertUnit(em, input.commissionedByUnitId);
    await em.query(
      `UPDATE survey SET title = $2, description = $3, commissioned_by_name = $4, commissioned_by_unit_id = $5,
                         period_from = $6, period_to = $7, updated_by = $8, updated_at = now()
        WHERE id = $1`,
      [
        id,
        input.title,
        input.description,
        input.commissionedByName,
        input.commissionedByUnitId,
        input.periodFrom,
        input.periodTo,
        actor.id,
      ],
    );
    if (input.questions) await writeQuestions(em, id, input.questions);
    return getSurvey(em, id);
  });
}

/** Draft → active: agents can run it within its period. It needs questions and a period not yet over. */
export async function activateSurvey(db: DataSource, actor: Actor, id: string): Promise<SurveyDto> {
  return db.transaction(async (em) => {
    const current = await lockSurvey(em, id);
    if (current.status !== 'draft')
      throw invalidTransition(`Only a draft survey can be activated (this one is ${current.status})`);
    const [facts]: { questions: number; ended: boolean }[] = await em.query(
      `SELECT (SELECT count(*) FROM survey_question WHERE survey_id = $1)::int AS questions,
              $2::date < ${WARSAW_TODAY} AS ended`,
      [id, current.period_to],
    );
    if (facts!.questions === 0) throw invalidTransition('A survey needs at least one question before it is activated');
    if (facts!.ended) throw invalidTransition(`The survey's period ended on ${current.period_to}; change it first`);
    await em.query(
      `UPDATE survey SET status = 'active', activated_at = now(), updated_by = $2, updated_at = now() WHERE id = $1`,
      [id, actor.id],
    );
    return getSurvey(em, id);
  });
}

/** Active → closed: no more responses, results stay. */
export async function closeSurvey(db: DataSource, actor: Actor, id: string): Promise<SurveyDto> {
  return db.transaction(async (em) => {
    const current = await lockSurvey(em, id);
    if (current.status !== 'active')
      throw invalidTransition(`Only an active survey can be closed (this one is ${current.status})`);
    await em.query(
      `UPDATE survey SET status = 'closed', closed_at = now(), updated_by = $2, updated_at = now() WHERE id = $1`,
      [id, actor.id],
    );
    return getSurvey(em, id);
  });
}

/** Only a survey nobody has answered (or declined) goes; the foreign key refuses the rest as well. */
export async function deleteSurvey(db: DataSource, id: string): Promise<void> {
  await db.transaction(async (em) => {
    await lockSurvey(em, id);
    const [{ responses }] = (await em.query(
      `SELECT count(*)::int AS responses FROM survey_response WHERE survey_id = $1`,
      [id],
    )) as [{ responses: number }];
    if (responses > 0)
      throw conflict(`The survey has ${responses} responses and is kept: a survey with answers is never deleted`);
    await em.query(`DELETE FROM survey WHERE id = $1`, [id]);
  });
}
