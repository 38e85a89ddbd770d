// Moves committed outbox rows onto their BullMQ queues and fans them out to the consoles. Woken by
// LISTEN/NOTIFY, polling as a backup; rows are claimed with SKIP LOCKED, so backend processes share the work.
import pg from 'pg';
import {
  EVENT_TARGETS,
  JOB_NAMES,
  outboxJobId,
  type DomainEventName,
  type OutboxJob,
  type QueueName,
} from '@kck/contracts';
import type { Logger } from '../logger.ts';
import type { Queues } from '../queues.ts';

const BATCH = 200;

export interface OutboxRow {
  id: string;
  event: DomainEventName;
  payload: Record<string, unknown>;
  /** What RelayOptions.facts found out about the row; null when it found nothing. */
  facts: Record<string, unknown> | null;
}

/**
 * Whether a queue's consumer would only look at this row's job and drop it (a ticket routed to a unit
 * without its own system needs no delivery job). Decided from the row's facts, read with the batch itself;
 * the consumers still check everything themselves.
 */
export type SkipFilter = (row: OutboxRow) => boolean;

export interface RelayOptions {
  databaseUrl: string;
  pollMs: number;
  /** Sends a batch's events to the consoles (Socket.IO): the events EVENT_TARGETS sends to `consoles`. */
  fanOut?: (jobs: OutboxJob[]) => Promise<void>;
  /** A LATERAL subquery on the outbox row `o` whose one row becomes OutboxRow.facts (see relay-skips.ts). */
  facts?: string;
  skip?: Partial<Record<QueueName, SkipFilter>>;
}

/**
 * The relay works on a connection of its own, outside the pool and TypeORM: it LISTENs there, and sends a
 * pass in three round trips (BEGIN; the claim; then stamp: UPDATE, COMMIT) where the pool's transaction API
 * needed five. At a few rows a pass, these statements were a fifth of the backend's queries.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private connection: pg.Client | undefined;
  private running: Promise<void> | undefined;
  /** Passes run one after the other: they share the connection and its transaction. */
  private pass: Promise<unknown> = Promise.resolve();
  private again = false;
  private started = false;
  private stopped = false;
  private redisWasDown = false;

  constructor(
    private readonly queues: Queues,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    this.started = true;
    await this.connect();
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.started = false;
    await this.running;
    await this.pass;
    const connection = this.connection;
    this.connection = undefined;
    await connection?.end().catch(() => undefined);
  }

  /** Runs one pass now, or right after the current one. */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err) => this.logger.error({ err }, 'outbox relay pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** Publishes until the outbox is empty or Redis refuses; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < BATCH) return total;
    }
  }

  private publishBatch(): Promise<number> {
    const pass = this.pass.then(() => this.claimAndPublish());
    this.pass = pass.catch(() => undefined);
    return pass;
  }

  private async claimAndPublish(): Promise<number> {
    const connection = await this.connect();
    const facts = this.options.facts;
    try {
      // A failure here (or below) rolls back: a transaction left open in error would refuse every later pass.
      // The claim is a prepared statement of this connection: planning it (its facts join four tables) cost more
      // than the extra round trip BEGIN takes on its own.
      await connection.query('BEGIN');
      const claimed = await connection.query<OutboxRow>({
        name: 'kck_outbox_claim',
        text: `SELECT o.id, o.event, o.payload, ${facts ? 'to_jsonb(facts)' : 'NULL'} AS facts
                 FROM outbox o ${facts ? `LEFT JOIN LATERAL (${facts}) facts ON true` : ''}
                WHERE o.published_at IS NULL ORDER BY o.id LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        values: [BATCH],
      });
      const rows = claimed.rows;
      if (rows.length === 0) {
        await connection.query('COMMIT');
        return 0;
      }
      // One bulk add per queue: a round trip per queue instead of one per row.
      const byQueue = new Map<QueueName, { name: string; data: OutboxJob; opts: { jobId: string } }[]>();
      const toConsoles: OutboxJob[] = [];
      for (const row of rows) {
        const job: OutboxJob = { outboxId: String(row.id), event: row.event, payload: row.payload };
        for (const target of EVENT_TARGETS[row.event] ?? []) {
          if (target === 'consoles') {
            toConsoles.push(job);
            continue;
          }
          if (this.options.skip?.[target]?.(row)) continue;
          const jobs = byQueue.get(target) ?? [];
          jobs.push({ name: JOB_NAMES[target], data: job, opts: { jobId: outboxJobId(job.outboxId) } });
          byQueue.set(target, jobs);
        }
      }
      try {
        await Promise.all([...byQueue].map(([queue, jobs]) => this.queues[queue].addBulk(jobs)));
      } catch (err) {
        // Redis is unreachable: leave the rows for the next pass; nothing is lost.
        if (!this.redisWasDown)
          this.logger.warn({ err: String(err) }, 'outbox relay cannot reach Redis; events wait in PostgreSQL');
        this.redisWasDown = true;
        await connection.query('ROLLBACK');
        return 0;
      }
      // Before the rows are stamped: a relay that dies here sends them again (at least once, like the jobs).
      await this.sendToConsoles(toConsoles);
      if (this.redisWasDown) this.logger.info('outbox relay reaches Redis again');
      this.redisWasDown = false;
      // The ids are the database's own bigints, so they can go in the text: a parameter would need a third trip.
      const ids = rows.map((r) => String(r.id));
      if (!ids.every((id) => /^\d+$/.test(id))) throw new Error(`outbox ids must be integers: ${ids.join(',')}`);
      await connection.query(
        `UPDATE outbox SET published_at = now() WHERE id = ANY('{${ids.join(',')}}'::bigint[]); COMMIT`,
      );
      return rows.length;
    } catch (err) {
      await connection.query('ROLLBACK').catch(() => this.drop(connection));
      throw err;
    }
  }

  /** Consoles that miss a message catch up through GET /api/events: a failure is logged, never holds up the outbox. */
  private async sendToConsoles(jobs: OutboxJob[]): Promise<void> {
    if (!this.options.fanOut || jobs.length === 0) return;
    await this.options.fanOut(jobs).catch((err) => this.logger.warn({ err: String(err) }, 'console fan-out failed'));
  }

  /** The relay's connection, opened again after a loss (the poll timer keeps passes coming meanwhile). */
  private async connect(): Promise<pg.Client> {
    if (this.connection) return this.connection;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'kck-outbox-relay' });
    client.on('notification', () => this.wake());
    client.on('error', (err) => {
      this.logger.warn({ err: String(err) }, 'outbox relay connection lost; opening a new one on the next pass');
      this.drop(client);
    });
    await client.connect();
    // Only the `published_at` stamps are written on this connection: if a crash loses them, the rows are published
    // again, which job ids and consoles absorb. So its commits need not wait for the disk, unlike the ticket's own.
    await client.query('SET synchronous_commit = off');
    if (this.started) await client.query('LISTEN kck_outbox');
    this.connection = client;
    return client;
  }

  private drop(client: pg.Client): void {
    if (this.connection === client) this.connection = undefined;
    client.end().catch(() => undefined);
  }
}
