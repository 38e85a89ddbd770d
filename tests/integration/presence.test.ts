// Hotline agents' presence and the supervisor's wallboard: transitions by hand and by the telephony with their
// intervals (which add up to the time covered), the 409s of a break during a call, sign-out, who may read what,
// the live `presence.changed` message, and the wallboard's figures computed from calls seeded with known times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type {
  AgentPresenceDto,
  AgentPresenceListDto,
  ErrorBody,
  MonitoringUnitsDto,
  ServerToClientEvents,
  TicketDto,
  WallboardDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, routedCategory, TEST_PASSWORD, unitId } from '../../backend/src/test-support/builders.ts';
import { changePresence } from '../../backend/src/presence/presence.service.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { socketFor } from '../support/sockets.ts';

// Its own database: the wallboard's figures count every call of the day, and other files write calls too.
let environment: IsolatedEnvironment;
let backend: TestBackend;
let supervisor: TestClient;
let agent: TestClient;
let unitStaff: TestClient;
let admin: TestClient;
const sockets: Socket<ServerToClientEvents>[] = [];

beforeAll(async () => {
  environment = await createIsolatedEnvironment('presence');
  backend = await startTestBackend({ config: environment.env });
  [supervisor, agent, unitStaff, admin] = await signedInAll(backend.url, 'kierownik', 'agent', 'drogi', 'admin');
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await backend?.close();
  await environment?.drop();
});

/** A new DK-02 agent of the test's own, signed in. */
async function newAgent(): Promise<{ id: string; client: TestClient }> {
  const user = await buildUser(backend.ctx.db, { role: 'agent', unitId: await unitId(backend.ctx.db, 'DK-02') });
  const client = new TestClient(backend.url);
  expect((await client.login(user.login, TEST_PASSWORD)).status).toBe(200);
  return { id: user.id, client };
}

const put = (client: TestClient, body: unknown) => client.request<AgentPresenceDto>('PUT', '/api/presence/me', body);

interface IntervalRow {
  state: string;
  reason: string | null;
  source: string;
  started_at: Date;
  ended_at: Date | null;
}
const intervalsOf = (userId: string) =>
  backend.ctx.db.query(
    `SELECT state, reason, source, started_at, ended_at FROM presence_interval WHERE user_id = $1 ORDER BY started_at, id`,
    [userId],
  ) as Promise<IntervalRow[]>;

/** Drives presence the way the telephony module does, in a transaction of its own. */
const byTelephony = (userId: string, state: 'on_call' | 'wrap_up' | 'available', callId: string | null = null) =>
  backend.ctx.db.transaction((em) => changePresence(em, userId, { state, callId, source: 'cti' }));

function nextPresence(socket: Socket<ServerToClientEvents>, match: (p: AgentPresenceDto) => boolean) {
  return new Promise<AgentPresenceDto>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching presence.changed within 10 s')), 10_000);
    const onMessage = (presence: AgentPresenceDto) => {
      if (!match(presence)) return;
      clearTimeout(timer);
      socket.off('presence.changed', onMessage);
      resolve(presence);
    };
    socket.on('presence.changed', onMessage);
  });
}

