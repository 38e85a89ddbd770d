// DK-03's triage inbox through the API and two backend processes: a person claims a ticket and colleagues' moves
// answer 409 naming them until they take it over; a claim lapses after the configured time and ends when the ticket
// leaves the inbox; bulk route, merge and spam are all or nothing; filters are saved per person; and every console
// hears who else has a ticket open, whichever process its socket is on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  EVENT_TARGETS,
  rooms,
  type BulkTriageResult,
  type ClientToServerEvents,
  type ErrorBody,
  type SavedFilterDto,
  type ServerToClientEvents,
  type TicketDetailDto,
  type TicketDto,
  type TicketRelationsDto,
  type TicketViewersMessage,
  type TicketViewersReply,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient, type TestResponse } from '../../backend/src/test-support/test-client.ts';
import {
  buildUser,
  entryId,
  TEST_PASSWORD,
  unitId,
  unroutedCategory,
} from '../../backend/src/test-support/builders.ts';
import { notificationKindFor } from '../../backend/src/notifications/notifications.service.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { nextTicketMessage } from '../support/sockets.ts';

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const CLAIM_MINUTES = 5;

let environment: IsolatedEnvironment;
/** With the outbox relay: it fans ticket events out to the consoles. */
let backendA: TestBackend;
/** A second process on the same database and Redis: sockets on it count as viewers too. */
let backendB: TestBackend;
let agent: TestClient;
let anna: TestClient;
let bartek: TestClient;
let roads: TestClient;
const sockets: ConsoleSocket[] = [];

async function triageUser(displayName: string): Promise<TestClient> {
  const user = await buildUser(backendA.ctx.db, { role: 'triage' });
  await backendA.ctx.db.query(`UPDATE app_user SET display_name = $2 WHERE id = $1`, [user.id, displayName]);
  const client = new TestClient(backendA.url);
  expect((await client.login(user.login, TEST_PASSWORD)).status).toBe(200);
  return client;
}

beforeAll(async () => {
  // No worker on this database: tickets stay `new` in the inbox until a test moves them.
  environment = await createIsolatedEnvironment('triage_inbox');
  const config = { ...environment.env, TRIAGE_CLAIM_MINUTES: String(CLAIM_MINUTES) };
  backendA = await startTestBackend({ config });
  backendB = await startTestBackend({ config, relay: false });
  [agent, roads] = await signedInAll(backendA.url, 'agent', 'drogi');
  anna = await triageUser('Anna Triażowa');
  bartek = await triageUser('Bartek Triażowy');
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await backendB?.close();
  await backendA?.close();
  await environment?.drop();
});

const db = () => backendA.ctx.db;
const RUN = Math.random().toString(36).slice(2, 8);

async function report(overrides: Record<string, unknown> = {}): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await unroutedCategory(db()),
    title: `Sprawa do rozdzielenia ${RUN}`,
    description: 'Nie wiadomo, która jednostka się tym zajmuje.',
    ...overrides,
  });
  expect(created.status).toBe(201);
  return created.body;
}

const read = async (id: string, client = anna) => (await client.get<TicketDetailDto>(`/api/tickets/${id}`)).body;
const claim = (client: TestClient, id: string, body: object = {}) =>
  client.post<TicketDto>(`/api/triage/tickets/${id}/claim`, body);
const bulk = (client: TestClient, body: object) => client.post<BulkTriageResult | ErrorBody>('/api/triage/bulk', body);
const errorOf = (response: TestResponse<unknown>) => (response.body as ErrorBody).error;

