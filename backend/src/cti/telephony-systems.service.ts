// Telephony systems that may post call events (each with a token kept only as a SHA-256, shown once), and
// the phone extensions that tell which agent a PBX means.
import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { CreatedTelephonySystemDto, TelephonySystemDto, UserPhoneExtensionDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { hashApiToken } from '../delivery/unit-integrations.service.ts';
import { conflict, notFound } from '../platform/errors.ts';

interface SystemRow {
  id: string;
  name: string;
  active: boolean;
  created_at: Date;
  event_count: number;
  last_event_at: Date | null;
}

const present = (row: SystemRow): TelephonySystemDto => ({
  id: row.id,
  name: row.name,
  active: row.active,
  createdAt: row.created_at.toISOString(),
  eventCount: row.event_count,
  lastEventAt: row.last_event_at?.toISOString() ?? null,
});

const SYSTEM_SELECT = `
  SELECT s.id, s.name, s.active, s.created_at,
         (SELECT count(*)::int FROM cti_event e WHERE e.telephony_system_id = s.id) AS event_count,
         (SELECT max(received_at) FROM cti_event e WHERE e.telephony_system_id = s.id) AS last_event_at
    FROM telephony_system s`;

export const GENERIC_CTI_PATH = '/api/cti/generic';

export async function createTelephonySystem(
  db: DataSource,
  actor: Actor,
  name: string,
): Promise<CreatedTelephonySystemDto> {
  const token = `cti_${randomBytes(32).toString('base64url')}`;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO telephony_system (name, token_hash, created_by) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [name, hashApiToken(token), actor.id],
  );
  if (!rows[0]) throw conflict(`A telephony system named ${name} already exists`);
  const [row] = (await db.query(`${SYSTEM_SELECT} WHERE s.id = $1`, [rows[0].id])) as SystemRow[];
  return { ...present(row!), token, genericPath: `${GENERIC_CTI_PATH}/${token}` };
}

export async function listTelephonySystems(db: DataSource): Promise<TelephonySystemDto[]> {
  const rows = (await db.query(`${SYSTEM_SELECT} ORDER BY s.created_at, s.id`)) as SystemRow[];
  return rows.map(present);
}

/** Revoking is final: the token stops working with this commit; the system's calls and events stay. */
export async function revokeTelephonySystem(db: DataSource, id: string): Promise<TelephonySystemDto> {
  await db.query(`UPDATE telephony_system SET active = false, revoked_at = now() WHERE id = $1 AND active`, [id]);
  const [row] = (await db.query(`${SYSTEM_SELECT} WHERE s.id = $1`, [id])) as SystemRow[];
  if (!row) throw notFound('Telephony system');
  return present(row);
}

/** The active system a presented token belongs to, or undefined. */
export async function systemForToken(db: DataSource, token: string): Promise<{ id: string } | undefined> {
  const rows: { id: string }[] = await db.query(`SELECT id FROM telephony_system WHERE token_hash = $1 AND active`, [
    hashApiToken(token),
  ]);
  return rows[0];
}

export async function setPhoneExtension(
  db: DataSource,
  userId: string,
  phoneExtension: string | null,
): Promise<UserPhoneExtensionDto> {
  const taken: { login: string }[] = await db.query(
    `SELECT login FROM app_user WHERE phone_extension = $1 AND id <> $2`,
    [phoneExtension, userId],
  );
  if (taken[0]) throw conflict(`Extension ${phoneExtension} belongs to ${taken[0].login}`);
  const rows: { id: string; login: string; phone_extension: string | null }[] = await db.query(
    `UPDATE app_user SET phone_extension = $2 WHERE id = $1 RETURNING id, login, phone_extension`,
    [userId, phoneExtension],
  );
  const row = rows[0];
  if (!row) throw notFound('User');
  return { userId: row.id, login: row.login, phoneExtension: row.phone_extension };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The active user a PBX means: by extension, then login, then id (the order Zammad documents), then by
 * display name (the generic format's `user`). Parameters $1-$4 from agentLookupParams.
 */
export const AGENT_LOOKUP = `
  SELECT id FROM app_user
   WHERE active AND (phone_extension = ANY($1::text[]) OR login = ANY($2::text[]) OR id = ANY($3::uuid[])
                     OR lower(display_name) = ANY($4::text[]) OR login = ANY($4::text[]))
   ORDER BY (phone_extension = ANY($1::text[])) DESC NULLS LAST, (login = ANY($2::text[])) DESC, login
   LIMIT 1`;

export const agentLookupParams = (refs: string[], names: string[]) => [
  refs,
  refs.map((ref) => ref.toLowerCase()),
  refs.filter((ref) => UUID.test(ref)),
  names.map((name) => name.trim().toLowerCase()),
];

/** The user AGENT_LOOKUP finds, or undefined when nobody matches. */
export async function findAgent(
  em: EntityManager,
  refs: string[],
  names: string[],
): Promise<{ id: string } | undefined> {
  if (refs.length === 0 && names.length === 0) return undefined;
  const rows: { id: string }[] = await em.query(AGENT_LOOKUP, agentLookupParams(refs, names));
  return rows[0];
}
