// The rest of the lifecycle through the API: start, return to triage with the unit's reason, reject,
// reopen, close with a closure reason; 409 carries the current status; optimistic locking lets one of two people win.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketDetailDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, TestClient } from '../../backend/src/test-support/test-client.ts';
import { buildUser, routedCategory, TEST_PASSWORD, unitId } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let roads: TestClient;

beforeAll(async () => {
  // No relay and no worker: tickets stay `new` until triage routes them by hand.
  backend = await startTestBackend({ relay: false });
  [agent, triage, roads] = await signedInAll(backend.url, 'agent', 'triage', 'drogi');
});
afterAll(() => backend?.close());

/** A seeded closure reason by its code (the dictionary tests leave closure reasons alone). */
async function closureReasonId(code: string): Promise<string> {
  const rows: { id: string }[] = await backend.ctx.db.query(
    `SELECT id FROM dictionary_entry WHERE dictionary = 'closure_reason' AND code = $1`,
    [code],
  );
  return rows[0]!.id;
}

async function ticketAtRoads(): Promise<TicketDto> {
  const created = await agent.post<TicketDto>('/api/tickets', {
    type: 'problem',
    channel: 'phone',
    categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
    title: 'Wyrwa w chodniku',
    description: 'Chodnik zapadł się przy wejściu do szkoły.',
  });
  const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, {
    unitId: await unitId(backend.ctx.db, 'ZDMK'),
  });
  expect(routed.body.status).toBe('routed');
  return routed.body;
}

describe('a unit that says a ticket is not its matter', () => {
  it('returns it to the DK-03 inbox with its reason, and no longer sees it', async () => {
    const ticket = await ticketAtRoads();
    const noReason = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/return`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields!.map((f) => f.path)).toEqual(['reason']);

    const returned = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/return`, {
      reason: 'Chodnik przy szkole należy do zarządcy szkoły, nie do ZDMK',
    });
    expect(returned.status).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', unitCode: 'DK-03' });
    const inbox = await triage.get<TicketDto[]>('/api/tickets?view=inbox');
    expect(inbox.body.map((t) => t.id)).toContain(ticket.id);
    const detail = await triage.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    const event = detail.body.events.at(-1)!;
    expect(event).toMatchObject({
      kind: 'ticket.returned',
      reason: 'Chodnik przy szkole należy do zarządcy szkoły, nie do ZDMK',
    });
    expect(event.changes.unit).toEqual({ from: 'ZDMK', to: 'DK-03' });
    expect((await roads.get(`/api/tickets/${ticket.id}`)).status).toBe(404);
  });
});

describe('a ticket worked on, resolved, reopened and closed', () => {
  it('follows the lifecycle and records every move', async () => {
    const ticket = await ticketAtRoads();
    expect((await roads.post(`/api/tickets/${ticket.id}/accept`, {})).status).toBe(200);
    const started = await roads.post<TicketDto>(`/api/tickets/${ticket.id}/start`, {});
    expect(started.body.status).toBe('in_progress');
    await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Chodnik naprawiony.' });
    const reopened = await agent.post<TicketDto>(`/api/tickets/${ticket.id}/reopen`, {
      reason: 'Mieszkanka dzwoni: chodnik nadal zapadnięty',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'reopened', unitCode: 'ZDMK' });
    const queue = await roads.get<TicketDto[]>('/api/tickets?view=unit');
    expect(queue.body.map((t) => t.id)).toContain(ticket.id);
    await roads.post(`/api/tickets/${ticket.id}/accept`, {});
    await roads.post(`/api/tickets/${ticket.id}/resolve`, { answer: 'Chodnik wymieniony na całej długości.' });
    // A closure says why, from the closure_reason dictionary: none, or an entry of another dictionary, is a 400
    // naming the field, and the ticket stays resolved.
    const noReason = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/close`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields!.map((f) => f.path)).toEqual(['closureReasonId']);
    const category = ticket.categoryId;
    const wrongDictionary = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/close`, {
      closureReasonId: category,
    });
    expect(wrongDictionary.status).toBe(400);
    expect(wrongDictionary.body.error.fields!.map((f) => f.path)).toEqual(['closureReasonId']);
    expect((await triage.get<TicketDto>(`/api/tickets/${ticket.id}`)).body.status).toBe('resolved');

    const explained = await closureReasonId('explained');
    const closed = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/close`, {
      closureReasonId: explained,
      reason: 'Mieszkanka potwierdziła naprawę.',
    });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closureReason).toEqual({ id: explained, label: 'Udzielono wyjaśnień' });

    const detail = await triage.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    expect(detail.body.events.map((e) => e.kind)).toEqual([
      'ticket.created',
      'ticket.routed',
      'ticket.accepted',
      'ticket.started',
      'ticket.resolved',
      'ticket.reopened',
      'ticket.accepted',
      'ticket.resolved',
      'ticket.closed',
    ]);
    expect(detail.body.events.at(-1)!.changes.closureReason).toEqual({ from: null, to: 'Udzielono wyjaśnień' });

    // Reopened, it is open again: the closure's reason goes with the closure.
    const reopenedAgain = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/reopen`, {
      reason: 'Mieszkanka zgłasza, że chodnik znowu się zapadł',
    });
    expect(reopenedAgain.body).toMatchObject({ status: 'reopened', closureReason: null });
  });
});

