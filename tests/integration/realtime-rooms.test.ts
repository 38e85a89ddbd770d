// Rooms a console asks to watch are checked against the user's rights: a unit user watches its own unit and
// its tickets, never another unit's; a ticket rerouted away stops reaching the old unit's watchers. Sockets
// without a session are refused; the worker tells admins, and only them, when a job failed for good.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { io as connect, type Socket } from 'socket.io-client';
import {
  rooms,
  SESSION_COOKIE,
  type AdminFailedJobsDto,
  type ClientToServerEvents,
  type QueueJobFailedMessage,
  type RoomWatchReply,
  type ServerToClientEvents,
  type TicketDto,
} from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { bullPrefix } from '../../backend/src/platform/redis.ts';
import { ticketChangedFanOuts } from '../../backend/src/tickets/tickets.realtime.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { nextTicketMessage } from '../support/sockets.ts';
import { waitForStatus } from '../support/waiting.ts';

type ConsoleSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers;
const sockets: ConsoleSocket[] = [];

beforeAll(async () => {
  // Its own queues: the job that fails on purpose must not land in another test's failed list.
  environment = await createIsolatedEnvironment('rooms');
  backend = await startTestBackend({ config: environment.env });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
}, 120_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await worker?.close();
  await backend?.close();
  await environment?.drop();
});

function open(cookie: string | undefined): Promise<ConsoleSocket> {
  const socket: ConsoleSocket = connect(backend.url, {
    extraHeaders: cookie ? { cookie } : {},
    transports: ['websocket'],
    reconnection: false,
  });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const consoleOf = (client: TestClient) => open(client.cookie);
const watch = (socket: ConsoleSocket, room: string): Promise<RoomWatchReply> =>
  socket.timeout(5_000).emitWithAck('room.watch', { room });
/** The rooms the server holds this socket in. */
const serverRooms = (socket: ConsoleSocket) => [...(backend.io.of('/').sockets.get(socket.id!)?.rooms ?? [])];

async function routedTicket(agent: TestClient, unitCode: string, title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, unitCode),
    title,
    description: 'Zgłoszenie do testu pokojów Socket.IO',
  });
  expect(created.status).toBe(201);
  return waitForStatus(agent, created.body.id, 'routed');
}

describe('a socket without a session', () => {
  it('is refused at the handshake, with no cookie and with a made-up one', async () => {
    await expect(open(undefined)).rejects.toThrow('unauthenticated');
    await expect(open(`${SESSION_COOKIE}=not-a-real-token`)).rejects.toThrow('unauthenticated');
  });
});

