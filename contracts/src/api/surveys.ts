// Phone surveys (ankiety) commissioned by heads of divisions: the survey and its questions analysts write, the
// response an agent records for a call, and the results. One answer check serves the console's runner and the server.
import { z } from 'zod';

export const SURVEY_STATUSES = ['draft', 'active', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const SURVEY_QUESTION_KINDS = ['single_choice', 'multiple_choice', 'scale', 'free_text'] as const;
export type SurveyQuestionKind = (typeof SURVEY_QUESTION_KINDS)[number];

export const SURVEY_LIMITS = {
  questions: 50,
  options: 20,
  questionText: 500,
  optionLabel: 200,
  scaleLabel: 100,
  /** A scale has at most 11 points (0-10), so it stays one row of radio buttons an agent can arrow through. */
  scaleSpan: 10,
  scaleBound: 20,
  freeTextAnswer: 2_000,
} as const;

const isoDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);
const text = (name: string, max: number) =>
  z
    .string({ error: `${name} must be text` })
    .trim()
    .max(max, `${name} has at most ${max} characters`);

const questionText = text('text', SURVEY_LIMITS.questionText).min(1, 'text is required');
const required = z.boolean({ error: 'required must be true or false' }).default(true);

const choiceQuestion = <K extends 'single_choice' | 'multiple_choice'>(kind: K) =>
  z
    .object({
      kind: z.literal(kind),
      text: questionText,
      required,
      /** The labels in the order they are read out; the server gives each an id (`1`, `2`, …) by its place. */
      options: z
        .array(text('option', SURVEY_LIMITS.optionLabel).min(1, 'an option needs a label'), {
          error: 'options must be a list of labels',
        })
        .min(2, 'a choice question needs at least 2 options')
        .max(SURVEY_LIMITS.options, `at most ${SURVEY_LIMITS.options} options`),
    })
    .strict()
    .superRefine((question, ctx) => {
      const seen = new Set<string>();
      question.options.forEach((label, index) => {
        const key = label.toLocaleLowerCase('pl');
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['options', index], message: 'option listed twice' });
        seen.add(key);
      });
    });

