// Every kind of bad request gets its clear answer: 400 naming each field, 401, 403, 404, 409,
// malformed JSON; never a stack trace; and a failed request leaves nothing half-written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn, TestClient } from '../../backend/src/test-support/test-client.ts';
import { entryId, routedCategory } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  agent = await signedIn(backend.url, 'agent');
});
afterAll(() => backend?.close());

const count = async (table: string) => Number((await backend.ctx.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

describe('400 validation_failed', () => {
  it('names every bad field of a ticket', async () => {
    const res = await agent.post<ErrorBody>('/api/tickets', {
      type: 'complaint',
      channel: 'fax',
      categoryId: 'abc',
      title: 'x',
      extra: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.fields!.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['type', 'channel', 'categoryId', 'title', 'description']));
    expect(res.body.error.fields!.find((f) => f.path === '(body)' || f.message.includes('extra'))).toBeTruthy();
  });

  it('names bad query and path parameters with their part', async () => {
    const triage = await signedIn(backend.url, 'triage');
    const list = await triage.get<ErrorBody>('/api/tickets?view=everything&limit=5000');
    expect(list.status).toBe(400);
    expect(list.body.error.fields!.map((f) => f.path).sort()).toEqual(['query.limit', 'query.view']);
    const byId = await triage.get<ErrorBody>('/api/tickets/not-a-uuid');
    expect(byId.status).toBe(400);
    expect(byId.body.error.fields![0]!.path).toBe('params.id');
  });

  it('says which id does not exist in which dictionary', async () => {
    const res = await agent.post<ErrorBody>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await entryId(backend.ctx.db, 'district', 'I'),
      title: 'Zła kategoria',
      description: 'Kategoria jest dzielnicą',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'categoryId', message: expect.stringMatching(/no category with id/) },
    ]);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await agent.request<ErrorBody>('POST', '/api/tickets', '{"type": "problem",', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('Request body is not valid JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('nothing half-written', () => {
  it('writes neither the call nor its first ticket when the second ticket is bad', async () => {
    const { db } = backend.ctx;
    const before = {
      interactions: await count('interaction'),
      tickets: await count('ticket'),
      outbox: await count('outbox'),
    };
    const [{ last }] = await db.query(`SELECT COALESCE(max(last_value), 0) AS last FROM ticket_number_counter`);
    const good = {
      type: 'problem',
      categoryId: await routedCategory(db, 'ZDMK'),
      title: 'Dziura',
      description: 'Dziura w jezdni',
    };
    const res = await agent.post<ErrorBody>('/api/calls', {
      startedAt: new Date(Date.now() - 60_000).toISOString(),
      endedAt: new Date().toISOString(),
      topicId: await entryId(db, 'call_topic', 'problem_report'),
      outcome: 'problem',
      tickets: [good, { ...good, districtId: await entryId(db, 'call_topic', 'idea') }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([
      { path: 'tickets.1.districtId', message: expect.stringMatching(/no district/) },
    ]);
    expect({
      interactions: await count('interaction'),
      tickets: await count('ticket'),
      outbox: await count('outbox'),
    }).toEqual(before);
    // The number the first ticket took is given back: numbers stay gap-free.
    const [{ last: after }] = await db.query(`SELECT COALESCE(max(last_value), 0) AS last FROM ticket_number_counter`);
    expect(after).toBe(last);
  });

  it('rejects an end before the start, naming endedAt', async () => {
    const res = await agent.post<ErrorBody>('/api/calls', {
      startedAt: '2026-11-22T10:00:00Z',
      endedAt: '2026-11-22T09:00:00Z',
      topicId: await entryId(backend.ctx.db, 'call_topic', 'other'),
      outcome: 'information_given',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields!.map((f) => f.path)).toEqual(['endedAt']);
  });
});

describe('401, 403, 404, 409', () => {
  it('401 without a session', async () => {
    const res = await new TestClient(backend.url).get<ErrorBody>('/api/tickets');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('403 for a role the route does not allow', async () => {
    const editor = await signedIn(backend.url, 'redaktor');
    const res = await editor.get<ErrorBody>('/api/tickets');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ code: 'forbidden', message: 'Role kb_editor may not do this' });
    const agentRoute = await agent.post<ErrorBody>('/api/tickets/00000000-0000-4000-8000-000000000000/route', {
      unitId: '00000000-0000-4000-8000-000000000000',
    });
    expect(agentRoute.status).toBe(403);
  });

  it('404 for a ticket that does not exist and for an unknown endpoint', async () => {
    const triage = await signedIn(backend.url, 'triage');
    expect((await triage.get('/api/tickets/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const unknown = await triage.get<ErrorBody>('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not_found');
  });

  it('409 for a move the lifecycle does not allow, changing nothing', async () => {
    const created = await agent.post<TicketDto>('/api/tickets', {
      type: 'problem',
      channel: 'phone',
      categoryId: await routedCategory(backend.ctx.db, 'ZDMK'),
      title: 'Przewrócony znak',
      description: 'Znak leży na chodniku',
    });
    const admin = await signedIn(backend.url, 'admin');
    const res = await admin.post<ErrorBody>(`/api/tickets/${created.body.id}/resolve`, { answer: 'Za wcześnie' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('invalid_transition');
    const events = await backend.ctx.db.query(`SELECT kind FROM ticket_event WHERE ticket_id = $1`, [created.body.id]);
    expect(events).toEqual([{ kind: 'ticket.created' }]);
  });
});

describe('the ticket history', () => {
  it('is append-only in the database itself', async () => {
    await expect(backend.ctx.db.query(`UPDATE ticket_event SET reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(backend.ctx.db.query(`DELETE FROM ticket_event`)).rejects.toThrow(/append-only/);
  });
});
