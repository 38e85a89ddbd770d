// Prometheus metrics of one process (backend or worker): one registry per process, served at /metrics.
// Gauges that need PostgreSQL or Redis are read when Prometheus scrapes, never kept up to date by the code paths.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { Queue, Worker } from 'bullmq';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { SearchEngine } from '@kck/knowledge-base';
import type { Logger } from './logger.ts';
import { forbidden, unauthenticated } from './errors.ts';

/** A scrape must answer even while Redis or PostgreSQL hang: each read gives up after this. */
const SCRAPE_READ_TIMEOUT_MS = 2000;

const withTimeout = <T>(promise: Promise<T>, ms: number): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export class ProcessMetrics {
  readonly registry = new Registry();
  /** 1 when a scrape-time read (queues, outbox) failed on the last scrape; its gauges are then left out. */
  private readonly readFailed: Gauge<'source'>;
  /** Scrape-time reads under way, which the flag above waits for. */
  private readonly reads = new Set<Promise<void>>();

  constructor(
    processName: 'backend' | 'worker',
    private readonly logger?: Logger,
  ) {
    this.registry.setDefaultLabels({ process: processName });
    collectDefaultMetrics({ register: this.registry });
    this.readFailed = new Gauge({
      name: 'kck_metrics_read_failed',
      help: 'A metric source (queues, outbox) that could not be read on the last scrape (1) or could (0).',
      labelNames: ['source'],
      registers: [this.registry],
      collect: async () => {
        // Collected first (registered first): let the other gauges start their reads, then wait for them.
        await new Promise((resolve) => setImmediate(resolve));
        await Promise.all(this.reads);
      },
    });
  }

  /**
   * Times every HTTP request by its route pattern (`/api/tickets/:id`), never the URL itself: ids and
   * personal data must not become label values. Requests no route matched count as `(unmatched)`.
   */
  httpTimer(): RequestHandler {
    const histogram = new Histogram({
      name: 'kck_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status class, from arrival to the last byte sent.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    return (req, res, next) => {
      const end = histogram.startTimer();
      res.once('finish', () => {
        const pattern: unknown = (req.route as { path?: unknown } | undefined)?.path;
        const route = typeof pattern === 'string' ? req.baseUrl + pattern : pattern ? '(pattern)' : '(unmatched)';
        end({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` });
      });
      next();
    };
  }

  /** Waiting, active, delayed and failed jobs and the oldest waiting job's age, per queue, read at scrape time. */
  watchQueues(queues: Record<string, Queue>): void {
    const labelNames = ['queue', 'state'] as const;
    const read = this.reader('queues');
    new Gauge({
      name: 'kck_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed).',
      labelNames,
      registers: [this.registry],
      collect: async function () {
        this.reset();
        await read(async () => {
          for (const [name, queue] of Object.entries(queues)) {
            const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
            for (const state of ['waiting', 'active', 'delayed', 'failed'])
              this.set({ queue: name, state }, c[state] ?? 0);
          }
        });
      },
    });
    new Gauge({
      name: 'kck_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting in each queue (0 when none waits): a growing value means no worker takes jobs.',
      labelNames: ['queue'],
      registers: [this.registry],
      collect: async function () {
        this.reset();
        await read(async () => {
          for (const [name, queue] of Object.entries(queues)) {
            // Ascending: the job added first, which is the next one a worker takes.
            const [job] = await queue.getJobs(['wait'], 0, 0, true);
            this.set({ queue: name }, job ? Math.max(0, (Date.now() - job.timestamp) / 1000) : 0);
          }
        });
      },
    });
  }

  /** Rows the outbox relay has not moved to the queues yet, and the oldest one's age. */
  watchOutbox(db: DataSource): void {
    const read = this.reader('outbox');
    let last: { rows: number; age: number } | null = null;
    // Both gauges come from one query: the first of them collected in a scrape runs it, the other shares it.
    let pending: Promise<void> | undefined;
    const refresh = () =>
      (pending ??= (async () => {
        last = null;
        await read(async () => {
          const [row] = (await db.query(
            `SELECT count(*)::int AS rows, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
               FROM outbox WHERE published_at IS NULL`,
          )) as { rows: number; age: number }[];
          last = row ?? { rows: 0, age: 0 };
        });
      })().finally(() => setImmediate(() => (pending = undefined))));
    new Gauge({
      name: 'kck_outbox_unrelayed_rows',
      help: 'Outbox rows not yet moved to the queues.',
      registers: [this.registry],
      collect: async function () {
        this.reset();
        await refresh();
        if (last) this.set(last.rows);
      },
    });
    new Gauge({
      name: 'kck_outbox_lag_seconds',
      help: 'Age of the oldest outbox row not yet moved to the queues (0 when none waits).',
      registers: [this.registry],
      collect: async function () {
        this.reset();
        await refresh();
        if (last) this.set(last.age);
      },
    });
  }

  /** Socket.IO connections open on this process. */
  watchSockets(count: () => number): void {
    new Gauge({
      name: 'kck_socket_connections',
      help: 'Socket.IO connections (consoles) open on this process.',
      registers: [this.registry],
      collect() {
        this.set(count());
      },
    });
  }

  /** The same engine, counting which engine answered each search (`postgres` means Meilisearch failed over). */
  countSearches(engine: SearchEngine): SearchEngine {
    const answered = new Counter({
      name: 'kck_search_answered_total',
      help: 'Knowledge-base searches by the engine that answered (meilisearch, postgres, or none when both failed).',
      labelNames: ['engine'],
      registers: [this.registry],
    });
    return {
      name: engine.name,
      init: () => engine.init(),
      index: (docs) => engine.index(docs),
      remove: (ids) => engine.remove(ids),
      replaceAll: (docs) => engine.replaceAll(docs),
      setSynonyms: (groups) => engine.setSynonyms(groups),
      health: () => engine.health(),
      close: () => engine.close?.() ?? Promise.resolve(),
      search: async (query, options) => {
        try {
          const result = await engine.search(query, options);
          answered.inc({ engine: result.engine });
          return result;
        } catch (err) {
          answered.inc({ engine: 'none' });
          throw err;
        }
      },
    };
  }

  /** Jobs each BullMQ worker finished, by queue and outcome, and how long they took. */
  countJobs(workers: Worker[]): void {
    const finished = new Counter({
      name: 'kck_worker_jobs_total',
      help: 'Jobs this worker process finished, by queue and outcome (completed, failed: will retry, failed_final: gave up).',
      labelNames: ['queue', 'outcome'],
      registers: [this.registry],
    });
    const duration = new Histogram({
      name: 'kck_worker_job_duration_seconds',
      help: 'Time a job ran in this worker process, by queue.',
      labelNames: ['queue'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers: [this.registry],
    });
    for (const worker of workers) {
      worker.on('completed', (job) => {
        finished.inc({ queue: worker.name, outcome: 'completed' });
        if (job.processedOn && job.finishedOn)
          duration.observe({ queue: worker.name }, (job.finishedOn - job.processedOn) / 1000);
      });
      worker.on('failed', (job) => {
        finished.inc({ queue: worker.name, outcome: job?.finishedOn !== undefined ? 'failed_final' : 'failed' });
      });
    }
  }

  /** Prometheus' text format of everything registered. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * Runs a scrape-time read with a time limit. A failure is logged and flagged in kck_metrics_read_failed but
   * never fails the scrape; the gauges it feeds stay empty rather than showing stale or made-up values.
   */
  private reader(source: string) {
    return (work: () => Promise<void>): Promise<void> => {
      const read = withTimeout(work(), SCRAPE_READ_TIMEOUT_MS).then(
        () => void this.readFailed.set({ source }, 0),
        (err: unknown) => {
          this.readFailed.set({ source }, 1);
          this.logger?.warn({ source, err: String(err) }, 'metrics source not read');
        },
      );
      this.reads.add(read);
      return read.finally(() => this.reads.delete(read));
    };
  }
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics. With METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`. Without it: only
 * connections from the loopback interface, judged by the socket's own address (X-Forwarded-For is never trusted here).
 */
export function metricsAllowed(req: IncomingMessage, token: string): boolean {
  if (!token) return LOOPBACK.has(req.socket.remoteAddress ?? '');
  const header = req.headers.authorization ?? '';
  const given = Buffer.from(header.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** GET /metrics for Express: 401/403 in the API's error shape when not allowed, else the text format. */
export function metricsHandler(metrics: ProcessMetrics, token: string): RequestHandler {
  return (req, res, next) => {
    if (!metricsAllowed(req, token)) {
      next(
        token
          ? unauthenticated('Metrics need Authorization: Bearer <METRICS_TOKEN>')
          : forbidden('Metrics answer only on the loopback interface while METRICS_TOKEN is not set'),
      );
      return;
    }
    metrics
      .text()
      .then((text) => {
        res.setHeader('Content-Type', metrics.registry.contentType);
        res.setHeader('Cache-Control', 'no-store');
        res.send(text);
      })
      .catch(next);
  };
}
