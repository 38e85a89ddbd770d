// Open311 clients and their API keys: admins issue a key per client (shown once, kept only as its SHA-256), see when
// each was last used, and revoke it; an Open311 POST presents its key and is refused unless the key is live.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { CreateOpen311ClientRequest, IssuedOpen311ClientDto, Open311ClientDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { conflict, notFound } from '../platform/errors.ts';

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

interface ClientRow {
  id: string;
  name: string;
  contact: string;
  key_hint: string;
  created_at: Date;
  created_by_name: string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by_name: string | null;
}

const CLIENT_SELECT = `
  SELECT c.id, c.name, c.contact, c.key_hint, c.created_at, cb.display_name AS created_by_name, c.last_used_at,
         c.revoked_at, rb.display_name AS revoked_by_name
    FROM open311_client c
    LEFT JOIN app_user cb ON cb.id = c.created_by
    LEFT JOIN app_user rb ON rb.id = c.revoked_by`;

const present = (r: ClientRow): Open311ClientDto => ({
  id: r.id,
  name: r.name,
  contact: r.contact,
  keyHint: r.key_hint,
  createdAt: r.created_at.toISOString(),
  createdByName: r.created_by_name,
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
  revokedByName: r.revoked_by_name,
});

/** Live keys first, newest first. */
export async function listOpen311Clients(db: DataSource): Promise<Open311ClientDto[]> {
  const rows: ClientRow[] = await db.query(
    `${CLIENT_SELECT} ORDER BY c.revoked_at IS NOT NULL, c.created_at DESC, c.id`,
  );
  return rows.map(present);
}

async function getClient(db: DataSource, id: string): Promise<Open311ClientDto> {
  const rows: ClientRow[] = await db.query(`${CLIENT_SELECT} WHERE c.id = $1`, [id]);
  if (!rows[0]) throw notFound('Open311 client');
  return present(rows[0]);
}

/** Issues a client its key; this answer is the only place the key ever appears. */
export async function issueOpen311Client(
  db: DataSource,
  actor: Actor,
  input: CreateOpen311ClientRequest,
): Promise<IssuedOpen311ClientDto> {
  const apiKey = `kck311_${randomBytes(24).toString('base64url')}`;
  const rows: { id: string }[] = await db.query(
    `INSERT INTO open311_client (name, contact, key_hash, key_hint, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [input.name, input.contact, hashApiKey(apiKey), `…${apiKey.slice(-4)}`, actor.id],
  );
  return { ...(await getClient(db, rows[0]!.id)), apiKey };
}

/** Revokes at once: the next POST with the key is refused. A revoked key stays listed (and revoked) for good. */
export async function revokeOpen311Client(db: DataSource, actor: Actor, id: string): Promise<Open311ClientDto> {
  const rows: { revoked: boolean }[] = await db.query(
    `WITH target AS (SELECT id, revoked_at FROM open311_client WHERE id = $1 FOR UPDATE),
          revoked AS (
            UPDATE open311_client c SET revoked_at = now(), revoked_by = $2
              FROM target WHERE c.id = target.id AND target.revoked_at IS NULL RETURNING c.id
          )
     SELECT EXISTS (SELECT 1 FROM revoked) AS revoked FROM target`,
    [id, actor.id],
  );
  if (!rows[0]) throw notFound('Open311 client');
  if (!rows[0].revoked) throw conflict('This key is already revoked');
  return getClient(db, id);
}

export type ApiKeyCheck = { ok: true; clientId: string } | { ok: false; reason: 'missing' | 'unknown' | 'revoked' };

/**
 * Finds a presented key (its hash is `$1`) as `client`, stamping when it was last used (at most once a minute, so
 * a busy client does not queue every report behind an update of the same row). A statement's beginning: what
 * follows selects from `client`, and may read more in the same round trip.
 */
export const KEY_LOOKUP = `
  WITH client AS (SELECT id, revoked_at, last_used_at FROM open311_client WHERE key_hash = $1),
       touched AS (
         UPDATE open311_client c SET last_used_at = now()
           FROM client WHERE c.id = client.id AND client.revoked_at IS NULL
            AND (client.last_used_at IS NULL OR client.last_used_at < now() - interval '1 minute')
         RETURNING c.id
       )`;

/** What KEY_LOOKUP found (no row, or nulls from an outer join: no such key). */
export function apiKeyCheckOf(row: { client_id: string | null; revoked: boolean | null } | undefined): ApiKeyCheck {
  if (!row?.client_id) return { ok: false, reason: 'unknown' };
  if (row.revoked) return { ok: false, reason: 'revoked' };
  return { ok: true, clientId: row.client_id };
}

/** Looks a presented key up, in one round trip that also stamps when it was last used. */
export async function checkApiKey(db: DataSource, apiKey: string | undefined): Promise<ApiKeyCheck> {
  if (!apiKey) return { ok: false, reason: 'missing' };
  const rows: { client_id: string; revoked: boolean }[] = await db.query(
    `${KEY_LOOKUP} SELECT id AS client_id, revoked_at IS NOT NULL AS revoked FROM client`,
    [hashApiKey(apiKey)],
  );
  return apiKeyCheckOf(rows[0]);
}
