import { describe, expect, it } from 'vitest';
import {
  checkAttributeAnswers,
  createCategoryAttributeRequest,
  describeAnswer,
  type AttributeRule,
} from './category-attributes.ts';

const value = (key: string, active = true) => ({ key, labelPl: `pl ${key}`, labelEn: `en ${key}`, active });
const rules: AttributeRule[] = [
  { code: 'post', datatype: 'string', required: true, values: [], active: true },
  { code: 'notes', datatype: 'text', required: false, values: [], active: true },
  { code: 'count', datatype: 'number', required: false, values: [], active: true },
  { code: 'seen_at', datatype: 'datetime', required: false, values: [], active: true },
  {
    code: 'size',
    datatype: 'singlevaluelist',
    required: false,
    values: [value('s'), value('l'), value('xl', false)],
    active: true,
  },
  { code: 'kinds', datatype: 'multivaluelist', required: false, values: [value('a'), value('b')], active: true },
  { code: 'old', datatype: 'string', required: true, values: [], active: false },
];

describe('checkAttributeAnswers', () => {
  it('returns the answers as stored: trimmed, numbers as numbers, UTC date-times, keys, no empty ones', () => {
    const { answers, problems } = checkAttributeAnswers(rules, {
      post: '  12/345 ',
      notes: 'line one\nline two',
      count: '2,5',
      seen_at: '2026-11-23T10:30:00+01:00',
      size: ['l'],
      kinds: ['b', 'a', 'b'],
    });
    expect(problems).toEqual([]);
    expect(answers).toEqual({
      post: '12/345',
      notes: 'line one\nline two',
      count: 2.5,
      seen_at: '2026-11-23T09:30:00.000Z',
      size: 'l',
      kinds: ['b', 'a'],
    });
    expect(checkAttributeAnswers(rules, { post: 'x', notes: '  ', kinds: [] }).answers).toEqual({ post: 'x' });
  });

  it('names every bad answer: unknown, no longer asked, wrong type, not offered, required missing', () => {
    const { problems } = checkAttributeAnswers(rules, {
      nope: 'x',
      old: 'y',
      count: 'many',
      seen_at: '23.11.2026',
      size: 'xl',
      kinds: ['a', 'zzz'],
      notes: true,
    });
    expect(Object.fromEntries(problems.map((p) => [p.code, p.kind]))).toEqual({
      nope: 'unknown',
      old: 'inactive',
      count: 'type',
      seen_at: 'type',
      size: 'not_in_list',
      kinds: 'not_in_list',
      notes: 'type',
      post: 'required',
    });
  });

  it('refuses a line break in a short answer and an answer over 500 characters', () => {
    const { problems } = checkAttributeAnswers(rules, { post: 'a\nb', notes: 'x'.repeat(501) });
    expect(problems.map((p) => [p.code, p.kind])).toEqual([
      ['post', 'type'],
      ['notes', 'too_long'],
    ]);
  });
});

describe('createCategoryAttributeRequest', () => {
  it('needs an active value for a list, no values otherwise, and unique keys', () => {
    const base = { code: 'size', labelPl: 'Rozmiar', labelEn: 'Size' };
    expect(createCategoryAttributeRequest.safeParse({ ...base, datatype: 'singlevaluelist' }).success).toBe(false);
    expect(
      createCategoryAttributeRequest.safeParse({ ...base, datatype: 'string', values: [value('a')] }).success,
    ).toBe(false);
    const twice = createCategoryAttributeRequest.safeParse({
      ...base,
      datatype: 'multivaluelist',
      values: [value('a'), value('a')],
    });
    expect(twice.success ? [] : twice.error.issues.map((i) => i.path.join('.'))).toEqual(['values.1.key']);
    expect(
      createCategoryAttributeRequest.safeParse({ ...base, datatype: 'singlevaluelist', values: [value('a')] }).success,
    ).toBe(true);
  });
});

describe('describeAnswer', () => {
  it('reads list keys as their labels, deactivated ones too', () => {
    const size = { datatype: 'singlevaluelist' as const, values: [value('s'), value('xl', false)] };
    expect(describeAnswer(size, 'xl', 'pl')).toBe('pl xl');
    expect(describeAnswer({ ...size, datatype: 'multivaluelist' }, ['s', 'xl'], 'en')).toBe('en s, en xl');
    expect(describeAnswer(undefined, 3, 'pl')).toBe('3');
  });
});
