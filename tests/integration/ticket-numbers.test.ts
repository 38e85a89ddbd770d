// Ticket numbers KCK/<year>/<000123> are unique and gap-free per year, even when many tickets
// are written at once and some of those writes fail.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DataSource } from 'typeorm';
import type { TicketDto } from '@kck/contracts';
import { startTestBackend, type TestBackend } from '../../backend/src/test-support/test-context.ts';
import { signedIn } from '../../backend/src/test-support/test-client.ts';
import { routedCategory, unroutedCategory } from '../../backend/src/test-support/builders.ts';
import {
  numberNewTicket,
  numberPendingTickets,
  startNumberingSweep,
  warsawYear,
} from '../../backend/src/tickets/ticket-number.ts';
import { createDataSource } from '../../backend/src/platform/db.ts';
import { createIsolatedEnvironment, type IsolatedEnvironment } from '../support/isolated-environment.ts';
import { createLogger } from '../../backend/src/platform/logger.ts';
import { insertTicket } from '../../backend/src/tickets/tickets.service.ts';
import { getTicket } from '../../backend/src/tickets/tickets.queries.ts';

let backend: TestBackend;
beforeAll(async () => {
  backend = await startTestBackend({ relay: false });
});
afterAll(() => backend?.close());

describe('ticket numbers', () => {
  describe('when 40 tickets are written at once and every fourth fails', () => {
    it('gives each written ticket its own number and leaves no gap in the year', async () => {
      const { db } = backend.ctx;
      const agent = await signedIn(backend.url, 'agent');
      const good = await routedCategory(db, 'ZDMK');
      const notADistrict = await unroutedCategory(db); // a category id where a district is expected: refused with 400
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          agent.post<TicketDto>('/api/tickets', {
            type: 'problem',
            channel: 'phone',
            categoryId: good,
            ...(i % 4 === 3 ? { districtId: notADistrict } : {}),
            title: `Zgłoszenie równoległe ${i}`,
            description: 'Test numeracji',
          }),
        ),
      );
      const written = results.filter((r) => r.status === 201).map((r) => r.body.number);
      expect(results.filter((r) => r.status === 400)).toHaveLength(10);
      expect(new Set(written).size).toBe(30);

      // One statement, one snapshot: the counter equals the number of tickets, and they are 1..N.
      const year = warsawYear(new Date());
      const [check] = await db.query(
        `SELECT (SELECT last_value FROM ticket_number_counter WHERE year = $1) AS last,
                (SELECT count(*)::int FROM ticket WHERE number LIKE 'KCK/' || $1 || '/%') AS tickets,
                (SELECT count(*)::int FROM generate_series(1, (SELECT last_value FROM ticket_number_counter WHERE year = $1)) n
                  WHERE NOT EXISTS (SELECT 1 FROM ticket WHERE number = 'KCK/' || $1 || '/' || lpad(n::text, 6, '0'))) AS gaps`,
        [year],
      );
      expect(check.gaps).toBe(0);
      expect(check.tickets).toBe(check.last);
      for (const number of written) expect(number).toMatch(new RegExp(`^KCK/${year}/\\d{6}$`));
    });
  });

  describe('when a request dies between writing a ticket and numbering it', () => {
    it('keeps the ticket out of sight until it is numbered, then it exists like any other, once', async () => {
      const { db } = backend.ctx;
      const categoryId = await routedCategory(db, 'ZDMK');
      // The request's own transaction commits; the process dies before it numbers the ticket.
      const { id } = await db.transaction(async (em) => {
        const written = await insertTicket(em, null, {
          type: 'problem',
          channel: 'email',
          categoryId,
          title: 'Zgłoszenie sprzed awarii',
          description: 'Zapisane tuż przed awarią procesu',
        });
        // Without a number it is out of sight, even to its own transaction.
        await expect(getTicket(em, null, written.id)).rejects.toThrow(/not found/);
        return written;
      });
      // The sweep (or any other request's numbering, in parallel tests) numbers it.
      await numberPendingTickets(db);
      const triage = await signedIn(backend.url, 'triage');
      const found = await triage.get<TicketDto>(`/api/tickets/${id}`);
      expect(found.status).toBe(200);
      expect(found.body.number).toMatch(/^KCK\/\d{4}\/\d{6}$/);
      const outbox = await db.query(
        `SELECT 1 FROM outbox WHERE event = 'ticket.created' AND payload->>'ticketId' = $1`,
        [id],
      );
      expect(outbox).toHaveLength(1);
    });

    it('is numbered by the sweep, which leaves tickets of requests still under way to those requests', async () => {
      const { db } = backend.ctx;
      const categoryId = await routedCategory(db, 'ZDMK');
      const orphan = await insertTicket(db, null, {
        type: 'problem',
        channel: 'email',
        categoryId,
        title: 'Zgłoszenie porzucone przez proces',
        description: 'Zapisane, nigdy nie ponumerowane przez swoje żądanie',
      });
      // A request that died a minute ago; one just written is its own request's to number.
      await db.query(`UPDATE ticket SET created_at = now() - interval '1 minute' WHERE id = $1`, [orphan.id]);
      const stop = startNumberingSweep(db, createLogger('test-sweep', 'silent'), 50);
      try {
        await expect
          .poll(
            async () =>
              (
                (await db.query(`SELECT number FROM ticket WHERE id = $1`, [orphan.id])) as { number: string | null }[]
              )[0]!.number,
            { timeout: 5_000 },
          )
          .toMatch(/^KCK\/\d{4}\/\d{6}$/);
      } finally {
        stop();
      }
    });
  });
});

