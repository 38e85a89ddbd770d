// Knowledge-base import/export (kb:import, kb:export, the seed): one article per record, keyed by a stable
// externalId, the responsible unit named by its code. JSON Lines and Markdown-with-front-matter carry the same record.
import { z } from 'zod';
import { ARTICLE_TYPES } from '../domain.ts';
import { ARTICLE_FIELD_SCHEMAS, ARTICLE_STATUSES } from './knowledge.ts';

const isoDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);

/** Safe as a file name: the export names each Markdown file after it. */
export const EXTERNAL_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,119}$/;

export const articleInterchangeRecord = z
  .object({
    externalId: z
      .string({ error: 'externalId is required' })
      .regex(
        EXTERNAL_ID_PATTERN,
        'externalId is 1–120 lower-case letters, digits, dots, dashes and underscores (e.g. zakres-dk-02)',
      ),
    type: z.enum(ARTICLE_TYPES, { error: `type is one of ${ARTICLE_TYPES.join(', ')}` }),
    status: z.enum(ARTICLE_STATUSES, { error: `status is one of ${ARTICLE_STATUSES.join(', ')}` }).default('published'),
    title: z
      .string({ error: 'title is required' })
      .trim()
      .min(3, 'title needs at least 3 characters')
      .max(300, 'title is at most 300 characters'),
    /** Markdown. */
    body: z.string().trim().max(200_000, 'body is at most 200000 characters').default(''),
    /** The structured fields of the type (ARTICLE_FIELD_SCHEMAS); checked against the type below. */
    fields: z.record(z.string(), z.unknown(), { error: 'fields is an object' }).default({}),
    /** A unit code (ZDMK, DK-02), not an id: ids differ between databases. */
    responsibleUnit: z.string().trim().min(1).max(40, 'responsibleUnit is a unit code').nullable().default(null),
    tags: z
      .array(z.string().trim().min(1, 'a tag must not be empty').max(60, 'a tag is at most 60 characters'))
      .max(30, 'at most 30 tags')
      .default([]),
    validFrom: isoDate('validFrom').nullable().default(null),
    validTo: isoDate('validTo').nullable().default(null),
  })
  .strict()
  .transform((record, ctx) => {
    if (record.validFrom && record.validTo && record.validTo < record.validFrom) {
      ctx.addIssue({ code: 'custom', path: ['validTo'], message: 'validTo must not be before validFrom' });
      return z.NEVER;
    }
    const fields = ARTICLE_FIELD_SCHEMAS[record.type].safeParse(record.fields);
    if (!fields.success) {
      for (const issue of fields.error.issues)
        ctx.addIssue({ code: 'custom', path: ['fields', ...issue.path], message: issue.message });
      return z.NEVER;
    }
    return { ...record, fields: fields.data as Record<string, unknown> };
  });

/** A record as written in a file (defaults may be left out). */
export type ArticleInterchangeInput = z.input<typeof articleInterchangeRecord>;
/** A record after parsing: defaults filled, fields parsed with the type's schema. */
export type ArticleInterchangeRecord = z.output<typeof articleInterchangeRecord>;

export const INTERCHANGE_FORMATS = ['jsonl', 'markdown'] as const;
export type InterchangeFormat = (typeof INTERCHANGE_FORMATS)[number];

/** What an import did, record by record; `rejected` names where the record was and why. */
export interface InterchangeImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { source: string; line: number | null; externalId: string | null; reason: string }[];
}
