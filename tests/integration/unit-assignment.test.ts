// Who works on a ticket in its unit: taking it, giving it to a colleague, unassigning (403/404/409/400 cases),
// the queue's filters, and automatic round-robin among the colleagues present, through the real outbox →
// BullMQ → worker path, fair under concurrent routing and idempotent when a job runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketDetailDto, TicketDto, UnitAssignmentDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUnit, buildUser, TEST_PASSWORD, unroutedCategory } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { sessionLimits } from '../../backend/src/auth/sessions.ts';
import { autoAssignRoutedTicket } from '../../backend/src/workspace/assignment.service.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { nextTicketMessage, socketFor } from '../support/sockets.ts';
import { sleep } from '../support/waiting.ts';

// Its own database and queues: this file counts who got which ticket, and runs a worker.
let environment: IsolatedEnvironment;
let backend: TestBackend;
let worker: RunningWorkers | undefined;
let agent: TestClient;
let triage: TestClient;
let admin: TestClient;
let greenery: TestClient;

beforeAll(async () => {
  environment = await createIsolatedEnvironment('assign');
  backend = await startTestBackend({ config: { ...environment.env, DATABASE_POOL_SIZE: '10' } });
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
  [agent, triage, admin, greenery] = await signedInAll(backend.url, 'agent', 'triage', 'admin', 'zielen');
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
  await environment?.drop();
});

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A unit of the test's own with `n` staff members, each signed in. */
async function unitWithStaff(n: number) {
  const unit = await buildUnit(backend.ctx.db);
  const staff: { id: string; login: string; client: TestClient }[] = [];
  for (let i = 0; i < n; i++) {
    // Logins in round-robin order: a-…, b-…, c-…
    const user = await buildUser(backend.ctx.db, {
      role: 'unit_staff',
      unitId: unit.id,
      login: `${String.fromCharCode(97 + i)}-${unit.code.toLowerCase()}`,
    });
    const client = new TestClient(backend.url);
    expect((await client.login(user.login, TEST_PASSWORD)).status).toBe(200);
    staff.push({ ...user, client });
  }
  return { unit, staff };
}

/** A ticket written by the agent that no routing rule matches. */
async function ticketCreated(title: string): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await unroutedCategory(backend.ctx.db),
    title,
    description: 'Ławka ma złamane oparcie.',
  });
  expect(created.status).toBe(201);
  return created.body;
}

/** A ticket written by the agent and routed by DK-03 to the unit by hand. */
async function ticketRoutedTo(unitId: string, title = 'Zepsuta ławka w parku'): Promise<TicketDto> {
  const created = await ticketCreated(title);
  // The routing job may have sent it to triage meanwhile; triage may route from either status.
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.id}/route`, { unitId });
  expect(routed.status).toBe(200);
  return routed.body;
}

const get = async (client: TestClient, id: string) => (await client.get<TicketDetailDto>(`/api/tickets/${id}`)).body;

describe('assigning a ticket by hand', () => {
  it('lets a unit member take it, give it to a colleague and unassign it, each a history event heard live', async () => {
    const { unit, staff } = await unitWithStaff(2);
    const [anna, bartek] = staff as [(typeof staff)[0], (typeof staff)[0]];
    const ticket = await ticketRoutedTo(unit.id);
    const colleagueSocket = await socketFor(backend.url, bartek.client);

    const heard = nextTicketMessage(colleagueSocket, (m) => m.ticket.id === ticket.id && m.kind === 'ticket.assigned');
    const taken = await anna.client.post<TicketDto>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: anna.id,
      version: ticket.version,
    });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ assigneeId: anna.id, version: ticket.version + 1 });
    expect(taken.body.assigneeName).toContain(anna.login);
    expect((await heard).ticket.assigneeId).toBe(anna.id);

    // Someone who saw the ticket before she took it gets 409, not a silent overwrite.
    const stale = await bartek.client.post<ErrorBody>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: bartek.id,
      version: ticket.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.current).toMatchObject({ version: ticket.version + 1 });

    const given = await anna.client.post<TicketDto>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: bartek.id,
      version: taken.body.version,
    });
    expect(given.body.assigneeId).toBe(bartek.id);
    const unassigned = await bartek.client.post<TicketDto>(`/api/tickets/${ticket.id}/assign`, { assigneeId: null });
    expect(unassigned.body.assigneeId).toBeNull();

    const history = (await get(anna.client, ticket.id)).events.filter((e) => e.kind === 'ticket.assigned');
    expect(history.map((e) => [e.actorId, e.changes.assigneeId?.to ?? null])).toEqual([
      [anna.id, anna.id],
      [anna.id, bartek.id],
      [bartek.id, null],
    ]);
    expect(history[0]!.reason).toBe('Wzięte do pracy');
    colleagueSocket.disconnect();
  });

  it('refuses other units (404), roles without a unit queue (403), a colleague of another unit (400), a closed matter (409)', async () => {
    const { unit, staff } = await unitWithStaff(1);
    const member = staff[0]!;
    const ticket = await ticketRoutedTo(unit.id);

    const otherUnit = await greenery.post<ErrorBody>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: greenery.session!.user.id,
    });
    expect(otherUnit.status).toBe(404);
    expect((await agent.post(`/api/tickets/${ticket.id}/assign`, { assigneeId: null })).status).toBe(403);

    const outsider = await member.client.post<ErrorBody>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: greenery.session!.user.id,
    });
    expect(outsider.status).toBe(400);
    expect(outsider.body.error.fields!.map((f) => f.path)).toEqual(['assigneeId']);
    const notUuid = await member.client.post<ErrorBody>(`/api/tickets/${ticket.id}/assign`, { assigneeId: 'me' });
    expect(notUuid.status).toBe(400);

    await member.client.post(`/api/tickets/${ticket.id}/accept`, {});
    await member.client.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Ławka naprawiona.' });
    const resolved = await member.client.post<ErrorBody>(`/api/tickets/${ticket.id}/assign`, {
      assigneeId: member.id,
    });
    expect(resolved.status).toBe(409);
    expect(resolved.body.error.current).toMatchObject({ status: 'resolved' });
    // Nothing written by any refusal.
    expect((await get(member.client, ticket.id)).events.filter((e) => e.kind === 'ticket.assigned')).toEqual([]);

    // An admin may assign in any unit.
    const other = await ticketRoutedTo(unit.id);
    const byAdmin = await admin.post<TicketDto>(`/api/tickets/${other.id}/assign`, { assigneeId: member.id });
    expect(byAdmin.body.assigneeId).toBe(member.id);
  });

  it('clears the assignee when DK-03 reroutes the ticket to another unit', async () => {
    const { unit, staff } = await unitWithStaff(1);
    const ticket = await ticketRoutedTo(unit.id);
    await staff[0]!.client.post(`/api/tickets/${ticket.id}/assign`, { assigneeId: staff[0]!.id });
    const other = await buildUnit(backend.ctx.db);
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/route`, { unitId: other.id });
    expect(rerouted.body).toMatchObject({ unitId: other.id, assigneeId: null });
  });
});

