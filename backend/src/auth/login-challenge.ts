// The step between a right password and a session: a short-lived random token (its SHA-256 stored) bound to one
// user, answered with a TOTP code (or, for admin and supervisor accounts without one, by enrolling).
import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { unauthenticated } from '../platform/errors.ts';

export const CHALLENGE_TTL_SECONDS = 300;
/** Wrong codes one challenge takes before it is void (the account's LoginLimiter counts them as well). */
export const CHALLENGE_MAX_ATTEMPTS = 5;

export type ChallengeKind = 'totp' | 'totp_enrol';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createChallenge(
  db: DataSource,
  userId: string,
  kind: ChallengeKind,
): Promise<{ challenge: string; expiresInSeconds: number }> {
  const challenge = randomBytes(32).toString('base64url');
  // One challenge per user at a time: a new password sign-in voids the previous one.
  await db.query(`DELETE FROM login_challenge WHERE user_id = $1 OR expires_at < now()`, [userId]);
  await db.query(
    `INSERT INTO login_challenge (token_hash, user_id, kind, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [hash(challenge), userId, kind, CHALLENGE_TTL_SECONDS],
  );
  return { challenge, expiresInSeconds: CHALLENGE_TTL_SECONDS };
}

export interface Challenge {
  tokenHash: string;
  userId: string;
  login: string;
  kind: ChallengeKind;
}

/** The live challenge of a token, or 401 saying the step must start again. */
export async function loadChallenge(db: DataSource, token: string): Promise<Challenge> {
  const rows: { token_hash: string; user_id: string; login: string; kind: ChallengeKind; active: boolean }[] =
    await db.query(
      `SELECT c.token_hash, c.user_id, u.login, c.kind, u.active
         FROM login_challenge c JOIN app_user u ON u.id = c.user_id
        WHERE c.token_hash = $1 AND c.expires_at > now() AND c.attempts < $2`,
      [hash(token), CHALLENGE_MAX_ATTEMPTS],
    );
  const row = rows[0];
  if (!row || !row.active) throw unauthenticated('This sign-in step has expired or was used up; sign in again');
  return { tokenHash: row.token_hash, userId: row.user_id, login: row.login, kind: row.kind };
}

export async function recordChallengeFailure(db: DataSource, challenge: Challenge): Promise<void> {
  await db.query(`UPDATE login_challenge SET attempts = attempts + 1 WHERE token_hash = $1`, [challenge.tokenHash]);
}

/** Deletes the challenge; false when another request used it first. */
export async function consumeChallenge(db: DataSource, challenge: Challenge): Promise<boolean> {
  const [, deleted]: [unknown[], number] = await db.query(`DELETE FROM login_challenge WHERE token_hash = $1`, [
    challenge.tokenHash,
  ]);
  return deleted > 0;
}
