// Phone surveys through the API: analysts write and activate them, agents record one response per survey and call
// (answers checked against each question's kind, or a decline), analysts read the results and the CSV export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreateSurveyRequestInput,
  ErrorBody,
  LiveCallDto,
  RunnableSurveyDto,
  SurveyDto,
  SurveyResponseDto,
  SurveyResultsDto,
  SurveySummaryDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, entryId, TEST_PASSWORD, unitId } from '../../backend/src/test-support/builders.ts';
import { warsawDate } from '../../backend/src/knowledge/search-document.ts';

let backend: TestBackend;
let analyst: TestClient;
let admin: TestClient;
let triage: TestClient;
let supervisor: TestClient;
let unitStaff: TestClient;
/** Agents of this file's own, so their calls never meet other files' (the demo `agent` is shared). */
let agent: TestClient & { id: string };
let otherAgent: TestClient & { id: string };
let divisionId = '';

const DAY_MS = 86_400_000;
const today = () => warsawDate();
const daysFromToday = (days: number) => warsawDate(new Date(Date.now() + days * DAY_MS));

async function newAgent(): Promise<TestClient & { id: string }> {
  const user = await buildUser(backend.ctx.db, { role: 'agent', unitId: await unitId(backend.ctx.db, 'DK-02') });
  const client = new TestClient(backend.url);
  expect((await client.login(user.login, TEST_PASSWORD)).status).toBe(200);
  return Object.assign(client, { id: user.id });
}

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [analyst, admin, triage, supervisor, unitStaff] = await signedInAll(
    backend.url,
    'analityk',
    'admin',
    'triage',
    'kierownik',
    'drogi',
  );
  agent = await newAgent();
  otherAgent = await newAgent();
  divisionId = await unitId(backend.ctx.db, 'DK');
});

afterAll(() => backend?.close());

/**
 * A call of `agentId` in wrap-up (answered, hung up, the form not yet saved), written as live-calls.service.ts
 * writes a call: surveys are usually asked at the end of a call, before it is recorded.
 */
async function callInWrapUp(agentId: string, callerPhone = '+48 600 100 200'): Promise<string> {
  const rows: { id: string }[] = await backend.ctx.db.query(
    `INSERT INTO interaction (channel, state, direction, agent_id, caller_phone, started_at, answered_at, ended_at)
     VALUES ('phone', 'wrap_up', 'in', $1, $2, now() - interval '3 minutes', now() - interval '3 minutes', now())
     RETURNING id`,
    [agentId, callerPhone],
  );
  return rows[0]!.id;
}

const surveyBody = (over: Partial<CreateSurveyRequestInput> = {}): CreateSurveyRequestInput => ({
  title: `Ankieta testowa ${Math.random().toString(36).slice(2, 8)}`,
  description: 'Proszę przeczytać rozmówcy: „Czy zgodzi się Pan/Pani odpowiedzieć na kilka pytań?”',
  commissionedByName: 'Jan Przykładowy',
  commissionedByUnitId: divisionId,
  periodFrom: daysFromToday(-1),
  periodTo: daysFromToday(30),
  questions: [
    { kind: 'single_choice', text: 'Czy sprawa została załatwiona?', options: ['Tak', 'Częściowo', 'Nie'] },
    {
      kind: 'multiple_choice',
      text: 'Skąd Pan/Pani wie o infolinii?',
      required: false,
      options: ['Strona krakow.pl', 'Znajomi', 'Plakat; ulotka'],
    },
    {
      kind: 'scale',
      text: 'Jak ocenia Pan/Pani rozmowę?',
      scaleMin: 1,
      scaleMax: 5,
      minLabel: 'źle',
      maxLabel: 'dobrze',
    },
    { kind: 'free_text', text: 'Co poprawić?', required: false },
  ],
  ...over,
});

