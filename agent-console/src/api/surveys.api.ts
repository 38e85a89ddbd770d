// Phone surveys: analysts' list, editor and results (with the CSV link), and for agents the surveys they may run
// during a call and the response they record. Every write refetches what it changed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateSurveyRequest,
  RunnableSurveyDto,
  SurveyDto,
  SurveyResponseDto,
  SurveyResponseRequest,
  SurveyResultsDto,
  SurveySummaryDto,
  UpdateSurveyRequest,
} from '@kck/contracts';
import { http } from './http';

export const surveyKeys = {
  all: () => ['surveys'] as const,
  list: () => ['surveys', 'list'] as const,
  detail: (id: string) => ['surveys', 'detail', id] as const,
  results: (id: string, from: string, to: string) => ['surveys', 'results', id, from, to] as const,
  runnable: (callId: string) => ['surveys', 'runnable', callId] as const,
};

const path = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;

export function useSurveys() {
  return useQuery({
    queryKey: surveyKeys.list(),
    queryFn: ({ signal }) => http.get<SurveySummaryDto[]>('/api/surveys', undefined, signal),
  });
}

export function useSurvey(id: string | null) {
  return useQuery({
    queryKey: surveyKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<SurveyDto>(path(id!), undefined, signal),
    enabled: Boolean(id),
  });
}

/** Whatever a write changed shows everywhere: the list, the survey, its results, the agents' runnable list. */
function useRefreshSurveys() {
  const queryClient = useQueryClient();
  return (survey?: SurveyDto) => {
    if (survey) queryClient.setQueryData(surveyKeys.detail(survey.id), survey);
    void queryClient.invalidateQueries({ queryKey: surveyKeys.all() });
  };
}

export function useCreateSurvey() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: (body: CreateSurveyRequest) => http.post<SurveyDto>('/api/surveys', body),
    onSuccess: refresh,
  });
}

export function useUpdateSurvey() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateSurveyRequest }) => http.put<SurveyDto>(path(id), body),
    onSuccess: refresh,
  });
}

export function useSurveyTransition() {
  const refresh = useRefreshSurveys();
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: 'activate' | 'close' }) => http.post<SurveyDto>(`${path(id)}/${to}`),
    onSuccess: refresh,
  });
}

export function useDeleteSurvey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => http.delete<void>(path(id)),
    onSuccess: (_nothing, id) => {
      queryClient.removeQueries({ queryKey: surveyKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: surveyKeys.list() });
    },
  });
}

export function useSurveyResults(id: string, from: string, to: string) {
  return useQuery({
    queryKey: surveyKeys.results(id, from, to),
    queryFn: ({ signal }) => http.get<SurveyResultsDto>(`${path(id)}/results`, { from, to }, signal),
  });
}

/** The CSV download (a plain link: the browser streams it to disk with the session cookie). */
export function surveyCsvUrl(id: string, from: string, to: string): string {
  const query = new URLSearchParams();
  if (from) query.set('from', from);
  if (to) query.set('to', to);
  const text = query.toString();
  return `${path(id)}/responses.csv${text ? `?${text}` : ''}`;
}

/** The surveys an agent may run now, each saying whether this call already has its response. */
export function useRunnableSurveys(callId: string) {
  return useQuery({
    queryKey: surveyKeys.runnable(callId),
    queryFn: ({ signal }) => http.get<RunnableSurveyDto[]>('/api/surveys/active', { callId }, signal),
  });
}

export function useRecordSurveyResponse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ surveyId, body }: { surveyId: string; body: SurveyResponseRequest }) =>
      http.post<SurveyResponseDto>(`${path(surveyId)}/responses`, body),
    onSettled: (_response, _error, { body }) =>
      queryClient.invalidateQueries({ queryKey: surveyKeys.runnable(body.callId) }),
  });
}
