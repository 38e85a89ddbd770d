// Moves committed outbox rows onto their BullMQ queues and fans them out to the consoles. Woken by
// LISTEN/NOTIFY, polling as a backup; rows are claimed with SKIP LOCKED, so backend processes share the work.
import type { DataSource, EntityManager } from 'typeorm';
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
}

/**
 * For one batch, the ids of the rows whose job a queue's consumer would only look at and drop (a ticket
 * routed to a unit without its own system needs no delivery job). One query per batch instead of a job
 * per row; the consumers still check everything themselves.
 */
export type SkipFilter = (em: EntityManager, rows: OutboxRow[]) => Promise<Set<string>>;

export interface RelayOptions {
  databaseUrl: string;
  pollMs: number;
  /** Sends an event to the consoles (Socket.IO); the events EVENT_TARGETS sends to `consoles`. */
  fanOut?: (job: OutboxJob) => Promise<void>;
  skip?: Partial<Record<QueueName, SkipFilter>>;
}

export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private redisWasDown = false;

  constructor(
    private readonly db: DataSource,
    private readonly queues: Queues,
    private readonly logger: Logger,
    private readonly options: RelayOptions,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.wake(), this.options.pollMs);
    this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
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

  private async publishBatch(): Promise<number> {
    return this.db.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, event, payload FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      // Only the `published_at` stamps are written here: if a crash loses them, the rows are published again,
      // which job ids and consoles absorb. So this commit need not wait for the disk, unlike the ticket's own.
      await em.query(`SET LOCAL synchronous_commit = off`);
      const skipped = new Map<QueueName, Set<string>>();
      for (const [queue, filter] of Object.entries(this.options.skip ?? {}) as [QueueName, SkipFilter][]) {
        const candidates = rows.filter((row) => EVENT_TARGETS[row.event].includes(queue));
        if (candidates.length > 0) skipped.set(queue, await filter(em, candidates));
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
          if (skipped.get(target)?.has(String(row.id))) continue;
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
        return 0;
      }
      // Before the rows are stamped: a relay that dies here sends them again (at least once, like the jobs).
      await this.sendToConsoles(toConsoles);
      if (this.redisWasDown) this.logger.info('outbox relay reaches Redis again');
      this.redisWasDown = false;
      await em.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** A message that cannot be built (the ticket is gone) is logged, never allowed to hold up the outbox. */
  private async sendToConsoles(jobs: OutboxJob[]): Promise<void> {
    const fanOut = this.options.fanOut;
    if (!fanOut) return;
    await Promise.all(
      jobs.map((job) =>
        fanOut(job).catch((err) =>
          this.logger.warn({ err: String(err), event: job.event, outboxId: job.outboxId }, 'console fan-out failed'),
        ),
      ),
    );
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    client.on('notification', () => this.wake());
    // A lost LISTEN connection is not fatal: polling continues; reconnect on the next start.
    client.on('error', (err) => this.logger.warn({ err: String(err) }, 'outbox LISTEN connection lost; polling only'));
    await client.connect();
    await client.query('LISTEN kck_outbox');
    this.listener = client;
  }
}
