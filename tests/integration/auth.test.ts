// Staff sign-in: cookie attributes, a new session id per login, idle and absolute timeouts,
// CSRF on every state-changing request, failed-login limits per account and per address.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody, SessionDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, TEST_PASSWORD } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;

beforeAll(async () => {
  // Low limits so the test reaches them quickly.
  backend = await startTestBackend({
    config: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '8' },
    relay: false,
  });
});
afterAll(() => backend?.close());
// Every test here fails logins from 127.0.0.1; each starts with that address's count at zero.
beforeEach(() =>
  backend.ctx.redis.del(`${backend.ctx.config.REDIS_PREFIX}:login-failures:address:127.0.0.1`).then(() => undefined),
);

describe('POST /api/auth/login', () => {
  it('sets an httpOnly, Secure, SameSite session cookie and returns the user with a CSRF token', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    const res = await client.login(user.login, TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ login: user.login, role: 'analyst' });
    expect(res.body.csrfToken.length).toBeGreaterThan(20);
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^kck_sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get<SessionDto>('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(user.id);
  });

  it('issues a new session id at every login, and the old one stops working', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    const first = client.cookie;
    await client.login(user.login, TEST_PASSWORD);
    expect(client.cookie).not.toBe(first);
    const old = new TestClient(backend.url);
    old.cookie = first;
    expect((await old.get('/api/auth/me')).status).toBe(401);
  });

  it('answers 400 naming each missing field', async () => {
    const res = await new TestClient(backend.url).post<ErrorBody>('/api/auth/login', { login: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields?.map((f) => f.path).sort()).toEqual(['login', 'password']);
  });

  it('answers the same 401 for an unknown login and a wrong password', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'agent', unitId: null });
    const wrong = await new TestClient(backend.url).login(user.login, 'wrong-password');
    const unknown = await new TestClient(backend.url).login('nobody-' + user.login, 'wrong-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: 'unauthenticated', message: 'Wrong login or password' } });
    expect((unknown.body as unknown as ErrorBody).error.message).toBe('Wrong login or password');
  });

  it('refuses a deactivated account', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    await backend.ctx.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    expect((await new TestClient(backend.url).login(user.login, TEST_PASSWORD)).status).toBe(401);
  });

  describe('when an account has failed too often', () => {
    it('answers 429 with Retry-After, even for the right password', async () => {
      const user = await buildUser(backend.ctx.db, { role: 'analyst' });
      const client = new TestClient(backend.url);
      for (let i = 0; i < 3; i++) expect((await client.login(user.login, 'nope')).status).toBe(401);
      const blocked = await client.login(user.login, TEST_PASSWORD);
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get('retry-after')).toBe('900');
      expect((blocked.body as unknown as ErrorBody).error.message).toMatch(/this account/);
    });
  });

  describe('when one address fails on many accounts', () => {
    it('answers 429 for the address once its limit is reached', async () => {
      const client = new TestClient(backend.url);
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        statuses.push((await client.login(`ghost-${i}-${Date.now()}`, 'x')).status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
    });
  });
});

describe('session timeouts', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    await backend.ctx.db.query(
      `UPDATE user_session SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1`,
      [user.id],
    );
    const res = await client.get<ErrorBody>('/api/auth/me');
    expect(res.status).toBe(401);
  });

  it('ends a session 12 hours after login even when it was used all along', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    await backend.ctx.db.query(
      `UPDATE user_session SET created_at = now() - interval '12 hours 1 minute' WHERE user_id = $1`,
      [user.id],
    );
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('a session ended outside this process (another backend, the database)', () => {
  it('stops working within a second: sessions are looked up again after SESSION_CACHE_MS', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    await backend.ctx.db.query(`UPDATE app_user SET active = false WHERE id = $1`, [user.id]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a signed-in write without the X-CSRF-Token header, and accepts it with the header', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'analyst' });
    const client = new TestClient(backend.url);
    await client.login(user.login, TEST_PASSWORD);
    const token = client.csrfToken;
    client.csrfToken = undefined;
    const refused = await client.post<ErrorBody>('/api/auth/logout');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('csrf_failed');
    client.csrfToken = 'x'.repeat(token!.length);
    expect((await client.post('/api/auth/logout')).status).toBe(403);
    client.csrfToken = token;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});
