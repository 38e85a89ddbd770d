// Knowledge base (Baza Wiedzy): articles with their structured fields per type, the editorial workflow,
// agents' feedback, search with facets and the search log. One schema checks the console's forms and the server.
import { z } from 'zod';
import { ARTICLE_TYPES, type ArticleType } from '../domain.ts';

// ---------------------------------------------------------------------------------------------------------
// Articles: structured fields per type

const text = (name: string, max = 10_000) => z.string().trim().max(max, `${name} is at most ${max} characters`);
const textList = (name: string) => z.array(text(name, 2_000)).max(200, `${name} has at most 200 items`);
const isoDate = (name: string) => z.iso.date(`${name} must be a date (YYYY-MM-DD)`);

export const articleLink = z
  .object({
    label: text('link label', 300).min(1, 'link label is required'),
    url: z.url('link url must be a http(s) address').max(2_000),
  })
  .strict();
export type ArticleLink = z.infer<typeof articleLink>;

/** Karta usługi: what a resident needs to get something done at the city. */
export const serviceCardFields = z
  .object({
    purpose: text('purpose').default(''),
    whoMayApply: text('whoMayApply').default(''),
    whereAndWhen: text('whereAndWhen').default(''),
    documents: textList('documents').default([]),
    fees: text('fees').default(''),
    deadlines: text('deadlines').default(''),
    legalBasis: text('legalBasis').default(''),
    links: z.array(articleLink).max(50).default([]),
    /** The online path (ePUAP or another e-service), when there is one. */
    epuapUrl: z.url('epuapUrl must be a http(s) address').max(2_000).nullish(),
  })
  .strict();

/** Zakres działania: a unit's scope (every numbered point of its ordinance kept), contacts and opening hours. */
export const unitScopeFields = z
  .object({
    scope: textList('scope').default([]),
    openingHours: text('openingHours', 2_000).default(''),
    address: text('address', 500).default(''),
    phone: text('phone', 200).default(''),
    email: text('email', 200).default(''),
    website: z.url('website must be a http(s) address').max(2_000).nullish(),
  })
  .strict();

export const eventFields = z
  .object({
    startsAt: z.iso.datetime({ offset: true, message: 'startsAt must be an ISO-8601 timestamp' }),
    endsAt: z.iso.datetime({ offset: true, message: 'endsAt must be an ISO-8601 timestamp' }).nullish(),
    place: text('place', 500).default(''),
    organiser: text('organiser', 500).default(''),
  })
  .strict();

export const electionFields = z
  .object({
    electionDate: isoDate('electionDate'),
    kind: text('kind', 300).default(''),
    keyDates: textList('keyDates').default([]),
    whereToVote: text('whereToVote').default(''),
  })
  .strict();

/** A script an agent follows on the phone. */
export const procedureFields = z
  .object({
    appliesWhen: text('appliesWhen').default(''),
    steps: textList('steps').default([]),
  })
  .strict();

export const ARTICLE_FIELD_SCHEMAS = {
  service_card: serviceCardFields,
  unit_scope: unitScopeFields,
  event: eventFields,
  election: electionFields,
  procedure: procedureFields,
} satisfies Record<ArticleType, z.ZodType>;
export type ArticleFields<T extends ArticleType = ArticleType> = z.output<(typeof ARTICLE_FIELD_SCHEMAS)[T]>;

export const ARTICLE_STATUSES = ['draft', 'review', 'published', 'archived'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Where an article may move from each status; only kb_editor and admin move articles (ARTICLE_EDITORS in the backend). */
export const ARTICLE_TRANSITIONS: Record<ArticleStatus, readonly ArticleStatus[]> = {
  draft: ['review', 'archived'],
  review: ['published', 'draft', 'archived'],
  published: ['archived', 'draft'],
  archived: ['draft'],
};

const articleBase = {
  title: text('title', 300).min(3, 'title needs at least 3 characters'),
  /** Markdown. */
  body: text('body', 200_000).default(''),
  responsibleUnitId: z.uuid('responsibleUnitId must be a unit id').nullish(),
  tags: z.array(text('tag', 60).min(1)).max(30, 'at most 30 tags').default([]),
  validFrom: isoDate('validFrom').nullish(),
  validTo: isoDate('validTo').nullish(),
};

const validityOrder = (a: { validFrom?: string | null; validTo?: string | null }) =>
  !a.validFrom || !a.validTo || a.validFrom <= a.validTo;
const validityIssue = { path: ['validTo'], message: 'validTo must not be before validFrom' };

/** Create: the type decides which fields schema applies (the backend parses `fields` with ARTICLE_FIELD_SCHEMAS). */
export const createArticleRequest = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('service_card'),
        fields: serviceCardFields.default(serviceCardFields.parse({})),
        ...articleBase,
      })
      .strict(),
    z
      .object({
        type: z.literal('unit_scope'),
        fields: unitScopeFields.default(unitScopeFields.parse({})),
        ...articleBase,
      })
      .strict(),
    z.object({ type: z.literal('event'), fields: eventFields, ...articleBase }).strict(),
    z.object({ type: z.literal('election'), fields: electionFields, ...articleBase }).strict(),
    z
      .object({
        type: z.literal('procedure'),
        fields: procedureFields.default(procedureFields.parse({})),
        ...articleBase,
      })
      .strict(),
  ])
  .refine(validityOrder, validityIssue);
