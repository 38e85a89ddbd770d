// Editing routing rules: list, create, update, (de)activate, reorder. Rules are never deleted, because
// tickets keep the id of the rule that routed them; each change stamps who made it and when.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  FieldError,
  ReorderRoutingRulesRequest,
  RoutingRuleDto,
  RoutingRuleRequest,
  RoutingRuleUnitDto,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { notFound, validationFailed } from '../platform/errors.ts';

interface RuleRow {
  id: string;
  position: number;
  name: string | null;
  category_id: string;
  category_label: string;
  district_id: string | null;
  district_label: string | null;
  keywords: string[];
  unit_id: string;
  unit_code: string;
  unit_name: string;
  informed_unit_ids: string[];
  informed_units: RoutingRuleUnitDto[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
  updated_by_name: string | null;
}

const RULE_SELECT = `
  SELECT r.id, r.position, r.name, r.category_id,
         CASE WHEN pc.id IS NULL THEN c.label_pl ELSE pc.label_pl || ' › ' || c.label_pl END AS category_label,
         r.district_id, d.label_pl AS district_label, r.keywords, r.unit_id, u.code AS unit_code, u.name AS unit_name,
         r.informed_unit_ids,
         COALESCE((SELECT json_agg(json_build_object('id', iu.id, 'code', iu.code, 'name', iu.name) ORDER BY iu.code)
                     FROM unit iu WHERE iu.id = ANY (r.informed_unit_ids)), '[]') AS informed_units,
         r.active, r.created_at, r.updated_at, a.display_name AS updated_by_name
    FROM routing_rule r
    JOIN dictionary_entry c ON c.id = r.category_id
    LEFT JOIN dictionary_entry pc ON pc.id = c.parent_id
    LEFT JOIN dictionary_entry d ON d.id = r.district_id
    JOIN unit u ON u.id = r.unit_id
    LEFT JOIN app_user a ON a.id = r.updated_by`;

// Positions may tie (rules written by hand); the id keeps the order stable.
const RULE_ORDER = `ORDER BY r.position, r.created_at, r.id`;

const present = (r: RuleRow): RoutingRuleDto => ({
  id: r.id,
  position: r.position,
  name: r.name,
  categoryId: r.category_id,
  categoryLabel: r.category_label,
  districtId: r.district_id,
  districtLabel: r.district_label,
  keywords: r.keywords,
  unitId: r.unit_id,
  unitCode: r.unit_code,
  unitName: r.unit_name,
  informedUnitIds: r.informed_unit_ids,
  informedUnits: r.informed_units,
  active: r.active,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  updatedByName: r.updated_by_name,
});

/** New rules and reorders take this lock, so two admins never compute the same position. */
const ORDER_LOCK = `SELECT pg_advisory_xact_lock(hashtext('kck.routing_rule.order'))`;
const POSITION_STEP = 10;

export async function listRoutingRules(db: DataSource): Promise<RoutingRuleDto[]> {
  const rows: RuleRow[] = await db.query(`${RULE_SELECT} ${RULE_ORDER}`);
  return rows.map(present);
}

export async function getRoutingRule(db: DataSource | EntityManager, id: string): Promise<RoutingRuleDto> {
  const rows: RuleRow[] = await db.query(`${RULE_SELECT} WHERE r.id = $1`, [id]);
  if (!rows[0]) throw notFound('Routing rule');
  return present(rows[0]);
}

/**
 * Checks every id the request names against the database and reports all bad fields at once:
 * a category id that is a district (or vice versa), units that do not exist or are retired.
 */
async function referenceErrors(em: EntityManager, input: RoutingRuleRequest): Promise<FieldError[]> {
  const fields: FieldError[] = [];
  const entryIds = [input.categoryId, input.districtId].filter((id): id is string => Boolean(id));
  const entries: { id: string; dictionary: string; active: boolean }[] = await em.query(
    `SELECT id, dictionary, active FROM dictionary_entry WHERE id = ANY ($1::uuid[])`,
    [entryIds],
  );
  const checkEntry = (field: string, dictionary: string, id: string | null | undefined) => {
    if (!id) return;
    const entry = entries.find((e) => e.id === id);
    if (!entry || entry.dictionary !== dictionary)
      fields.push({
        path: field,
        message: entry ? `${id} is a ${entry.dictionary}, not a ${dictionary}` : `no ${dictionary} with id ${id}`,
      });
    else if (!entry.active) fields.push({ path: field, message: `${dictionary} ${id} is no longer in use` });
  };
  checkEntry('categoryId', 'category', input.categoryId);
  checkEntry('districtId', 'district', input.districtId);

  const units: { id: string; active: boolean }[] = await em.query(
    `SELECT id, active FROM unit WHERE id = ANY ($1::uuid[])`,
    [[input.unitId, ...input.informedUnitIds]],
  );
  const unitProblem = (id: string) => {
    const unit = units.find((u) => u.id === id);
    if (!unit) return `no unit with id ${id}`;
    return unit.active ? undefined : `unit ${id} is no longer active`;
  };
  const mainProblem = unitProblem(input.unitId);
  if (mainProblem) fields.push({ path: 'unitId', message: mainProblem });
  input.informedUnitIds.forEach((id, index) => {
    const path = `informedUnitIds.${index}`;
    if (id === input.unitId) fields.push({ path, message: 'the main unit is not also an informed unit' });
    else if (input.informedUnitIds.indexOf(id) !== index) fields.push({ path, message: 'unit listed twice' });
    else {
      const problem = unitProblem(id);
      if (problem) fields.push({ path, message: problem });
    }
  });
  return fields;
}

/** Keywords as the admin wrote them (trimmed), without repeats that differ only in case. */
function distinctKeywords(keywords: readonly string[]): string[] {
  const seen = new Set<string>();
  return keywords.filter((word) => {
    const key = word.toLocaleLowerCase('pl');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function assertValid(em: EntityManager, input: RoutingRuleRequest): Promise<void> {
  const fields = await referenceErrors(em, input);
  if (fields.length > 0) throw validationFailed(fields);
}

const ruleValues = (input: RoutingRuleRequest) => [
  input.name || null,
  input.categoryId,
  input.districtId ?? null,
  distinctKeywords(input.keywords),
  input.unitId,
  input.informedUnitIds,
];

/** A new rule goes last; the admin moves it up where it belongs. */
export async function createRoutingRule(
  db: DataSource,
  actor: Actor,
  input: RoutingRuleRequest,
): Promise<RoutingRuleDto> {
  return db.transaction(async (em) => {
    await assertValid(em, input);
    await em.query(ORDER_LOCK);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO routing_rule (position, name, category_id, district_id, keywords, unit_id, informed_unit_ids, updated_by)
       SELECT COALESCE(max(position), 0) + ${POSITION_STEP}, $1, $2, $3, $4, $5, $6, $7 FROM routing_rule
       RETURNING id`,
      [...ruleValues(input), actor.id],
    );
    return getRoutingRule(em, rows[0]!.id);
  });
}

async function lockRule(em: EntityManager, id: string): Promise<void> {
  const rows: unknown[] = await em.query(`SELECT 1 FROM routing_rule WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw notFound('Routing rule');
}

/**
 * Replaces what the rule matches and where it sends tickets. Tickets it routed before keep its id;
 * the reason in their history still says what the rule was then.
 */
export async function updateRoutingRule(
  db: DataSource,
  actor: Actor,
  id: string,
  input: RoutingRuleRequest,
): Promise<RoutingRuleDto> {
  return db.transaction(async (em) => {
    await lockRule(em, id);
    await assertValid(em, input);
    await em.query(
      `UPDATE routing_rule SET name = $2, category_id = $3, district_id = $4, keywords = $5, unit_id = $6,
                               informed_unit_ids = $7, updated_by = $8, updated_at = now()
        WHERE id = $1`,
      [id, ...ruleValues(input), actor.id],
    );
    return getRoutingRule(em, id);
  });
}

export async function setRoutingRuleActive(
  db: DataSource,
  actor: Actor,
  id: string,
  active: boolean,
): Promise<RoutingRuleDto> {
  return db.transaction(async (em) => {
    await lockRule(em, id);
    // Asking twice is harmless and leaves the stamp of the change that mattered.
    await em.query(
      `UPDATE routing_rule SET active = $2, updated_by = $3, updated_at = now() WHERE id = $1 AND active <> $2`,
      [id, active, actor.id],
    );
    return getRoutingRule(em, id);
  });
}

/**
 * The listed rules swap into the places they held among themselves, in the order given. Positions are
 * renumbered in steps of 10 along the whole order, so ties written by hand resolve into a clear order;
 * only rules whose position changes are written, and only those the admin listed get their stamp.
 */
export async function reorderRoutingRules(
  db: DataSource,
  actor: Actor,
  input: ReorderRoutingRulesRequest,
): Promise<RoutingRuleDto[]> {
  await db.transaction(async (em) => {
    await em.query(ORDER_LOCK);
    const current: { id: string; position: number }[] = await em.query(
      `SELECT r.id, r.position FROM routing_rule r ${RULE_ORDER} FOR UPDATE`,
    );
    const index = new Map(current.map((rule, i) => [rule.id, i]));
    const unknown = input.ids
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !index.has(id))
      .map(({ id, i }) => ({ path: `ids.${i}`, message: `no routing rule with id ${id}` }));
    if (unknown.length > 0) throw validationFailed(unknown);

    const slots = input.ids.map((id) => index.get(id)!).sort((a, b) => a - b);
    const order = current.map((rule) => rule.id);
    slots.forEach((slot, i) => (order[slot] = input.ids[i]!));
    const listed = new Set(input.ids);
    for (const [i, id] of order.entries()) {
      const position = (i + 1) * POSITION_STEP;
      if (current[index.get(id)!]!.position === position) continue;
      await em.query(
        listed.has(id)
          ? `UPDATE routing_rule SET position = $2, updated_by = $3, updated_at = now() WHERE id = $1`
          : `UPDATE routing_rule SET position = $2 WHERE id = $1`,
        listed.has(id) ? [id, position, actor.id] : [id, position],
      );
    }
  });
  return listRoutingRules(db);
}
