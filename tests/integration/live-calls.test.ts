// A call from the agent's side, on a backend with its outbox relay: the telephony rings and the agent's console
// hears it; answered, hung up, the draft kept on the server (409 on a stale version), wrapped up with a ticket;
// calls started by hand; the caller's history; missed calls on the call-back list; recordings for supervisors.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type {
  CallDto,
  CallRecordingDto,
  CallbacksDto,
  CallerHistoryDto,
  CreatedTelephonySystemDto,
  CtiEventRequest,
  CurrentCallsDto,
  ErrorBody,
  LiveCallDto,
  ServerToClientEvents,
} from '@kck/contracts';
import { TICKET_NUMBER_PATTERN } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, entryId, routedCategory, TEST_PASSWORD } from '../../backend/src/test-support/builders.ts';
import { socketFor } from '../support/sockets.ts';

let backend: TestBackend;
let admin: TestClient;
let supervisor: TestClient;
let system: CreatedTelephonySystemDto;
const sockets: Socket<ServerToClientEvents>[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
  admin = await signedIn(backend.url, 'admin');
  supervisor = await signedIn(backend.url, 'kierownik');
  system = (await admin.post<CreatedTelephonySystemDto>('/api/cti/systems', { name: `PBX ${randomUUID()}` })).body;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await backend?.close();
});

/** A fresh agent (own presence, own calls) with an extension, signed in as the console is. */
async function newAgent(): Promise<{ id: string; extension: string; client: TestClient }> {
  const user = await buildUser(backend.ctx.db, { role: 'agent' });
  const extension = String(Math.floor(100_000 + Math.random() * 899_999));
  await admin.request('PUT', `/api/users/${user.id}/phone-extension`, { phoneExtension: extension });
  const client = new TestClient(backend.url);
  await client.login(user.login, TEST_PASSWORD);
  return { id: user.id, extension, client };
}