async function createSurvey(over: Partial<CreateSurveyRequestInput> = {}): Promise<SurveyDto> {
  const res = await analyst.post<SurveyDto>('/api/surveys', surveyBody(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function activeSurvey(over: Partial<CreateSurveyRequestInput> = {}): Promise<SurveyDto> {
  const survey = await createSurvey(over);
  const res = await analyst.post<SurveyDto>(`/api/surveys/${survey.id}/activate`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Answers for the four questions of surveyBody(): option ids by place, a scale value, a text. */
const answersFor = (
  survey: SurveyDto,
  values: { single?: unknown; multiple?: unknown; scale?: unknown; text?: unknown },
) =>
  survey.questions
    .map((q, i) => ({ questionId: q.id, value: [values.single, values.multiple, values.scale, values.text][i] }))
    .filter((a) => a.value !== undefined);

const respond = (client: TestClient, surveyId: string, body: unknown) =>
  client.post<SurveyResponseDto & ErrorBody>(`/api/surveys/${surveyId}/responses`, body);

const responseCount = async (surveyId: string) =>
  (
    await backend.ctx.db.query(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM survey_answer a JOIN survey_response r ON r.id = a.response_id
                                   WHERE r.survey_id = $1) AS answers
         FROM survey_response WHERE survey_id = $1`,
      [surveyId],
    )
  )[0] as { n: number; answers: number };

describe('who may write, run and read surveys', () => {
  it('lets analysts and admins write surveys, agents and supervisors run them, and refuses everyone else', async () => {
    const survey = await activeSurvey();
    expect((await admin.get(`/api/surveys/${survey.id}`)).status).toBe(200);
    for (const client of [agent, triage, supervisor, unitStaff]) {
      expect((await client.get('/api/surveys')).status).toBe(403);
      expect((await client.post('/api/surveys', surveyBody())).status).toBe(403);
      expect((await client.get(`/api/surveys/${survey.id}/results`)).status).toBe(403);
      expect((await client.get(`/api/surveys/${survey.id}/responses.csv`)).status).toBe(403);
      expect((await client.post(`/api/surveys/${survey.id}/close`)).status).toBe(403);
    }
    for (const client of [triage, unitStaff, analyst])
      expect((await client.get('/api/surveys/active')).status).toBe(403);
    const call = await callInWrapUp(agent.id);
    for (const client of [analyst, admin, triage])
      expect((await respond(client, survey.id, { callId: call, declined: true })).status).toBe(403);
    expect(await responseCount(survey.id)).toEqual({ n: 0, answers: 0 });
  });
});

describe('writing a survey', () => {
  it('creates a draft with its questions in order, the options numbered by place', async () => {
    const survey = await createSurvey();
    expect(survey).toMatchObject({
      status: 'draft',
      runnable: false,
      commissionedByName: 'Jan Przykładowy',
      commissionedByUnit: { id: divisionId, code: 'DK' },
      questionCount: 4,
      responseCount: 0,
      declinedCount: 0,
      createdByName: 'Alicja Analityczna',
    });
    expect(survey.questions.map((q) => [q.position, q.kind, q.required])).toEqual([
      [1, 'single_choice', true],
      [2, 'multiple_choice', false],
      [3, 'scale', true],
      [4, 'free_text', false],
    ]);
    expect(survey.questions[0]!.options).toEqual([
      { id: '1', label: 'Tak' },
      { id: '2', label: 'Częściowo' },
      { id: '3', label: 'Nie' },
    ]);
    expect(survey.questions[2]).toMatchObject({ scaleMin: 1, scaleMax: 5, minLabel: 'źle', maxLabel: 'dobrze' });
    const list = await analyst.get<SurveySummaryDto[]>('/api/surveys?status=draft');
    expect(list.body.map((s) => s.id)).toContain(survey.id);
  });

  it.each([
    ['a period that ends before it starts', { periodFrom: '2026-12-10', periodTo: '2026-12-01' }, ['periodTo']],
    ['no title', { title: '  ' }, ['title']],
    [
      'a choice question with one option, and a reversed scale',
      {
        questions: [
          { kind: 'single_choice', text: 'Tak czy nie?', options: ['Tak'] },
          { kind: 'scale', text: 'Ocena', scaleMin: 5, scaleMax: 1 },
        ],
      },
      ['questions.0.options', 'questions.1.scaleMax'],
    ],
    ['an unknown question kind', { questions: [{ kind: 'ranking', text: 'Ułóż' }] }, ['questions.0.kind']],
    [
      'a unit that does not exist',
      { commissionedByUnitId: '00000000-0000-4000-8000-000000000000' },
      ['commissionedByUnitId'],
    ],
  ] as const)('answers 400 for %s, naming the field, and writes nothing', async (_name, change, fields) => {
    const body = surveyBody(change as Partial<CreateSurveyRequestInput>);
    const res = await analyst.post<ErrorBody>('/api/surveys', body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.fields!.map((f) => f.path)).toEqual(fields);
    const written = await backend.ctx.db.query(`SELECT 1 FROM survey WHERE title = $1`, [body.title]);
    expect(written).toHaveLength(0);
  });

  it('changes the questions only while a draft; the other fields stay editable', async () => {
    const draft = await createSurvey();
    const edited = await admin.request<SurveyDto>('PUT', `/api/surveys/${draft.id}`, {
      ...surveyBody({ title: draft.title }),
      questions: [{ kind: 'free_text', text: 'Jedno pytanie' }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.questions.map((q) => q.text)).toEqual(['Jedno pytanie']);
    expect(edited.body.updatedByName).toBe('Administrator systemu');

    const active = await activeSurvey();
    const refused = await analyst.request<ErrorBody>('PUT', `/api/surveys/${active.id}`, {
      ...surveyBody({ title: active.title }),
      questions: [{ kind: 'free_text', text: 'Podmienione pytanie' }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/only while the survey is a draft/);
    const { questions: _unchanged, ...fields } = surveyBody({ title: 'Nowy tytuł aktywnej ankiety' });
    const renamed = await analyst.request<SurveyDto>('PUT', `/api/surveys/${active.id}`, fields);
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Nowy tytuł aktywnej ankiety');
    expect(renamed.body.questions).toEqual(active.questions);
  });

  it('activates a draft with questions and a period not yet over, once; closes an active one, once', async () => {
    const empty = await createSurvey({ questions: [] });
    const noQuestions = await analyst.post<ErrorBody>(`/api/surveys/${empty.id}/activate`);
    expect(noQuestions.status).toBe(409);
    expect(noQuestions.body.error.message).toMatch(/at least one question/);
    const past = await createSurvey({ periodFrom: daysFromToday(-20), periodTo: daysFromToday(-10) });
    expect((await analyst.post(`/api/surveys/${past.id}/activate`)).status).toBe(409);

    const survey = await activeSurvey();
    expect(survey).toMatchObject({ status: 'active', runnable: true });
    expect(survey.activatedAt).not.toBeNull();
    expect((await analyst.post(`/api/surveys/${survey.id}/activate`)).status).toBe(409);
    const closed = await analyst.post<SurveyDto>(`/api/surveys/${survey.id}/close`);
    expect(closed.body).toMatchObject({ status: 'closed', runnable: false });
    expect((await analyst.post(`/api/surveys/${survey.id}/close`)).status).toBe(409);
    expect((await analyst.post(`/api/surveys/${survey.id}/activate`)).status).toBe(409);
  });

  it('deletes a survey nobody answered, and never one with a response', async () => {
    const draft = await createSurvey();
    expect((await analyst.request('DELETE', `/api/surveys/${draft.id}`)).status).toBe(204);
    expect((await analyst.get(`/api/surveys/${draft.id}`)).status).toBe(404);

    const survey = await activeSurvey();
    expect((await respond(agent, survey.id, { callId: await callInWrapUp(agent.id), declined: true })).status).toBe(
      201,
    );
    const refused = await analyst.request<ErrorBody>('DELETE', `/api/surveys/${survey.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/never deleted/);
    expect((await analyst.get(`/api/surveys/${survey.id}`)).status).toBe(200);
  });
});

describe('running a survey during a call', () => {
  it('lists to agents only the active surveys within their period, with their questions', async () => {
    const running = await activeSurvey();
    const draft = await createSurvey();
    const later = await activeSurvey({ periodFrom: daysFromToday(5), periodTo: daysFromToday(10) });
    const res = await agent.get<RunnableSurveyDto[]>('/api/surveys/active');
    expect(res.status).toBe(200);
    const ids = res.body.map((s) => s.id);
    expect(ids).toContain(running.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(later.id);
    expect(res.body.find((s) => s.id === running.id)!.questions).toHaveLength(4);
    // The demo survey of the seed is there for agents from the start.
    expect(res.body.map((s) => s.title)).toContain('Jakość obsługi Infolinii Miejskiej');

    const refused = await respond(agent, later.id, { callId: await callInWrapUp(agent.id), declined: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/not today/);
  });

  it('stores one response per survey and call with its answers; a second one answers 409', async () => {
    const survey = await activeSurvey();
    const callId = await callInWrapUp(agent.id);
    const body = {
      callId,
      answers: answersFor(survey, { single: '1', multiple: ['3', '1'], scale: 4, text: 'Dłużej w soboty' }),
    };
    const res = await respond(agent, survey.id, body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ surveyId: survey.id, callId, declined: false, answerCount: 4 });
    const stored = await backend.ctx.db.query(
      `SELECT q.position, a.option_ids, a.scale_value, a.text_value, r.interaction_id, r.agent_id
         FROM survey_answer a JOIN survey_response r ON r.id = a.response_id JOIN survey_question q ON q.id = a.question_id
        WHERE r.id = $1 ORDER BY q.position`,
      [res.body.id],
    );
    expect(stored).toEqual([
      {
        position: 1,
        option_ids: ['1'],
        scale_value: null,
        text_value: null,
        interaction_id: callId,
        agent_id: agent.id,
      },
      {
        position: 2,
        option_ids: ['1', '3'],
        scale_value: null,
        text_value: null,
        interaction_id: callId,
        agent_id: agent.id,
      },
      { position: 3, option_ids: null, scale_value: 4, text_value: null, interaction_id: callId, agent_id: agent.id },
      {
        position: 4,
        option_ids: null,
        scale_value: null,
        text_value: 'Dłużej w soboty',
        interaction_id: callId,
        agent_id: agent.id,
      },
    ]);

    const again = await respond(agent, survey.id, { callId, declined: true });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already has a response/);
    const listed = await agent.get<RunnableSurveyDto[]>(`/api/surveys/active?callId=${callId}`);
    expect(listed.body.find((s) => s.id === survey.id)!.responseForCall).toMatchObject({
      id: res.body.id,
      declined: false,
    });
    expect(await responseCount(survey.id)).toEqual({ n: 1, answers: 4 });
  });

  it('lets only one of two simultaneous responses for the same call through', async () => {
    const survey = await activeSurvey();
    const callId = await callInWrapUp(agent.id);
    const body = { callId, answers: answersFor(survey, { single: '2', scale: 3 }) };
    const statuses = (await Promise.all([respond(agent, survey.id, body), respond(agent, survey.id, body)])).map(
      (r) => r.status,
    );
    expect(statuses.sort()).toEqual([201, 409]);
    expect(await responseCount(survey.id)).toEqual({ n: 1, answers: 2 });
  });

  it('runs during a live call (started in the console, not yet ended) and for a call recorded in one go', async () => {
    const survey = await activeSurvey();
    const started = await agent.post<LiveCallDto>('/api/calls/start', {
      direction: 'out',
      callerPhone: '+48 12 616 12 12',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);
    expect(started.body.state).toBe('active');
    const live = await respond(agent, survey.id, {
      callId: started.body.id,
      answers: answersFor(survey, { single: '3', scale: 2 }),
    });
    expect(live.status, JSON.stringify(live.body)).toBe(201);
    expect((await agent.post(`/api/calls/${started.body.id}/end`)).status).toBe(200);

    const recorded = await supervisor.post<{ id: string }>('/api/calls', {
      startedAt: new Date(Date.now() - 120_000).toISOString(),
      endedAt: new Date().toISOString(),
      topicId: await entryId(backend.ctx.db, 'call_topic', 'city_services'),
      outcome: 'survey',
    });
    expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
    const bySupervisor = await respond(supervisor, survey.id, { callId: recorded.body.id, declined: true });
    expect(bySupervisor.status, JSON.stringify(bySupervisor.body)).toBe(201);
  });

  it("refuses another agent's call and a call that does not exist, naming callId", async () => {
    const survey = await activeSurvey();
    const theirs = await callInWrapUp(otherAgent.id);
    for (const callId of [theirs, '00000000-0000-4000-8000-000000000000']) {
      const res = await respond(agent, survey.id, { callId, declined: true });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ path: 'callId', message: 'no call of yours has this id' }]);
    }
    expect(await responseCount(survey.id)).toEqual({ n: 0, answers: 0 });
  });

  it.each([
    ['a choice the question does not have', { single: '9', scale: 3 }, ['answers.0.value']],
    ['a scale value out of range', { single: '1', scale: 6 }, ['answers.1.value']],
    ['a fraction on the scale', { single: '1', scale: 2.5 }, ['answers.1.value']],
    ['several options for a single choice', { single: ['1', '2'], scale: 3 }, ['answers.0.value']],
    ['an unknown option among several', { single: '1', multiple: ['1', '7'], scale: 3 }, ['answers.1.value']],
    ['a required question answered with null', { single: null, scale: 3 }, ['answers.0.value']],
    [
      'a text for a scale and an empty required choice',
      { single: '', scale: 'pięć' },
      ['answers.0.value', 'answers.1.value'],
    ],
  ])('answers 400 for %s, naming answers.N.value, and writes nothing', async (_name, values, fields) => {
    const survey = await activeSurvey();
    const res = await respond(agent, survey.id, {
      callId: await callInWrapUp(agent.id),
      answers: answersFor(survey, values),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.fields!.map((f) => f.path)).toEqual(fields);
    expect(await responseCount(survey.id)).toEqual({ n: 0, answers: 0 });
  });

  it('answers 400 for a required question left out, a question of another survey, and answers with a decline', async () => {
    const survey = await activeSurvey();
    const other = await activeSurvey();
    const callId = await callInWrapUp(agent.id);
    const missing = await respond(agent, survey.id, { callId, answers: answersFor(survey, { single: '1' }) });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual([
      { path: 'answers', message: 'question 3 is required and has no answer' },
    ]);
    const foreign = await respond(agent, survey.id, {
      callId,
      answers: [...answersFor(survey, { single: '1', scale: 2 }), { questionId: other.questions[0]!.id, value: '1' }],
    });
    expect(foreign.body.error.fields!.map((f) => f.path)).toEqual(['answers.2.questionId']);
    const both = await respond(agent, survey.id, {
      callId,
      declined: true,
      answers: answersFor(survey, { single: '1' }),
    });
    expect(both.status).toBe(400);
    expect(both.body.error.fields!.map((f) => f.path)).toEqual(['answers']);
    expect(await responseCount(survey.id)).toEqual({ n: 0, answers: 0 });
  });

  it('refuses a response once the survey is closed', async () => {
    const survey = await activeSurvey();
    await analyst.post(`/api/surveys/${survey.id}/close`);
    const res = await respond(agent, survey.id, { callId: await callInWrapUp(agent.id), declined: true });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/closed, not active/);
    expect((await agent.get<RunnableSurveyDto[]>('/api/surveys/active')).body.map((s) => s.id)).not.toContain(
      survey.id,
    );
  });
});

