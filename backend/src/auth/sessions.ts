// Server-side sessions: a random token in an httpOnly cookie, its SHA-256 in PostgreSQL.
// A session ends after SESSION_IDLE_MINUTES without requests or SESSION_ABSOLUTE_HOURS after login.
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Config } from '../platform/config.ts';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ActorRow } from './actor.ts';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const sessionLimits = (config: Config): SessionLimits => ({
  idleMs: config.SESSION_IDLE_MINUTES * 60_000,
  absoluteMs: config.SESSION_ABSOLUTE_HOURS * 3_600_000,
});

/** Starts a new session (a new id at every login: no fixation). */
/** Anything that runs a query: a DataSource, or a plain pg client (test helpers that make sessions directly). */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function createSession(
  db: Queryable,
  userId: string,
  meta: { clientAddress: string | null; userAgent: string | null },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.query(
    `INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, last_seen_at, client_address, user_agent)
     VALUES ($1, $2, $3, now(), now(), $4, $5)`,
    [hashToken(token), userId, csrfToken, meta.clientAddress, meta.userAgent?.slice(0, 300) ?? null],
  );
  return { token, csrfToken };
}

export interface ResolvedSession {
  tokenHash: string;
  csrfToken: string;
  actor: Actor;
}

/**
 * Sessions looked up in the last second, per process. A console sends several requests a second while an agent
 * types (the knowledge search answers as they type) and at intake rates the lookup was a query in four. A
 * logout in this process forgets the session at once; a session ended any other way (another backend process,
 * an account deactivated in the database, the idle limit) stops working within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 10_000;
const sessionCaches = new WeakMap<DataSource, Map<string, { session: ResolvedSession; until: number }>>();

function sessionCache(db: DataSource) {
  let cache = sessionCaches.get(db);
  if (!cache) sessionCaches.set(db, (cache = new Map()));
  return cache;
}

/** Why a session found in the database no longer works. */
export type SessionEnd = 'idle' | 'absolute' | 'deactivated';

/** Finds the live session of a cookie token and marks it seen; expired sessions are deleted (and reported). */
export async function resolveSession(
  db: DataSource,
  token: string,
  limits: SessionLimits,
  onEnded?: (reason: SessionEnd) => void,
): Promise<ResolvedSession | null> {
  const tokenHash = hashToken(token);
  const cache = sessionCache(db);
  const cached = cache.get(tokenHash);
  if (cached && cached.until > Date.now()) return cached.session;
  const session = await lookUpSession(db, tokenHash, limits, onEnded);
  if (cache.size >= SESSION_CACHE_MAX) cache.clear();
  if (session) cache.set(tokenHash, { session, until: Date.now() + SESSION_CACHE_MS });
  else cache.delete(tokenHash);
  return session;
}

async function lookUpSession(
  db: DataSource,
  tokenHash: string,
  limits: SessionLimits,
  onEnded?: (reason: SessionEnd) => void,
): Promise<ResolvedSession | null> {
  const rows: (ActorRow & { csrf_token: string; created_at: Date; last_seen_at: Date })[] = await db.query(
    `SELECT s.csrf_token, s.created_at, s.last_seen_at, ${ACTOR_COLUMNS}
       FROM user_session s JOIN app_user u ON u.id = s.user_id LEFT JOIN unit un ON un.id = u.unit_id
      WHERE s.token_hash = $1`,
    [tokenHash],
  );
  const row = rows[0];
  if (!row) return null;
  const now = Date.now();
  const ended: SessionEnd | null = !row.active
    ? 'deactivated'
    : now - row.created_at.getTime() > limits.absoluteMs
      ? 'absolute'
      : now - row.last_seen_at.getTime() > limits.idleMs
        ? 'idle'
        : null;
  if (ended) {
    await db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
    onEnded?.(ended);
    return null;
  }
  // Touch at most every 30 s: enough precision for a 30-minute idle limit, far fewer writes.
  if (now - row.last_seen_at.getTime() > 30_000) {
    await db.query(`UPDATE user_session SET last_seen_at = now() WHERE token_hash = $1`, [tokenHash]);
  }
  return {
    tokenHash,
    csrfToken: row.csrf_token,
    actor: actorFromRow(row),
  };
}

export async function destroySession(db: DataSource, tokenHash: string): Promise<void> {
  sessionCache(db).delete(tokenHash);
  await db.query(`DELETE FROM user_session WHERE token_hash = $1`, [tokenHash]);
}

/** Ends every session of one account at once (deactivation), here and, within a second, in other processes. */
export async function destroySessionsOf(db: DataSource, userId: string): Promise<number> {
  const cache = sessionCache(db);
  for (const [tokenHash, entry] of cache) if (entry.session.actor.id === userId) cache.delete(tokenHash);
  const [, count]: [unknown[], number] = await db.query(`DELETE FROM user_session WHERE user_id = $1`, [userId]);
  return count;
}