async function sendEvent(event: CtiEventRequest): Promise<void> {
  const res = await fetch(`${backend.url}/api/cti/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${system.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  expect(res.status).toBe(202);
}

const ctiEvent = (
  kind: CtiEventRequest['event'],
  callId: string,
  extra: Partial<CtiEventRequest> = {},
): CtiEventRequest => ({
  event: kind,
  callId,
  from: '+48 601 222 333',
  to: '12 616 1200',
  direction: 'in',
  at: new Date().toISOString(),
  ...extra,
});

/** The next `call.changed` this socket hears that `match` accepts. */
function nextCallMessage(
  socket: Socket<ServerToClientEvents>,
  match: (call: LiveCallDto) => boolean,
  timeoutMs = 10_000,
): Promise<LiveCallDto> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching call.changed within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (call: LiveCallDto) => {
      if (!match(call)) return;
      clearTimeout(timer);
      socket.off('call.changed', onMessage);
      resolve(call);
    };
    socket.on('call.changed', onMessage);
  });
}

async function connect(client: TestClient): Promise<Socket<ServerToClientEvents>> {
  const socket = await socketFor(backend.url, client);
  sockets.push(socket);
  return socket;
}

const presenceOf = async (userId: string) =>
  (
    (await backend.ctx.db.query(`SELECT state, call_id FROM agent_presence WHERE user_id = $1`, [userId])) as {
      state: string;
      call_id: string | null;
    }[]
  )[0];

describe('a call from the telephony to its record', () => {
  it('pops up on the agent console, keeps the draft through a reload, and is recorded with a ticket', async () => {
    const { db } = backend.ctx;
    const agent = await newAgent();
    const agentSocket = await connect(agent.client);
    const supervisorSocket = await connect(supervisor);
    const callId = randomUUID();

    const heard = nextCallMessage(agentSocket, (c) => c.state === 'ringing');
    const supervisorHeard = nextCallMessage(supervisorSocket, (c) => c.agentId === agent.id && c.state === 'ringing');
    await sendEvent(ctiEvent('ringing', callId, { agent: agent.extension }));
    const ringing = await heard;
    expect(ringing).toMatchObject({ agentId: agent.id, callerPhone: '+48 601 222 333', direction: 'in' });
    expect((await supervisorHeard).id).toBe(ringing.id);

    const active = nextCallMessage(agentSocket, (c) => c.id === ringing.id && c.state === 'active');
    await sendEvent(ctiEvent('answered', callId, { agent: agent.extension }));
    expect((await active).answeredAt).not.toBeNull();
    expect(await presenceOf(agent.id)).toEqual({ state: 'on_call', call_id: ringing.id });

    // The agent types while talking: the draft is on the server.
    const firstDraft = await agent.client.request<LiveCallDto>('PUT', `/api/calls/${ringing.id}/draft`, {
      draft: { notes: 'Pyta o dziurę', topic: 'problem_report' },
      draftVersion: 0,
    });
    expect(firstDraft.status).toBe(200);
    expect(firstDraft.body.draftVersion).toBe(1);

    const wrapUp = nextCallMessage(agentSocket, (c) => c.id === ringing.id && c.state === 'wrap_up');
    await sendEvent(ctiEvent('hangup', callId, { cause: 'normalClearing' }));
    await wrapUp;
    expect(await presenceOf(agent.id)).toEqual({ state: 'wrap_up', call_id: ringing.id });

    // A second tab with the old version must not overwrite the newer draft.
    const stale = await agent.client.request<ErrorBody>('PUT', `/api/calls/${ringing.id}/draft`, {
      draft: { notes: 'stara wersja' },
      draftVersion: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toEqual({ status: 'wrap_up', version: 1 });
    const tooBig = await agent.client.request<ErrorBody>('PUT', `/api/calls/${ringing.id}/draft`, {
      draft: { notes: 'x'.repeat(70_000) },
      draftVersion: 1,
    });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.error.fields?.[0]?.path).toBe('draft');

    // The browser crashed: the reload finds the call and the draft.
    const reloaded = await agent.client.get<CurrentCallsDto>('/api/calls/current');
    expect(reloaded.body.calls).toEqual([
      expect.objectContaining({ id: ringing.id, state: 'wrap_up', draftVersion: 1, draft: firstDraft.body.draft }),
    ]);

    const recorded = nextCallMessage(supervisorSocket, (c) => c.id === ringing.id && c.state === 'recorded');
    const wrapped = await agent.client.post<CallDto>(`/api/calls/${ringing.id}/wrap-up`, {
      topicId: await entryId(db, 'call_topic', 'problem_report'),
      outcome: 'problem',
      notes: 'Dziura przy przystanku',
      tickets: [
        {
          type: 'problem',
          categoryId: await routedCategory(db, 'ZDMK'),
          districtId: await entryId(db, 'district', 'V'),
          address: 'ul. Królewska 20',
          title: 'Dziura w jezdni przy przystanku',
          description: 'Głęboka dziura przy krawężniku.',
        },
      ],
    });
    expect(wrapped.status).toBe(200);
    expect(wrapped.body).toMatchObject({ id: ringing.id, outcome: 'problem', agentId: agent.id });
    expect(wrapped.body.ticketNumbers[0]).toMatch(TICKET_NUMBER_PATTERN);
    expect((await recorded).draft).toBeNull();
    expect(await presenceOf(agent.id)).toEqual({ state: 'available', call_id: null });
    const [row] = (await db.query(
      `SELECT state, draft, recorded_at >= ended_at AS timed, (SELECT reporter_phone FROM ticket WHERE interaction_id = i.id) AS phone
         FROM interaction i WHERE id = $1`,
      [ringing.id],
    )) as { state: string; draft: unknown; timed: boolean; phone: string }[];
    expect(row).toEqual({ state: 'recorded', draft: null, timed: true, phone: '+48 601 222 333' });

    const again = await agent.client.post<ErrorBody>(`/api/calls/${ringing.id}/wrap-up`, {
      topicId: await entryId(db, 'call_topic', 'problem_report'),
      outcome: 'information_given',
    });
    expect(again.status).toBe(409);
    expect((await agent.client.get<CurrentCallsDto>('/api/calls/current')).body.calls).toEqual([]);
    const list = await agent.client.get<CallDto[]>('/api/calls');
    expect(list.body.map((c) => c.id)).toEqual([ringing.id]);
  });
});

describe('a call without telephony', () => {
  it('is started and ended by hand, and its wrap-up rules are those of POST /api/calls', async () => {
    const { db } = backend.ctx;
    const agent = await newAgent();
    const started = await agent.client.post<LiveCallDto>('/api/calls/start', {
      direction: 'out',
      callerPhone: '+48 602 000 111',
    });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ state: 'active', direction: 'out', agentId: agent.id });
    expect(await presenceOf(agent.id)).toEqual({ state: 'on_call', call_id: started.body.id });
    expect((await agent.client.post<ErrorBody>('/api/calls/start', {})).status).toBe(409);

    const other = await newAgent();
    expect((await other.client.post(`/api/calls/${started.body.id}/end`)).status).toBe(404);

    const ended = await agent.client.post<LiveCallDto>(`/api/calls/${started.body.id}/end`);
    expect(ended.body.state).toBe('wrap_up');
    expect(await presenceOf(agent.id)).toEqual({ state: 'wrap_up', call_id: started.body.id });
    expect((await agent.client.post<ErrorBody>(`/api/calls/${started.body.id}/end`)).status).toBe(409);

    const badTopic = await agent.client.post<ErrorBody>(`/api/calls/${started.body.id}/wrap-up`, {
      topicId: randomUUID(),
      outcome: 'information_given',
    });
    expect(badTopic.status).toBe(400);
    expect(badTopic.body.error.fields?.map((f) => f.path)).toEqual(['topicId']);
    const ok = await agent.client.post<CallDto>(`/api/calls/${started.body.id}/wrap-up`, {
      topicId: await entryId(db, 'call_topic', 'problem_report'),
      outcome: 'information_given',
      informationGiven: 'Podano godziny otwarcia.',
    });
    expect(ok.status).toBe(200);
    expect(await presenceOf(agent.id)).toEqual({ state: 'available', call_id: null });
  });
});

describe('the caller history', () => {
  it('lists the same number’s earlier calls and tickets, newest first, whatever its spelling', async () => {
    const { db } = backend.ctx;
    const agent = await newAgent();
    const phone = `+48 5${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const digits = phone.replace(/\D/g, '');
    const topicId = await entryId(db, 'call_topic', 'problem_report');
    const older = await agent.client.post<CallDto>('/api/calls', {
      startedAt: new Date(Date.now() - 86_400_000).toISOString(),
      endedAt: new Date(Date.now() - 86_300_000).toISOString(),
      callerPhone: phone,
      topicId,
      outcome: 'problem',
      tickets: [
        {
          type: 'problem',
          categoryId: await routedCategory(db, 'ZDMK'),
          title: 'Zepsuta latarnia',
          description: 'Nie świeci od tygodnia.',
        },
      ],
    });
    expect(older.status).toBe(201);
    const callId = randomUUID();
    await sendEvent(ctiEvent('ringing', callId, { agent: agent.extension, from: digits.slice(2) }));
    const current = (await agent.client.get<CurrentCallsDto>('/api/calls/current')).body.calls[0]!;
    const history = await agent.client.get<CallerHistoryDto>(`/api/calls/${current.id}/caller-history`);
    expect(history.status).toBe(200);
    expect(history.body.calls.map((c) => c.id)).toEqual([older.body.id]);
    expect(history.body.calls[0]).toMatchObject({ outcome: 'problem', state: 'recorded' });
    expect(history.body.tickets.map((t) => t.number)).toEqual(older.body.ticketNumbers);

    const stranger = await newAgent();
    expect((await stranger.client.get(`/api/calls/${current.id}/caller-history`)).status).toBe(404);
    expect((await supervisor.get(`/api/calls/${current.id}/caller-history`)).status).toBe(200);
  });
});

