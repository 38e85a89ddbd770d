// The thin flow across every part: an agent records a call with a problem ticket; the outbox relay
// queues it; the worker routes it and emits through Redis; the unit's socket hears it; the unit resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDto, TicketChangedMessage, TicketDetailDto, TicketDto, MissedEventsDto } from '@kck/contracts';
import { TICKET_NUMBER_PATTERN } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { entryId, routedCategory, unroutedCategory, unitId } from '../../backend/src/test-support/builders.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { startWorkerRuntime, type RunningWorkers } from '../../worker/src/worker.ts';
import { nextTicketMessage, socketFor } from '../support/sockets.ts';
import { waitForStatus } from '../support/waiting.ts';

let backend: TestBackend;
let worker: RunningWorkers;

beforeAll(async () => {
  backend = await startTestBackend();
  worker = await startWorkerRuntime(backend.ctx.config, backend.ctx.db, createLogger('test-worker', 'silent'));
});

afterAll(async () => {
  await worker?.close();
  await backend?.close();
});

describe('a problem reported by phone', () => {
  it('is routed to the unit by the category rule, appears live in the unit, and is resolved there', async () => {
    const { db } = backend.ctx;
    const agent = await signedIn(backend.url, 'agent');
    const roads = await signedIn(backend.url, 'drogi');
    const greenery = await signedIn(backend.url, 'zielen');
    const roadsSocket = await socketFor(backend.url, roads);
    const greenerySocket = await socketFor(backend.url, greenery);
    const greeneryHeard: TicketChangedMessage[] = [];
    greenerySocket.on('ticket.changed', (m) => greeneryHeard.push(m));

    const categoryId = await routedCategory(db, 'ZDMK');
    const started = new Date(Date.now() - 120_000).toISOString();
    // Other test files route tickets to (or keep informed) ZDMK at the same time: wait for this one.
    const arrival = nextTicketMessage(
      roadsSocket,
      (m) => m.kind === 'ticket.routed' && m.ticket.title === 'Dziura w jezdni przed przystankiem',
    );
    const call = await agent.post<CallDto>('/api/calls', {
      startedAt: started,
      endedAt: new Date().toISOString(),
      callerPhone: '+48 600 100 200',
      topicId: await entryId(db, 'call_topic', 'problem_report'),
      outcome: 'problem',
      informationGiven: 'Przyjęto zgłoszenie dziury w jezdni.',
      tickets: [
        {
          type: 'problem',
          categoryId,
          districtId: await entryId(db, 'district', 'V'),
          address: 'ul. Królewska 20',
          title: 'Dziura w jezdni przed przystankiem',
          description: 'Głęboka dziura przy krawężniku, samochody ją omijają.',
        },
      ],
    });
    expect(call.status).toBe(201);
    expect(call.body.ticketNumbers).toHaveLength(1);
    expect(call.body.ticketNumbers[0]).toMatch(TICKET_NUMBER_PATTERN);

    const message = await arrival;
    expect(message.ticket.number).toBe(call.body.ticketNumbers[0]);
    expect(message.ticket.unitCode).toBe('ZDMK');
    expect(message.ticket.status).toBe('routed');
    // Socket messages carry no reporter's contact: it is read only in the ticket's detail, which is logged.
    expect(message.ticket.reporter).toEqual({ name: null, phone: null, email: null });
    expect(message.seq).toBeGreaterThan(0);

    const ticketId = message.ticket.id;
    const queue = await roads.get<TicketDto[]>('/api/tickets?view=unit');
    expect(queue.body.map((t) => t.id)).toContain(ticketId);

    const accepted = await roads.post<TicketDto>(`/api/tickets/${ticketId}/accept`, {});
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');
    const resolved = await roads.post<TicketDto>(`/api/tickets/${ticketId}/resolve`, {
      answer: 'Ubytek załatano 23 listopada.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.status).toBe('resolved');
    expect(resolved.body.resolution).toBe('Ubytek załatano 23 listopada.');

    const detail = await roads.get<TicketDetailDto>(`/api/tickets/${ticketId}`);
    expect(detail.body.events.map((e) => e.kind)).toEqual([
      'ticket.created',
      'ticket.routed',
      'ticket.accepted',
      'ticket.resolved',
    ]);
    expect(detail.body.events[1]!.reason).toMatch(/Reguła routingu #\d+: .* → ZDMK/);
    expect(detail.body.events[3]!.actorName).toMatch(/drogi|Drog/i);

    // Another unit neither hears of it nor can open it.
    expect(greeneryHeard.some((m) => m.ticket.id === ticketId)).toBe(false);
    const foreign = await greenery.get(`/api/tickets/${ticketId}`);
    expect(foreign.status).toBe(404);
    const foreignAccept = await greenery.post(`/api/tickets/${ticketId}/accept`, {});
    expect(foreignAccept.status).toBe(404);

    roadsSocket.disconnect();
    greenerySocket.disconnect();
  });
});

describe('a ticket whose category has no routing rule', () => {
  it('lands in the DK-03 triage inbox and a triage user routes it by hand', async () => {
    const { db } = backend.ctx;
    const agent = await signedIn(backend.url, 'agent');
    const triage = await signedIn(backend.url, 'triage');
    const greenery = await signedIn(backend.url, 'zielen');
    const triageSocket = await socketFor(backend.url, triage);
    const greenerySocket = await socketFor(backend.url, greenery);

    const inInbox = nextTicketMessage(triageSocket, (m) => m.kind === 'ticket.sent_to_triage');
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'idea',
      channel: 'phone',
      categoryId: await unroutedCategory(db),
      title: 'Więcej ławek na Plantach',
      description: 'Mieszkanka proponuje ustawienie ławek co 50 metrów.',
    });
    expect(created.status).toBe(201);
    const sent = await inInbox;
    expect(sent.ticket.id).toBe(created.body.id);
    expect(sent.ticket.status).toBe('triage');
    expect(sent.ticket.unitCode).toBe('DK-03');

    const inbox = await triage.get<TicketDto[]>('/api/tickets?view=inbox');
    expect(inbox.body.map((t) => t.id)).toContain(created.body.id);

    const arrival = nextTicketMessage(greenerySocket, (m) => m.ticket.id === created.body.id);
    const routed = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, {
      unitId: await unitId(db, 'ZZM'),
      reason: 'Plany zieleni należą do ZZM',
    });
    expect(routed.status).toBe(200);
    expect(routed.body.status).toBe('routed');
    expect((await arrival).ticket.unitCode).toBe('ZZM');

    const detail = await waitForStatus(triage, created.body.id, 'routed');
    const manual = detail.events.find((e) => e.kind === 'ticket.routed')!;
    expect(manual.reason).toBe('Plany zieleni należą do ZZM');
    expect(manual.changes.unitId).toMatchObject({ to: await unitId(db, 'ZZM') });
    expect(manual.changes.unit).toEqual({ from: 'DK-03', to: 'ZZM' });

    // Rerouted again: ZZM hears only that the ticket left, without its data.
    const removed = new Promise<{ seq: number; ticketId: string }>((resolve) =>
      greenerySocket.once('ticket.removed', resolve),
    );
    const rerouted = await triage.post<TicketDto>(`/api/tickets/${created.body.id}/route`, {
      unitId: await unitId(db, 'ZDMK'),
    });
    expect(rerouted.status).toBe(200);
    expect(await removed).toEqual({ seq: expect.any(Number), ticketId: created.body.id });
    expect((await greenery.get(`/api/tickets/${created.body.id}`)).status).toBe(404);

    triageSocket.disconnect();
    greenerySocket.disconnect();
  });
});

