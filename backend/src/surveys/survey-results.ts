// Survey results for analysts: counts and shares per option, a scale's mean and distribution, the free-text
// answers, and how many callers answered or declined; all optionally within days (in Kraków) of the responses.
import type { DataSource } from 'typeorm';
import {
  SURVEY_RESULTS_TEXT_LIMIT,
  type SurveyQuestionResultDto,
  type SurveyResultsDto,
  type SurveyResultsQuery,
} from '@kck/contracts';
import { getSurvey } from './surveys.service.ts';

/** `column` falls on the days from $2 to $3 (either may be null: open-ended). */
export const responseInPeriod = (column: string) =>
  `($2::date IS NULL OR ${column} >= ($2::date::timestamp AT TIME ZONE 'Europe/Warsaw'))
   AND ($3::date IS NULL OR ${column} < (($3::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw'))`;

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

export async function surveyResults(db: DataSource, id: string, query: SurveyResultsQuery): Promise<SurveyResultsDto> {
  const survey = await getSurvey(db, id);
  const period = [id, query.from ?? null, query.to ?? null];
  const [counts]: { responses: number; declined: number }[] = await db.query(
    `SELECT count(*) FILTER (WHERE NOT declined)::int AS responses, count(*) FILTER (WHERE declined)::int AS declined
       FROM survey_response r WHERE r.survey_id = $1 AND ${responseInPeriod('r.created_at')}`,
    period,
  );
  const { responses, declined } = counts!;

  // One pass over the answers: how many answered each question, each option's count, each scale value's count.
  const answered: { question_id: string; answered: number }[] = await db.query(
    `SELECT a.question_id, count(*)::int AS answered
       FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
      WHERE r.survey_id = $1 AND ${responseInPeriod('r.created_at')}
      GROUP BY a.question_id`,
    period,
  );
  const optionCounts: { question_id: string; option_id: string; count: number }[] = await db.query(
    `SELECT a.question_id, o.option_id, count(*)::int AS count
       FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
       CROSS JOIN LATERAL unnest(a.option_ids) AS o(option_id)
      WHERE r.survey_id = $1 AND ${responseInPeriod('r.created_at')}
      GROUP BY a.question_id, o.option_id`,
    period,
  );
  const scaleCounts: { question_id: string; value: number; count: number }[] = await db.query(
    `SELECT a.question_id, a.scale_value AS value, count(*)::int AS count
       FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
      WHERE r.survey_id = $1 AND a.scale_value IS NOT NULL AND ${responseInPeriod('r.created_at')}
      GROUP BY a.question_id, a.scale_value`,
    period,
  );
  const texts: { question_id: string; response_id: string; text: string; created_at: Date; total: number }[] =
    await db.query(
      `SELECT question_id, response_id, text, created_at, total FROM (
         SELECT a.question_id, a.response_id, a.text_value AS text, r.created_at,
                row_number() OVER (PARTITION BY a.question_id ORDER BY r.created_at DESC, r.id DESC) AS n,
                count(*) OVER (PARTITION BY a.question_id)::int AS total
           FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
          WHERE r.survey_id = $1 AND a.text_value IS NOT NULL AND ${responseInPeriod('r.created_at')}) t
        WHERE n <= ${SURVEY_RESULTS_TEXT_LIMIT}
        ORDER BY created_at DESC, response_id DESC`,
      period,
    );

  const questions = survey.questions.map((question): SurveyQuestionResultDto => {
    const n = answered.find((a) => a.question_id === question.id)?.answered ?? 0;
    const result: SurveyQuestionResultDto = {
      questionId: question.id,
      position: question.position,
      kind: question.kind,
      text: question.text,
      required: question.required,
      answered: n,
      skipped: responses - n,
    };
    if (question.kind === 'single_choice' || question.kind === 'multiple_choice')
      result.options = question.options.map((option) => {
        const count = optionCounts.find((c) => c.question_id === question.id && c.option_id === option.id)?.count ?? 0;
        return { optionId: option.id, label: option.label, count, share: share(count, n) };
      });
    else if (question.kind === 'scale') {
      const distribution = [];
      let sum = 0;
      for (let value = question.scaleMin!; value <= question.scaleMax!; value++) {
        const count = scaleCounts.find((c) => c.question_id === question.id && c.value === value)?.count ?? 0;
        sum += value * count;
        distribution.push({ value, count, share: share(count, n) });
      }
      result.scale = {
        min: question.scaleMin!,
        max: question.scaleMax!,
        minLabel: question.minLabel,
        maxLabel: question.maxLabel,
        mean: n === 0 ? null : sum / n,
        distribution,
      };
    } else {
      const own = texts.filter((t) => t.question_id === question.id);
      result.texts = own.map((t) => ({
        responseId: t.response_id,
        text: t.text,
        createdAt: t.created_at.toISOString(),
      }));
      result.textTotal = own[0]?.total ?? 0;
    }
    return result;
  });

  return {
    surveyId: survey.id,
    title: survey.title,
    status: survey.status,
    from: query.from ?? null,
    to: query.to ?? null,
    responses,
    declined,
    responseRate: responses + declined === 0 ? null : responses / (responses + declined),
    questions,
  };
}
