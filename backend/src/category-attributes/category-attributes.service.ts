// A category's own questions (Open311 service attributes): admins add, change, reorder and deactivate them. Nothing
// is deleted and a code keeps its datatype for good, so every old ticket's answers stay readable.
import type { DataSource, EntityManager } from 'typeorm';
import {
  MAX_ATTRIBUTES_PER_CATEGORY,
  valuesProblem,
  type CategoryAttributeDto,
  type CategoryAttributeValue,
  type createCategoryAttributeRequest,
  type updateCategoryAttributeRequest,
} from '@kck/contracts';
import type { z } from 'zod';
import type { Actor } from '../auth/actor.ts';
import { badField, notFound } from '../platform/errors.ts';
import { forgetAttributeRules } from './category-attributes.validation.ts';

type CreateInput = z.output<typeof createCategoryAttributeRequest>;
type UpdateInput = z.output<typeof updateCategoryAttributeRequest>;

interface AttributeRow {
  id: string;
  category_id: string;
  code: string;
  label_pl: string;
  label_en: string;
  hint_pl: string | null;
  hint_en: string | null;
  datatype: CategoryAttributeDto['datatype'];
  required: boolean;
  values: CategoryAttributeValue[];
  position: number;
  active: boolean;
  updated_at: Date;
  updated_by_name: string | null;
}

const ATTRIBUTE_SELECT = `
  SELECT a.id, a.category_id, a.code, a.label_pl, a.label_en, a.hint_pl, a.hint_en, a.datatype, a.required,
         a."values", a.position, a.active, a.updated_at, u.display_name AS updated_by_name
    FROM category_attribute a LEFT JOIN app_user u ON u.id = a.updated_by`;

const present = (r: AttributeRow): CategoryAttributeDto => ({
  id: r.id,
  categoryId: r.category_id,
  code: r.code,
  labelPl: r.label_pl,
  labelEn: r.label_en,
  hintPl: r.hint_pl,
  hintEn: r.hint_en,
  datatype: r.datatype,
  required: r.required,
  values: r.values,
  position: r.position,
  active: r.active,
  updatedAt: r.updated_at.toISOString(),
  updatedByName: r.updated_by_name,
});

async function assertCategory(em: EntityManager | DataSource, categoryId: string, lock = false): Promise<void> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM dictionary_entry WHERE id = $1 AND dictionary = 'category' ${lock ? 'FOR UPDATE' : ''}`,
    [categoryId],
  );
  if (!rows[0]) throw notFound('Category');
}

/**
 * The category's questions in the order forms ask them. Without a session (the residents' web form) only active
 * ones, and without who changed them last: staff names are not public.
 */
export async function listCategoryAttributes(
  db: DataSource,
  categoryId: string,
  options: { includeInactive: boolean; forStaff: boolean },
): Promise<CategoryAttributeDto[]> {
  await assertCategory(db, categoryId);
  const rows: AttributeRow[] = await db.query(
    `${ATTRIBUTE_SELECT} WHERE a.category_id = $1 AND (a.active OR $2) ORDER BY a.position, a.code`,
    [categoryId, options.includeInactive],
  );
  return rows.map((row) => ({ ...present(row), updatedByName: options.forStaff ? row.updated_by_name : null }));
}

async function getAttribute(em: EntityManager | DataSource, id: string): Promise<CategoryAttributeDto> {
  const rows: AttributeRow[] = await em.query(`${ATTRIBUTE_SELECT} WHERE a.id = $1`, [id]);
  if (!rows[0]) throw notFound('Category attribute');
  return present(rows[0]);
}

/** Runs one change in a transaction, then forgets this process's cached definitions so intake checks by it at once. */
async function edit(db: DataSource, work: (em: EntityManager) => Promise<string>): Promise<CategoryAttributeDto> {
  const id = await db.transaction(work);
  forgetAttributeRules(db);
  return getAttribute(db, id);
}

export function createCategoryAttribute(
  db: DataSource,
  actor: Actor,
  categoryId: string,
  input: CreateInput,
): Promise<CategoryAttributeDto> {
  return edit(db, async (em) => {
    // The category's row lock orders concurrent additions, so positions and the code check hold.
    await assertCategory(em, categoryId, true);
    const existing: { code: string; active: boolean }[] = await em.query(
      `SELECT code, active FROM category_attribute WHERE category_id = $1`,
      [categoryId],
    );
    const twin = existing.find((row) => row.code === input.code);
    if (twin)
      throw badField(
        'code',
        twin.active
          ? `the category already asks ${input.code}`
          : `${input.code} was used by a deactivated question of this category; reactivate it or pick another code`,
      );
    if (existing.length >= MAX_ATTRIBUTES_PER_CATEGORY)
      throw badField('code', `a category has at most ${MAX_ATTRIBUTES_PER_CATEGORY} questions`);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO category_attribute (category_id, code, label_pl, label_en, hint_pl, hint_en, datatype, required,
                                       "values", position, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
               (SELECT COALESCE(max(position), 0) + 1 FROM category_attribute WHERE category_id = $1), $10)
       RETURNING id`,
      [
        categoryId,
        input.code,
        input.labelPl,
        input.labelEn,
        input.hintPl,
        input.hintEn,
        input.datatype,
        input.required,
        JSON.stringify(input.values),
        actor.id,
      ],
    );
    return rows[0]!.id;
  });
}

