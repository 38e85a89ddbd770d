// Staff accounts for admins: list, create (local, with a password), change role/unit, deactivate (ending every
// session at once), reactivate, reset TOTP. No deletion: the database refuses it, so history keeps its names.
import type { DataSource, EntityManager } from 'typeorm';
import type { CreateUserRequest, ListUsersQuery, UpdateUserRequest, UserDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { hashPassword } from '../auth/passwords.ts';
import { destroySessionsOf } from '../auth/sessions.ts';
import { badField, conflict, notFound } from '../platform/errors.ts';

const USER_COLUMNS = `u.id, u.login, u.display_name, u.role, u.unit_id, un.code AS unit_code, u.email, u.auth_source,
  u.active, u.totp_enabled_at IS NOT NULL AS totp_enabled, u.created_at, u.deactivated_at,
  d.id AS deactivated_by_id, d.display_name AS deactivated_by_name`;
const USER_FROM = `app_user u LEFT JOIN unit un ON un.id = u.unit_id LEFT JOIN app_user d ON d.id = u.deactivated_by`;

interface UserRow {
  id: string;
  login: string;
  display_name: string;
  role: UserDto['role'];
  unit_id: string | null;
  unit_code: string | null;
  email: string | null;
  auth_source: UserDto['authSource'];
  active: boolean;
  totp_enabled: boolean;
  created_at: Date;
  deactivated_at: Date | null;
  deactivated_by_id: string | null;
  deactivated_by_name: string | null;
}

const present = (row: UserRow): UserDto => ({
  id: row.id,
  login: row.login,
  displayName: row.display_name,
  role: row.role,
  unitId: row.unit_id,
  unitCode: row.unit_code,
  email: row.email,
  authSource: row.auth_source,
  active: row.active,
  totpEnabled: row.totp_enabled,
  createdAt: row.created_at.toISOString(),
  deactivatedAt: row.deactivated_at?.toISOString() ?? null,
  deactivatedBy: row.deactivated_by_id
    ? { id: row.deactivated_by_id, displayName: row.deactivated_by_name ?? '' }
    : null,
});

export async function listUsers(db: DataSource, query: ListUsersQuery): Promise<UserDto[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.role) where.push(`u.role = $${params.push(query.role)}`);
  if (query.unitId) where.push(`u.unit_id = $${params.push(query.unitId)}`);
  if (query.active !== undefined) where.push(`u.active = $${params.push(query.active)}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(u.login ILIKE $${params.push(like)} OR u.display_name ILIKE $${params.length})`);
  }
  const rows: UserRow[] = await db.query(
    `SELECT ${USER_COLUMNS} FROM ${USER_FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY u.active DESC, u.display_name, u.login LIMIT 1000`,
    params,
  );
  return rows.map(present);
}

async function getUser(db: DataSource | EntityManager, id: string): Promise<UserDto> {
  const rows: UserRow[] = await db.query(`SELECT ${USER_COLUMNS} FROM ${USER_FROM} WHERE u.id = $1`, [id]);
  if (!rows[0]) throw notFound('User');
  return present(rows[0]);
}

async function assertUnitFits(em: EntityManager, role: string, unitId: string | null): Promise<void> {
  if (unitId) {
    const units: unknown[] = await em.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
    if (!units.length) throw badField('unitId', 'no such unit');
  }
  if (role === 'unit_staff' && !unitId) throw badField('unitId', 'unit staff need a unit');
}

export async function createUser(db: DataSource, input: CreateUserRequest): Promise<UserDto> {
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction(async (em) => {
    await assertUnitFits(em, input.role, input.unitId);
    const taken: unknown[] = await em.query(`SELECT 1 FROM app_user WHERE login = $1`, [input.login]);
    if (taken.length) throw conflict(`Login ${input.login} is taken (accounts are never deleted, only deactivated)`);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO app_user (login, display_name, password_hash, role, unit_id, email)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [input.login, input.displayName, passwordHash, input.role, input.unitId, input.email],
    );
    return rows[0]!.id;
  });
  return getUser(db, id);
}

export async function updateUser(db: DataSource, id: string, input: UpdateUserRequest): Promise<UserDto> {
  await db.transaction(async (em) => {
    const rows: { role: string; unit_id: string | null }[] = await em.query(
      `SELECT role, unit_id FROM app_user WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const current = rows[0];
    if (!current) throw notFound('User');
    const role = input.role ?? current.role;
    const unitId = input.unitId !== undefined ? input.unitId : current.unit_id;
    await assertUnitFits(em, role, unitId);
    await em.query(
      `UPDATE app_user SET role = $2, unit_id = $3, display_name = COALESCE($4, display_name),
              email = CASE WHEN $5 THEN $6 ELSE email END
        WHERE id = $1`,
      [id, role, unitId, input.displayName ?? null, input.email !== undefined, input.email ?? null],
    );
  });
  // A changed role must not linger in live sessions with the old rights: they end, the person signs in again.
  if (input.role !== undefined || input.unitId !== undefined) await destroySessionsOf(db, id);
  return getUser(db, id);
}

export async function deactivateUser(db: DataSource, actor: Actor, id: string): Promise<UserDto> {
  if (id === actor.id) throw conflict('You cannot deactivate your own account');
  const [, changed]: [unknown[], number] = await db.query(
    `UPDATE app_user SET active = false, deactivated_at = now(), deactivated_by = $2 WHERE id = $1 AND active`,
    [id, actor.id],
  );
  const user = await getUser(db, id);
  if (!changed) throw conflict('The account is already deactivated');
  await destroySessionsOf(db, id);
  return user;
}

export async function reactivateUser(db: DataSource, id: string): Promise<UserDto> {
  const [, changed]: [unknown[], number] = await db.query(
    `UPDATE app_user SET active = true, deactivated_at = NULL, deactivated_by = NULL WHERE id = $1 AND NOT active`,
    [id],
  );
  const user = await getUser(db, id);
  if (!changed) throw conflict('The account is already active');
  return user;
}

/** A lost phone: the secret goes; admins and supervisors enrol again at their next sign-in. */
export async function resetTotp(db: DataSource, id: string): Promise<UserDto> {
  await getUser(db, id);
  await db.query(
    `UPDATE app_user SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
      WHERE id = $1`,
    [id],
  );
  await destroySessionsOf(db, id);
  return getUser(db, id);
}