describe('results and the CSV export', () => {
  let survey: SurveyDto;
  const callerPhones = ['+48 501 111 222', '+48 502 333 444', '+48 503 555 666', '+48 504 777 888'];

  beforeAll(async () => {
    survey = await activeSurvey({ title: 'Wyniki; "testowe"' });
    const answers = [
      { single: '1', multiple: ['1', '2'], scale: 5, text: 'Wszystko dobrze' },
      { single: '1', multiple: ['2'], scale: 4, text: 'Za długo czekałem;\npotem "OK"' },
      { single: '3', scale: 2, text: '=HYPERLINK("http://zly.example")' },
    ];
    for (const [i, values] of answers.entries()) {
      const res = await respond(agent, survey.id, {
        callId: await callInWrapUp(agent.id, callerPhones[i]),
        answers: answersFor(survey, values),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const declined = await respond(otherAgent, survey.id, {
      callId: await callInWrapUp(otherAgent.id, callerPhones[3]),
      declined: true,
    });
    expect(declined.status).toBe(201);
    // The third response was given ten days ago (in Kraków), for the period filters.
    await backend.ctx.db.query(
      `UPDATE survey_response SET created_at = now() - interval '10 days'
        WHERE id = (SELECT r.id FROM survey_response r JOIN survey_answer a ON a.response_id = r.id
                     WHERE r.survey_id = $1 AND a.scale_value = 2)`,
      [survey.id],
    );
  });

  it('counts responses and declines, and gives each question its figures', async () => {
    const res = await analyst.get<SurveyResultsDto>(`/api/surveys/${survey.id}/results`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ responses: 3, declined: 1, responseRate: 0.75, from: null, to: null });
    const [single, multiple, scale, text] = res.body.questions;
    expect(single).toMatchObject({ answered: 3, skipped: 0 });
    expect(single!.options!.map((o) => [o.label, o.count, o.share])).toEqual([
      ['Tak', 2, 2 / 3],
      ['Częściowo', 0, 0],
      ['Nie', 1, 1 / 3],
    ]);
    expect(multiple).toMatchObject({ answered: 2, skipped: 1 });
    expect(multiple!.options!.map((o) => [o.label, o.count, o.share])).toEqual([
      ['Strona krakow.pl', 1, 0.5],
      ['Znajomi', 2, 1],
      ['Plakat; ulotka', 0, 0],
    ]);
    expect(scale!.scale!.mean).toBeCloseTo(11 / 3, 10);
    expect(scale!.scale!.distribution).toEqual([
      { value: 1, count: 0, share: 0 },
      { value: 2, count: 1, share: 1 / 3 },
      { value: 3, count: 0, share: 0 },
      { value: 4, count: 1, share: 1 / 3 },
      { value: 5, count: 1, share: 1 / 3 },
    ]);
    expect(text!.textTotal).toBe(3);
    expect(text!.texts!.map((t) => t.text)).toEqual([
      'Za długo czekałem;\npotem "OK"',
      'Wszystko dobrze',
      '=HYPERLINK("http://zly.example")',
    ]);
    const summary = (await analyst.get<SurveyDto>(`/api/surveys/${survey.id}`)).body;
    expect(summary).toMatchObject({ responseCount: 3, declinedCount: 1 });
  });

  it('filters by the days of the responses', async () => {
    const recent = await analyst.get<SurveyResultsDto>(`/api/surveys/${survey.id}/results?from=${daysFromToday(-1)}`);
    expect(recent.body).toMatchObject({ responses: 2, declined: 1, from: daysFromToday(-1), to: null });
    expect(recent.body.questions[2]!.scale!.mean).toBe(4.5);
    const old = await analyst.get<SurveyResultsDto>(
      `/api/surveys/${survey.id}/results?from=${daysFromToday(-10)}&to=${daysFromToday(-10)}`,
    );
    expect(old.body).toMatchObject({ responses: 1, declined: 0, responseRate: 1 });
    expect(old.body.questions[0]!.options!.find((o) => o.label === 'Nie')!.count).toBe(1);
    const none = await analyst.get<SurveyResultsDto>(`/api/surveys/${survey.id}/results?from=${daysFromToday(1)}`);
    expect(none.body).toMatchObject({ responses: 0, declined: 0, responseRate: null });
    const reversed = await analyst.get<ErrorBody>(`/api/surveys/${survey.id}/results?from=${today()}&to=2020-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.fields!.map((f) => f.path)).toEqual(['query.to']);
  });

  it('exports one row per response and one column per question, UTF-8 with a BOM, quoted, without phone numbers', async () => {
    const res = await fetch(`${backend.url}/api/surveys/${survey.id}/responses.csv`, {
      headers: { cookie: analyst.cookie! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=.*\.csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const records = text.split('\r\n');
    expect(records.at(-1)).toBe('');
    expect(records[0]).toBe(
      'Data i godzina;Konsultant;Odmowa;1. Czy sprawa została załatwiona?;2. Skąd Pan/Pani wie o infolinii?;' +
        '3. Jak ocenia Pan/Pani rozmowę?;4. Co poprawić?',
    );
    // Oldest first: the response of ten days ago, then today's in the order given, the decline last. A line break
    // inside a quoted cell stays in its record (records end with CRLF).
    const rows = records.slice(1, -1);
    const agentName = /Test agent user-[0-9a-f]+/.source;
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(
      new RegExp(
        `^${daysFromToday(-10)} \\d{2}:\\d{2};${agentName};nie;Nie;;2;"'=HYPERLINK\\(""http://zly\\.example""\\)"$`,
      ),
    );
    expect(rows[1]).toMatch(
      new RegExp(`^${today()} \\d{2}:\\d{2};${agentName};nie;Tak;"Strona krakow\\.pl; Znajomi";5;Wszystko dobrze$`),
    );
    expect(rows[2]).toMatch(new RegExp(`;nie;Tak;Znajomi;4;"Za długo czekałem;\npotem ""OK"""$`));
    expect(rows[3]).toMatch(new RegExp(`^${today()} \\d{2}:\\d{2};${agentName};tak;;;;$`));
    for (const phone of callerPhones) {
      expect(text).not.toContain(phone);
      expect(text).not.toContain(phone.replaceAll(' ', ''));
    }
  });

  it('streams a large export page by page, every response exactly once, ties in time included', async () => {
    const big = await activeSurvey();
    // 1,203 declines given in the same microsecond: the pages (500 rows) split ties on the id and keep the time to the microsecond.
    await backend.ctx.db.query(
      `WITH calls AS (
         INSERT INTO interaction (channel, state, direction, agent_id, started_at, answered_at, ended_at)
         SELECT 'phone', 'wrap_up', 'out', $2, now(), now(), now() FROM generate_series(1, 1203)
         RETURNING id)
       INSERT INTO survey_response (survey_id, interaction_id, agent_id, declined, created_at)
       SELECT $1, id, $2, true, now() FROM calls`,
      [big.id, agent.id],
    );
    const res = await fetch(`${backend.url}/api/surveys/${big.id}/responses.csv`, {
      headers: { cookie: analyst.cookie! },
    });
    expect(res.status).toBe(200);
    const records = (await res.text()).split('\r\n');
    expect(records).toHaveLength(1 + 1203 + 1);
    expect(new Set(records.slice(1, -1).map((row) => row.split(';').slice(0, 3).join(';'))).size).toBe(1);
    const results = await analyst.get<SurveyResultsDto>(`/api/surveys/${big.id}/results`);
    expect(results.body).toMatchObject({ responses: 0, declined: 1203, responseRate: 0 });
  });

  it('writes commas for RFC 4180 tools when asked, and answers 404 for an unknown survey', async () => {
    const res = await fetch(`${backend.url}/api/surveys/${survey.id}/responses.csv?delimiter=comma`, {
      headers: { cookie: analyst.cookie! },
    });
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe(
      'Data i godzina,Konsultant,Odmowa,1. Czy sprawa została załatwiona?,2. Skąd Pan/Pani wie o infolinii?,' +
        '3. Jak ocenia Pan/Pani rozmowę?,4. Co poprawić?',
    );
    expect(text).toContain(',Tak,Strona krakow.pl; Znajomi,5,Wszystko dobrze\r\n');
    const missing = await analyst.get<ErrorBody>('/api/surveys/00000000-0000-4000-8000-000000000000/responses.csv');
    expect(missing.status).toBe(404);
  });
});
