// A unit's own system: its webhook settings, its API token (kept only as a SHA-256) and the system account
// it acts through; and turning a presented token back into that account, for the unit API.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { UnitIntegrationDto, UnitIntegrationRequest } from '@kck/contracts';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ActorRow } from '../auth/actor.ts';
import { conflict, notFound } from '../platform/errors.ts';

export const hashApiToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const newSecret = (prefix: string) => `${prefix}_${randomBytes(32).toString('base64url')}`;

/**
 * The account the unit's system acts as, made the first time a unit gets an integration and kept for good
 * (history points at it). Its password hash is not an argon2 hash, so no password ever signs it in.
 */
async function systemUserFor(db: DataSource, unit: { id: string; code: string }): Promise<string> {
  const rows: { id: string }[] = await db.query(
    `INSERT INTO app_user (login, display_name, password_hash, role, unit_id)
     VALUES ($1, $2, '!', 'unit_staff', $3)
     ON CONFLICT (login) DO UPDATE SET display_name = excluded.display_name
       WHERE app_user.role = 'unit_staff' AND app_user.unit_id = excluded.unit_id
     RETURNING id`,
    [`system-${unit.code.toLowerCase()}`, `System jednostki ${unit.code}`, unit.id],
  );
  // Never take over a person's account that happens to have the system login.
  if (!rows[0]) throw conflict(`Login system-${unit.code.toLowerCase()} belongs to another account`);
  return rows[0].id;
}

// TypeORM answers a bare UPDATE ... RETURNING with [rows, count]; wrapped in a SELECT it answers the rows.
interface IntegrationRow {
  unit_id: string;
  unit_code: string;
  webhook_url: string;
  active: boolean;
}

const present = (row: IntegrationRow, extra: Partial<UnitIntegrationDto> = {}): UnitIntegrationDto => ({
  unitId: row.unit_id,
  unitCode: row.unit_code,
  webhookUrl: row.webhook_url,
  active: row.active,
  ...extra,
});

async function loadUnit(db: DataSource, unitId: string): Promise<{ id: string; code: string }> {
  const units: { id: string; code: string }[] = await db.query(`SELECT id, code FROM unit WHERE id = $1`, [unitId]);
  if (!units[0]) throw notFound('Unit');
  return units[0];
}

/**
 * Creates the integration with a fresh secret and token, shown in this answer only; on a unit that has one,
 * changes the address and the switch and keeps both (rotate the token on its own).
 */
export async function putUnitIntegration(
  db: DataSource,
  unitId: string,
  input: UnitIntegrationRequest,
): Promise<UnitIntegrationDto> {
  const unit = await loadUnit(db, unitId);
  const updated: IntegrationRow[] = await db.query(
    `WITH changed AS (
       UPDATE unit_integration SET webhook_url = $2, active = $3, updated_at = now() WHERE unit_id = $1
       RETURNING unit_id, webhook_url, active
     )
     SELECT unit_id, $4::text AS unit_code, webhook_url, active FROM changed`,
    [unit.id, input.webhookUrl, input.active, unit.code],
  );
  if (updated[0]) return present(updated[0]);
  const systemUserId = await systemUserFor(db, unit);
  const webhookSecret = newSecret('whsec');
  const apiToken = newSecret('kckunit');
  // A concurrent first PUT loses here and answers without secrets rather than overwrite the other's.
  const inserted: IntegrationRow[] = await db.query(
    `INSERT INTO unit_integration (unit_id, webhook_url, webhook_secret, api_token_hash, system_user_id, active)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (unit_id) DO NOTHING
     RETURNING unit_id, $7::text AS unit_code, webhook_url, active`,
    [unit.id, input.webhookUrl, webhookSecret, hashApiToken(apiToken), systemUserId, input.active, unit.code],
  );
  if (!inserted[0]) return putUnitIntegration(db, unitId, input);
  return present(inserted[0], { webhookSecret, apiToken });
}

/** A leaked token is replaced at once: the old one stops working with this commit. */
export async function rotateUnitApiToken(db: DataSource, unitId: string): Promise<UnitIntegrationDto> {
  const unit = await loadUnit(db, unitId);
  const apiToken = newSecret('kckunit');
  const rows: IntegrationRow[] = await db.query(
    `WITH changed AS (
       UPDATE unit_integration SET api_token_hash = $2, updated_at = now() WHERE unit_id = $1
       RETURNING unit_id, webhook_url, active
     )
     SELECT unit_id, $3::text AS unit_code, webhook_url, active FROM changed`,
    [unit.id, hashApiToken(apiToken), unit.code],
  );
  if (!rows[0]) throw notFound('Unit integration');
  return present(rows[0], { apiToken });
}

/** The unit's system account for a presented token, or undefined (unknown token, integration or unit switched off). */
export async function actorForUnitToken(db: DataSource, token: string): Promise<Actor | undefined> {
  const rows: ActorRow[] = await db.query(
    `SELECT ${ACTOR_COLUMNS}
       FROM unit_integration i
       JOIN app_user u ON u.id = i.system_user_id
       JOIN unit un ON un.id = u.unit_id
      WHERE i.api_token_hash = $1 AND i.active AND un.active AND u.active`,
    [hashApiToken(token)],
  );
  return rows[0] ? actorFromRow(rows[0]) : undefined;
}