describe("the unit queue's filters", () => {
  it('shows tickets assigned to me, unassigned ones or all, sorted by age or due date', async () => {
    const { unit, staff } = await unitWithStaff(2);
    const [anna, bartek] = staff as [(typeof staff)[0], (typeof staff)[0]];
    const first = await ticketRoutedTo(unit.id, 'Pierwsze zgłoszenie');
    const second = await ticketRoutedTo(unit.id, 'Drugie zgłoszenie');
    const third = await ticketRoutedTo(unit.id, 'Trzecie zgłoszenie');
    await anna.client.post(`/api/tickets/${first.id}/assign`, { assigneeId: anna.id });
    await anna.client.post(`/api/tickets/${second.id}/assign`, { assigneeId: bartek.id });
    await anna.client.post(`/api/tickets/${third.id}/accept`, {});

    const ids = async (query: string) =>
      (await anna.client.get<TicketDto[]>(`/api/tickets?view=unit&${query}`)).body.map((t) => t.id);
    expect(await ids('assignee=me')).toEqual([first.id]);
    expect(await ids('assignee=unassigned')).toEqual([third.id]);
    expect(await ids('assignee=any&sort=age')).toEqual([first.id, second.id, third.id]);
    expect(await ids('sort=due')).toEqual([first.id, second.id, third.id]);
    expect(await ids('status=accepted')).toEqual([third.id]);
    const bad = await anna.client.get<ErrorBody>('/api/tickets?view=unit&assignee=someone');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path)).toEqual(['query.assignee']);
  });
});

