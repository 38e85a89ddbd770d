// Human ticket numbers, KCK/2026/000123: unique and gap-free per year, given in batches.
// A ticket is written without a number; numberPendingTickets then numbers every committed, unnumbered ticket at once.
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../platform/logger.ts';
import { resultRows, withPoolClient } from '../platform/db.ts';

/** The calendar year in Kraków (a ticket at 00:30 on 1 January belongs to the new year). */
const WARSAW_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' });

export function warsawYear(at: Date): number {
  return Number(WARSAW_YEAR.format(at));
}

/** Any constant; every process numbering tickets takes the same transaction-scoped advisory lock. */
const NUMBERING_LOCK = 731_004;

/**
 * One statement, one snapshot: numbers every unnumbered ticket in creation order, bumps each year's
 * counter by as many, and writes each ticket's `ticket.created` history event and outbox row. A ticket
 * therefore exists for routing and consoles only once it has its number. The outbox payload is built
 * here in SQL, matching DOMAIN_EVENTS['ticket.created'] ({ ticketId, seq }).
 */
const NUMBER_PENDING_SQL = `
  WITH pending AS (
    SELECT id, created_by, channel,
           extract(year FROM created_at AT TIME ZONE 'Europe/Warsaw')::int AS year,
           row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'Europe/Warsaw')
                              ORDER BY created_at, id) AS position
      FROM ticket WHERE number IS NULL
  ),
  per_year AS (SELECT year, count(*)::int AS taken FROM pending GROUP BY year),
  counter AS (
    INSERT INTO ticket_number_counter (year, last_value) SELECT year, taken FROM per_year
    ON CONFLICT (year) DO UPDATE SET last_value = ticket_number_counter.last_value + EXCLUDED.last_value
    RETURNING year, last_value
  ),
  numbered AS (
    UPDATE ticket t
       SET number = 'KCK/' || p.year || '/' || lpad((c.last_value - y.taken + p.position)::text, 6, '0')
      FROM pending p JOIN per_year y USING (year) JOIN counter c USING (year)
     WHERE t.id = p.id
    RETURNING t.id, t.number, t.created_by, t.channel, t.created_at
  ),
  events AS (
    INSERT INTO ticket_event (ticket_id, kind, actor_id, at, changes)
    SELECT id, 'ticket.created', created_by, created_at,
           jsonb_build_object('status', jsonb_build_object('from', null, 'to', 'new'),
                              'number', jsonb_build_object('from', null, 'to', number),
                              'channel', jsonb_build_object('from', null, 'to', channel))
      FROM numbered ORDER BY number
    RETURNING id, ticket_id
  )
  INSERT INTO outbox (event, payload)
  SELECT 'ticket.created', jsonb_build_object('ticketId', ticket_id, 'seq', id) FROM events ORDER BY id
  RETURNING payload->>'ticketId' AS ticket_id`;

/**
 * Numbers pending tickets inside the caller's transaction, for a command that must name the numbers of the
 * tickets it creates (a split lists its parts in its answer and history). The lock is held until that
 * transaction ends, and a rollback takes the numbers back with it, so numbering stays gap-free.
 */
export async function numberPendingTicketsIn(em: EntityManager): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock($1)`, [NUMBERING_LOCK]);
  await em.query(NUMBER_PENDING_SQL);
}

async function numberNow(db: DataSource): Promise<number> {
  // One round trip for the whole transaction. The lock is a statement of its own: the numbering statement
  // must take its snapshot after the lock is ours, or it would not see the numbers the previous holder
  // just committed.
  return withPoolClient(db, async (client) => {
    const result = await client.query(
      `BEGIN; SELECT pg_advisory_xact_lock(${NUMBERING_LOCK}); ${NUMBER_PENDING_SQL}; COMMIT`,
    );
    return resultRows(result, 2).length;
  });
}

interface NumberingRuns {
  running?: Promise<number>;
  queued?: Promise<number>;
}
const runsByDatabase = new WeakMap<DataSource, NumberingRuns>();

/**
 * Numbers every ticket committed before this call and still without one; resolves when that is done.
 * Within a process, callers share runs: while one run is under way, everyone who asks waits for the
 * single run queued after it, so under load one short transaction numbers many tickets. Across
 * processes the advisory lock takes turns. Resolves with how many tickets the run it waited for numbered.
 */
export function numberPendingTickets(db: DataSource): Promise<number> {
  const runs = runsByDatabase.get(db) ?? {};
  runsByDatabase.set(db, runs);
  const start = (): Promise<number> => {
    const run = numberNow(db).finally(() => {
      if (runs.running === run) runs.running = undefined;
    });
    runs.running = run;
    return run;
  };
  if (!runs.running) return start();
  // A run under way may have taken its snapshot before our commit: wait for the next one.
  runs.queued ??= runs.running
    .catch(() => 0)
    .then(() => {
      runs.queued = undefined;
      return start();
    });
  return runs.queued;
}

/**
 * A ticket whose request died between its commit and its numbering (a crash, a lost connection)
 * is numbered by this sweep, so it is never lost, only late.
 */
export function startNumberingSweep(db: DataSource, logger: Logger, intervalMs: number): () => void {
  const sweep = async () => {
    // Under load a run numbers tickets whose requests are still waiting for it: only older ones were left behind.
    const [left]: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM ticket WHERE number IS NULL AND created_at < now() - interval '5 seconds'`,
    );
    if (!left?.n) return;
    await numberPendingTickets(db);
    logger.warn({ count: left.n }, 'numbered tickets left without a number');
  };
  const timer = setInterval(() => {
    sweep().catch((err) => logger.error({ err }, 'ticket numbering sweep failed'));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