describe('an agent changing presence', () => {
  it('starts offline, moves by hand, and each change closes one interval and opens the next', async () => {
    const { id, client } = await newAgent();
    const first = await client.get<AgentPresenceDto>('/api/presence/me');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ userId: id, state: 'offline', reason: null, callId: null });

    const available = await put(client, { state: 'available' });
    expect(available.status).toBe(200);
    expect(available.body).toMatchObject({ state: 'available', reason: null });
    const onBreak = await put(client, { state: 'break', reason: 'meal' });
    expect(onBreak.body).toMatchObject({ state: 'break', reason: 'meal' });
    expect(new Date(onBreak.body.since).getTime()).toBeGreaterThanOrEqual(new Date(available.body.since).getTime());
    // The same state again changes nothing: no new interval.
    expect((await put(client, { state: 'break', reason: 'meal' })).body.since).toBe(onBreak.body.since);
    await put(client, { state: 'break', reason: 'training' });
    const back = await put(client, { state: 'available' });
    expect((await client.get<AgentPresenceDto>('/api/presence/me')).body).toEqual(back.body);

    const intervals = await intervalsOf(id);
    expect(intervals.map((i) => [i.state, i.reason, i.source])).toEqual([
      ['available', null, 'agent'],
      ['break', 'meal', 'agent'],
      ['break', 'training', 'agent'],
      ['available', null, 'agent'],
    ]);
    // Each interval ends where the next starts, only the last is open, so their lengths add up to the span.
    for (let i = 0; i < intervals.length - 1; i++)
      expect(intervals[i]!.ended_at?.getTime()).toBe(intervals[i + 1]!.started_at.getTime());
    expect(intervals.at(-1)!.ended_at).toBeNull();
    const closed = intervals.slice(0, -1);
    const summed = closed.reduce((sum, i) => sum + (i.ended_at!.getTime() - i.started_at.getTime()), 0);
    expect(summed).toBe(intervals.at(-1)!.started_at.getTime() - intervals[0]!.started_at.getTime());
    expect(intervals.at(-1)!.started_at.toISOString()).toBe(back.body.since);
  });

  it('refuses bad input naming the field: a break needs a reason, on_call is not chosen by hand', async () => {
    const { client } = await newAgent();
    const noReason = await client.request<ErrorBody>('PUT', '/api/presence/me', { state: 'break' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields?.map((f) => f.path)).toContain('reason');
    const reasonWithoutBreak = await client.request<ErrorBody>('PUT', '/api/presence/me', {
      state: 'available',
      reason: 'meal',
    });
    expect(reasonWithoutBreak.status).toBe(400);
    const onCall = await client.request<ErrorBody>('PUT', '/api/presence/me', { state: 'on_call' });
    expect(onCall.status).toBe(400);
    expect(onCall.body.error.fields?.map((f) => f.path)).toContain('state');
    const unknownReason = await client.request<ErrorBody>('PUT', '/api/presence/me', {
      state: 'break',
      reason: 'nap',
    });
    expect(unknownReason.status).toBe(400);
    expect((await client.get<AgentPresenceDto>('/api/presence/me')).body.state).toBe('offline');
  });

  it('follows the telephony, and refuses a break during a call or its wrap-up with 409 naming the state', async () => {
    const { id, client } = await newAgent();
    await put(client, { state: 'available' });
    await byTelephony(id, 'on_call');
    await byTelephony(id, 'on_call'); // the same event delivered twice
    const duringCall = await client.request<ErrorBody>('PUT', '/api/presence/me', { state: 'break', reason: 'rest' });
    expect(duringCall.status).toBe(409);
    expect(duringCall.body.error.message).toContain('on_call');
    const availableDuringCall = await client.request<ErrorBody>('PUT', '/api/presence/me', { state: 'available' });
    expect(availableDuringCall.status).toBe(409);

    await byTelephony(id, 'wrap_up');
    const duringWrapUp = await client.request<ErrorBody>('PUT', '/api/presence/me', {
      state: 'break',
      reason: 'rest',
    });
    expect(duringWrapUp.status).toBe(409);
    expect(duringWrapUp.body.error.message).toContain('wrap_up');
    expect((await client.get<AgentPresenceDto>('/api/presence/me')).body.state).toBe('wrap_up');

    expect((await put(client, { state: 'available' })).status).toBe(200);
    expect((await put(client, { state: 'break', reason: 'rest' })).status).toBe(200);
    expect((await intervalsOf(id)).map((i) => [i.state, i.source])).toEqual([
      ['available', 'agent'],
      ['on_call', 'cti'],
      ['wrap_up', 'cti'],
      ['available', 'agent'],
      ['break', 'agent'],
    ]);
  });

  it('goes offline when the agent signs out', async () => {
    const { id, client } = await newAgent();
    await put(client, { state: 'available' });
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    const intervals = await intervalsOf(id);
    expect(intervals.at(-1)).toMatchObject({ state: 'offline', source: 'system', ended_at: null });
    expect(intervals).toHaveLength(2);
  });

  it('tells the agent and supervisors through the socket, with the presence as it is now', async () => {
    const { id, client } = await newAgent();
    const [supervisorSocket, agentSocket] = await Promise.all([
      socketFor(backend.url, supervisor),
      socketFor(backend.url, client),
    ]);
    sockets.push(supervisorSocket, agentSocket);
    const seenBySupervisor = nextPresence(supervisorSocket, (p) => p.userId === id && p.state === 'break');
    const seenByAgent = nextPresence(agentSocket, (p) => p.userId === id && p.state === 'break');
    await put(client, { state: 'break', reason: 'technical' });
    for (const message of await Promise.all([seenBySupervisor, seenByAgent]))
      expect(message).toMatchObject({ userId: id, state: 'break', reason: 'technical', callId: null });
  });
});

describe('who may read presence and the wallboard', () => {
  it('lists DK-02 agents for supervisors and admins only', async () => {
    const { id, client } = await newAgent();
    await put(client, { state: 'break', reason: 'meeting' });
    const list = await supervisor.get<AgentPresenceListDto>('/api/presence/agents');
    expect(list.status).toBe(200);
    expect(list.body.agents.find((a) => a.userId === id)).toMatchObject({ state: 'break', reason: 'meeting' });
    expect(list.body.agents.some((a) => a.userId === agent.session!.user.id)).toBe(true);
    expect(list.body.agents.some((a) => a.userId === supervisor.session!.user.id)).toBe(false);
    expect((await admin.get('/api/presence/agents')).status).toBe(200);
    expect((await agent.get('/api/presence/agents')).status).toBe(403);
    expect((await unitStaff.get('/api/presence/agents')).status).toBe(403);
    // Presence of one's own is for hotline agents.
    expect((await supervisor.get('/api/presence/me')).status).toBe(403);
  });

  it('answers 403 to an agent and to unit staff on the wallboard, 401 without a session', async () => {
    expect((await agent.get('/api/wallboard')).status).toBe(403);
    expect((await unitStaff.get('/api/wallboard')).status).toBe(403);
    expect((await new TestClient(backend.url).get('/api/wallboard')).status).toBe(401);
    expect((await admin.get('/api/wallboard')).status).toBe(200);
  });
});

