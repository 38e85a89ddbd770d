// City-wide matters: a supervisor declares one (bad input and other roles refused), every console reads it for
// its banner and hears it live, an agent links their own current call to it (not another's, not a recorded one),
// the wallboard counts the call, and once ended it leaves the banner and takes no more calls.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type {
  CityMatterCallLinkDto,
  CityMatterDto,
  CityMatterListDto,
  ErrorBody,
  ServerToClientEvents,
  WallboardDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { socketFor } from '../support/sockets.ts';

let backend: TestBackend;
let supervisor: TestClient;
let agent: TestClient;
let otherAgentId: string;
let unitStaff: TestClient;
let editor: TestClient;
const sockets: Socket<ServerToClientEvents>[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
  [supervisor, agent, unitStaff, editor] = await signedInAll(backend.url, 'kierownik', 'agent', 'drogi', 'redaktor');
  const [other] = (await backend.ctx.db.query(
    `SELECT id FROM app_user WHERE role = 'agent' AND login <> 'agent' ORDER BY login LIMIT 1`,
  )) as { id: string }[];
  otherAgentId =
    other?.id ??
    (
      (await backend.ctx.db.query(
        `INSERT INTO app_user (login, display_name, password_hash, role) VALUES ($1, 'Inny konsultant', 'x', 'agent')
         RETURNING id`,
        [`agent-${randomUUID().slice(0, 8)}`],
      )) as { id: string }[]
    )[0]!.id;
});

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await backend?.close();
});

const agentId = () => agent.session!.user.id;

/** A call as the telephony module leaves it, in the given state, for the given agent. */
async function callOf(userId: string, state: 'active' | 'wrap_up' | 'recorded'): Promise<string> {
  const [{ id }] = (await backend.ctx.db.query(
    `INSERT INTO interaction (agent_id, caller_phone, started_at, answered_at, ended_at, recorded_at, state, topic_id, outcome)
     VALUES ($1, '+48 600 200 300', now(), now(),
             CASE WHEN $2 <> 'active' THEN now() END, CASE WHEN $2 = 'recorded' THEN now() END, $2,
             CASE WHEN $2 = 'recorded' THEN (SELECT id FROM dictionary_entry WHERE dictionary = 'call_topic' LIMIT 1) END,
             CASE WHEN $2 = 'recorded' THEN 'information_given' END)
     RETURNING id`,
    [userId, state],
  )) as [{ id: string }];
  return id;
}

function nextMatterChange(socket: Socket<ServerToClientEvents>, cityMatterId: string) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no city_matter.changed within 10 s')), 10_000);
    const onMessage = (message: { cityMatterId: string }) => {
      if (message.cityMatterId !== cityMatterId) return;
      clearTimeout(timer);
      socket.off('city_matter.changed', onMessage);
      resolve();
    };
    socket.on('city_matter.changed', onMessage);
  });
}

async function publishedArticle(): Promise<string> {
  const [row] = (await backend.ctx.db.query(
    `SELECT id FROM article WHERE status = 'published' ORDER BY slug LIMIT 1`,
  )) as { id: string }[];
  return row!.id;
}

describe('declaring a city matter', () => {
  it('is for supervisors and admins; bad input is 400 naming each field, a draft article too', async () => {
    const body = { title: 'Awaria wodociągu', script: 'Proszę powiedzieć…', articleId: null };
    expect((await agent.post('/api/city-matters', body)).status).toBe(403);
    expect((await unitStaff.post('/api/city-matters', body)).status).toBe(403);
    expect((await editor.post('/api/city-matters', body)).status).toBe(403);

    const bad = await supervisor.post<ErrorBody>('/api/city-matters', { title: ' ', script: '', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'script']));

    const [draft] = (await backend.ctx.db.query(
      `INSERT INTO article (slug, type, title, body, status) VALUES ($1, 'procedure', 'Szkic', 'Treść', 'draft')
       RETURNING id`,
      [`draft-${randomUUID()}`],
    )) as { id: string }[];
    const withDraft = await supervisor.post<ErrorBody>('/api/city-matters', { ...body, articleId: draft!.id });
    expect(withDraft.status).toBe(400);
    expect(withDraft.body.error.fields?.[0]?.path).toBe('articleId');
    expect(withDraft.body.error.message).toContain('draft');
    const unknown = await supervisor.post<ErrorBody>('/api/city-matters', { ...body, articleId: randomUUID() });
    expect(unknown.status).toBe(400);
  });
});