const scaleBound = (name: string) =>
  z
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} is 0-${SURVEY_LIMITS.scaleBound}`)
    .max(SURVEY_LIMITS.scaleBound, `${name} is 0-${SURVEY_LIMITS.scaleBound}`);

const scaleQuestion = z
  .object({
    kind: z.literal('scale'),
    text: questionText,
    required,
    scaleMin: scaleBound('scaleMin'),
    scaleMax: scaleBound('scaleMax'),
    /** What the ends mean, read out with the question ("1 — bardzo źle", "5 — bardzo dobrze"). */
    minLabel: text('minLabel', SURVEY_LIMITS.scaleLabel).default(''),
    maxLabel: text('maxLabel', SURVEY_LIMITS.scaleLabel).default(''),
  })
  .strict()
  .superRefine((question, ctx) => {
    if (question.scaleMax <= question.scaleMin)
      ctx.addIssue({ code: 'custom', path: ['scaleMax'], message: 'scaleMax must be above scaleMin' });
    else if (question.scaleMax - question.scaleMin > SURVEY_LIMITS.scaleSpan)
      ctx.addIssue({
        code: 'custom',
        path: ['scaleMax'],
        message: `a scale has at most ${SURVEY_LIMITS.scaleSpan + 1} points`,
      });
  });

const freeTextQuestion = z.object({ kind: z.literal('free_text'), text: questionText, required }).strict();

export const surveyQuestionRequest = z.discriminatedUnion(
  'kind',
  [choiceQuestion('single_choice'), choiceQuestion('multiple_choice'), scaleQuestion, freeTextQuestion],
  { error: `kind is one of ${SURVEY_QUESTION_KINDS.join(', ')}` },
);
export type SurveyQuestionRequest = z.infer<typeof surveyQuestionRequest>;
export type SurveyQuestionRequestInput = z.input<typeof surveyQuestionRequest>;

const surveyFields = {
  title: text('title', 200).min(1, 'title is required'),
  /** What the agent reads to introduce the survey to the caller. */
  description: text('description', 4_000).default(''),
  /** The head of division (kierownik pionu) who commissioned it, and that division's unit. */
  commissionedByName: text('commissionedByName', 200).min(1, 'commissionedByName is required'),
  commissionedByUnitId: z.uuid('commissionedByUnitId must be a unit id'),
  periodFrom: isoDate('periodFrom'),
  periodTo: isoDate('periodTo'),
};

const periodInOrder = (survey: { periodFrom: string; periodTo: string }, ctx: z.RefinementCtx) => {
  if (survey.periodTo < survey.periodFrom)
    ctx.addIssue({ code: 'custom', path: ['periodTo'], message: 'periodTo must not be before periodFrom' });
};

const questionList = z
  .array(surveyQuestionRequest, { error: 'questions must be a list' })
  .max(SURVEY_LIMITS.questions, `at most ${SURVEY_LIMITS.questions} questions`);

/** A new survey is a draft; its questions may come now or with later saves. */
export const createSurveyRequest = z
  .object({ ...surveyFields, questions: questionList.default([]) })
  .strict()
  .superRefine(periodInOrder);
export type CreateSurveyRequest = z.infer<typeof createSurveyRequest>;
export type CreateSurveyRequestInput = z.input<typeof createSurveyRequest>;

/**
 * PUT replaces the survey's fields. `questions`, when sent, replaces every question and is accepted only while the
 * survey is a draft (answers must keep meaning what they were asked as); left out, the questions stay as they are.
 */
export const updateSurveyRequest = z
  .object({ ...surveyFields, questions: questionList.optional() })
  .strict()
  .superRefine(periodInOrder);
export type UpdateSurveyRequest = z.infer<typeof updateSurveyRequest>;
export type UpdateSurveyRequestInput = z.input<typeof updateSurveyRequest>;

export const surveyListQuery = z
  .object({
    status: z.enum(SURVEY_STATUSES, { error: `status is one of ${SURVEY_STATUSES.join(', ')}` }).optional(),
  })
  .strict();

/** The surveys an agent may run now; with `callId`, each says whether that call already has its response. */
export const runnableSurveysQuery = z.object({ callId: z.uuid('callId must be a call id').optional() }).strict();

export const surveyIdParams = z.object({ id: z.uuid('id must be a survey id') });

/** A choice's option id (or several, for multiple choice), a scale's number, or free text; null: not answered. */
export const surveyAnswerValue = z.union(
  [
    z.string().max(SURVEY_LIMITS.freeTextAnswer * 2, 'the answer is too long'),
    z.array(z.string().max(40)).max(SURVEY_LIMITS.options, `at most ${SURVEY_LIMITS.options} options`),
    z.number(),
    z.null(),
  ],
  { error: 'value is an option id, a list of option ids, a number, a text or null' },
);
export type SurveyAnswerValue = z.infer<typeof surveyAnswerValue>;

export const surveyAnswerInput = z
  .object({ questionId: z.uuid('questionId must be a question id'), value: surveyAnswerValue })
  .strict();
export type SurveyAnswerInput = z.infer<typeof surveyAnswerInput>;

/**
 * One response per survey and call. A caller who would not take part is recorded as `declined` with no answers,
 * so the response rate can be measured.
 */
export const surveyResponseRequest = z
  .object({
    callId: z.uuid('callId must be a call id'),
    declined: z.boolean({ error: 'declined must be true or false' }).default(false),
    answers: z
      .array(surveyAnswerInput, { error: 'answers must be a list' })
      .max(SURVEY_LIMITS.questions, `at most ${SURVEY_LIMITS.questions} answers`)
      .default([]),
  })
  .strict()
  .superRefine((response, ctx) => {
    if (response.declined && response.answers.length > 0)
      ctx.addIssue({ code: 'custom', path: ['answers'], message: 'a declined survey has no answers' });
  });
export type SurveyResponseRequest = z.infer<typeof surveyResponseRequest>;
export type SurveyResponseRequestInput = z.input<typeof surveyResponseRequest>;

function toNotBeforeFrom(query: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (query.from && query.to && query.to < query.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
}

export const surveyResultsQuery = z
  .object({ from: isoDate('from').optional(), to: isoDate('to').optional() })
  .strict()
  .superRefine(toNotBeforeFrom);
export type SurveyResultsQuery = z.infer<typeof surveyResultsQuery>;

/** `semicolon` (default) is what Excel with Polish regional settings splits on; `comma` is RFC 4180's. */
export const surveyCsvQuery = z
  .object({
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
    delimiter: z.enum(['semicolon', 'comma'], { error: 'delimiter is semicolon or comma' }).default('semicolon'),
  })
  .strict()
  .superRefine(toNotBeforeFrom);

// ---------------------------------------------------------------------------------------------------------
// DTOs

export interface SurveyOptionDto {
  /** Stable within the question: its place in the list, from 1. */
  id: string;
  label: string;
}

export interface SurveyQuestionDto {
  id: string;
  /** From 1, in the order the questions are asked. */
  position: number;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Choice questions only; empty otherwise. */
  options: SurveyOptionDto[];
  /** Scale questions only; null otherwise. */
  scaleMin: number | null;
  scaleMax: number | null;
  minLabel: string;
  maxLabel: string;
}

export interface SurveyUnitDto {
  id: string;
  code: string;
  name: string;
}

export interface SurveySummaryDto {
  id: string;
  title: string;
  commissionedByName: string;
  commissionedByUnit: SurveyUnitDto;
  periodFrom: string;
  periodTo: string;
  status: SurveyStatus;
  /** Active and today (in Kraków) within its period: agents can run it. */
  runnable: boolean;
  questionCount: number;
  /** Responses with answers; declined ones are counted apart. */
  responseCount: number;
  declinedCount: number;
  updatedAt: string;
}

export interface SurveyDto extends SurveySummaryDto {
  description: string;
  questions: SurveyQuestionDto[];
  createdAt: string;
  createdByName: string | null;
  updatedByName: string | null;
  activatedAt: string | null;
  closedAt: string | null;
}

/** A survey an agent may run now, and whether the call asked about already has its response. */
export interface RunnableSurveyDto extends SurveyDto {
  responseForCall: { id: string; declined: boolean; createdAt: string } | null;
}

export interface SurveyResponseDto {
  id: string;
  surveyId: string;
  callId: string;
  declined: boolean;
  answerCount: number;
  createdAt: string;
}

export interface SurveyChoiceResultDto {
  optionId: string;
  label: string;
  count: number;
  /** Of the responses that answered this question (for multiple choice the shares add up to more than 1). */
  share: number;
}

export interface SurveyScaleResultDto {
  /** null when nobody answered. */
  mean: number | null;
  distribution: { value: number; count: number; share: number }[];
}

export interface SurveyQuestionResultDto {
  questionId: string;
  position: number;
  kind: SurveyQuestionKind;
  text: string;
  required: boolean;
  /** Responses (not declined) that answered this question; the rest skipped it. */
  answered: number;
  skipped: number;
  /** Choice questions. */
  options?: SurveyChoiceResultDto[];
  /** Scale questions. */
  scale?: SurveyScaleResultDto & { min: number; max: number; minLabel: string; maxLabel: string };
  /** Free-text questions: the newest answers (at most SURVEY_RESULTS_TEXT_LIMIT), and how many there are. */
  texts?: { responseId: string; text: string; createdAt: string }[];
  textTotal?: number;
}

export const SURVEY_RESULTS_TEXT_LIMIT = 500;

export interface SurveyResultsDto {
  surveyId: string;
  title: string;
  status: SurveyStatus;
  /** The filter applied (days in Kraków, inclusive); null: from the first or to the last response. */
  from: string | null;
  to: string | null;
  responses: number;
  declined: number;
  /** responses / (responses + declined); null when there is neither. */
  responseRate: number | null;
  questions: SurveyQuestionResultDto[];
}

// ---------------------------------------------------------------------------------------------------------
// Checking answers against the questions (the runner before each step, the server before it writes)

export type SurveyAnswerProblem =
  | 'unknown_question'
  | 'duplicate_question'
  | 'required'
  | 'wrong_type'
  | 'not_an_option'
  | 'duplicate_option'
  | 'out_of_range'
  | 'not_whole_number'
  | 'too_long';

export interface SurveyAnswerIssue {
  /** Path in the request, e.g. `answers.2.value`; `answers` for a required question with no entry at all. */
  path: string;
  problem: SurveyAnswerProblem;
  message: string;
  questionId: string | null;
}

/** An answer as it is stored: exactly one of the three set. */
export interface NormalizedSurveyAnswer {
  questionId: string;
  optionIds: string[] | null;
  scaleValue: number | null;
  text: string | null;
}

type QuestionForCheck = Pick<
  SurveyQuestionDto,
  'id' | 'position' | 'kind' | 'required' | 'options' | 'scaleMin' | 'scaleMax'
>;

const isBlank = (value: SurveyAnswerValue | undefined) =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function checkValue(
  question: QuestionForCheck,
  value: Exclude<SurveyAnswerValue, null>,
): { problem: SurveyAnswerProblem; message: string } | NormalizedSurveyAnswer {
  const optionIds = new Set(question.options.map((option) => option.id));
  const answer = { questionId: question.id, optionIds: null, scaleValue: null, text: null };
  switch (question.kind) {
    case 'single_choice':
      if (typeof value !== 'string') return { problem: 'wrong_type', message: 'give one option id' };
      if (!optionIds.has(value))
        return { problem: 'not_an_option', message: `${value} is not an option of question ${question.position}` };
      return { ...answer, optionIds: [value] };
    case 'multiple_choice': {
      if (!Array.isArray(value)) return { problem: 'wrong_type', message: 'give a list of option ids' };
      const unknown = value.find((id) => !optionIds.has(id));
      if (unknown !== undefined)
        return { problem: 'not_an_option', message: `${unknown} is not an option of question ${question.position}` };
      if (new Set(value).size !== value.length)
        return { problem: 'duplicate_option', message: 'an option is listed twice' };
      // Stored in the order the options are read out, whatever order they were ticked in.
      const order = question.options.map((option) => option.id);
      return { ...answer, optionIds: [...value].sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
    }
    case 'scale':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { problem: 'wrong_type', message: 'give a number on the scale' };
      if (!Number.isInteger(value)) return { problem: 'not_whole_number', message: 'give a whole number' };
      if (value < question.scaleMin! || value > question.scaleMax!)
        return {
          problem: 'out_of_range',
          message: `${value} is outside the scale ${question.scaleMin}-${question.scaleMax}`,
        };
      return { ...answer, scaleValue: value };
    case 'free_text': {
      if (typeof value !== 'string') return { problem: 'wrong_type', message: 'give the answer as text' };
      const trimmed = value.trim();
      if (trimmed.length > SURVEY_LIMITS.freeTextAnswer)
        return { problem: 'too_long', message: `at most ${SURVEY_LIMITS.freeTextAnswer} characters` };
      return { ...answer, text: trimmed };
    }
  }
}

/**
 * Checks every answer against its question's kind, and that every required question is answered. Returns every
 * problem found (not just the first) and, when there is none, the answers as they are stored (blank optional
 * answers left out).
 */
export function checkSurveyAnswers(
  questions: readonly QuestionForCheck[],
  answers: readonly { questionId: string; value: SurveyAnswerValue | undefined }[],
): { issues: SurveyAnswerIssue[]; answers: NormalizedSurveyAnswer[] } {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const issues: SurveyAnswerIssue[] = [];
  const normalized: NormalizedSurveyAnswer[] = [];
  const answered = new Set<string>();
  answers.forEach((entry, index) => {
    const question = byId.get(entry.questionId);
    const path = `answers.${index}`;
    if (!question) {
      issues.push({
        path: `${path}.questionId`,
        problem: 'unknown_question',
        message: `no question ${entry.questionId} in this survey`,
        questionId: null,
      });
      return;
    }
    if (answered.has(question.id)) {
      issues.push({
        path: `${path}.questionId`,
        problem: 'duplicate_question',
        message: `question ${question.position} is answered twice`,
        questionId: question.id,
      });
      return;
    }
    answered.add(question.id);
    if (isBlank(entry.value)) {
      if (question.required)
        issues.push({
          path: `${path}.value`,
          problem: 'required',
          message: `question ${question.position} is required`,
          questionId: question.id,
        });
      return;
    }
    const checked = checkValue(question, entry.value!);
    if ('problem' in checked) issues.push({ path: `${path}.value`, ...checked, questionId: question.id });
    else normalized.push(checked);
  });
  for (const question of questions) {
    if (question.required && !answered.has(question.id))
      issues.push({
        path: 'answers',
        problem: 'required',
        message: `question ${question.position} is required and has no answer`,
        questionId: question.id,
      });
  }
  return { issues, answers: issues.length > 0 ? [] : normalized };
}
