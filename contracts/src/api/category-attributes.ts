// A category's own questions (Open311 "service attributes", e.g. a lamp post's number): admins define them, and
// the agent's and triage's ticket forms, the residents' web form and Open311 clients answer them. One checker here
// serves the server and every form, so a browser refuses what the server would.
import { z } from 'zod';
import type { TicketAttributes } from './tickets.ts';

/** The GeoReport v2 datatypes. */
export const ATTRIBUTE_DATATYPES = [
  'string',
  'number',
  'text',
  'singlevaluelist',
  'multivaluelist',
  'datetime',
] as const;
export type AttributeDatatype = (typeof ATTRIBUTE_DATATYPES)[number];
export const isListDatatype = (datatype: AttributeDatatype) =>
  datatype === 'singlevaluelist' || datatype === 'multivaluelist';

export const ATTRIBUTE_CODE_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
const ATTRIBUTE_VALUE_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Longest answer to a string or text question (the ticket's attributes allow no more). */
export const ATTRIBUTE_ANSWER_MAX = 500;
export const MAX_ATTRIBUTES_PER_CATEGORY = 30;
export const MAX_ATTRIBUTE_VALUES = 100;

const label = (field: string) =>
  z
    .string({ error: `${field} is required` })
    .trim()
    .min(1, `${field} is required`)
    .max(200, `${field} has at most 200 characters`);
const hint = (field: string) =>
  z
    .string()
    .trim()
    .max(500, `${field} has at most 500 characters`)
    .nullish()
    .transform((value) => value || null);

export const categoryAttributeValue = z
  .object({
    key: z
      .string({ error: 'key is required' })
      .trim()
      .regex(ATTRIBUTE_VALUE_KEY_PATTERN, 'key is 1-64 letters, digits, _ . or -, starting with a letter or digit'),
    labelPl: label('labelPl'),
    labelEn: label('labelEn'),
    /** A value no longer offered; old answers keep it. */
    active: z.boolean().default(true),
  })
  .strict();
export type CategoryAttributeValue = z.infer<typeof categoryAttributeValue>;

const values = z
  .array(categoryAttributeValue)
  .max(MAX_ATTRIBUTE_VALUES, `at most ${MAX_ATTRIBUTE_VALUES} values`)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((value, index) => {
      if (seen.has(value.key))
        ctx.addIssue({ code: 'custom', path: [index, 'key'], message: `key ${value.key} twice` });
      seen.add(value.key);
    });
  });

/** A list question needs an active value to pick; any other question has no values. */
export function valuesProblem(
  datatype: AttributeDatatype,
  list: readonly CategoryAttributeValue[],
): string | undefined {
  if (isListDatatype(datatype))
    return list.some((value) => value.active) ? undefined : `a ${datatype} needs at least one active value`;
  return list.length > 0 ? `a ${datatype} question has no values (only lists do)` : undefined;
}

const common = {
  labelPl: label('labelPl'),
  labelEn: label('labelEn'),
  /** Shown under the field (Open311 `datatype_description`), e.g. "the number on the post's plate, like 12/345". */
  hintPl: hint('hintPl'),
  hintEn: hint('hintEn'),
  required: z.boolean({ error: 'required must be true or false' }).default(false),
  values,
};

export const createCategoryAttributeRequest = z
  .object({
    code: z
      .string({ error: 'code is required' })
      .trim()
      .regex(ATTRIBUTE_CODE_PATTERN, 'code is lower-case letters, digits and _, starting with a letter (at most 64)'),
    datatype: z.enum(ATTRIBUTE_DATATYPES, { error: `datatype is one of ${ATTRIBUTE_DATATYPES.join(', ')}` }),
    ...common,
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = valuesProblem(input.datatype, input.values);
    if (problem) ctx.addIssue({ code: 'custom', path: ['values'], message: problem });
  });
export type CreateCategoryAttributeRequest = z.input<typeof createCategoryAttributeRequest>;

/**
 * The whole definition but its code and datatype, which stay as created: old tickets' answers are read by them.
 * `active: false` deactivates it (no DELETE); a list value is deactivated the same way, never left out.
 */
export const updateCategoryAttributeRequest = z
  .object({ ...common, active: z.boolean({ error: 'active must be true or false' }) })
  .strict();
export type UpdateCategoryAttributeRequest = z.input<typeof updateCategoryAttributeRequest>;

/** Every attribute id of the category, in the order the forms ask them. */
export const reorderCategoryAttributesRequest = z
  .object({ ids: z.array(z.uuid('ids are attribute ids')).min(1).max(200) })
  .strict();
export type ReorderCategoryAttributesRequest = z.infer<typeof reorderCategoryAttributesRequest>;