describe('missed calls', () => {
  it('join the call-back list until someone calls back, once', async () => {
    const agent = await newAgent();
    const agentSocket = await connect(agent.client);
    const callId = randomUUID();
    await sendEvent(ctiEvent('ringing', callId, { queue: 'infolinia', agent: agent.extension }));
    const missed = nextCallMessage(agentSocket, (c) => c.state === 'missed' && c.queue === 'infolinia');
    await sendEvent(ctiEvent('hangup', callId, { cause: 'noAnswer' }));
    const call = await missed;

    const list = await agent.client.get<CallbacksDto>('/api/calls/callbacks');
    expect(list.body.callbacks.find((c) => c.id === call.id)).toMatchObject({
      hangupCause: 'noAnswer',
      queue: 'infolinia',
      callerPhone: '+48 601 222 333',
    });
    const notConnected = await agent.client.post<ErrorBody>(`/api/calls/${call.id}/wrap-up`, {
      topicId: await entryId(backend.ctx.db, 'call_topic', 'problem_report'),
      outcome: 'information_given',
    });
    expect(notConnected.status).toBe(409);

    const back = await agent.client.post<LiveCallDto>('/api/calls/start', {
      direction: 'out',
      callerPhone: '+48 601 222 333',
    });
    const done = await agent.client.post<LiveCallDto>(`/api/calls/${call.id}/callback-done`, {
      callbackCallId: back.body.id,
    });
    expect(done.status).toBe(200);
    expect(done.body.callbackDoneAt).not.toBeNull();
    const after = await agent.client.get<CallbacksDto>('/api/calls/callbacks');
    expect(after.body.callbacks.map((c) => c.id)).not.toContain(call.id);
    expect((await agent.client.post<ErrorBody>(`/api/calls/${call.id}/callback-done`, {})).status).toBe(409);
    expect((await agent.client.post<ErrorBody>(`/api/calls/${back.body.id}/callback-done`, {})).status).toBe(409);
  });
});