function socketOn(backend: TestBackend, client: TestClient): Promise<ConsoleSocket> {
  const socket: ConsoleSocket = connect(backend.url, {
    extraHeaders: { cookie: client.cookie! },
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** The next viewers message about `ticketId` that `match` accepts. */
function nextViewers(socket: ConsoleSocket, ticketId: string, match: (names: string[]) => boolean): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching ticket.viewers for ${ticketId}`)), 10_000);
    const onMessage = (message: TicketViewersMessage) => {
      const names = message.viewers.map((viewer) => viewer.displayName);
      if (message.ticketId !== ticketId || !match(names)) return;
      clearTimeout(timer);
      socket.off('ticket.viewers', onMessage);
      resolve(names);
    };
    socket.on('ticket.viewers', onMessage);
  });
}

describe('claiming a ticket in the inbox', () => {
  it('names the holder on the ticket and in its history, without changing its version, and tells the consoles', async () => {
    const ticket = await report();
    const watcher = await socketOn(backendA, bartek);
    const heard = nextTicketMessage(watcher, (m) => m.ticket.id === ticket.id && m.kind === 'ticket.claimed');

    const claimed = await claim(anna, ticket.id);
    expect(claimed.status).toBe(200);
    expect(claimed.body).toMatchObject({
      status: 'new',
      version: ticket.version,
      claimedBy: { id: anna.session!.user.id, displayName: 'Anna Triażowa' },
    });
    const lasts = Date.parse(claimed.body.claimExpiresAt!) - Date.parse(claimed.body.claimedAt!);
    expect(lasts).toBe(CLAIM_MINUTES * 60_000);

    expect((await heard).ticket.claimedBy?.displayName).toBe('Anna Triażowa');
    const detail = await read(ticket.id, bartek);
    expect(detail.claimedBy?.displayName).toBe('Anna Triażowa');
    expect(detail.events.at(-1)).toMatchObject({
      kind: 'ticket.claimed',
      actorName: 'Anna Triażowa',
      changes: { claimedBy: { from: null, to: 'Anna Triażowa' } },
    });
    // The list rows carry it too.
    const rows = (await bartek.get<TicketDto[]>(`/api/tickets?view=inbox&q=${RUN}&limit=200`)).body;
    expect(rows.find((row) => row.id === ticket.id)?.claimedBy?.displayName).toBe('Anna Triażowa');

    // Claiming one's own claim again extends it, with nothing new in the history.
    const again = await claim(anna, ticket.id);
    expect(again.status).toBe(200);
    expect(Date.parse(again.body.claimExpiresAt!)).toBeGreaterThanOrEqual(Date.parse(claimed.body.claimExpiresAt!));
    expect((await read(ticket.id)).events.filter((e) => e.kind === 'ticket.claimed')).toHaveLength(1);
  });

  it("answers a colleague's route, rejection, merge and claim with 409 naming the holder, and changes nothing", async () => {
    const ticket = await report();
    const main = await report();
    await claim(anna, ticket.id);
    const zzm = await unitId(db(), 'ZZM');

    const attempts = [
      await bartek.post(`/api/tickets/${ticket.id}/route`, { unitId: zzm }),
      await bartek.post(`/api/tickets/${ticket.id}/reject`, { reason: 'Spam reklamowy' }),
      await bartek.post(`/api/tickets/${ticket.id}/merge`, { into: main.number, reason: 'To samo miejsce' }),
      await claim(bartek, ticket.id),
      await bartek.post(`/api/triage/tickets/${ticket.id}/release`, {}),
    ];
    for (const refused of attempts) {
      expect(refused.status).toBe(409);
      expect(errorOf(refused)).toMatchObject({ code: 'conflict', message: expect.stringContaining('Anna Triażowa') });
      expect(errorOf(refused).message).toContain(ticket.number);
    }
    const after = await read(ticket.id);
    expect(after).toMatchObject({
      status: 'new',
      version: ticket.version,
      claimedBy: { displayName: 'Anna Triażowa' },
    });
    expect(after.events.map((e) => e.kind)).toEqual(['ticket.created', 'ticket.claimed']);
  });

  it('lets a colleague take it over: by claiming it, or by a move that says so, both named in the history', async () => {
    const first = await report();
    await claim(anna, first.id);
    const taken = await claim(bartek, first.id, { takeOver: true });
    expect(taken.status).toBe(200);
    expect(taken.body.claimedBy?.displayName).toBe('Bartek Triażowy');
    expect((await read(first.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.claimed',
      actorName: 'Bartek Triażowy',
      reason: 'Przejęte od: Anna Triażowa',
      changes: { claimedBy: { from: 'Anna Triażowa', to: 'Bartek Triażowy' } },
    });
    // Now Anna is the colleague: her release names Bartek; his own release lets go.
    expect((await anna.post(`/api/triage/tickets/${first.id}/release`, {})).status).toBe(409);
    const released = await bartek.post<TicketDto>(`/api/triage/tickets/${first.id}/release`, {});
    expect(released.status).toBe(200);
    expect(released.body.claimedBy).toBeNull();
    expect((await read(first.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.released',
      changes: { claimedBy: { from: 'Bartek Triażowy', to: null } },
    });
    // Releasing what nobody holds changes nothing.
    expect((await bartek.post(`/api/triage/tickets/${first.id}/release`, {})).status).toBe(200);
    expect((await read(first.id)).events.filter((e) => e.kind === 'ticket.released')).toHaveLength(1);

    const second = await report();
    await claim(anna, second.id);
    const routed = await bartek.post<TicketDto>(`/api/tickets/${second.id}/route`, {
      unitId: await unitId(db(), 'ZZM'),
      takeOver: true,
    });
    expect(routed.status).toBe(200);
    expect(routed.body).toMatchObject({ status: 'routed', unitCode: 'ZZM', claimedBy: null, claimedAt: null });
    expect((await read(second.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.routed',
      actorName: 'Bartek Triażowy',
      changes: { claimedBy: { from: 'Anna Triażowa', to: null } },
    });
  });

  it('lets the holder move it, and ends the claim when the ticket leaves the inbox (it comes back unclaimed)', async () => {
    const ticket = await report();
    await claim(anna, ticket.id);
    const routed = await anna.post<TicketDto>(`/api/tickets/${ticket.id}/route`, {
      unitId: await unitId(db(), 'ZDMK'),
    });
    expect(routed.status).toBe(200);
    expect(routed.body.claimedBy).toBeNull();
    expect((await read(ticket.id)).events.at(-1)!.changes.claimedBy).toBeUndefined();
    // Only tickets in the inbox are claimed.
    const refused = await claim(anna, ticket.id);
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'invalid_transition', current: { status: 'routed' } });

    const returned = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/return`, { reason: 'To nie nasza sprawa' });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', claimedBy: null });
    const [{ claimed_by: column }] = (await db().query(`SELECT claimed_by FROM ticket WHERE id = $1`, [ticket.id])) as [
      { claimed_by: string | null },
    ];
    expect(column).toBeNull();
  });

  it(`lapses ${CLAIM_MINUTES} minutes after it was taken (TRIAGE_CLAIM_MINUTES): then colleagues move it freely`, async () => {
    const ticket = await report();
    await claim(anna, ticket.id);
    // Time passes: the claim's clock goes back instead of the test waiting for it.
    const travel = (minutes: number) =>
      db().query(
        `UPDATE ticket SET claimed_at = claimed_at - make_interval(mins => $2), claim_expires_at = claim_expires_at - make_interval(mins => $2)
          WHERE id = $1`,
        [ticket.id, minutes],
      );
    await travel(CLAIM_MINUTES - 1);
    expect((await read(ticket.id, bartek)).claimedBy?.displayName).toBe('Anna Triażowa');
    expect((await bartek.post(`/api/tickets/${ticket.id}/reject`, { reason: 'Spam reklamowy' })).status).toBe(409);

    await travel(2);
    expect((await read(ticket.id, bartek)).claimedBy).toBeNull();
    const unclaimed = (await bartek.get<TicketDto[]>(`/api/tickets?view=inbox&claim=unclaimed&q=${RUN}&limit=200`))
      .body;
    expect(unclaimed.map((row) => row.id)).toContain(ticket.id);
    const rejected = await bartek.post<TicketDto>(`/api/tickets/${ticket.id}/reject`, { reason: 'Spam reklamowy' });
    expect(rejected.status).toBe(200);
    // Nobody's claim was overridden: a lapsed one is not named in the history.
    expect((await read(ticket.id)).events.at(-1)!.changes.claimedBy).toBeUndefined();
  });

  it("taken 'if free' (as the console does when someone starts acting) leaves a colleague's or a moved ticket alone", async () => {
    const held = await report();
    await claim(bartek, held.id);
    const notTaken = await claim(anna, held.id, { ifFree: true });
    expect(notTaken.status).toBe(200);
    expect(notTaken.body.claimedBy?.displayName).toBe('Bartek Triażowy');

    const moved = await report();
    await anna.post(`/api/tickets/${moved.id}/route`, { unitId: await unitId(db(), 'ZZM') });
    const late = await claim(anna, moved.id, { ifFree: true });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ status: 'routed', claimedBy: null });

    const free = await report();
    expect((await claim(anna, free.id, { ifFree: true })).body.claimedBy?.displayName).toBe('Anna Triażowa');
    expect((await claim(anna, free.id, { ifFree: true, takeOver: true })).status).toBe(400);
    expect((await read(held.id)).events.filter((e) => e.kind === 'ticket.claimed')).toHaveLength(1);
  });

  it('is for DK-03 only: 403 for agents and unit staff', async () => {
    const ticket = await report();
    expect((await claim(agent, ticket.id)).status).toBe(403);
    expect((await claim(roads, ticket.id)).status).toBe(403);
    expect((await anna.post(`/api/triage/tickets/${ticket.id}/claim`, { takeOver: 'yes' })).status).toBe(400);
  });
});

