// The categories' questions as ticket intake checks answers against them: read once a minute per process, and
// forgotten at once when an admin changes them here, so checking a ticket's answers costs no round trip.
import type { DataSource, EntityManager } from 'typeorm';
import type { AttributeRule, TicketAttributes } from '@kck/contracts';
import { checkAttributeAnswers } from '@kck/contracts';
import { validationFailed } from '../platform/errors.ts';

const RULES_TTL_MS = 60_000;

/** Category id → its questions (deactivated ones too: an answer to one is told apart from an unknown code). */
export type AttributeRulesByCategory = ReadonlyMap<string, AttributeRule[]>;

const rulesByDatabase = new WeakMap<DataSource, { at: number; rules: Promise<AttributeRulesByCategory> }>();

async function readRules(db: DataSource): Promise<AttributeRulesByCategory> {
  const rows: (AttributeRule & { categoryId: string })[] = await db.query(
    `SELECT category_id AS "categoryId", code, datatype, required, "values", active
       FROM category_attribute ORDER BY category_id, position`,
  );
  const byCategory = new Map<string, AttributeRule[]>();
  for (const { categoryId, ...rule } of rows) {
    const list = byCategory.get(categoryId) ?? [];
    list.push(rule);
    byCategory.set(categoryId, list);
  }
  return byCategory;
}

/**
 * The definitions, read at most once a minute. A change through the API forgets this process's copy, so it applies
 * to the next ticket here at once; other backend processes follow within a minute.
 */
export function attributeRules(source: DataSource | EntityManager): Promise<AttributeRulesByCategory> {
  const db = 'connection' in source ? source.connection : source;
  const cached = rulesByDatabase.get(db);
  if (cached && Date.now() - cached.at < RULES_TTL_MS) return cached.rules;
  const rules = readRules(db);
  rulesByDatabase.set(db, { at: Date.now(), rules });
  // A failed read must not be remembered.
  rules.catch(() => rulesByDatabase.delete(db));
  return rules;
}

export function forgetAttributeRules(db: DataSource): void {
  rulesByDatabase.delete(db);
}

/**
 * Checks a ticket's answers against its category's active questions and returns them as stored. Throws 400 listing
 * every bad answer as `<fieldPrefix>attributes.<code>`: a code the category does not (or no longer) ask, a wrong
 * type, a value not offered, a required answer missing. Ticket creation through the API, the web form and Open311
 * call it before writing the ticket.
 */
export async function assertTicketAttributes(
  source: DataSource | EntityManager,
  categoryId: string,
  attributes: Readonly<Record<string, unknown>> | undefined,
  fieldPrefix = '',
): Promise<TicketAttributes> {
  const rules = (await attributeRules(source)).get(categoryId) ?? [];
  if (rules.length === 0 && (!attributes || Object.keys(attributes).length === 0)) return {};
  const { answers, problems } = checkAttributeAnswers(rules, attributes ?? {});
  if (problems.length > 0)
    throw validationFailed(
      problems.map((problem) => ({ path: `${fieldPrefix}attributes.${problem.code}`, message: problem.message })),
    );
  return answers;
}