export const categoryAttributesQuery = z
  .object({
    /** Deactivated questions too (signed-in staff only): to read old tickets' answers, and for the admin page. */
    includeInactive: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const categoryIdParams = z.object({ id: z.uuid('id must be a category id') });

export interface CategoryAttributeDto {
  id: string;
  categoryId: string;
  code: string;
  labelPl: string;
  labelEn: string;
  hintPl: string | null;
  hintEn: string | null;
  datatype: AttributeDatatype;
  required: boolean;
  values: CategoryAttributeValue[];
  /** Order within the category, from 1. */
  position: number;
  active: boolean;
  updatedAt: string;
  updatedByName: string | null;
}

/** What checking answers needs of a definition. */
export type AttributeRule = Pick<CategoryAttributeDto, 'code' | 'datatype' | 'required' | 'values' | 'active'>;

export type AttributeProblemKind = 'unknown' | 'inactive' | 'required' | 'type' | 'not_in_list' | 'too_long';

export interface AttributeProblem {
  code: string;
  kind: AttributeProblemKind;
  message: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const NUMBER = /^[-+]?\d+([.,]\d+)?$/;

type Normalized = { value: TicketAttributes[string] } | { empty: true } | { problem: AttributeProblem };

const problem = (code: string, kind: AttributeProblemKind, message: string): Normalized => ({
  problem: { code, kind, message },
});

function normalizeAnswer(rule: AttributeRule, raw: unknown): Normalized {
  const { code } = rule;
  const offered = rule.values.filter((v) => v.active).map((v) => v.key);
  const notInList = (key: string) =>
    problem(code, 'not_in_list', `${key} is not one of the answers offered (${offered.join(', ')})`);
  if (raw === null || raw === undefined) return { empty: true };
  switch (rule.datatype) {
    case 'string':
    case 'text': {
      if (typeof raw !== 'string') return problem(code, 'type', 'must be text');
      const text = raw.trim();
      if (!text) return { empty: true };
      if (text.length > ATTRIBUTE_ANSWER_MAX)
        return problem(code, 'too_long', `has at most ${ATTRIBUTE_ANSWER_MAX} characters`);
      if (rule.datatype === 'string' && /[\r\n]/.test(text)) return problem(code, 'type', 'must be a single line');
      return { value: text };
    }
    case 'number': {
      if (typeof raw === 'number')
        return Number.isFinite(raw) ? { value: raw } : problem(code, 'type', 'must be a number');
      if (typeof raw !== 'string') return problem(code, 'type', 'must be a number');
      const text = raw.trim();
      if (!text) return { empty: true };
      // Polish writes 2,5.
      return NUMBER.test(text) ? { value: Number(text.replace(',', '.')) } : problem(code, 'type', 'must be a number');
    }
    case 'datetime': {
      if (typeof raw !== 'string') return problem(code, 'type', 'must be a date (YYYY-MM-DD) or a date and time');
      const text = raw.trim();
      if (!text) return { empty: true };
      if (DATE_ONLY.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`))) return { value: text };
      if (DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))) return { value: new Date(text).toISOString() };
      return problem(code, 'type', 'must be a date (YYYY-MM-DD) or an ISO 8601 date and time with its offset');
    }
    case 'singlevaluelist': {
      // Open311 clients may send a one-element list (attribute[code][]=key).
      const single = Array.isArray(raw) && raw.length <= 1 ? raw[0] : raw;
      if (single === undefined) return { empty: true };
      if (typeof single !== 'string') return problem(code, 'type', 'must be one of the answers offered');
      const key = single.trim();
      if (!key) return { empty: true };
      return offered.includes(key) ? { value: key } : notInList(key);
    }
    case 'multivaluelist': {
      const list = Array.isArray(raw) ? raw : [raw];
      if (list.some((item) => typeof item !== 'string')) return problem(code, 'type', 'must be a list of answers');
      const keys = [...new Set((list as string[]).map((item) => item.trim()).filter(Boolean))];
      if (keys.length === 0) return { empty: true };
      const wrong = keys.find((key) => !offered.includes(key));
      return wrong === undefined ? { value: keys } : notInList(wrong);
    }
  }
}

/**
 * Checks answers against a category's definitions and returns them as stored: trimmed, numbers as numbers,
 * date-times in UTC ISO 8601, list answers as their keys; empty answers are left out. Every problem is listed:
 * a code the category does not ask (or no longer asks), a wrong type, a value not offered, a required one missing.
 */
export function checkAttributeAnswers(
  rules: readonly AttributeRule[],
  answers: Readonly<Record<string, unknown>>,
): { answers: TicketAttributes; problems: AttributeProblem[] } {
  const out: TicketAttributes = {};
  const problems: AttributeProblem[] = [];
  for (const [code, raw] of Object.entries(answers)) {
    const rule = rules.find((candidate) => candidate.code === code);
    if (!rule || !rule.active) {
      problems.push({
        code,
        kind: rule ? 'inactive' : 'unknown',
        message: rule ? 'this question is no longer asked for the category' : 'the category asks no such question',
      });
      continue;
    }
    const normalized = normalizeAnswer(rule, raw);
    if ('problem' in normalized) problems.push(normalized.problem);
    else if ('value' in normalized) out[code] = normalized.value;
  }
  for (const rule of rules) {
    if (rule.active && rule.required && !(rule.code in out) && !problems.some((p) => p.code === rule.code))
      problems.push({ code: rule.code, kind: 'required', message: 'is required' });
  }
  return { answers: out, problems };
}

/** The answer as people read it: list keys as their labels (deactivated ones included), numbers and dates as sent. */
export function describeAnswer(
  definition: Pick<CategoryAttributeDto, 'values' | 'datatype'> | undefined,
  answer: TicketAttributes[string],
  language: string,
): string {
  const labelOf = (key: string) => {
    const value = definition?.values.find((v) => v.key === key);
    if (!value) return key;
    return language.startsWith('en') ? value.labelEn : value.labelPl;
  };
  if (Array.isArray(answer)) return answer.map(labelOf).join(', ');
  if (typeof answer === 'string' && definition && isListDatatype(definition.datatype)) return labelOf(answer);
  return String(answer);
}