describe('a rejected ticket', () => {
  it('keeps the justification for the resident and refuses any further move with 409 and its status', async () => {
    const ticket = await ticketAtRoads();
    const rejected = await triage.post<TicketDto>(`/api/tickets/${ticket.id}/reject`, {
      reason: 'Zgłoszenie dotyczy terenu prywatnego, poza kompetencją miasta',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      resolution: 'Zgłoszenie dotyczy terenu prywatnego, poza kompetencją miasta',
    });
    const again = await triage.post<ErrorBody>(`/api/tickets/${ticket.id}/route`, {
      unitId: await unitId(backend.ctx.db, 'ZZM'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'invalid_transition',
      current: { status: 'rejected', version: rejected.body.version },
    });
  });

  it('may not be rejected by a unit (403) nor returned by an agent (403)', async () => {
    const ticket = await ticketAtRoads();
    expect((await roads.post(`/api/tickets/${ticket.id}/reject`, { reason: 'Nie nasze' })).status).toBe(403);
    expect((await agent.post(`/api/tickets/${ticket.id}/return`, { reason: 'Nie nasze' })).status).toBe(403);
  });
});

describe('two people acting on the same ticket at once', () => {
  it('with the version they saw: one wins, the other gets 409 with the current version', async () => {
    const ticket = await ticketAtRoads();
    const colleague = await buildUser(backend.ctx.db, {
      role: 'unit_staff',
      unitId: await unitId(backend.ctx.db, 'ZDMK'),
    });
    const other = new TestClient(backend.url);
    await other.login(colleague.login, TEST_PASSWORD);
    const [a, b] = await Promise.all([
      roads.post<TicketDto | ErrorBody>(`/api/tickets/${ticket.id}/accept`, { version: ticket.version }),
      other.post<TicketDto | ErrorBody>(`/api/tickets/${ticket.id}/accept`, { version: ticket.version }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = (a.status === 409 ? a : b).body as ErrorBody;
    expect(loser.error).toMatchObject({
      code: 'conflict',
      current: { status: 'accepted', version: ticket.version + 1 },
    });
    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    expect(detail.body.events.filter((e) => e.kind === 'ticket.accepted')).toHaveLength(1);
  });

  it('with an outdated version: the change is refused, never a lost update', async () => {
    const ticket = await ticketAtRoads();
    await roads.post(`/api/tickets/${ticket.id}/accept`, {});
    const stale = await roads.post<ErrorBody>(`/api/tickets/${ticket.id}/resolve`, {
      answer: 'Naprawione',
      version: ticket.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed since you read it/);
    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticket.id}`);
    expect(detail.body).toMatchObject({ status: 'accepted', resolution: null });
  });
});
