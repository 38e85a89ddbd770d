// Staff sign-in with a password: limits failed attempts, verifies argon2id, then either starts a session or asks
// for the TOTP second factor. Every failure answers the same 401, so the answer does not tell which logins exist.
import type { DataSource } from 'typeorm';
import {
  TOTP_REQUIRED_ROLES,
  type LoginRequest,
  type Role,
  type SecondFactorDto,
  type TotpLoginRequest,
} from '@kck/contracts';
import type { Config } from '../platform/config.ts';
import type { Logger } from '../platform/logger.ts';
import { AppError, conflict, unauthenticated } from '../platform/errors.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ActorRow } from './actor.ts';
import { consumeChallenge, createChallenge, loadChallenge, recordChallengeFailure } from './login-challenge.ts';
import { checkTotp } from './totp.ts';

export interface ClientMeta {
  clientAddress: string;
  userAgent: string | null;
}

export interface AuthDeps {
  db: DataSource;
  config: Config;
  logger: Logger;
  limiter: LoginLimiter;
}

export interface SignedIn {
  actor: Actor;
  token: string;
  csrfToken: string;
}

/** Local accounts of these roles get no session without a second factor. */
export const totpRequired = (role: Role): boolean => (TOTP_REQUIRED_ROLES as readonly Role[]).includes(role);

export async function login(
  deps: AuthDeps,
  input: LoginRequest,
  client: ClientMeta,
): Promise<SignedIn | { secondFactor: SecondFactorDto }> {
  const { db, limiter, logger } = deps;
  const login = input.login.toLowerCase();
  await limiter.assertAllowed(login, client.clientAddress);
  const rows: (ActorRow & { password_hash: string | null; auth_source: string; totp_enabled_at: Date | null })[] =
    await db.query(
      `SELECT ${ACTOR_COLUMNS}, u.password_hash, u.auth_source, u.totp_enabled_at
         FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.login = $1`,
      [login],
    );
  const user = rows[0];
  // OIDC accounts have no password here: the dummy hash keeps their timing the same as a wrong password's.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid || !user.active) {
    await limiter.recordFailure(login, client.clientAddress);
    logger.warn(
      { reason: !user ? 'unknown_login' : !valid ? 'wrong_password' : 'deactivated', userId: user?.id },
      'password sign-in refused',
    );
    throw unauthenticated('Wrong login or password');
  }
  await limiter.recordSuccess(login, client.clientAddress);
  if (user.totp_enabled_at)
    return { secondFactor: { secondFactor: 'totp', ...(await createChallenge(db, user.id, 'totp')) } };
  if (totpRequired(user.role))
    return { secondFactor: { secondFactor: 'totp_enrol', ...(await createChallenge(db, user.id, 'totp_enrol')) } };
  const session = await createSession(db, user.id, client);
  return { actor: actorFromRow(user), ...session };
}

/**
 * Second step: the code from the authenticator app. For an enrolment challenge the code confirms the secret just
 * shown (POST /api/auth/login/totp/setup). A wrong code counts against the challenge and the account's limit.
 */
export async function completeTotpLogin(
  deps: AuthDeps,
  input: TotpLoginRequest,
  client: ClientMeta,
): Promise<SignedIn> {
  const { db, config, limiter, logger } = deps;
  const challenge = await loadChallenge(db, input.challenge).catch((error: unknown) => {
    logger.warn({ reason: 'challenge_expired_or_unknown' }, 'TOTP sign-in refused');
    throw error;
  });
  await limiter.assertAllowed(challenge.login, client.clientAddress);
  const result = await checkTotp(db, config, challenge.userId, input.code, {
    pending: challenge.kind === 'totp_enrol',
  });
  if (result === 'not_enrolled') {
    logger.warn({ reason: 'no_pending_secret', userId: challenge.userId }, 'TOTP sign-in refused');
    throw conflict('Ask for the QR code first (POST /api/auth/login/totp/setup), then send a code from the app');
  }
  if (result !== 'ok') {
    await recordChallengeFailure(db, challenge);
    await limiter.recordFailure(challenge.login, client.clientAddress);
    logger.warn(
      { reason: result === 'reused' ? 'code_reused' : 'wrong_code', userId: challenge.userId },
      'TOTP sign-in refused',
    );
    throw new AppError(
      401,
      'unauthenticated',
      result === 'reused'
        ? 'This code has already been used; wait for the next one in your app'
        : 'Wrong code; check the time on your phone and try again',
    );
  }
  if (!(await consumeChallenge(db, challenge)))
    throw unauthenticated('This sign-in step was already used; sign in again');
  await limiter.recordSuccess(challenge.login, client.clientAddress);
  return startSessionFor(db, challenge.userId, client);
}

/** A session for an account already proven (password + TOTP, or the identity provider). */
export async function startSessionFor(db: DataSource, userId: string, client: ClientMeta): Promise<SignedIn> {
  const rows: ActorRow[] = await db.query(
    `SELECT ${ACTOR_COLUMNS} FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.id = $1`,
    [userId],
  );
  const user = rows[0];
  if (!user?.active) throw unauthenticated('This account is deactivated');
  const session = await createSession(db, user.id, client);
  return { actor: actorFromRow(user), ...session };
}
