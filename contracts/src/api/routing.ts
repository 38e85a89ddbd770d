// Routing rules: the requests admins send to edit them and the DTO the console lists.
// The same schemas validate in the browser form and on the server.
import { z } from 'zod';

export const ROUTING_RULE_MAX_KEYWORDS = 20;
export const ROUTING_RULE_KEYWORD_MAX_LENGTH = 50;

const keyword = z
  .string()
  .trim()
  .min(1, `keyword needs 1-${ROUTING_RULE_KEYWORD_MAX_LENGTH} characters`)
  .max(ROUTING_RULE_KEYWORD_MAX_LENGTH, `keyword needs 1-${ROUTING_RULE_KEYWORD_MAX_LENGTH} characters`)
  // Matching ignores punctuation; a keyword of punctuation alone would match every ticket.
  .regex(/[\p{L}\p{N}]/u, 'keyword needs at least one letter or digit');

/** Create and update (PUT replaces the whole rule; `active` has its own endpoints). */
export const routingRuleRequest = z
  .object({
    name: z.string().trim().max(200, 'name has at most 200 characters').nullish(),
    categoryId: z.uuid('categoryId must be a category id'),
    /** Absent or null: the rule applies in every district. */
    districtId: z.uuid('districtId must be a district id').nullish(),
    /** Empty: the rule matches every ticket of its category (and district). */
    keywords: z
      .array(keyword)
      .max(ROUTING_RULE_MAX_KEYWORDS, `at most ${ROUTING_RULE_MAX_KEYWORDS} keywords`)
      .default([]),
    unitId: z.uuid('unitId must be a unit id'),
    informedUnitIds: z
      .array(z.uuid('informedUnitIds must be unit ids'))
      .max(20, 'at most 20 informed units')
      .default([]),
  })
  .strict();
export type RoutingRuleRequest = z.infer<typeof routingRuleRequest>;
export type RoutingRuleRequestInput = z.input<typeof routingRuleRequest>;

/**
 * The listed rules take the places in the order that they held among themselves, in the order given:
 * `[b, a]` swaps two rules, the full list sets the whole order. Rules not listed keep their places.
 */
export const reorderRoutingRulesRequest = z
  .object({
    ids: z
      .array(z.uuid('ids must be routing rule ids'))
      .min(1, 'ids lists at least one rule')
      .max(10_000)
      .refine((ids) => new Set(ids).size === ids.length, 'ids lists a rule twice'),
  })
  .strict();
export type ReorderRoutingRulesRequest = z.infer<typeof reorderRoutingRulesRequest>;

export interface RoutingRuleUnitDto {
  id: string;
  code: string;
  name: string;
}

export interface RoutingRuleDto {
  id: string;
  /** Decides only among equally specific matching rules (category depth, district, keywords come first). */
  position: number;
  name: string | null;
  categoryId: string;
  /** Polish, `Parent › Child` for a sub-category. */
  categoryLabel: string;
  districtId: string | null;
  districtLabel: string | null;
  keywords: string[];
  unitId: string;
  unitCode: string;
  unitName: string;
  informedUnitIds: string[];
  informedUnits: RoutingRuleUnitDto[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
  updatedByName: string | null;
}
