// Human ticket numbers, KCK/2026/000123: unique and gap-free per year, given in batches.
// A ticket is written without a number; numberPendingTickets then numbers every committed, unnumbered ticket at once.
import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../platform/logger.ts';

/** The calendar year in Kraków (a ticket at 00:30 on 1 January belongs to the new year). */
const WARSAW_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Warsaw', year: 'numeric' });

export function warsawYear(at: Date): number {
  return Number(WARSAW_YEAR.format(at));
}

/**
 * Numbers every unnumbered ticket in creation order under a transaction-scoped advisory lock, and writes each
 * ticket's `ticket.created` history event and outbox row: the database function `number_pending_tickets()`
 * (migration 1763800000400). A ticket therefore exists for routing and consoles only once it has its number.
 * A function, not a query sent each time: one statement instead of four, and PostgreSQL keeps its plan for the
 * connection (planning the query took longer than running it). Answers the tickets it numbered, with their numbers.
 */
const NUMBER_PENDING = `SELECT ticket_id, number FROM number_pending_tickets()`;

/** The numbers one numbering run gave, by ticket id. */
export type NumberedTickets = ReadonlyMap<string, string>;

/**
 * Numbers pending tickets inside the caller's transaction, for a command that must name the numbers of the
 * tickets it creates (a split lists its parts in its answer and history). The lock is held until that
 * transaction ends, and a rollback takes the numbers back with it, so numbering stays gap-free.
 */
export async function numberPendingTicketsIn(em: EntityManager): Promise<void> {
  await em.query(NUMBER_PENDING);
}

/** Alone, the statement is its own transaction: the lock ends with it. */
async function numberNow(db: DataSource): Promise<NumberedTickets> {
  const rows: { ticket_id: string; number: string }[] = await db.query(NUMBER_PENDING);
  return new Map(rows.map((row) => [row.ticket_id, row.number]));
}

interface NumberingRuns {
  running?: Promise<NumberedTickets>;
  queued?: Promise<NumberedTickets>;
  /**
   * The tickets whose requests wait for the queued run (numberNewTicket); null when some caller waits for a run
   * whatever it numbers. If the run under way numbers all of them, the queued run is not needed and not made.
   */
  queuedFor?: Set<string> | null;
  /** What the runs numbered lately, until the ticket's request takes it (or for a minute): see numberNewTicket. */
  recent: Map<string, { number: string; at: number }>;
}
const runsByDatabase = new WeakMap<DataSource, NumberingRuns>();
const RECENT_MS = 60_000;

function runsOf(db: DataSource): NumberingRuns {
  let runs = runsByDatabase.get(db);
  if (!runs) runsByDatabase.set(db, (runs = { recent: new Map() }));
  return runs;
}

/** The number a run gave this ticket, once: the entry is for the ticket's own request. */
function takeRecent(runs: NumberingRuns, ticketId: string): string | undefined {
  const entry = runs.recent.get(ticketId);
  runs.recent.delete(ticketId);
  return entry?.number;
}

function remember(runs: NumberingRuns, numbered: NumberedTickets): void {
  const now = Date.now();
  for (const [ticketId, number] of numbered) runs.recent.set(ticketId, { number, at: now });
  // Oldest first (a Map keeps insertion order): entries no request took, e.g. of tickets a batch caller numbered.
  for (const [ticketId, entry] of runs.recent) {
    if (now - entry.at < RECENT_MS) break;
    runs.recent.delete(ticketId);
  }
}

/**
 * Numbers every ticket committed before this call and still without one; resolves when that is done.
 * Within a process, callers share runs: while one run is under way, everyone who asks waits for the
 * single run queued after it, so under load one short transaction numbers many tickets. Across
 * processes the advisory lock takes turns. Resolves with the numbers the run it waited for gave: a caller's
 * ticket committed before the call is among them, unless another run numbered it first (in this process, the run
 * that was under way, when it began after the ticket's commit; or another process's).
 *
 * `forTicket`: the caller waits only for that ticket's number, so a queued run whose tickets the run under way
 * numbered all is not made.
 */
export function numberPendingTickets(db: DataSource, forTicket?: string): Promise<NumberedTickets> {
  const runs = runsOf(db);
  const start = (): Promise<NumberedTickets> => {
    const run = numberNow(db)
      .then((numbered) => {
        remember(runs, numbered);
        return numbered;
      })
      .finally(() => {
        if (runs.running === run) runs.running = undefined;
      });
    runs.running = run;
    return run;
  };
  if (!runs.running) return start();
  // A run under way may have taken its snapshot before our commit: wait for the next one.
  if (runs.queued) {
    if (forTicket && runs.queuedFor) runs.queuedFor.add(forTicket);
    else runs.queuedFor = null;
    return runs.queued;
  }
  runs.queuedFor = forTicket ? new Set([forTicket]) : null;
  runs.queued = runs.running
    .catch(() => new Map())
    .then(() => {
      const waitingFor = runs.queuedFor;
      runs.queued = undefined;
      runs.queuedFor = undefined;
      if (waitingFor && [...waitingFor].every((ticketId) => runs.recent.has(ticketId))) return new Map();
      return start();
    });
  return runs.queued;
}

/**
 * For a request that just committed a ticket: numbers the pending tickets and answers this one's number. Under
 * load another request's run often began after this ticket's commit and numbered it already; its number is then
 * taken from what that run answered, with no run of its own. Read from the table when another process numbered
 * it. Null only if it still has none.
 */
export async function numberNewTicket(db: DataSource, ticketId: string): Promise<string | null> {
  const runs = runsOf(db);
  const known = takeRecent(runs, ticketId);
  if (known) return known;
  await numberPendingTickets(db, ticketId);
  const number = takeRecent(runs, ticketId);
  if (number) return number;
  const rows: { number: string | null }[] = await db.query(`SELECT number FROM ticket WHERE id = $1`, [ticketId]);
  return rows[0]?.number ?? null;
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
