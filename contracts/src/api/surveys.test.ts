// Checking survey answers against their questions: the one function the console's runner and the server share.
import { describe, expect, it } from 'vitest';
import {
  checkSurveyAnswers,
  createSurveyRequest,
  surveyResponseRequest,
  type SurveyAnswerValue,
  type SurveyQuestionDto,
} from './surveys.ts';

const question = (over: Partial<SurveyQuestionDto> & Pick<SurveyQuestionDto, 'id' | 'kind'>): SurveyQuestionDto => ({
  position: 1,
  text: 'Pytanie',
  required: true,
  options: [],
  scaleMin: null,
  scaleMax: null,
  minLabel: '',
  maxLabel: '',
  ...over,
});

const options = [
  { id: '1', label: 'Tak' },
  { id: '2', label: 'Nie' },
  { id: '3', label: 'Nie wiem' },
];
const single = question({ id: 'q-single', kind: 'single_choice', position: 1, options });
const multiple = question({ id: 'q-multiple', kind: 'multiple_choice', position: 2, options, required: false });
const scale = question({ id: 'q-scale', kind: 'scale', position: 3, scaleMin: 1, scaleMax: 5 });
const text = question({ id: 'q-text', kind: 'free_text', position: 4, required: false });
const questions = [single, multiple, scale, text];

describe('checkSurveyAnswers', () => {
  it('accepts an answer of the right kind for each question and returns them as stored', () => {
    const result = checkSurveyAnswers(questions, [
      { questionId: 'q-scale', value: 4 },
      { questionId: 'q-single', value: '2' },
      { questionId: 'q-multiple', value: ['3', '1'] },
      { questionId: 'q-text', value: '  Dłużej otwarte w soboty.  ' },
    ]);
    expect(result.issues).toEqual([]);
    expect(result.answers).toEqual([
      { questionId: 'q-scale', optionIds: null, scaleValue: 4, text: null },
      { questionId: 'q-single', optionIds: ['2'], scaleValue: null, text: null },
      // In the order the options are read out.
      { questionId: 'q-multiple', optionIds: ['1', '3'], scaleValue: null, text: null },
      { questionId: 'q-text', optionIds: null, scaleValue: null, text: 'Dłużej otwarte w soboty.' },
    ]);
  });

  it('leaves out blank answers to optional questions', () => {
    const result = checkSurveyAnswers(questions, [
      { questionId: 'q-single', value: '1' },
      { questionId: 'q-multiple', value: [] },
      { questionId: 'q-scale', value: 1 },
      { questionId: 'q-text', value: '   ' },
    ]);
    expect(result.issues).toEqual([]);
    expect(result.answers.map((a) => a.questionId)).toEqual(['q-single', 'q-scale']);
  });

  it.each([
    ['an option the question does not have', single, '7', 'not_an_option'],
    ['several options for a single choice', single, ['1', '2'], 'wrong_type'],
    ['one option id instead of a list for a multiple choice', multiple, '1', 'wrong_type'],
    ['an unknown option among several', multiple, ['1', '9'], 'not_an_option'],
    ['an option ticked twice', multiple, ['1', '1'], 'duplicate_option'],
    ['a value under the scale', scale, 0, 'out_of_range'],
    ['a value over the scale', scale, 6, 'out_of_range'],
    ['a fraction on the scale', scale, 2.5, 'not_whole_number'],
    ['a scale value given as text', scale, '3', 'wrong_type'],
    ['a number for free text', text, 5, 'wrong_type'],
    ['free text over 2,000 characters', text, 'a'.repeat(2_001), 'too_long'],
    ['no value for a required question', single, null, 'required'],
    ['an empty text for a required scale', scale, '', 'required'],
  ] as const)('refuses %s, naming answers.N.value', (_name, q, value, problem) => {
    const others = questions.filter((other) => other.id !== q.id && other.required);
    const filled = others.map((other) => ({ questionId: other.id, value: other.kind === 'scale' ? 3 : '1' }));
    const result = checkSurveyAnswers(questions, [...filled, { questionId: q.id, value: value as SurveyAnswerValue }]);
    expect(result.issues).toEqual([
      expect.objectContaining({ path: `answers.${filled.length}.value`, problem, questionId: q.id }),
    ]);
    expect(result.answers).toEqual([]);
  });

  it('names a required question left out of the answers, an unknown question and a question answered twice', () => {
    const result = checkSurveyAnswers(questions, [
      { questionId: 'q-single', value: '1' },
      { questionId: 'nope', value: '1' },
      { questionId: 'q-single', value: '2' },
    ]);
    expect(result.issues.map((issue) => [issue.path, issue.problem])).toEqual([
      ['answers.1.questionId', 'unknown_question'],
      ['answers.2.questionId', 'duplicate_question'],
      ['answers', 'required'],
    ]);
    expect(result.issues[2]!.questionId).toBe('q-scale');
  });
});

describe('the survey and response schemas', () => {
  const base = {
    title: 'Ankieta',
    commissionedByName: 'Jan Przykładowy',
    commissionedByUnitId: '00000000-0000-4000-8000-000000000001',
    periodFrom: '2026-11-01',
    periodTo: '2026-11-30',
  };
  const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
    result.error?.issues.map((issue) => issue.path.join('.'));

  it('refuses a period that ends before it starts, repeated options, a reversed or too wide scale', () => {
    expect(paths(createSurveyRequest.safeParse({ ...base, periodTo: '2026-10-31' }))).toEqual(['periodTo']);
    const bad = createSurveyRequest.safeParse({
      ...base,
      questions: [
        { kind: 'single_choice', text: 'A?', options: ['Tak', 'tak'] },
        { kind: 'scale', text: 'B?', scaleMin: 5, scaleMax: 1 },
        { kind: 'scale', text: 'C?', scaleMin: 0, scaleMax: 11 },
        { kind: 'multiple_choice', text: 'D?', options: ['Jedna'] },
        { kind: 'ranking', text: 'E?' },
      ],
    });
    expect(paths(bad)).toEqual([
      'questions.0.options.1',
      'questions.1.scaleMax',
      'questions.2.scaleMax',
      'questions.3.options',
      'questions.4.kind',
    ]);
  });

  it('takes a declined response without answers, and refuses one with answers', () => {
    const callId = '00000000-0000-4000-8000-000000000002';
    expect(surveyResponseRequest.safeParse({ callId, declined: true }).success).toBe(true);
    const both = surveyResponseRequest.safeParse({
      callId,
      declined: true,
      answers: [{ questionId: callId, value: '1' }],
    });
    expect(paths(both)).toEqual(['answers']);
  });
});
