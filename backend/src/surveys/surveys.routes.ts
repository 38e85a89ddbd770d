// HTTP for phone surveys: analysts and admins write surveys and read their results and CSV; agents and
// supervisors list the surveys they may run and record a response for a call of their own.
import {
  createSurveyRequest,
  runnableSurveysQuery,
  surveyCsvQuery,
  surveyIdParams,
  surveyListQuery,
  surveyResponseRequest,
  surveyResultsQuery,
  updateSurveyRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { streamSurveyCsv } from './survey-csv.ts';
import { recordSurveyResponse, runnableSurveysFor } from './survey-responses.service.ts';
import { surveyResults } from './survey-results.ts';
import {
  activateSurvey,
  closeSurvey,
  createSurvey,
  deleteSurvey,
  getSurvey,
  listSurveys,
  updateSurvey,
} from './surveys.service.ts';

/** DK-05 coordinates the surveys heads of divisions commission (ordinance 1231/2025 § 8 pt 5). */
const AUTHORS = ['analyst', 'admin'] as const;
/** Whoever takes calls runs them (§ 5 pt 4). */
const RUNNERS = ['agent', 'supervisor'] as const;

export function surveyRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/surveys', roles: AUTHORS, query: surveyListQuery }, ({ query }) =>
      listSurveys(db, query.status),
    ),
    defineRoute(
      { method: 'post', path: '/api/surveys', roles: AUTHORS, body: createSurveyRequest, status: 201 },
      ({ actor, body }) => createSurvey(db, actor, body),
    ),
    // Before /:id, which would take "active" for an id.
    defineRoute(
      { method: 'get', path: '/api/surveys/active', roles: [...RUNNERS, 'admin'], query: runnableSurveysQuery },
      ({ actor, query }) => runnableSurveysFor(db, actor, query.callId),
    ),
    defineRoute({ method: 'get', path: '/api/surveys/:id', roles: AUTHORS, params: surveyIdParams }, ({ params }) =>
      getSurvey(db, params.id),
    ),
    defineRoute(
      { method: 'put', path: '/api/surveys/:id', roles: AUTHORS, params: surveyIdParams, body: updateSurveyRequest },
      ({ actor, params, body }) => updateSurvey(db, actor, params.id, body),
    ),
    defineRoute({ method: 'delete', path: '/api/surveys/:id', roles: AUTHORS, params: surveyIdParams }, ({ params }) =>
      deleteSurvey(db, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/surveys/:id/activate', roles: AUTHORS, params: surveyIdParams },
      ({ actor, params }) => activateSurvey(db, actor, params.id),
    ),
    defineRoute(
      { method: 'post', path: '/api/surveys/:id/close', roles: AUTHORS, params: surveyIdParams },
      ({ actor, params }) => closeSurvey(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/surveys/:id/responses',
        roles: RUNNERS,
        params: surveyIdParams,
        body: surveyResponseRequest,
        status: 201,
      },
      ({ actor, params, body }) => recordSurveyResponse(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/results',
        roles: AUTHORS,
        params: surveyIdParams,
        query: surveyResultsQuery,
      },
      ({ params, query }) => surveyResults(db, params.id, query),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/surveys/:id/responses.csv',
        roles: AUTHORS,
        params: surveyIdParams,
        query: surveyCsvQuery,
      },
      ({ params, query, res }) => streamSurveyCsv(db, res, params.id, query),
    ),
  ];
}