describe('watching rooms', () => {
  it('lets a unit user watch its own unit and tickets, and nothing of another unit', async () => {
    const { db } = backend.ctx;
    const [roads, greenery, agent] = await Promise.all([
      signedIn(backend.url, 'drogi'),
      signedIn(backend.url, 'zielen'),
      signedIn(backend.url, 'agent'),
    ]);
    const [zdmk, zzm] = await Promise.all([unitId(db, 'ZDMK'), unitId(db, 'ZZM')]);
    const roadsTicket = await routedTicket(agent, 'ZDMK', 'Dziura do obserwowania');
    const greeneryTicket = await routedTicket(agent, 'ZZM', 'Drzewo do obserwowania');
    const socket = await consoleOf(roads);
    const before = serverRooms(socket);
    expect(before).toContain(rooms.unit(zdmk));

    expect(await watch(socket, rooms.unit(zdmk))).toEqual({ ok: true });
    expect(await watch(socket, rooms.ticket(roadsTicket.id))).toEqual({ ok: true });
    const watching = serverRooms(socket);
    expect(watching.some((room) => room.startsWith(rooms.ticket(roadsTicket.id)))).toBe(true);

    // Another unit's room and another unit's ticket: refused, and nothing joined.
    expect(await watch(socket, rooms.unit(zzm))).toEqual({ ok: false, error: 'refused' });
    expect(await watch(socket, rooms.ticket(greeneryTicket.id))).toEqual({ ok: false, error: 'refused' });
    // A ticket that does not exist gets the same answer as one the user may not read.
    expect(await watch(socket, rooms.ticket('00000000-0000-4000-8000-000000000000'))).toEqual({
      ok: false,
      error: 'refused',
    });
    // Rooms the server gives at handshake cannot be asked for, nor can anything else.
    for (const room of [rooms.role('triage'), rooms.user(agent.session!.user.id), 'unit:ZZM', `ticket:${zzm}x`, '']) {
      expect(await watch(socket, room)).toEqual({ ok: false, error: 'invalid_room' });
    }
    expect(await socket.timeout(5_000).emitWithAck('room.watch', { room: 42 } as unknown as { room: string })).toEqual({
      ok: false,
      error: 'invalid_room',
    });
    expect(serverRooms(socket).sort()).toEqual(watching.sort());
    expect(serverRooms(socket)).not.toContain(rooms.unit(zzm));

    // The other unit's own staff may watch it.
    const greenerySocket = await consoleOf(greenery);
    expect(await watch(greenerySocket, rooms.ticket(greeneryTicket.id))).toEqual({ ok: true });

    // Unwatching leaves the ticket's room but never the unit's own room from the handshake.
    expect(await socket.timeout(5_000).emitWithAck('room.unwatch', { room: rooms.ticket(roadsTicket.id) })).toEqual({
      ok: true,
    });
    expect(await socket.timeout(5_000).emitWithAck('room.unwatch', { room: rooms.unit(zdmk) })).toEqual({ ok: true });
    expect(serverRooms(socket).sort()).toEqual(before.sort());
  });

  it('lets triage, supervisors and admins watch any unit, but not an analyst or an agent', async () => {
    const zzm = await unitId(backend.ctx.db, 'ZZM');
    for (const login of ['triage', 'kierownik', 'admin']) {
      const socket = await consoleOf(await signedIn(backend.url, login));
      expect(await watch(socket, rooms.unit(zzm)), login).toEqual({ ok: true });
      expect(serverRooms(socket)).toContain(rooms.unit(zzm));
    }
    for (const login of ['analityk', 'agent']) {
      const socket = await consoleOf(await signedIn(backend.url, login));
      expect(await watch(socket, rooms.unit(zzm)), login).toEqual({ ok: false, error: 'refused' });
      expect(serverRooms(socket)).not.toContain(rooms.unit(zzm));
    }
  });

  it("stops telling a unit's watchers about a ticket once it is rerouted to another unit", async () => {
    const { db } = backend.ctx;
    const [roads, greenery, agent, triage] = await Promise.all([
      signedIn(backend.url, 'drogi'),
      signedIn(backend.url, 'zielen'),
      signedIn(backend.url, 'agent'),
      signedIn(backend.url, 'triage'),
    ]);
    const ticket = await routedTicket(agent, 'ZDMK', 'Zgłoszenie przekazane dalej');
    const roadsSocket = await consoleOf(roads);
    const greenerySocket = await consoleOf(greenery);
    expect(await watch(roadsSocket, rooms.ticket(ticket.id))).toEqual({ ok: true });
    const watchRoom = serverRooms(roadsSocket).find((room) => room.startsWith(rooms.ticket(ticket.id)))!;

    const roadsHeard: string[] = [];
    roadsSocket.on('ticket.changed', (m) => m.ticket.id === ticket.id && roadsHeard.push(m.kind));
    const removed = new Promise<{ seq: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the roads console never heard ticket.removed')), 10_000);
      roadsSocket.on('ticket.removed', (m) => m.ticketId === ticket.id && (clearTimeout(timer), resolve(m)));
    });
    const arrival = nextTicketMessage(greenerySocket as never, (m) => m.ticket.id === ticket.id);

    const moved = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, {
      unitId: await unitId(db, 'ZZM'),
      reason: 'Teren zielony, nie jezdnia',
    });
    expect(moved.status).toBe(200);
    const message = await arrival;
    expect(message.ticket.unitCode).toBe('ZZM');
    expect((await removed).seq).toBe(message.seq);
    // The same broadcast reached both sockets; an acknowledged request on the roads socket arrives after it.
    await watch(roadsSocket, rooms.ticket(ticket.id));
    expect(roadsHeard).toEqual([]);

    // The fan-out names the ticket's room for everyone and its unit's share, never the unit it left.
    const fanOut = (await ticketChangedFanOuts(db, [{ kind: message.kind, seq: message.seq }])).get(message.seq)!;
    expect(fanOut.rooms).toContain(rooms.ticket(ticket.id));
    expect(fanOut.rooms).not.toContain(watchRoom);
    // The roads console's new request is refused: the ticket is ZZM's now.
    expect(await watch(roadsSocket, rooms.ticket(ticket.id))).toEqual({ ok: false, error: 'refused' });
  });
});

describe('the worker', () => {
  it('tells admins, and nobody else, when a job failed for the last time', async () => {
    const [admin, roads] = await Promise.all([signedIn(backend.url, 'admin'), signedIn(backend.url, 'drogi')]);
    const adminSocket = await consoleOf(admin);
    const roadsSocket = await consoleOf(roads);
    const roadsHeard: QueueJobFailedMessage[] = [];
    roadsSocket.on('queue.job_failed', (m) => roadsHeard.push(m));
    const heard = new Promise<QueueJobFailedMessage>((resolve) => adminSocket.once('queue.job_failed', resolve));

    const routing = new Queue('routing', {
      connection: { url: backend.ctx.config.REDIS_URL },
      prefix: bullPrefix(environment.redisPrefix),
    });
    // A job its queue's schema rejects, with one attempt: it fails for good at once.
    const job = await routing.add('route-ticket', { nothing: 'here' }, { attempts: 1 });
    await routing.close();

    const message = await heard;
    expect(message).toMatchObject({ queue: 'routing', jobId: job.id });
    expect(Date.parse(message.failedAt)).not.toBeNaN();
    const failed = await admin.get<AdminFailedJobsDto>('/api/admin/queues/routing/failed');
    expect(failed.body.jobs.map((j) => j.id)).toContain(job.id);
    await watch(roadsSocket, rooms.unit(roads.session!.user.unitId!));
    expect(roadsHeard).toEqual([]);
  });
});