export function updateCategoryAttribute(
  db: DataSource,
  actor: Actor,
  id: string,
  input: UpdateInput,
): Promise<CategoryAttributeDto> {
  return edit(db, async (em) => {
    const rows: { datatype: CategoryAttributeDto['datatype']; values: CategoryAttributeValue[] }[] = await em.query(
      `SELECT datatype, "values" FROM category_attribute WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const current = rows[0];
    if (!current) throw notFound('Category attribute');
    // Old tickets may hold any key ever offered: a value is deactivated, never dropped.
    const dropped = current.values.find((old) => !input.values.some((value) => value.key === old.key));
    if (dropped) throw badField('values', `value ${dropped.key} may be deactivated (active: false) but not removed`);
    const problem = valuesProblem(current.datatype, input.values);
    if (problem) throw badField('values', problem);
    await em.query(
      `UPDATE category_attribute SET label_pl = $2, label_en = $3, hint_pl = $4, hint_en = $5, required = $6,
              "values" = $7, active = $8, updated_at = now(), updated_by = $9
        WHERE id = $1`,
      [
        id,
        input.labelPl,
        input.labelEn,
        input.hintPl,
        input.hintEn,
        input.required,
        JSON.stringify(input.values),
        input.active,
        actor.id,
      ],
    );
    return id;
  });
}

/** Puts the category's questions in the given order; `ids` names every one of them (deactivated ones too). */
export async function reorderCategoryAttributes(
  db: DataSource,
  actor: Actor,
  categoryId: string,
  ids: string[],
): Promise<CategoryAttributeDto[]> {
  await db.transaction(async (em) => {
    await assertCategory(em, categoryId, true);
    const rows: { id: string }[] = await em.query(`SELECT id FROM category_attribute WHERE category_id = $1`, [
      categoryId,
    ]);
    const known = new Set(rows.map((row) => row.id));
    const stranger = ids.findIndex((id) => !known.has(id));
    if (stranger >= 0) throw badField(`ids.${stranger}`, `${ids[stranger]} is not a question of this category`);
    if (new Set(ids).size !== ids.length || ids.length !== known.size)
      throw badField('ids', `name each of the category's ${known.size} questions exactly once`);
    await em.query(
      `UPDATE category_attribute a SET position = o.n, updated_at = now(), updated_by = $2
         FROM unnest($1::uuid[]) WITH ORDINALITY o(id, n)
        WHERE a.id = o.id AND a.position IS DISTINCT FROM o.n`,
      [ids, actor.id],
    );
  });
  forgetAttributeRules(db);
  return listCategoryAttributes(db, categoryId, { includeInactive: true, forStaff: true });
}