export type CreateArticleRequest = z.input<typeof createArticleRequest>;

/**
 * Edit: every field optional except `version` (the version the editor last saw: 409 when someone saved since).
 * `fields`, when given, replaces the whole fields object and is parsed with the article's type's schema.
 * Each save is a new version (who, when, what).
 */
export const updateArticleRequest = z
  .object({
    version: z.number().int().min(1, 'version is the article version you last saw'),
    title: articleBase.title.optional(),
    body: text('body', 200_000).optional(),
    fields: z.record(z.string(), z.unknown()).optional(),
    responsibleUnitId: articleBase.responsibleUnitId,
    tags: z.array(text('tag', 60).min(1)).max(30, 'at most 30 tags').optional(),
    validFrom: articleBase.validFrom,
    validTo: articleBase.validTo,
    /** A line for the version history ("opłata zmieniona od 2027"). */
    changeNote: text('changeNote', 500).optional(),
  })
  .strict()
  .refine(validityOrder, validityIssue);
export type UpdateArticleRequest = z.infer<typeof updateArticleRequest>;

export const articleTransitionRequest = z
  .object({
    to: z.enum(ARTICLE_STATUSES, { error: `to is one of ${ARTICLE_STATUSES.join(', ')}` }),
    version: z.number().int().min(1, 'version is the article version you last saw'),
    note: text('note', 1_000).optional(),
  })
  .strict();
export type ArticleTransitionRequest = z.infer<typeof articleTransitionRequest>;

