// The telephony webhook against real PostgreSQL: every fault of the CTI list (wrong token, malformed
// body, unknown agent, unknown call id, duplicated and reordered events) answered clearly and never counted
// twice; the generic PBX-bridge (Zammad) format as JSON, URL-encoded and multipart; the admin API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CreatedTelephonySystemDto,
  CtiEventRequest,
  CtiEventResultDto,
  ErrorBody,
  TelephonySystemDto,
  UserPhoneExtensionDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient, type TestResponse } from '../../backend/src/test-support/test-client.ts';
import { buildUser, TEST_PASSWORD } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let admin: TestClient;
let system: CreatedTelephonySystemDto;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  admin = await signedIn(backend.url, 'admin');
  const created = await admin.post<CreatedTelephonySystemDto>('/api/cti/systems', { name: `PBX ${randomUUID()}` });
  expect(created.status).toBe(201);
  system = created.body;
});

afterAll(async () => {
  await backend?.close();
});

async function post<T = CtiEventResultDto>(
  path: string,
  body: string | URLSearchParams | FormData | Uint8Array,
  headers: Record<string, string> = {},
): Promise<TestResponse<T>> {
  const res = await fetch(backend.url + path, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
}

const sendEvent = <T = CtiEventResultDto>(event: Partial<CtiEventRequest> | string, token = system.token) =>
  post<T>('/api/cti/events', typeof event === 'string' ? event : JSON.stringify(event), {
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });

/** A fresh agent with an extension of their own, so tests running at once never share presence. */
async function agentWithExtension(): Promise<{ id: string; login: string; extension: string }> {
  const user = await buildUser(backend.ctx.db, { role: 'agent' });
  const extension = String(Math.floor(100_000 + Math.random() * 899_999));
  const set = await admin.request<UserPhoneExtensionDto>('PUT', `/api/users/${user.id}/phone-extension`, {
    phoneExtension: extension,
  });
  expect(set.status).toBe(200);
  return { ...user, extension };
}

const event = (kind: CtiEventRequest['event'], callId: string, extra: Partial<CtiEventRequest> = {}) => ({
  event: kind,
  callId,
  from: '+48 600 700 800',
  to: '12 616 1200',
  direction: 'in' as const,
  at: new Date().toISOString(),
  ...extra,
});

interface CallRow {
  id: string;
  state: string;
  agent_id: string | null;
  answered_at: Date | null;
  ended_at: Date | null;
  started_at: Date;
  caller_phone: string | null;
  hangup_cause: string | null;
  version: number;
}

const callsOf = (callId: string): Promise<CallRow[]> =>
  backend.ctx.db.query(
    `SELECT id, state, agent_id, answered_at, ended_at, started_at, caller_phone, hangup_cause, version
       FROM interaction WHERE telephony_system_id = $1 AND external_call_id = $2`,
    [system.id, callId],
  );

const eventsOf = (callId: string): Promise<{ event: string; result: string; reason: string | null }[]> =>
  backend.ctx.db.query(
    `SELECT event, result, reason FROM cti_event WHERE telephony_system_id = $1 AND external_call_id = $2 ORDER BY id`,
    [system.id, callId],
  );

const presenceOf = async (userId: string) =>
  (
    (await backend.ctx.db.query(`SELECT state, call_id FROM agent_presence WHERE user_id = $1`, [userId])) as {
      state: string;
      call_id: string | null;
    }[]
  )[0];

describe('POST /api/cti/events', () => {
  describe('when the token is wrong, missing or revoked', () => {
    it('answers 401 and logs nothing', async () => {
      const callId = randomUUID();
      const wrong = await sendEvent<ErrorBody>(event('ringing', callId), 'cti_not-a-token');
      expect(wrong.status).toBe(401);
      expect(wrong.body.error.code).toBe('unauthenticated');
      const missing = await post<ErrorBody>('/api/cti/events', JSON.stringify(event('ringing', callId)), {
        'content-type': 'application/json',
      });
      expect(missing.status).toBe(401);

      const other = (await admin.post<CreatedTelephonySystemDto>('/api/cti/systems', { name: `Old ${callId}` })).body;
      expect((await sendEvent(event('ringing', callId), other.token)).status).toBe(202);
      const revoked = await admin.post<TelephonySystemDto>(`/api/cti/systems/${other.id}/revoke`);
      expect(revoked.body.active).toBe(false);
      const afterRevoke = await sendEvent<ErrorBody>(event('answered', callId), other.token);
      expect(afterRevoke.status).toBe(401);
      expect(afterRevoke.body.error.message).toMatch(/revoked/);
      expect(await eventsOf(callId)).toEqual([]);
    });
  });

  describe('when the body is malformed', () => {
    it('answers 400 for JSON that does not parse', async () => {
      const res = await sendEvent<ErrorBody>('{"event": "ringing", "callId": ');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/not valid JSON/);
    });

    it('answers 400 naming every missing or wrong field, and keeps nothing', async () => {
      const callId = randomUUID();
      const res = await sendEvent<ErrorBody>({ event: 'picked_up' as 'answered', callId, at: 'yesterday' });
      expect(res.status).toBe(400);
      expect(res.body.error.fields?.map((f) => f.path).sort()).toEqual(['at', 'direction', 'event']);
      const noCallId = await sendEvent<ErrorBody>({ ...event('ringing', 'x'), callId: undefined });
      expect(noCallId.body.error.fields?.map((f) => f.path)).toEqual(['callId']);
      expect(await eventsOf(callId)).toEqual([]);
    });
  });

  describe('when the agent is unknown', () => {
    it('answers 202 with the reason, keeps the call without agent, and logs it', async () => {
      const callId = randomUUID();
      const res = await sendEvent(event('ringing', callId, { agent: 'no-such-extension-42' }));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ result: 'applied', ignored: 'unknown_agent' });
      expect(res.body.reason).toMatch(/no-such-extension-42/);
      const [call] = await callsOf(callId);
      expect(call).toMatchObject({ state: 'ringing', agent_id: null, caller_phone: '+48 600 700 800' });
      expect(await eventsOf(callId)).toEqual([
        { event: 'ringing', result: 'applied', reason: expect.stringMatching(/no-such-extension-42/) },
      ]);
    });
  });

  describe('when a hangup names a call id never seen', () => {
    it('answers 202 ignored and keeps the event, which applies when the call shows up', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      const hangup = await sendEvent(event('hangup', callId, { cause: 'normalClearing' }));
      expect(hangup.status).toBe(202);
      expect(hangup.body).toMatchObject({ result: 'ignored', ignored: 'unknown_call' });
      expect(await callsOf(callId)).toEqual([]);
      expect(await eventsOf(callId)).toEqual([
        { event: 'hangup', result: 'ignored', reason: expect.stringMatching(/^unknown_call/) },
      ]);

      const at = new Date(Date.now() - 60_000).toISOString();
      const answered = await sendEvent(event('answered', callId, { agent: agent.extension, at }));
      expect(answered.body.result).toBe('applied');
      const [call] = await callsOf(callId);
      expect(call!.state).toBe('wrap_up');
      expect(call!.agent_id).toBe(agent.id);
      expect((await eventsOf(callId)).map((e) => e.result)).toEqual(['applied', 'applied']);
      expect(await presenceOf(agent.id)).toEqual({ state: 'wrap_up', call_id: call!.id });
    });
  });

  describe('when an event arrives twice', () => {
    it('answers 202 duplicate the second time and changes nothing', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      await sendEvent(event('ringing', callId, { agent: agent.extension }));
      const answered = event('answered', callId, { agent: agent.login });
      expect((await sendEvent(answered)).body.result).toBe('applied');
      const [before] = await callsOf(callId);
      const presenceBefore = await presenceOf(agent.id);

      const again = await sendEvent(answered);
      expect(again.status).toBe(202);
      expect(again.body).toMatchObject({ result: 'duplicate', ignored: 'duplicate' });
      // Even with another time: the PBX repeating itself after a timeout.
      const later = await sendEvent({ ...answered, at: new Date(Date.now() + 5_000).toISOString() });
      expect(later.body.result).toBe('duplicate');

      const after = await callsOf(callId);
      expect(after).toEqual([before]);
      expect(await presenceOf(agent.id)).toEqual(presenceBefore);
      expect((await eventsOf(callId)).map((e) => `${e.event}:${e.result}`)).toEqual([
        'ringing:applied',
        'answered:applied',
        'answered:duplicate',
        'answered:duplicate',
      ]);
    });

    it('makes one call when the same events are sent many times at once', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      const events = [event('ringing', callId), event('answered', callId, { agent: agent.extension })];
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => sendEvent(events[i % 2]!)));
      expect(answers.every((a) => a.status === 202)).toBe(true);
      expect(answers.filter((a) => a.body.result === 'applied')).toHaveLength(2);
      expect(answers.filter((a) => a.body.result === 'duplicate')).toHaveLength(10);
      const calls = await callsOf(callId);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ state: 'active', agent_id: agent.id });
    });
  });

  describe('when events arrive out of order', () => {
    it('builds the call from whatever arrives: hangup, then answered, then ringing', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      const t0 = Date.now() - 300_000;
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      await sendEvent(event('answered', callId, { agent: agent.extension, at: at(10) }));
      await sendEvent(event('hangup', callId, { at: at(190), cause: 'normalClearing' }));
      await sendEvent(event('ringing', callId, { agent: agent.extension, at: at(0) }));
      const [call] = await callsOf(callId);
      expect(call).toMatchObject({ state: 'wrap_up', agent_id: agent.id, hangup_cause: 'normalClearing' });
      expect(call!.started_at.toISOString()).toBe(at(0));
      expect(call!.answered_at!.toISOString()).toBe(at(10));
      expect(call!.ended_at!.toISOString()).toBe(at(190));
      expect(await presenceOf(agent.id)).toEqual({ state: 'wrap_up', call_id: call!.id });
    });

    it('turns a call missed by an early hangup into one to wrap up when its answer arrives late', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      await sendEvent(event('ringing', callId, { agent: agent.extension }));
      await sendEvent(event('hangup', callId));
      expect((await callsOf(callId))[0]!.state).toBe('missed');
      await sendEvent(event('answered', callId, { agent: agent.extension }));
      expect((await callsOf(callId))[0]!.state).toBe('wrap_up');
    });
  });

  describe('a call nobody answered', () => {
    it('ends missed when the cause says so, and leaves the agent as they were', async () => {
      const callId = randomUUID();
      const agent = await agentWithExtension();
      await sendEvent(event('ringing', callId, { agent: agent.extension, queue: 'infolinia' }));
      const res = await sendEvent(event('hangup', callId, { cause: 'cancel' }));
      expect(res.body.result).toBe('applied');
      const [call] = await callsOf(callId);
      expect(call).toMatchObject({ state: 'missed', hangup_cause: 'cancel', answered_at: null });
      expect((await presenceOf(agent.id))?.state ?? 'offline').not.toBe('on_call');
    });
  });

  describe('a transfer', () => {
    it('moves the call to the other agent and frees the first', async () => {
      const callId = randomUUID();
      const [first, second] = [await agentWithExtension(), await agentWithExtension()];
      await sendEvent(event('answered', callId, { agent: first.extension }));
      const [call] = await callsOf(callId);
      expect(await presenceOf(first.id)).toEqual({ state: 'on_call', call_id: call!.id });
      const moved = await sendEvent(event('transfer', callId, { agent: second.extension }));
      expect(moved.body.result).toBe('applied');
      expect((await callsOf(callId))[0]).toMatchObject({ state: 'active', agent_id: second.id });
      expect(await presenceOf(first.id)).toEqual({ state: 'available', call_id: null });
      expect(await presenceOf(second.id)).toEqual({ state: 'on_call', call_id: call!.id });
      expect((await sendEvent(event('transfer', callId, { agent: second.extension }))).body.result).toBe('duplicate');
    });
  });
});