describe('bulk moves', () => {
  it('routes several tickets to one unit, each with its own history event', async () => {
    const tickets = [await report(), await report(), await report()];
    const zzm = await unitId(db(), 'ZZM');
    const moved = await bulk(anna, {
      action: 'route',
      ticketIds: tickets.map((t) => t.id),
      unitId: zzm,
      reason: 'Zieleń miejska',
    });
    expect(moved.status).toBe(200);
    const result = moved.body as BulkTriageResult;
    expect(result.action).toBe('route');
    expect(result.tickets.map((t) => [t.id, t.status, t.unitCode])).toEqual(
      tickets.map((t) => [t.id, 'routed', 'ZZM']),
    );
    for (const ticket of tickets) {
      expect((await read(ticket.id)).events.at(-1)).toMatchObject({
        kind: 'ticket.routed',
        actorName: 'Anna Triażowa',
        reason: 'Zieleń miejska',
      });
    }
  });

  it('changes nothing when one ticket cannot move, and names that ticket and why', async () => {
    const good = [await report(), await report()];
    const stuck = await report();
    await anna.post(`/api/tickets/${stuck.id}/reject`, { reason: 'Teren prywatny' });
    const refused = await bulk(anna, {
      action: 'route',
      ticketIds: [good[0]!.id, stuck.id, good[1]!.id],
      unitId: await unitId(db(), 'ZZM'),
    });
    expect(refused.status).toBe(409);
    expect(errorOf(refused)).toMatchObject({ code: 'invalid_transition' });
    expect(errorOf(refused).message).toMatch(new RegExp(`^${stuck.number.replace(/\//g, '\\/')}: .*rejected`));
    for (const ticket of good) expect(await read(ticket.id)).toMatchObject({ status: 'new', version: ticket.version });
  });

  it("stops at a colleague's claim, naming the ticket and the holder, unless it takes over", async () => {
    const free = await report();
    const held = await report();
    await claim(bartek, held.id);
    const body = { action: 'reject', ticketIds: [free.id, held.id], reason: 'Spam reklamowy' };
    const refused = await bulk(anna, body);
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message).toContain(held.number);
    expect(errorOf(refused).message).toContain('Bartek Triażowy');
    expect((await read(free.id)).status).toBe('new');

    const rejected = await bulk(anna, { ...body, takeOver: true });
    expect(rejected.status).toBe(200);
    expect((rejected.body as BulkTriageResult).tickets.map((t) => t.status)).toEqual(['rejected', 'rejected']);
    expect((await read(held.id)).events.at(-1)).toMatchObject({
      kind: 'ticket.rejected',
      changes: { claimedBy: { from: 'Bartek Triażowy', to: null } },
    });
  });

  it('merges several tickets into one main ticket, which may be among those chosen and stays as it was', async () => {
    const main = await report();
    const duplicates = [await report(), await report()];
    const merged = await bulk(anna, {
      action: 'merge',
      ticketIds: [duplicates[0]!.id, main.id, duplicates[1]!.id],
      into: main.number,
      reason: 'Ta sama sprawa',
    });
    expect(merged.status).toBe(200);
    expect((merged.body as BulkTriageResult).tickets.map((t) => t.status)).toEqual(['duplicate', 'new', 'duplicate']);
    const relations = (await anna.get<TicketRelationsDto>(`/api/tickets/${main.id}/relations`)).body;
    expect(relations.duplicates.map((t) => t.number).sort()).toEqual(duplicates.map((t) => t.number).sort());
    expect(await read(main.id)).toMatchObject({ status: 'new', version: main.version });
  });

  it('merges nothing when one of them cannot be merged, naming it', async () => {
    const main = await report();
    const other = await report();
    const fresh = await report();
    const already = await report();
    await anna.post(`/api/tickets/${already.id}/merge`, { into: other.number, reason: 'Ta sama sprawa' });
    const refused = await bulk(anna, {
      action: 'merge',
      ticketIds: [fresh.id, already.id],
      into: main.number,
      reason: 'Ta sama sprawa',
    });
    expect(refused.status).toBe(409);
    expect(errorOf(refused).message.startsWith(`${already.number}: `)).toBe(true);
    expect(await read(fresh.id)).toMatchObject({ status: 'new', version: fresh.version });
    expect((await anna.get<TicketRelationsDto>(`/api/tickets/${main.id}/relations`)).body.duplicates).toEqual([]);

    const unknown = await bulk(anna, {
      action: 'merge',
      ticketIds: [fresh.id],
      into: 'KCK/1999/999999',
      reason: 'x12',
    });
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown).fields).toEqual([{ path: 'into', message: 'there is no ticket KCK/1999/999999' }]);
  });

  it('rejects as spam with the reason the resident reads, and owes the resident no e-mail', async () => {
    const spam = [await report({ reporter: { email: 'spam@example.org' } }), await report()];
    const rejected = await bulk(anna, { action: 'reject', ticketIds: spam.map((t) => t.id), reason: 'Spam' });
    expect(rejected.status).toBe(200);
    for (const ticket of (rejected.body as BulkTriageResult).tickets)
      expect(ticket).toMatchObject({ status: 'rejected', resolution: 'Spam' });
    // A rejection is not one of the events that mail the reporter, nor is it sent to the notifications queue.
    expect(notificationKindFor('ticket.rejected')).toBeNull();
    expect(EVENT_TARGETS['ticket.rejected']).not.toContain('notifications');
  });

  it('refuses bad requests naming the field, and is for DK-03 only', async () => {
    const ticket = await report();
    const ids = (n: number) => Array.from({ length: n }, () => ticket.id);
    const cases: [object, string][] = [
      [{ action: 'route', ticketIds: [], unitId: ticket.categoryId }, 'ticketIds'],
      [{ action: 'reject', ticketIds: ids(101), reason: 'Spam' }, 'ticketIds'],
      [{ action: 'reject', ticketIds: ids(2), reason: 'Spam' }, 'ticketIds'],
      [{ action: 'reject', ticketIds: [ticket.id, crypto.randomUUID()], reason: 'Spam' }, 'ticketIds.1'],
      [{ action: 'route', ticketIds: [ticket.id] }, 'unitId'],
      [{ action: 'route', ticketIds: [ticket.id], unitId: ticket.categoryId }, 'unitId'],
      [{ action: 'reject', ticketIds: [ticket.id] }, 'reason'],
      [{ action: 'archive', ticketIds: [ticket.id] }, 'action'],
    ];
    for (const [body, path] of cases) {
      const refused = await bulk(anna, body);
      expect(refused.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(errorOf(refused).fields?.map((f) => f.path)).toContain(path);
    }
    expect((await read(ticket.id)).version).toBe(ticket.version);
    expect((await bulk(agent, { action: 'reject', ticketIds: [ticket.id], reason: 'Spam' })).status).toBe(403);
  });
});