describe("a unit's automatic assignment", () => {
  it('is set by an admin (not by unit staff), and shows who is present', async () => {
    const { unit, staff } = await unitWithStaff(2);
    const member = staff[0]!;
    const denied = await member.client.request<ErrorBody>('PUT', `/api/units/${unit.id}/assignment`, {
      mode: 'round_robin',
    });
    expect(denied.status).toBe(403);
    const badMode = await admin.request<ErrorBody>('PUT', `/api/units/${unit.id}/assignment`, { mode: 'random' });
    expect(badMode.status).toBe(400);
    const missing = await admin.request('PUT', `/api/units/00000000-0000-4000-8000-000000000000/assignment`, {
      mode: 'off',
    });
    expect(missing.status).toBe(404);

    await member.client.request('PUT', '/api/presence', { available: true });
    const set = await admin.request<UnitAssignmentDto>('PUT', `/api/units/${unit.id}/assignment`, {
      mode: 'round_robin',
    });
    expect(set.status).toBe(200);
    expect(set.body.mode).toBe('round_robin');
    const seen = await member.client.get<UnitAssignmentDto>(`/api/units/${unit.id}/assignment`);
    expect(seen.body).toMatchObject({ mode: 'round_robin', canEdit: false });
    expect(seen.body.staff.map((s) => [s.id, s.present])).toEqual([
      [member.id, true],
      [staff[1]!.id, false],
    ]);
    expect((await greenery.get(`/api/units/${unit.id}/assignment`)).status).toBe(403);
  });

  it('deals tickets routed at the same moment in turn to the colleagues present, and to no one else', async () => {
    const { unit, staff } = await unitWithStaff(4);
    const [a, b, c, d] = staff as [(typeof staff)[0], (typeof staff)[0], (typeof staff)[0], (typeof staff)[0]];
    await admin.request('PUT', `/api/units/${unit.id}/assignment`, { mode: 'round_robin' });
    // a and c: available and signed in. b: available but signed out. d: signed in but unavailable.
    for (const member of [a, b, c]) await member.client.request('PUT', '/api/presence', { available: true });
    await d.client.request('PUT', '/api/presence', { available: false });
    expect((await b.client.post('/api/auth/logout', {})).status).toBeLessThan(300);

    const tickets: TicketDto[] = [];
    for (let i = 0; i < 6; i++) tickets.push(await ticketCreated(`Równoległe ${i}`));
    // DK-03 routes all six at once: six ticket.routed events, six assignment jobs competing for the pointer.
    await Promise.all(tickets.map((t) => triage.post(`/api/tickets/${t.id}/route`, { unitId: unit.id })));

    const assignees = await eventually('six automatic assignments', async () => {
      const rows = await Promise.all(tickets.map((t) => get(a.client, t.id)));
      return rows.every((r) => r.assigneeId) ? rows.map((r) => r.assigneeId!) : undefined;
    });
    const count = (id: string) => assignees.filter((x) => x === id).length;
    expect([count(a.id), count(c.id), count(b.id), count(d.id)]).toEqual([3, 3, 0, 0]);
    // Each by the system, with a reason.
    const events = (await get(a.client, tickets[0]!.id)).events.filter((e) => e.kind === 'ticket.assigned');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, reason: expect.stringContaining('automatycznie') });
  });

  it('does nothing when the same routing event is handled again, or the ticket already has someone', async () => {
    const { unit, staff } = await unitWithStaff(2);
    await admin.request('PUT', `/api/units/${unit.id}/assignment`, { mode: 'round_robin' });
    for (const member of staff) await member.client.request('PUT', '/api/presence', { available: true });
    const ticket = await ticketRoutedTo(unit.id);
    const assigned = await eventually('the automatic assignment', async () => {
      const detail = await get(staff[0]!.client, ticket.id);
      return detail.assigneeId ? detail : undefined;
    });
    const routedSeq = assigned.events.filter((e) => e.kind === 'ticket.routed').at(-1)!.seq;
    const limits = sessionLimits(backend.ctx.config);

    // A redelivered job (BullMQ is at-least-once) while the assignee is still there…
    expect(await autoAssignRoutedTicket(backend.ctx.db, ticket.id, routedSeq, limits)).toEqual({
      outcome: 'has_assignee',
    });
    // …and after they gave it back: the step ran already, so it is not dealt again.
    await staff[0]!.client.post(`/api/tickets/${ticket.id}/assign`, { assigneeId: null });
    const again = await Promise.all([
      autoAssignRoutedTicket(backend.ctx.db, ticket.id, routedSeq, limits),
      autoAssignRoutedTicket(backend.ctx.db, ticket.id, routedSeq, limits),
    ]);
    expect(again).toEqual([{ outcome: 'already_ran' }, { outcome: 'already_ran' }]);
    const after = await get(staff[0]!.client, ticket.id);
    expect(after.assigneeId).toBeNull();
    expect(after.events.filter((e) => e.kind === 'ticket.assigned')).toHaveLength(2);
    // An older routing event's job finds the ticket moved on.
    expect(await autoAssignRoutedTicket(backend.ctx.db, ticket.id, routedSeq - 1, limits)).toEqual({
      outcome: 'moved_on',
    });
  });

  it('leaves tickets unassigned in a unit that assigns by hand', async () => {
    const { unit, staff } = await unitWithStaff(1);
    await staff[0]!.client.request('PUT', '/api/presence', { available: true });
    const ticket = await ticketRoutedTo(unit.id);
    await sleep(1500);
    expect((await get(staff[0]!.client, ticket.id)).assigneeId).toBeNull();
  });
});