describe('the wallboard', () => {
  it('marks an agent whose session ended without signing out, keeping their last state', async () => {
    const { id, client } = await newAgent();
    await put(client, { state: 'available' });
    let row = (await supervisor.get<WallboardDto>('/api/wallboard')).body.agents.find((a) => a.userId === id);
    expect(row).toMatchObject({ state: 'available', signedIn: true });
    // The browser closed and the session ran out: nothing signed the agent out.
    await backend.ctx.db.query(`UPDATE user_session SET last_seen_at = now() - interval '1 day' WHERE user_id = $1`, [
      id,
    ]);
    row = (await supervisor.get<WallboardDto>('/api/wallboard')).body.agents.find((a) => a.userId === id);
    expect(row).toMatchObject({ state: 'available', signedIn: false });
  });

  it('computes its figures from the calls, presence and tickets in the tables', async () => {
    const db = backend.ctx.db;
    const first = await newAgent();
    const second = await newAgent();
    await put(first.client, { state: 'available' });
    const [{ topic }] = (await db.query(
      `SELECT id AS topic FROM dictionary_entry WHERE dictionary = 'call_topic' ORDER BY sort_order LIMIT 1`,
    )) as [{ topic: string }];
    // Times relative to a start within today and the last hour, whatever time of day the test runs at.
    const [{ base }] = (await db.query(
      `SELECT greatest(now() - interval '30 minutes',
                       date_trunc('day', now() AT TIME ZONE 'Europe/Warsaw') AT TIME ZONE 'Europe/Warsaw') AS base`,
    )) as [{ base: Date }];
    const at = (seconds: number) => new Date(base.getTime() + seconds * 1000);
    const insert = (
      state: string,
      agentId: string | null,
      started: Date,
      answered: Date | null,
      ended: Date | null,
      recorded: Date | null,
    ) =>
      db.query(
        `INSERT INTO interaction (agent_id, caller_phone, started_at, answered_at, ended_at, recorded_at, state,
                                  topic_id, outcome)
         VALUES ($1, '+48 600 100 200', $2, $3, $4, $5, $6, $7, $8)`,
        [
          agentId,
          started,
          answered,
          ended,
          recorded,
          state,
          state === 'recorded' ? topic : null,
          state === 'recorded' ? 'information_given' : null,
        ],
      );
    // Handling 120 s and 240 s with wrap-up 30 s and 90 s (first agent); 60 s, still in wrap-up (second agent).
    await insert('recorded', first.id, at(0), at(10), at(130), at(160));
    await insert('recorded', first.id, at(200), at(205), at(445), at(535));
    await insert('wrap_up', second.id, at(600), at(602), at(662), null);
    await insert('missed', null, at(700), null, at(730), null);
    await insert('ringing', null, at(800), null, null, null); // waiting for an agent
    await insert('ringing', second.id, at(900), null, null, null); // ringing at an agent: not waiting
    await insert(
      'recorded',
      first.id,
      new Date(Date.now() - 26 * 3_600_000),
      null,
      new Date(Date.now() - 93_000_000),
      new Date(Date.now() - 92_000_000),
    );

    // One ticket in ZDMK's queue, past its deadline.
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(db, 'ZDMK'),
      title: 'Zapadnięta studzienka',
      description: 'Na rogu ulic.',
    });
    expect(created.status).toBe(201);
    const zdmk = await unitId(db, 'ZDMK');
    await db.query(
      `UPDATE ticket SET unit_id = $2, status = 'routed', due_at = now() - interval '1 day' WHERE id = $1`,
      [created.body.id, zdmk],
    );

    const board = await supervisor.get<WallboardDto>('/api/wallboard');
    expect(board.status).toBe(200);
    expect(board.body.calls).toEqual({
      today: 6,
      lastHour: 6,
      answeredToday: 3,
      missedToday: 1,
      waiting: 1,
      oldestWaitingSince: at(800).toISOString(),
      averageHandlingSeconds: 140,
      averageWrapUpSeconds: 60,
    });
    expect(board.body.agents.find((a) => a.userId === first.id)).toMatchObject({ state: 'available', callsToday: 2 });
    expect(board.body.agents.find((a) => a.userId === second.id)).toMatchObject({ state: 'offline', callsToday: 1 });

    expect(board.body.tickets).toMatchObject({ open: 1, overdue: 1 });
    expect(board.body.tickets.queues).toEqual([
      expect.objectContaining({ unitId: zdmk, unitCode: 'ZDMK', open: 1, overdue: 1 }),
    ]);
    // The same figures as DK-03's monitoring, which it reuses.
    const monitoring = (await supervisor.get<MonitoringUnitsDto>('/api/monitoring/units')).body;
    expect(board.body.tickets.open).toBe(monitoring.totals.open);
    expect(board.body.tickets.overdue).toBe(monitoring.totals.overdue);
    expect(board.body.cityMatters).toEqual([]);
  });
});