describe('saved filters', () => {
  const query = { statuses: ['new', 'returned'], channel: 'email', claim: 'unclaimed', q: 'latarnia' };

  it('are saved, listed, renamed, changed and deleted by their owner only', async () => {
    const created = await anna.post<SavedFilterDto>('/api/saved-filters', { view: 'inbox', name: 'Maile', query });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ view: 'inbox', name: 'Maile', query });

    const mine = (await anna.get<SavedFilterDto[]>('/api/saved-filters?view=inbox')).body;
    expect(mine.map((f) => f.name)).toContain('Maile');
    expect((await bartek.get<SavedFilterDto[]>('/api/saved-filters')).body.map((f) => f.id)).not.toContain(
      created.body.id,
    );

    const path = `/api/saved-filters/${created.body.id}`;
    const renamed = await anna.request<SavedFilterDto>('PATCH', path, { name: 'Maile bez opiekuna' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Maile bez opiekuna', query });
    const changed = await anna.request<SavedFilterDto>('PATCH', path, { query: { overdue: true } });
    expect(changed.body).toMatchObject({ name: 'Maile bez opiekuna', query: { overdue: true } });

    expect((await bartek.request('PATCH', path, { name: 'Cudzy' })).status).toBe(404);
    expect((await bartek.request('DELETE', path)).status).toBe(404);
    expect((await anna.request('DELETE', path)).status).toBe(204);
    expect((await anna.request('DELETE', path)).status).toBe(404);
  });

  it('answer 409 to a name the person already uses for the list (any letter case), not to a colleague', async () => {
    await anna.post('/api/saved-filters', { view: 'inbox', name: 'Zwrócone', query: { statuses: ['returned'] } });
    const twice = await anna.post('/api/saved-filters', { view: 'inbox', name: 'zwrócone', query: {} });
    expect(twice.status).toBe(409);
    expect(errorOf(twice).message).toContain('zwrócone');
    expect((await bartek.post('/api/saved-filters', { view: 'inbox', name: 'Zwrócone', query: {} })).status).toBe(201);

    const other = await anna.post<SavedFilterDto>('/api/saved-filters', { view: 'inbox', name: 'Inne', query: {} });
    const clash = await anna.request('PATCH', `/api/saved-filters/${other.body.id}`, { name: 'ZWRÓCONE' });
    expect(clash.status).toBe(409);
  });

  it('answer 400 naming each bad part of the filter, and 403 outside DK-03', async () => {
    const bad = await anna.post('/api/saved-filters', {
      view: 'inbox',
      name: ' ',
      query: { statuses: ['routed'], channel: 'fax', olderThanDays: 0, colour: 'red' },
    });
    expect(bad.status).toBe(400);
    expect(
      errorOf(bad)
        .fields!.map((f) => f.path)
        .sort(),
    ).toEqual(['name', 'query', 'query.channel', 'query.olderThanDays', 'query.statuses.0'].sort());
    expect((await anna.post('/api/saved-filters', { view: 'queue', name: 'x', query: {} })).status).toBe(400);
    expect((await anna.request('PATCH', `/api/saved-filters/${crypto.randomUUID()}`, {})).status).toBe(400);
    expect((await agent.get('/api/saved-filters')).status).toBe(403);
  });
});