describe('a city matter from declaration to its end', () => {
  it('reaches every console, counts the calls linked to it on the wallboard, and ends', async () => {
    const unitSocket = await socketFor(backend.url, unitStaff);
    const agentSocket = await socketFor(backend.url, agent);
    sockets.push(unitSocket, agentSocket);
    const articleId = await publishedArticle();

    const declared = await supervisor.post<CityMatterDto>('/api/city-matters', {
      title: 'Awaria magistrali wodociągowej — Nowa Huta',
      script: 'Woda zostanie przywrócona do godz. 18. Beczkowozy stoją przy os. Centrum A.',
      articleId,
    });
    expect(declared.status).toBe(201);
    const matter = declared.body;
    expect(matter).toMatchObject({
      declaredBy: { id: supervisor.session!.user.id },
      endedAt: null,
      callsToday: 0,
      callsTotal: 0,
      article: { id: articleId },
    });
    expect(matter.article!.title.length).toBeGreaterThan(0);

    // Every role reads the banner's data: unit staff too.
    const banner = await unitStaff.get<CityMatterListDto>('/api/city-matters');
    expect(banner.status).toBe(200);
    expect(banner.body.matters.find((m) => m.id === matter.id)).toMatchObject({ title: matter.title });

    // Edited while open: every console hears it.
    const heardByUnit = nextMatterChange(unitSocket, matter.id);
    const edited = await supervisor.request<CityMatterDto>('PUT', `/api/city-matters/${matter.id}`, {
      title: matter.title,
      script: 'Woda wróci do godz. 20.',
      articleId,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.script).toBe('Woda wróci do godz. 20.');
    await heardByUnit;
    expect((await agent.request('PUT', `/api/city-matters/${matter.id}`, { title: 'x x x', script: 'y' })).status).toBe(
      403,
    );

    // The agent links their own live call; another agent's call is not theirs to link, a recorded one is done.
    const live = await callOf(agentId(), 'active');
    const heardByAgent = nextMatterChange(agentSocket, matter.id);
    const link = await agent.post<CityMatterCallLinkDto>(`/api/city-matters/${matter.id}/calls/${live}`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ cityMatterId: matter.id, callId: live, linked: true });
    await heardByAgent;
    expect((await agent.post(`/api/city-matters/${matter.id}/calls/${live}`)).status).toBe(200); // again: no change
    const wrapUp = await callOf(agentId(), 'wrap_up');
    expect((await agent.post(`/api/city-matters/${matter.id}/calls/${wrapUp}`)).status).toBe(200);

    const notMine = await callOf(otherAgentId, 'active');
    expect((await agent.post(`/api/city-matters/${matter.id}/calls/${notMine}`)).status).toBe(404);
    const recorded = await callOf(agentId(), 'recorded');
    const late = await agent.post<ErrorBody>(`/api/city-matters/${matter.id}/calls/${recorded}`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('recorded');
    expect((await agent.post(`/api/city-matters/${randomUUID()}/calls/${live}`)).status).toBe(404);
    expect((await unitStaff.post(`/api/city-matters/${matter.id}/calls/${live}`)).status).toBe(403);

    const [linkedRows] = (await backend.ctx.db.query(
      `SELECT count(*)::int AS n FROM interaction WHERE city_matter_id = $1`,
      [matter.id],
    )) as [{ n: number }];
    expect(linkedRows.n).toBe(2);

    let board = (await supervisor.get<WallboardDto>('/api/wallboard')).body;
    expect(board.cityMatters.find((m) => m.id === matter.id)).toMatchObject({ callsToday: 2, callsTotal: 2 });

    // Taken off again (linked by mistake): the count follows.
    const unlinked = await agent.request<CityMatterCallLinkDto>(
      'DELETE',
      `/api/city-matters/${matter.id}/calls/${wrapUp}`,
    );
    expect(unlinked.body.linked).toBe(false);
    board = (await supervisor.get<WallboardDto>('/api/wallboard')).body;
    expect(board.cityMatters.find((m) => m.id === matter.id)).toMatchObject({ callsToday: 1 });
    expect((await supervisor.get<CityMatterDto>(`/api/city-matters/${matter.id}`)).body.callsToday).toBe(1);

    // Ended: off the banner and the wallboard, no more calls, no second end, no edit.
    expect((await agent.post(`/api/city-matters/${matter.id}/end`)).status).toBe(403);
    const ended = await supervisor.post<CityMatterDto>(`/api/city-matters/${matter.id}/end`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endedBy: { id: supervisor.session!.user.id }, callsTotal: 1 });
    expect(ended.body.endedAt).not.toBeNull();
    expect((await agent.get<CityMatterListDto>('/api/city-matters')).body.matters.map((m) => m.id)).not.toContain(
      matter.id,
    );
    const all = await supervisor.get<CityMatterListDto>('/api/city-matters?status=all');
    expect(all.body.matters.find((m) => m.id === matter.id)?.endedAt).toBe(ended.body.endedAt);
    board = (await supervisor.get<WallboardDto>('/api/wallboard')).body;
    expect(board.cityMatters.map((m) => m.id)).not.toContain(matter.id);

    expect((await agent.post(`/api/city-matters/${matter.id}/calls/${wrapUp}`)).status).toBe(409);
    expect((await supervisor.post(`/api/city-matters/${matter.id}/end`)).status).toBe(409);
    expect(
      (
        await supervisor.request('PUT', `/api/city-matters/${matter.id}`, {
          title: 'Po fakcie',
          script: 'Już nie',
        })
      ).status,
    ).toBe(409);
  });

  it('answers 400 for a malformed id and an unknown status filter', async () => {
    expect((await agent.get('/api/city-matters/not-a-uuid')).status).toBe(400);
    expect((await agent.get('/api/city-matters?status=closed')).status).toBe(400);
    expect((await agent.get(`/api/city-matters/${randomUUID()}`)).status).toBe(404);
  });
});
