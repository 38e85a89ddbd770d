// Staff accounts for admins: created, changed, deactivated (every session ends at once, who and when recorded),
// reactivated, TOTP reset; never deleted: there is no DELETE route, and the database refuses one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { ErrorBody, UserDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient, type TestClient as Client } from '../../backend/src/test-support/test-client.ts';
import { buildUser, TEST_PASSWORD, unitId } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let admin: Client;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  admin = await signedIn(backend.url, 'admin');
});
afterAll(() => backend?.close());

const PASSWORD = 'Bezpieczne-Haslo-2026';

async function created(role: UserDto['role'] = 'agent', unitCode: string | null = 'DK-02'): Promise<UserDto> {
  const res = await admin.post<UserDto>('/api/users', {
    login: `jan.${randomBytes(4).toString('hex')}`,
    displayName: 'Jan Testowy',
    role,
    unitId: unitCode ? await unitId(backend.ctx.db, unitCode) : null,
    password: PASSWORD,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('staff accounts', () => {
  it('an admin creates a local account that can sign in, and finds it by role and unit', async () => {
    const user = await created();
    expect(user).toMatchObject({
      role: 'agent',
      unitCode: 'DK-02',
      authSource: 'local',
      active: true,
      totpEnabled: false,
    });
    expect((await new TestClient(backend.url).login(user.login, PASSWORD)).status).toBe(200);
    const list = await admin.get<UserDto[]>(`/api/users?role=agent&unitId=${user.unitId}&active=true&q=${user.login}`);
    expect(list.body.map((u) => u.id)).toEqual([user.id]);
  });

  it('refuses bad input naming the field, and a taken login', async () => {
    const res = await admin.post<ErrorBody>('/api/users', {
      login: 'X',
      displayName: '',
      role: 'boss',
      password: 'short',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path).sort()).toEqual(['displayName', 'login', 'password', 'role']);
    const staff = await admin.post<ErrorBody>('/api/users', {
      login: `drogowiec.${randomBytes(3).toString('hex')}`,
      displayName: 'Bez jednostki',
      role: 'unit_staff',
      password: PASSWORD,
    });
    expect(staff.status).toBe(400);
    expect(staff.body.error.fields?.[0]?.path).toBe('unitId');
    const taken = await admin.post<ErrorBody>('/api/users', {
      login: 'agent',
      displayName: 'Druga Anna',
      role: 'agent',
      password: PASSWORD,
    });
    expect(taken.status).toBe(409);
  });

  it('changes role and unit; the old sessions end so the old rights do not linger', async () => {
    const user = await created();
    const session = new TestClient(backend.url);
    await session.login(user.login, PASSWORD);
    const res = await admin.request<UserDto>('PATCH', `/api/users/${user.id}`, {
      role: 'triage',
      unitId: await unitId(backend.ctx.db, 'DK-03'),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ role: 'triage', unitCode: 'DK-03' });
    expect((await session.get('/api/auth/me')).status).toBe(401);
  });

  it('deactivation ends every session at once, records who and when, and refuses sign-in', async () => {
    const user = await created();
    const [a, b] = [new TestClient(backend.url), new TestClient(backend.url)];
    await a.login(user.login, PASSWORD);
    await b.login(user.login, PASSWORD);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    const res = await admin.post<UserDto>(`/api/users/${user.id}/deactivate`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ active: false, deactivatedBy: { id: admin.session!.user.id } });
    expect(res.body.deactivatedAt).not.toBeNull();
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await new TestClient(backend.url).login(user.login, PASSWORD)).status).toBe(401);
    expect((await admin.post<ErrorBody>(`/api/users/${user.id}/deactivate`)).status).toBe(409);

    const back = await admin.post<UserDto>(`/api/users/${user.id}/reactivate`);
    expect(back.body).toMatchObject({ active: true, deactivatedAt: null, deactivatedBy: null });
    expect((await new TestClient(backend.url).login(user.login, PASSWORD)).status).toBe(200);
  });

  it('an admin cannot deactivate themselves', async () => {
    const res = await admin.post<ErrorBody>(`/api/users/${admin.session!.user.id}/deactivate`);
    expect(res.status).toBe(409);
  });

  it('is never deleted: no DELETE route, and the database refuses a DELETE', async () => {
    const user = await created();
    const res = await admin.request<ErrorBody>('DELETE', `/api/users/${user.id}`);
    expect(res.status).toBe(404);
    await expect(backend.ctx.db.query(`DELETE FROM app_user WHERE id = $1`, [user.id])).rejects.toThrow(
      /deactivated, never deleted/,
    );
    expect(await backend.ctx.db.query(`SELECT 1 FROM app_user WHERE id = $1`, [user.id])).toHaveLength(1);
  });

  it('resetting TOTP makes a supervisor enrol again at the next sign-in', async () => {
    const user = await buildUser(backend.ctx.db, { role: 'supervisor' });
    await backend.ctx.db.query(`UPDATE app_user SET totp_secret = 'v1.x.y.z', totp_enabled_at = now() WHERE id = $1`, [
      user.id,
    ]);
    expect((await new TestClient(backend.url).login(user.login, TEST_PASSWORD)).body).toMatchObject({
      secondFactor: 'totp',
    });
    const res = await admin.post<UserDto>(`/api/users/${user.id}/totp/reset`);
    expect(res.body.totpEnabled).toBe(false);
    expect((await new TestClient(backend.url).login(user.login, TEST_PASSWORD)).body).toMatchObject({
      secondFactor: 'totp_enrol',
    });
  });

  it('only admins manage accounts', async () => {
    const supervisor = await signedIn(backend.url, 'kierownik');
    expect((await supervisor.get('/api/users')).status).toBe(403);
    expect((await new TestClient(backend.url).get('/api/users')).status).toBe(401);
  });
});
