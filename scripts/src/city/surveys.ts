// Survey results for the generated period: an earlier run of the seeded hotline survey (closed), answered at the
// end of some calls and on outbound survey calls, and answers to the seeded survey itself for calls in its period.
import type pg from 'pg';
import { OUTCOME, type CallSet } from './calls.ts';
import { ID, Random, mixSeed, uuidFrom } from './random.ts';
import type { CityIds } from './ids.ts';
import type { Reference, SurveyQuestionRef } from './reference.ts';
import { warsawDateOf } from './calendar.ts';

const IMPROVEMENTS = [
  'Krótszy czas oczekiwania na połączenie.',
  'Więcej informacji na stronie internetowej.',
  'Możliwość kontaktu przez czat.',
  'Nic, wszystko w porządku.',
  'Dłuższe godziny pracy infolinii.',
];

interface Period {
  surveyId: string;
  from: string;
  to: string;
}

export async function writeSurveys(
  client: pg.Client,
  ref: Reference,
  calls: CallSet,
  startMs: number,
  endMs: number,
  ids: CityIds,
): Promise<{ surveys: number; responses: number }> {
  if (!ref.survey || calls.n === 0) return { surveys: 0, responses: 0 };
  const seed = ids.seed;
  // The earlier run covers the middle fifth of the period.
  const from = warsawDateOf(startMs + (endMs - startMs) * 0.4);
  const to = warsawDateOf(startMs + (endMs - startMs) * 0.6);
  const { rows } = await client.query<{ id: string; period_from: string; period_to: string }>(
    `WITH earlier AS (
       INSERT INTO survey (id, title, description, commissioned_by_name, commissioned_by_unit_id, period_from, period_to,
                           status, created_at, updated_at, activated_at, closed_at)
       SELECT $4::uuid, title || ' (' || $1 || ' – ' || $2 || ')', description, commissioned_by_name,
              commissioned_by_unit_id, $1::date, $2::date, 'closed', $1::date - 7, $2::date + 1, $1::date, $2::date + 1
         FROM survey WHERE id = $3
       RETURNING id
     ),
     questions AS (
       INSERT INTO survey_question (id, survey_id, position, kind, text, required, options, scale_min, scale_max,
                                    min_label, max_label)
       SELECT ($5::uuid[])[q.position], (SELECT id FROM earlier), q.position, q.kind, q.text, q.required,
              q.options, q.scale_min, q.scale_max, q.min_label, q.max_label
         FROM survey_question q WHERE q.survey_id = $3
       RETURNING 1
     )
     SELECT s.id, s.period_from::text, s.period_to::text FROM survey s WHERE s.id = $3
     UNION ALL SELECT id, $1, $2 FROM earlier`,
    [
      from,
      to,
      ref.survey.id,
      uuidFrom(seed, ID.survey, 1),
      Array.from({ length: Math.max(0, ...ref.survey.questions.map((q) => q.position)) }, (_, k) =>
        uuidFrom(seed, ID.question, k + 1),
      ),
    ],
  );
  const periods: Period[] = rows.map((r) => ({ surveyId: r.id, from: r.period_from, to: r.period_to }));
  const questionsOf = (surveyId: string): SurveyQuestionRef[] =>
    surveyId === ref.survey!.id
      ? ref.survey!.questions
      : ref.survey!.questions.map((q) => ({ ...q, id: uuidFrom(seed, ID.question, q.position) }));

  const response = {
    n: [] as number[],
    survey: [] as string[],
    call: [] as number[],
    agent: [] as string[],
    declined: [] as boolean[],
    at: [] as number[],
  };
  const answer = {
    response: [] as number[],
    question: [] as string[],
    options: [] as (string | null)[],
    scale: [] as (number | null)[],
    text: [] as (string | null)[],
  };
  for (let c = 0; c < calls.n; c++) {
    if (calls.missed[c] || calls.agent[c]! < 0) continue;
    const survey = calls.outcome[c] === OUTCOME.survey;
    if (!survey && (calls.outbound[c] || calls.outcome[c] !== OUTCOME.information_given)) continue;
    const rnd = new Random(mixSeed(seed, 0x5a7, c));
    if (!survey && !rnd.chance(0.06)) continue;
    const date = warsawDateOf(calls.started[c]!);
    const period = periods.find((p) => p.from <= date && date <= p.to);
    if (!period) continue;
    const k = response.n.length;
    const declined = rnd.chance(survey ? 0.2 : 0.3);
    response.n.push(k);
    response.survey.push(period.surveyId);
    response.call.push(c);
    response.agent.push(ref.users[calls.agent[c]!]!.id);
    response.declined.push(declined);
    response.at.push(Math.max(calls.answered[c]!, calls.ended[c]! - 30_000));
    if (declined) continue;
    for (const q of questionsOf(period.surveyId)) {
      let options: string | null = null;
      let scale: number | null = null;
      let text: string | null = null;
      if (q.kind === 'single_choice' && q.options.length > 0) {
        const r = rnd.next();
        options = `{${q.options[r < 0.7 ? 0 : r < 0.9 ? Math.min(1, q.options.length - 1) : q.options.length - 1]!.id}}`;
      } else if (q.kind === 'multiple_choice' && q.options.length > 0 && (q.required || rnd.chance(0.6))) {
        options = `{${[...new Set([rnd.pick(q.options).id, rnd.pick(q.options).id])].sort().join(',')}}`;
      } else if (q.kind === 'scale' && q.scaleMin !== null && q.scaleMax !== null) {
        const top = q.scaleMax;
        scale = Math.max(q.scaleMin, Math.min(top, Math.round(top - Math.abs(rnd.normal()) * 1.1)));
      } else if (q.kind === 'free_text' && (q.required || rnd.chance(0.2))) {
        text = rnd.pick(IMPROVEMENTS);
      }
      if (options === null && scale === null && text === null) continue;
      answer.response.push(k);
      answer.question.push(q.id);
      answer.options.push(options);
      answer.scale.push(scale);
      answer.text.push(text);
    }
  }
  for (let k = 0; k < response.n.length; k += 20_000) {
    const part = <T>(a: T[]) => a.slice(k, k + 20_000);
    await client.query(
      `INSERT INTO survey_response (id, survey_id, interaction_id, agent_id, declined, created_at)
       SELECT x.id, x.survey, x.call, x.agent, x.declined, to_timestamp(x.at / 1000.0)
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::bool[], $6::float8[])
           AS x(id, survey, call, agent, declined, at)`,
      [
        part(response.n).map((n) => ids.row(ID.response, response.at[n]!, n)),
        part(response.survey),
        part(response.call).map((c) => ids.call(c)),
        part(response.agent),
        part(response.declined),
        part(response.at),
      ],
    );
  }
  for (let k = 0; k < answer.response.length; k += 50_000) {
    const part = <T>(a: T[]) => a.slice(k, k + 50_000);
    await client.query(
      `INSERT INTO survey_answer (response_id, question_id, option_ids, scale_value, text_value)
       SELECT x.response, x.question, x.options::text[], x.scale, x.text
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[], $5::text[]) AS x(response, question, options, scale, text)`,
      [
        part(answer.response).map((n) => ids.row(ID.response, response.at[n]!, n)),
        part(answer.question),
        part(answer.options),
        part(answer.scale),
        part(answer.text),
      ],
    );
  }
  return { surveys: 1, responses: response.n.length };
}
