// Staff sign-in with a password: limits failed attempts, verifies argon2id, starts a new session.
// Every failure answers the same 401, so the answer does not tell which logins exist.
import type { DataSource } from 'typeorm';
import type { LoginRequest } from '@kck/contracts';
import { unauthenticated } from '../platform/errors.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { ACTOR_COLUMNS, actorFromRow, type Actor, type ActorRow } from './actor.ts';

interface ClientMeta {
  clientAddress: string;
  userAgent: string | null;
}

export async function login(
  db: DataSource,
  limiter: LoginLimiter,
  input: LoginRequest,
  client: ClientMeta,
): Promise<{ actor: Actor; token: string; csrfToken: string }> {
  const login = input.login.toLowerCase();
  await limiter.assertAllowed(login, client.clientAddress);
  const rows: (ActorRow & { password_hash: string })[] = await db.query(
    `SELECT ${ACTOR_COLUMNS}, u.password_hash FROM app_user u LEFT JOIN unit un ON un.id = u.unit_id WHERE u.login = $1`,
    [login],
  );
  const user = rows[0];
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !valid || !user.active) {
    await limiter.recordFailure(login, client.clientAddress);
    throw unauthenticated('Wrong login or password');
  }
  await limiter.recordSuccess(login, client.clientAddress);
  const session = await createSession(db, user.id, client);
  return { actor: actorFromRow(user), ...session };
}