describe('inbox filters', () => {
  it('narrow the inbox by words, channel, district, category (with its children), age, status and claim', async () => {
    const token = `F${RUN}${Date.now() % 1000}`;
    const district = await entryId(db(), 'district', 'XIII');
    const [category] = (await db().query(`SELECT c.id, c.parent_id FROM dictionary_entry c WHERE c.id = $1`, [
      await unroutedCategory(db()),
    ])) as [{ id: string; parent_id: string }];
    const byEmail = await report({ channel: 'email', title: `Latarnia ${token} mail` });
    const inDistrict = await report({ districtId: district, title: `Ławka ${token} Podgórze` });
    const old = await report({ title: `Stara sprawa ${token}` });
    await db().query(`UPDATE ticket SET created_at = now() - interval '10 days' WHERE id = $1`, [old.id]);
    const claimedByBartek = await report({ title: `Zajęta ${token}` });
    await claim(bartek, claimedByBartek.id);
    const mine = await report({ title: `Moja ${token}` });
    await claim(anna, mine.id);
    const returned = await report({ title: `Zwrócona ${token}` });
    await anna.post(`/api/tickets/${returned.id}/route`, { unitId: await unitId(db(), 'ZDMK') });
    await roads.post(`/api/tickets/${returned.id}/return`, { reason: 'Nie nasza sprawa' });

    const list = async (filters: string) =>
      (await anna.get<TicketDto[]>(`/api/tickets?view=inbox&limit=200&q=${token}${filters}`)).body
        .map((t) => t.id)
        .sort();
    const all = [byEmail, inDistrict, old, claimedByBartek, mine, returned].map((t) => t.id).sort();
    expect(await list('')).toEqual(all);
    expect(await list('&channel=email')).toEqual([byEmail.id]);
    expect(await list(`&districtId=${district}`)).toEqual([inDistrict.id]);
    expect(await list(`&categoryId=${category.parent_id}`)).toEqual(all);
    expect(await list('&olderThanDays=7')).toEqual([old.id]);
    expect(await list('&statuses=returned')).toEqual([returned.id]);
    expect(await list('&claim=me')).toEqual([mine.id]);
    expect(await list('&claim=others')).toEqual([claimedByBartek.id]);
    expect(await list('&claim=unclaimed')).toEqual(all.filter((id) => id !== mine.id && id !== claimedByBartek.id));
    // The words match the number too, and a `%` typed means a percent sign.
    const byNumber = (await anna.get<TicketDto[]>(`/api/tickets?view=inbox&q=${encodeURIComponent(old.number)}`)).body;
    expect(byNumber.map((t) => t.id)).toEqual([old.id]);
    expect((await anna.get<TicketDto[]>(`/api/tickets?view=inbox&q=${token}%25`)).body).toEqual([]);

    const bad = await anna.get<ErrorBody>('/api/tickets?view=inbox&claim=everyone&olderThanDays=0&channel=fax');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path).sort()).toEqual([
      'query.channel',
      'query.claim',
      'query.olderThanDays',
    ]);
  });
});

