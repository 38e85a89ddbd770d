// The TOTP second factor over HTTP: admin and supervisor local accounts enrol before any session, a code works
// once, wrong codes are refused and limited, other roles may enrol, secrets are sealed, an ended session is named.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { ErrorBody, SecondFactorDto, SessionDto, TotpSetupDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, TEST_PASSWORD } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false, config: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '4' } });
});
afterAll(() => backend?.close());
beforeEach(() =>
  backend.ctx.redis.del(`${backend.ctx.config.REDIS_PREFIX}:login-failures:address:127.0.0.1`).then(() => undefined),
);

/** The code an authenticator app shows `steps` periods from now. */
const codeOf = (secret: string, steps = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

async function passwordStep(login: string): Promise<{ client: TestClient; answer: SecondFactorDto }> {
  const client = new TestClient(backend.url);
  const res = await client.login(login, TEST_PASSWORD);
  expect(res.status).toBe(200);
  return { client, answer: res.body as unknown as SecondFactorDto };
}

/** Enrols an admin through the login flow; returns the secret and the signed-in client. */
async function enrolledAdmin(): Promise<{
  id: string;
  login: string;
  secret: string;
  usedCode: string;
  client: TestClient;
}> {
  const user = await buildUser(backend.ctx.db, { role: 'admin' });
  const { client, answer } = await passwordStep(user.login);
  const setup = await client.post<TotpSetupDto>('/api/auth/login/totp/setup', { challenge: answer.challenge });
  const usedCode = codeOf(setup.body.secret);
  const done = await client.post<SessionDto>('/api/auth/login/totp', { challenge: answer.challenge, code: usedCode });
  expect(done.status).toBe(200);
  client.csrfToken = done.body.csrfToken;
  return { ...user, secret: setup.body.secret, usedCode, client };
}

describe('admin and supervisor accounts without TOTP', () => {
  it.each(['admin', 'supervisor'] as const)(
    '%s: the password alone gives no session, only the enrolment',
    async (role) => {
      const user = await buildUser(backend.ctx.db, { role });
      const { client, answer } = await passwordStep(user.login);
      expect(answer).toMatchObject({ secondFactor: 'totp_enrol', expiresInSeconds: 300 });
      expect(client.cookie).toBeUndefined();
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect((await client.get('/api/tickets')).status).toBe(401);
      // A code before the QR code was shown: nothing to confirm.
      const early = await client.post<ErrorBody>('/api/auth/login/totp', {
        challenge: answer.challenge,
        code: '123456',
      });
      expect(early.status).toBe(409);
    },
  );

  it('enrol with the QR code, then the first code starts the session', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'supervisor' });
    const { client, answer } = await passwordStep(user.login);
    const setup = await client.post<TotpSetupDto>('/api/auth/login/totp/setup', { challenge: answer.challenge });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\/KCK%20Krak%C3%B3w:.+secret=/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await client.post<ErrorBody>('/api/auth/login/totp', { challenge: answer.challenge, code: '000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/Wrong code/);
    const done = await client.post<SessionDto>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: codeOf(setup.body.secret),
    });
    expect(done.status).toBe(200);
    expect(done.body.user).toMatchObject({ id: user.id, role: 'supervisor' });
    expect((await client.get('/api/auth/me')).status).toBe(200);

    // The secret is kept sealed: the database holds no trace of the base32 text.
    const [row] = await backend.ctx.db.query(
      `SELECT totp_secret, totp_pending_secret, totp_enabled_at FROM app_user WHERE id = $1`,
      [user.id],
    );
    expect(row.totp_enabled_at).not.toBeNull();
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(setup.body.secret);
  });
});

describe('sign-in with a TOTP code', () => {
  it('password, then a code; the challenge works once', async () => {
    const admin = await enrolledAdmin();
    const { client, answer } = await passwordStep(admin.login);
    expect(answer.secondFactor).toBe('totp');
    const res = await client.post<SessionDto>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: codeOf(admin.secret, 1),
    });
    expect(res.status).toBe(200);
    expect(res.body.user.id).toBe(admin.id);
    const again = await new TestClient(backend.url).post<ErrorBody>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: codeOf(admin.secret, 1),
    });
    expect(again.status).toBe(401);
  });

  it('refuses a code used twice, with a message saying so', async () => {
    const admin = await enrolledAdmin();
    const { client, answer } = await passwordStep(admin.login);
    const reused = await client.post<ErrorBody>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: admin.usedCode,
    });
    expect(reused.status).toBe(401);
    expect(reused.body.error.message).toMatch(/already been used/);
    // An older code is no better than the same one.
    const older = await client.post<ErrorBody>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: codeOf(admin.secret, -1),
    });
    expect(older.status).toBe(401);
    expect(client.cookie).toBeUndefined();
  });

  it('refuses wrong codes, and too many lock the account for a while', async () => {
    const admin = await enrolledAdmin();
    const { client, answer } = await passwordStep(admin.login);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await client.post('/api/auth/login/totp', { challenge: answer.challenge, code: String(100000 + i) })).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401]);
    // Even the right code is refused now: the account's failed-login limit (4 here) is reached.
    const blocked = await client.post<ErrorBody>('/api/auth/login/totp', {
      challenge: answer.challenge,
      code: codeOf(admin.secret, 1),
    });
    expect(blocked.status).toBe(429);
    await backend.ctx.redis.del(`${backend.ctx.config.REDIS_PREFIX}:login-failures:account:${admin.login}`);
  });

  it('answers 400 naming a malformed code', async () => {
    const res = await new TestClient(backend.url).post<ErrorBody>('/api/auth/login/totp', {
      challenge: 'x'.repeat(43),
      code: '12ab',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path)).toEqual(['code']);
  });
});

describe('optional TOTP for other roles', () => {
  it('an analyst signs in with the password alone until they enrol, then needs a code', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    const first = await client.login(user.login, TEST_PASSWORD);
    expect(first.body).toHaveProperty('csrfToken');
    const setup = await client.post<TotpSetupDto>('/api/auth/totp/setup');
    expect(setup.status).toBe(200);
    // Until confirmed, the pending secret changes nothing.
    expect((await new TestClient(backend.url).login(user.login, TEST_PASSWORD)).body).toHaveProperty('csrfToken');
    const wrong = await client.post<ErrorBody>('/api/auth/totp/confirm', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect((await client.post('/api/auth/totp/confirm', { code: codeOf(setup.body.secret) })).status).toBe(200);
    const next = await new TestClient(backend.url).login(user.login, TEST_PASSWORD);
    expect(next.body).toMatchObject({ secondFactor: 'totp' });
  });
});

describe('an ended session', () => {
  it('is refused with 401 saying it expired', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'agent' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    await backend.ctx.db.query(
      `UPDATE user_session SET last_seen_at = now() - interval '2 days', created_at = now() - interval '2 days'
        WHERE user_id = $1`,
      [user.id],
    );
    const res = await client.get<ErrorBody>('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
    expect(res.body.error.message).toBe('Your session has expired; sign in again');
  });
});
