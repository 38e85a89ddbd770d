// Builders of test data with valid defaults: units, users (with a precomputed hash), lookups of seeded entries.
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Role } from '@kck/contracts';
import { hashPassword } from '../auth/passwords.ts';

const unique = () => randomBytes(4).toString('hex');
let passwordHash: Promise<string> | undefined;
export const TEST_PASSWORD = 'test-password-123';

export async function buildUnit(
  db: DataSource,
  overrides: { code?: string; name?: string } = {},
): Promise<{ id: string; code: string }> {
  const code = overrides.code ?? `T-${unique()}`;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO unit (code, name, kind) VALUES ($1, $2, 'municipal_unit') RETURNING id`,
    [code, overrides.name ?? `Test unit ${code}`],
  );
  return { id: rows[0]!.id, code };
}

export async function buildUser(
  db: DataSource,
  overrides: { role: Role; unitId?: string | null; login?: string },
): Promise<{ id: string; login: string }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const login = overrides.login ?? `user-${unique()}`;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [login, `Test ${overrides.role} ${login}`, await passwordHash, overrides.role, overrides.unitId ?? null],
  );
  return { id: rows[0]!.id, login };
}

export async function entryId(db: DataSource, dictionary: string, code: string): Promise<string> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM dictionary_entry WHERE dictionary = $1 AND code = $2`, [
    dictionary,
    code,
  ]);
  if (!rows[0]) throw new Error(`no ${dictionary} ${code} in the seed`);
  return rows[0].id;
}

export async function unitId(db: DataSource, code: string): Promise<string> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM unit WHERE code = $1`, [code]);
  if (!rows[0]) throw new Error(`no unit ${code} in the seed`);
  return rows[0].id;
}

/** A seeded leaf category that has a routing rule to `unitCode`, and one without any rule. */
export async function routedCategory(db: DataSource, unitCode: string): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `SELECT r.category_id AS id FROM routing_rule r JOIN unit u ON u.id = r.unit_id WHERE u.code = $1 AND r.district_id IS NULL ORDER BY r.position LIMIT 1`,
    [unitCode],
  );
  if (!rows[0]) throw new Error(`no routing rule to ${unitCode} in the seed`);
  return rows[0].id;
}

/**
 * A seeded leaf category no routing rule covers (browser tests run it on their own pool). Only the seed's untouched
 * entries: the dictionaries' tests add, expire and deactivate categories of their own.
 */
export const UNROUTED_CATEGORY_SQL = `SELECT c.id FROM dictionary_entry c
  WHERE c.dictionary = 'category' AND c.parent_id IS NOT NULL AND c.active
    AND NOT EXISTS (SELECT 1 FROM dictionary_entry_version v WHERE v.entry_id = c.id AND v.changed_by IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM routing_rule r WHERE r.category_id IN (c.id, c.parent_id))
  ORDER BY c.sort_order, c.code LIMIT 1`;

export async function unroutedCategory(db: DataSource): Promise<string> {
  const rows: { id: string }[] = await db.query(UNROUTED_CATEGORY_SQL);
  if (!rows[0]) throw new Error('the seed has no category without a routing rule');
  return rows[0].id;
}