describe('the generic CTI format (PBX bridges for Zammad)', () => {
  const path = () => `/api/cti/generic/${system.token}`;

  it('takes JSON: newCall to a ring group, answer by answeringNumber, hangup', async () => {
    const callId = randomUUID();
    const agent = await agentWithExtension();
    const base = { from: '493055571600', to: '4912616', direction: 'in', callId };
    const json = { 'content-type': 'application/json' };
    const ringing = await post(path(), JSON.stringify({ ...base, event: 'newCall', user: ['Ala', 'Ola'] }), json);
    expect(ringing.status).toBe(202);
    expect((await callsOf(callId))[0]).toMatchObject({ state: 'ringing', agent_id: null });
    await post(path(), JSON.stringify({ ...base, event: 'answer', answeringNumber: agent.login }), json);
    expect((await callsOf(callId))[0]).toMatchObject({ state: 'active', agent_id: agent.id });
    await post(path(), JSON.stringify({ ...base, event: 'hangup', cause: 'normalClearing', user: 'Ala' }), json);
    expect((await callsOf(callId))[0]).toMatchObject({ state: 'wrap_up', caller_phone: '493055571600' });
  });

  it('takes URL-encoded forms with user[] and multipart forms as curl --form sends them', async () => {
    const callId = randomUUID();
    const agent = await agentWithExtension();
    const form = new URLSearchParams({
      event: 'newCall',
      from: '48126161200',
      to: '48600100200',
      direction: 'out',
      callId,
    });
    form.append('user[]', 'Test agent');
    const ringing = await post(path(), form, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(ringing.status).toBe(202);
    const [call] = await callsOf(callId);
    // Outbound: the resident is the number dialled.
    expect(call).toMatchObject({ state: 'ringing', caller_phone: '48600100200' });

    const multipart = new FormData();
    for (const [name, value] of Object.entries({
      event: 'answer',
      direction: 'out',
      callId,
      answeringNumber: agent.extension,
    }))
      multipart.append(name, value);
    expect((await post(path(), multipart)).status).toBe(202);
    expect((await callsOf(callId))[0]).toMatchObject({ state: 'active', agent_id: agent.id });

    const hangup = new URLSearchParams({ event: 'hangup', direction: 'out', callId, cause: 'normalClearing' });
    expect((await post(path(), hangup, { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(202);
    expect((await post(path(), hangup, { 'content-type': 'application/x-www-form-urlencoded' })).body).toMatchObject({
      result: 'duplicate',
    });
    expect((await callsOf(callId))[0]!.state).toBe('wrap_up');
  });

  it('takes a form posted without a content type, the agent named by login in user (an Asterisk bridge)', async () => {
    const callId = `1545241916.${Math.floor(Math.random() * 1e6)}`;
    const agent = await agentWithExtension();
    // Bytes, so fetch sets no content type, as AnyEvent::HTTP's http_post does not.
    const form = (fields: Record<string, string>) => new TextEncoder().encode(new URLSearchParams(fields).toString());
    await post(path(), form({ event: 'newCall', from: '+49 123 456789', to: 'support', direction: 'in', callId }));
    const answer = await post(path(), form({ event: 'answer', direction: 'in', user: agent.login, callId }));
    expect(answer.status).toBe(202);
    expect((await callsOf(callId))[0]).toMatchObject({
      state: 'active',
      agent_id: agent.id,
      caller_phone: '+49 123 456789',
    });
    await post(path(), form({ event: 'hangup', direction: 'in', callId, cause: 'normalClearing' }));
    expect((await callsOf(callId))[0]!.state).toBe('wrap_up');
  });

  it('answers 401 for a wrong token in the path and 400 naming a bad field', async () => {
    const bad = await post<ErrorBody>('/api/cti/generic/cti_wrong', JSON.stringify({ event: 'newCall' }), {
      'content-type': 'application/json',
    });
    expect(bad.status).toBe(401);
    const invalid = await post<ErrorBody>(
      path(),
      new URLSearchParams({ event: 'ring', callId: 'x', direction: 'in' }),
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.fields?.map((f) => f.path)).toEqual(['event']);
  });
});

describe('telephony administration', () => {
  it('lists systems without tokens, and only admins manage systems and extensions', async () => {
    const list = await admin.get<TelephonySystemDto[]>('/api/cti/systems');
    const mine = list.body.find((s) => s.id === system.id);
    expect(mine).toMatchObject({ active: true, name: system.name });
    expect(mine!.eventCount).toBeGreaterThan(0);
    expect(JSON.stringify(list.body)).not.toContain(system.token);
    const stored: { token_hash: string }[] = await backend.ctx.db.query(
      `SELECT token_hash FROM telephony_system WHERE id = $1`,
      [system.id],
    );
    expect(stored[0]!.token_hash).not.toContain(system.token);

    const agentUser = await buildUser(backend.ctx.db, { role: 'agent' });
    const agent = new TestClient(backend.url);
    await agent.login(agentUser.login, TEST_PASSWORD);
    expect((await agent.get('/api/cti/systems')).status).toBe(403);
    expect((await agent.post('/api/cti/systems', { name: 'mine' })).status).toBe(403);
    expect(
      (await agent.request('PUT', `/api/users/${agentUser.id}/phone-extension`, { phoneExtension: '1' })).status,
    ).toBe(403);

    const taken = await agentWithExtension();
    const clash = await admin.request<ErrorBody>('PUT', `/api/users/${agentUser.id}/phone-extension`, {
      phoneExtension: taken.extension,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toContain(taken.login);
  });
});
