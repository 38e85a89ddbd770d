// A ticket sent again with the same requestId (a retry after a timeout, a double click) is written once: every
// answer names the first ticket, also for retries sent at the same moment; the id reused for another ticket is a 409.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody, TicketDetailDto, TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedInAll, type TestClient } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';

let backend: TestBackend;
let agent: TestClient;
let triage: TestClient;
let categoryId: string;

beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
  [agent, triage] = await signedInAll(backend.url, 'agent', 'triage');
  categoryId = await routedCategory(backend.ctx.db, 'ZDMK');
});
afterAll(() => backend?.close());

const ticket = (requestId: string, title = 'Przewrócony znak drogowy') => ({
  type: 'problem',
  channel: 'phone',
  categoryId,
  title,
  description: 'Znak leży na chodniku przy przejściu.',
  requestId,
});

const storedFor = async (requestId: string) =>
  (await backend.ctx.db.query(`SELECT id FROM ticket WHERE client_request_id = $1`, [requestId])) as { id: string }[];

describe('POST /api/tickets with a requestId', () => {
  it('writes the ticket once however often, and however simultaneously, it is sent', async () => {
    const requestId = randomUUID();
    const first = await agent.post<TicketDto>('/api/tickets', ticket(requestId));
    expect(first.status).toBe(201);
    const again = await agent.post<TicketDto>('/api/tickets', ticket(requestId));
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ id: first.body.id, number: first.body.number });

    const together = randomUUID();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => agent.post<TicketDto>('/api/tickets', ticket(together))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await storedFor(together)).toHaveLength(1);
    const detail = await agent.get<TicketDetailDto>(`/api/tickets/${answers[0]!.body.id}`);
    expect(detail.body.events.filter((e) => e.kind === 'ticket.created')).toHaveLength(1);
  });

  it('refuses the id reused for another ticket, and keeps each person’s ids apart', async () => {
    const requestId = randomUUID();
    const first = await agent.post<TicketDto>('/api/tickets', ticket(requestId));
    const other = await agent.post<ErrorBody>('/api/tickets', ticket(requestId, 'Zupełnie inne zgłoszenie'));
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain('requestId');
    expect(await storedFor(requestId)).toEqual([{ id: first.body.id }]);

    const theirs = await triage.post<TicketDto>('/api/tickets', ticket(requestId));
    expect(theirs.status).toBe(201);
    expect(theirs.body.id).not.toBe(first.body.id);

    const bad = await agent.post<ErrorBody>('/api/tickets', ticket('nie-uuid'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields!.map((f) => f.path)).toEqual(['requestId']);
  });
});