describe('a console that reconnects', () => {
  it('gets the events it missed from GET /api/events?after=<seq>, only for tickets it may see', async () => {
    const { db } = backend.ctx;
    const roads = await signedIn(backend.url, 'drogi');
    const greenery = await signedIn(backend.url, 'zielen');
    const agent = await signedIn(backend.url, 'agent');
    const before = await roads.get<MissedEventsDto>('/api/events?after=0');
    const cursor = before.body.lastSeq;

    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(db, 'ZDMK'),
      title: 'Nie świeci latarnia',
      description: 'Latarnia przy ul. Długiej nie świeci od tygodnia.',
    });
    await waitForStatus(agent, created.body.id, 'routed');

    const missed = await roads.get<MissedEventsDto>(`/api/events?after=${cursor}`);
    const kinds = missed.body.events.filter((e) => e.ticketId === created.body.id).map((e) => e.kind);
    expect(kinds).toEqual(['ticket.created', 'ticket.routed']);
    expect(missed.body.lastSeq).toBeGreaterThan(cursor);
    const greeneryMissed = await greenery.get<MissedEventsDto>(`/api/events?after=${cursor}`);
    expect(greeneryMissed.body.events.some((e) => e.ticketId === created.body.id)).toBe(false);

    const bad = await roads.get('/api/events?after=-5');
    expect(bad.status).toBe(400);
  });
});