describe('recordings', () => {
  it('are opened by supervisors and admins, each listen logged; agents get 403', async () => {
    const agent = await newAgent();
    const callId = randomUUID();
    await sendEvent(ctiEvent('answered', callId, { agent: agent.extension }));
    await sendEvent(
      ctiEvent('hangup', callId, { cause: 'normalClearing', recordingUrl: 'https://pbx.example/rec/abc.mp3' }),
    );
    const call = (await agent.client.get<CurrentCallsDto>('/api/calls/current')).body.calls[0]!;
    expect(call.hasRecording).toBe(true);
    expect(JSON.stringify(call)).not.toContain('pbx.example');

    const denied = await agent.client.get<ErrorBody>(`/api/calls/${call.id}/recording`);
    expect(denied.status).toBe(403);
    const opened = await supervisor.get<CallRecordingDto>(`/api/calls/${call.id}/recording`);
    expect(opened.body).toEqual({ callId: call.id, url: 'https://pbx.example/rec/abc.mp3' });
    expect((await admin.get(`/api/calls/${call.id}/recording`)).status).toBe(200);
    const listens: { login: string }[] = await backend.ctx.db.query(
      `SELECT u.login FROM recording_listen l JOIN app_user u ON u.id = l.user_id WHERE l.interaction_id = $1 ORDER BY l.id`,
      [call.id],
    );
    expect(listens.map((l) => l.login)).toEqual(['kierownik', 'admin']);

    const started = await agent.client.post<LiveCallDto>('/api/calls/start', {});
    expect((await supervisor.get<ErrorBody>(`/api/calls/${started.body.id}/recording`)).status).toBe(404);
  });
});
