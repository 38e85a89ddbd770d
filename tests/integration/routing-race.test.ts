// Routing takes no lock: it reads the ticket with its rule, then writes the move only onto the version it read.
// The same routing job run several times at once (BullMQ delivers at least once) must still route once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { routedCategory } from '../../backend/src/test-support/builders.ts';
import { routeNewTicket } from '../../backend/src/routing/routing.service.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
});
afterAll(() => backend?.close());

describe('routing a new ticket', () => {
  describe('when the routing job runs several times at once', () => {
    it('routes it once: one history event, one outbox row, the others see it routed', async () => {
      const { db } = backend.ctx;
      const agent = await signedIn(backend.url, 'agent');
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Dziura przed szkołą',
        description: 'Głęboka dziura w jezdni.',
      });
      expect(created.status).toBe(201);

      const decisions = await Promise.all(Array.from({ length: 6 }, () => routeNewTicket(db, created.body.id)));
      expect(decisions.filter((d) => d.outcome === 'routed')).toHaveLength(1);
      expect(decisions.filter((d) => d.outcome === 'skipped')).toHaveLength(5);

      const events = await db.query(`SELECT id FROM ticket_event WHERE ticket_id = $1 AND kind = 'ticket.routed'`, [
        created.body.id,
      ]);
      const outbox = await db.query(
        `SELECT id FROM outbox WHERE event = 'ticket.routed' AND payload->>'ticketId' = $1`,
        [created.body.id],
      );
      expect(events).toHaveLength(1);
      expect(outbox).toHaveLength(1);
      const [ticket] = await db.query(`SELECT status, version FROM ticket WHERE id = $1`, [created.body.id]);
      expect(ticket).toMatchObject({ status: 'routed', version: created.body.version + 1 });
    });
  });

  describe('when DK-03 routed it by hand first', () => {
    it('leaves it where DK-03 put it', async () => {
      const { db } = backend.ctx;
      const agent = await signedIn(backend.url, 'agent');
      const triage = await signedIn(backend.url, 'triage');
      const created = await agent.post<TicketDto>('/api/tickets', {
        type: 'problem',
        channel: 'phone',
        categoryId: await routedCategory(db, 'ZDMK'),
        title: 'Zielone światło za krótkie',
        description: 'Na skrzyżowaniu.',
      });
      const [zzm] = await db.query(`SELECT id FROM unit WHERE code = 'ZZM'`);
      expect((await triage.post(`/api/tickets/${created.body.id}/route`, { unitId: zzm.id })).status).toBe(200);
      expect((await routeNewTicket(db, created.body.id)).outcome).toBe('skipped');
      const [ticket] = await db.query(`SELECT unit_id FROM ticket WHERE id = $1`, [created.body.id]);
      expect(ticket.unit_id).toBe(zzm.id);
    });
  });
});