describe('who else is looking at a ticket', () => {
  it('tells everyone in its room and DK-03, across backend processes, and updates when someone leaves', async () => {
    const ticket = await report();
    const [annaSocket, bartekSocket, inbox] = await Promise.all([
      socketOn(backendA, anna),
      socketOn(backendB, bartek),
      socketOn(backendA, await triageUser('Celina Skrzynkowa')),
    ]);
    const room = rooms.ticket(ticket.id);

    const annaAlone = nextViewers(inbox, ticket.id, (names) => names.join() === 'Anna Triażowa');
    expect(await annaSocket.timeout(5_000).emitWithAck('room.watch', { room })).toEqual({ ok: true });
    await annaAlone;

    const both = ['Anna Triażowa', 'Bartek Triażowy'].join();
    const annaHearsBoth = nextViewers(annaSocket, ticket.id, (names) => names.join() === both);
    const bartekHearsBoth = nextViewers(bartekSocket, ticket.id, (names) => names.join() === both);
    expect(await bartekSocket.timeout(5_000).emitWithAck('room.watch', { room })).toEqual({ ok: true });
    await Promise.all([annaHearsBoth, bartekHearsBoth]);

    // An inbox connecting now asks who looks at what.
    const listed: TicketViewersReply = await inbox.timeout(5_000).emitWithAck('ticket.viewers.list');
    expect(
      listed.ok && listed.tickets.find((t) => t.ticketId === ticket.id)?.viewers.map((v) => v.displayName),
    ).toEqual(['Anna Triażowa', 'Bartek Triażowy']);

    // Bartek's console closes (on the other process): Anna hears she is alone again.
    const annaAgain = nextViewers(annaSocket, ticket.id, (names) => names.join() === 'Anna Triażowa');
    bartekSocket.disconnect();
    await annaAgain;

    const nobody = nextViewers(inbox, ticket.id, (names) => names.length === 0);
    await annaSocket.timeout(5_000).emitWithAck('room.unwatch', { room });
    await nobody;
  });

  it('lists viewers only for DK-03', async () => {
    const unitSocket = await socketOn(backendA, roads);
    expect(await unitSocket.timeout(5_000).emitWithAck('ticket.viewers.list')).toEqual({
      ok: false,
      error: 'refused',
    });
  });
});
