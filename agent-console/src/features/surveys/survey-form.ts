// The survey editor's form (strings as the fields hold them; options one per line) and its conversion to the
// create / update requests, checked with the contracts' own schemas before anything is sent.
import {
  createSurveyRequest,
  updateSurveyRequest,
  type CreateSurveyRequest,
  type FieldError,
  type SurveyDto,
  type SurveyQuestionKind,
  type SurveyQuestionRequestInput,
  type UpdateSurveyRequest,
} from '@kck/contracts';
import { fieldErrorsFromIssues } from '../../components/field-errors';

export interface QuestionForm {
  /** Keeps React's rows apart while questions move; never sent. */
  key: string;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  options: string;
  scaleMin: string;
  scaleMax: string;
  minLabel: string;
  maxLabel: string;
}

export interface SurveyForm {
  title: string;
  description: string;
  commissionedByName: string;
  commissionedByUnitId: string;
  periodFrom: string;
  periodTo: string;
  questions: QuestionForm[];
}

let nextKey = 0;
const newKey = () => `q${++nextKey}`;

export const emptyQuestion = (kind: SurveyQuestionKind = 'single_choice'): QuestionForm => ({
  key: newKey(),
  kind,
  text: '',
  required: true,
  options: '',
  scaleMin: '1',
  scaleMax: '5',
  minLabel: '',
  maxLabel: '',
});

export const emptySurveyForm = (): SurveyForm => ({
  title: '',
  description: '',
  commissionedByName: '',
  commissionedByUnitId: '',
  periodFrom: '',
  periodTo: '',
  questions: [emptyQuestion()],
});

export const surveyFormOf = (survey: SurveyDto): SurveyForm => ({
  title: survey.title,
  description: survey.description,
  commissionedByName: survey.commissionedByName,
  commissionedByUnitId: survey.commissionedByUnit.id,
  periodFrom: survey.periodFrom,
  periodTo: survey.periodTo,
  questions: survey.questions.map((q) => ({
    key: newKey(),
    kind: q.kind,
    text: q.text,
    required: q.required,
    options: q.options.map((o) => o.label).join('\n'),
    scaleMin: q.scaleMin === null ? '1' : String(q.scaleMin),
    scaleMax: q.scaleMax === null ? '5' : String(q.scaleMax),
    minLabel: q.minLabel,
    maxLabel: q.maxLabel,
  })),
});

/** A number field's text as the schema should see it: an empty field stays visibly wrong instead of 0. */
const numberOf = (text: string): number | string => (text.trim() === '' ? '' : Number(text));

export function questionRequestOf(q: QuestionForm): SurveyQuestionRequestInput {
  const base = { text: q.text, required: q.required };
  switch (q.kind) {
    case 'single_choice':
    case 'multiple_choice':
      return {
        ...base,
        kind: q.kind,
        options: q.options
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
      };
    case 'scale':
      return {
        ...base,
        kind: 'scale',
        scaleMin: numberOf(q.scaleMin) as number,
        scaleMax: numberOf(q.scaleMax) as number,
        minLabel: q.minLabel,
        maxLabel: q.maxLabel,
      };
    case 'free_text':
      return { ...base, kind: 'free_text' };
  }
}

type Checked<T> = { ok: true; body: T } | { ok: false; fields: FieldError[] };

const fields = (form: SurveyForm) => ({
  title: form.title,
  description: form.description,
  commissionedByName: form.commissionedByName,
  commissionedByUnitId: form.commissionedByUnitId,
  periodFrom: form.periodFrom,
  periodTo: form.periodTo,
});

export function toCreateSurveyRequest(form: SurveyForm): Checked<CreateSurveyRequest> {
  const parsed = createSurveyRequest.safeParse({ ...fields(form), questions: form.questions.map(questionRequestOf) });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, fields: fieldErrorsFromIssues(parsed.error.issues) };
}

/** The questions go along only while the survey is a draft; afterwards the server keeps them as they are. */
export function toUpdateSurveyRequest(form: SurveyForm, withQuestions: boolean): Checked<UpdateSurveyRequest> {
  const parsed = updateSurveyRequest.safeParse({
    ...fields(form),
    ...(withQuestions ? { questions: form.questions.map(questionRequestOf) } : {}),
  });
  return parsed.success
    ? { ok: true, body: parsed.data }
    : { ok: false, fields: fieldErrorsFromIssues(parsed.error.issues) };
}