export const articleListQuery = z
  .object({
    status: z.enum(ARTICLE_STATUSES).optional(),
    type: z.enum(ARTICLE_TYPES).optional(),
    unitId: z.uuid('unitId must be a unit id').optional(),
    /** Part of the title, for the editors' list (not the search engine). */
    title: z.string().trim().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();
export type ArticleListQuery = z.infer<typeof articleListQuery>;

export const articleIdParams = z.object({ id: z.uuid('id must be an article id') }).strict();

export const articleDiffQuery = z
  .object({
    from: z.coerce.number().int().min(1, 'from is a version number'),
    to: z.coerce.number().int().min(1, 'to is a version number'),
  })
  .strict();

export interface ArticleSummaryDto {
  id: string;
  externalId: string;
  type: ArticleType;
  status: ArticleStatus;
  title: string;
  responsibleUnitId: string | null;
  responsibleUnitCode: string | null;
  tags: string[];
  validFrom: string | null;
  validTo: string | null;
  /** True when validTo has passed, or an event has ended: hidden from agents' search by default. */
  expired: boolean;
  version: number;
  lastReviewedAt: string | null;
  updatedAt: string;
}

export interface ArticleDto extends ArticleSummaryDto {
  slug: string;
  body: string;
  fields: ArticleFields;
  createdAt: string;
  updatedBy: string | null;
  updatedByName: string | null;
}

/** One saved version: the whole article as it was, with who saved it and when. */
export interface ArticleVersionDto {
  version: number;
  status: ArticleStatus;
  title: string;
  body: string;
  fields: ArticleFields;
  tags: string[];
  responsibleUnitId: string | null;
  validFrom: string | null;
  validTo: string | null;
  changeNote: string | null;
  savedBy: string | null;
  savedByName: string | null;
  savedAt: string;
}

export interface ArticleDiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Two versions compared: the body line by line, and every other field that differs (old → new, as text). */
export interface ArticleDiffDto {
  from: number;
  to: number;
  body: ArticleDiffLine[];
  changedFields: { field: string; from: string; to: string }[];
}

// ---------------------------------------------------------------------------------------------------------
// Agents' feedback, the editors' worklist

export const ARTICLE_FEEDBACK_KINDS = ['outdated', 'wrong', 'change_proposal'] as const;
export type ArticleFeedbackKind = (typeof ARTICLE_FEEDBACK_KINDS)[number];

export const articleFeedbackRequest = z
  .object({
    kind: z.enum(ARTICLE_FEEDBACK_KINDS, { error: `kind is one of ${ARTICLE_FEEDBACK_KINDS.join(', ')}` }),
    comment: text('comment', 5_000).min(3, 'comment needs at least 3 characters'),
    /** For a change proposal: the body as the agent would have it (Markdown). */
    proposedBody: text('proposedBody', 200_000).optional(),
  })
  .strict();
export type ArticleFeedbackRequest = z.infer<typeof articleFeedbackRequest>;

export const resolveFeedbackRequest = z
  .object({
    resolution: z.enum(['accepted', 'dismissed'], { error: 'resolution is accepted or dismissed' }),
    note: text('note', 1_000).optional(),
  })
  .strict();
export type ResolveFeedbackRequest = z.infer<typeof resolveFeedbackRequest>;

export interface ArticleFeedbackDto {
  id: string;
  articleId: string;
  articleTitle: string;
  /** The article version the agent was reading. */
  articleVersion: number;
  kind: ArticleFeedbackKind;
  comment: string;
  proposedBody: string | null;
  status: 'open' | 'accepted' | 'dismissed';
  createdBy: string;
  createdByName: string;
  createdAt: string;
  resolvedBy: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

/** What needs an editor: open feedback, articles waiting for review, expired ones, ones not reviewed for long. */
export interface EditorWorklistDto {
  openFeedback: ArticleFeedbackDto[];
  inReview: ArticleSummaryDto[];
  expired: ArticleSummaryDto[];
  /** Published and not reviewed for `reviewAfterDays` (config KB_REVIEW_AFTER_DAYS). */
  notReviewed: ArticleSummaryDto[];
  reviewAfterDays: number;
}

// ---------------------------------------------------------------------------------------------------------
// Search, the search log and the gaps report

export const KNOWLEDGE_QUERY_MAX_LENGTH = 1_000;

const csvList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

export const knowledgeSearchQuery = z
  .object({
    q: z
      .string()
      .max(KNOWLEDGE_QUERY_MAX_LENGTH, `q is at most ${KNOWLEDGE_QUERY_MAX_LENGTH} characters`)
      // eslint-disable-next-line no-control-regex
      .refine((q) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(q), 'q must not hold control characters')
      .transform((q) => q.trim())
      .pipe(z.string().min(1, 'q (the search text) is required')),
    limit: z.coerce.number().int().min(1).max(50).default(10),
    /** Comma-separated article types. */
    type: csvList(z.enum(ARTICLE_TYPES)).optional(),
    /** Comma-separated unit codes (the responsible unit). */
    unit: csvList(
      z
        .string()
        .trim()
        .min(1)
        .max(40)
        // eslint-disable-next-line no-control-regex
        .refine((code) => !/[\u0000-\u001F\u007F]/.test(code), 'unit must not hold control characters'),
    ).optional(),
    /** Also find expired articles and past events (editors use it; agents' default hides them). */
    includeExpired: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .default(false),
  })
  .strict();
export type KnowledgeSearchQuery = z.input<typeof knowledgeSearchQuery>;

/** A part of the snippet (or title) that matched the query: character offsets, end exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

export interface KnowledgeHitDto {
  id: string;
  type: ArticleType;
  title: string;
  titleHighlights: TextRange[];
  /** Plain text around the match; the console marks `highlights` (never renders HTML from the engine). */
  snippet: string;
  highlights: TextRange[];
  unitCode: string | null;
  validTo: string | null;
}

export interface KnowledgeFacetsDto {
  /** Hits per article type and per unit code, for the whole query (not only the page shown). */
  type: Partial<Record<ArticleType, number>>;
  unit: Record<string, number>;
}

export interface KnowledgeSearchDto {
  /** Which engine answered: `meilisearch`, or `postgres` when Meilisearch is down. */
  engine: 'meilisearch' | 'postgres';
  hits: KnowledgeHitDto[];
  facets: KnowledgeFacetsDto;
  /** The search log entry; POST it back with the article the agent opened. */
  searchId: string;
  tookMs: number;
}

export const knowledgeSearchChoiceRequest = z.object({ articleId: z.uuid('articleId must be an article id') }).strict();

export const searchIdParams = z.object({ searchId: z.uuid('searchId must be a search id') }).strict();

/** Synonym groups: every term in a group finds the others (śmieci ↔ odpady). Editors edit them. */
export const synonymGroupsRequest = z
  .object({
    groups: z
      .array(
        z
          .array(text('synonym', 80).min(1, 'a synonym must not be empty'))
          .min(2, 'a synonym group needs at least 2 terms')
          .max(20, 'a synonym group has at most 20 terms'),
      )
      .max(500, 'at most 500 synonym groups'),
  })
  .strict();
export type SynonymGroupsRequest = z.infer<typeof synonymGroupsRequest>;

export interface SynonymGroupsDto {
  groups: string[][];
  updatedAt: string | null;
  updatedByName: string | null;
}

export const knowledgeGapsQuery = z
  .object({
    from: isoDate('from').optional(),
    to: isoDate('to').optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** What agents searched for: queries that found nothing, and the articles opened most. */
export interface KnowledgeGapsDto {
  from: string;
  to: string;
  searches: number;
  zeroResultSearches: number;
  zeroResultQueries: { query: string; count: number; lastAt: string }[];
  topArticles: { articleId: string; title: string; chosen: number }[];
}
