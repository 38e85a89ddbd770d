// Running a survey during a call: the agent records one response per survey and call (answers, or that the caller
// declined), checked against each question's kind and written in one transaction with its answers.
import type { DataSource } from 'typeorm';
import {
  checkSurveyAnswers,
  type RunnableSurveyDto,
  type SurveyResponseDto,
  type SurveyResponseRequest,
  type SurveyStatus,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, invalidTransition, notFound, validationFailed } from '../platform/errors.ts';
import { listRunnableSurveys, presentQuestion, questionsOf, WARSAW_TODAY } from './surveys.service.ts';

export async function recordSurveyResponse(
  db: DataSource,
  actor: Actor,
  surveyId: string,
  input: SurveyResponseRequest,
): Promise<SurveyResponseDto> {
  return db.transaction(async (em) => {
    // Shared lock: responses run side by side, but closing the survey waits for them (and they for it).
    const surveys: { status: SurveyStatus; in_period: boolean; period_from: string; period_to: string }[] =
      await em.query(
        `SELECT status, ${WARSAW_TODAY} BETWEEN period_from AND period_to AS in_period,
                period_from::text AS period_from, period_to::text AS period_to
           FROM survey WHERE id = $1 FOR SHARE`,
        [surveyId],
      );
    const survey = surveys[0];
    if (!survey) throw notFound('Survey');
    if (survey.status !== 'active') throw invalidTransition(`The survey is ${survey.status}, not active`);
    if (!survey.in_period)
      throw invalidTransition(`The survey runs from ${survey.period_from} to ${survey.period_to}, not today`);

    // A call exists from its start, so a survey can be answered while the call is still live.
    const calls: { agent_id: string }[] = await em.query(`SELECT agent_id FROM interaction WHERE id = $1`, [
      input.callId,
    ]);
    if (calls[0]?.agent_id !== actor.id) throw badField('callId', 'no call of yours has this id');

    let answers: ReturnType<typeof checkSurveyAnswers>['answers'] = [];
    if (!input.declined) {
      const questions = (await questionsOf(em, [surveyId])).map(presentQuestion);
      const checked = checkSurveyAnswers(questions, input.answers);
      if (checked.issues.length > 0)
        throw validationFailed(checked.issues.map((issue) => ({ path: issue.path, message: issue.message })));
      answers = checked.answers;
    }

    const inserted: { id: string; created_at: Date }[] = await em.query(
      `INSERT INTO survey_response (survey_id, interaction_id, agent_id, declined) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT survey_response_per_call DO NOTHING
       RETURNING id, created_at`,
      [surveyId, input.callId, actor.id, input.declined],
    );
    if (!inserted[0]) throw conflict('This call already has a response to this survey');
    const { id, created_at } = inserted[0];
    if (answers.length > 0)
      await em.query(
        `INSERT INTO survey_answer (response_id, question_id, option_ids, scale_value, text_value)
         SELECT $1, (a->>'questionId')::uuid,
                CASE WHEN jsonb_typeof(a->'optionIds') = 'array'
                     THEN ARRAY(SELECT jsonb_array_elements_text(a->'optionIds')) END,
                (a->>'scaleValue')::int, a->>'text'
           FROM jsonb_array_elements($2::jsonb) a`,
        [id, JSON.stringify(answers)],
      );
    return {
      id,
      surveyId,
      callId: input.callId,
      declined: input.declined,
      answerCount: answers.length,
      createdAt: created_at.toISOString(),
    };
  });
}

/** The surveys an agent may run now; for a call of theirs, each says whether it already has its response. */
export async function runnableSurveysFor(
  db: DataSource,
  actor: Actor,
  callId: string | undefined,
): Promise<RunnableSurveyDto[]> {
  const surveys = await listRunnableSurveys(db);
  const responses: { survey_id: string; id: string; declined: boolean; created_at: Date }[] = callId
    ? await db.query(
        `SELECT survey_id, id, declined, created_at FROM survey_response WHERE interaction_id = $1 AND agent_id = $2`,
        [callId, actor.id],
      )
    : [];
  return surveys.map((survey) => {
    const response = responses.find((r) => r.survey_id === survey.id);
    return {
      ...survey,
      responseForCall: response
        ? { id: response.id, declined: response.declined, createdAt: response.created_at.toISOString() }
        : null,
    };
  });
}