// A database of its own: on the shared one, other files' processes number whatever is pending, and which run
// numbered a ticket would be up to them.
describe('numbering runs within one process', () => {
  let environment: IsolatedEnvironment;
  let db: DataSource;
  beforeAll(async () => {
    environment = await createIsolatedEnvironment('numbering_runs');
    db = createDataSource(environment.databaseUrl, 4);
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await environment?.drop();
  });

  const written = async (title: string) =>
    (
      await insertTicket(db, null, {
        type: 'problem',
        channel: 'web_form',
        categoryId: await routedCategory(db, 'ZDMK'),
        title,
        description: 'Test numeracji',
      })
    ).id;
  /** Counts the numbering runs made through `db` (every query still goes to PostgreSQL). */
  const countRuns = () => {
    const query = vi.spyOn(db, 'query');
    return {
      runs: () => query.mock.calls.filter(([sql]) => String(sql).includes('number_pending_tickets')).length,
      restore: () => query.mockRestore(),
    };
  };

  it("gives a request the number another request's run gave its ticket, with no run of its own", async () => {
    const id = await written('Ponumerowane przez cudzy przebieg');
    const numbered = await numberPendingTickets(db); // another request's run, begun after this ticket's commit
    const counter = countRuns();
    try {
      expect(await numberNewTicket(db, id)).toBe(numbered.get(id));
      expect(counter.runs()).toBe(0);
    } finally {
      counter.restore();
    }
  });

  it('makes no queued run when the run under way numbers every ticket waiting for it', async () => {
    const ids = await Promise.all([1, 2, 3].map((i) => written(`Czekające ${i}`)));
    const counter = countRuns();
    try {
      // A run under way that began after the three commits; their requests then ask for their numbers.
      const underWay = numberPendingTickets(db);
      const numbers = await Promise.all(ids.map((id) => numberNewTicket(db, id)));
      const numbered = await underWay;
      expect(numbers).toEqual(ids.map((id) => numbered.get(id)));
      expect(new Set(numbers).size).toBe(3);
      expect(counter.runs()).toBe(1);
    } finally {
      counter.restore();
    }
  });
});
