// The knowledge-base search log: what agents searched for, how many hits they got, and which article they opened.
// Searches are written in batches after the answer (the search route is latency-bound); the gaps report reads them.
import type { DataSource } from 'typeorm';
import type { KnowledgeGapsDto } from '@kck/contracts';
import type { Logger } from '../platform/logger.ts';
import { badField, notFound } from '../platform/errors.ts';
import { warsawDate } from './search-document.ts';

export interface SearchLogEntry {
  /** The searchId the client got. */
  id: string;
  at: Date;
  userId: string | null;
  query: string;
  resultsCount: number;
  engine: string;
  filters: Record<string, unknown>;
}

export interface SearchLogOptions {
  /** A batch is written at the latest this long after its first entry. */
  flushMs?: number;
  /** …or as soon as it holds this many entries. */
  maxEntries?: number;
}

// One statement for the whole batch. A choice may have arrived first (another process, or a flush that failed) and
// left a row without its search: the batch fills that row in and keeps the choice.
const INSERT_BATCH = `
  INSERT INTO knowledge_search (id, at, user_id, query, results_count, engine, filters)
  SELECT x.id, x.at, x.user_id, x.query, x.results_count, x.engine, coalesce(x.filters, '{}')
    FROM jsonb_to_recordset($1::jsonb) AS x(
      id uuid, at timestamptz, user_id uuid, query text, results_count integer, engine text, filters jsonb)
  ON CONFLICT (id) DO UPDATE SET at = EXCLUDED.at, query = EXCLUDED.query, results_count = EXCLUDED.results_count,
    engine = EXCLUDED.engine, filters = EXCLUDED.filters, user_id = coalesce(knowledge_search.user_id, EXCLUDED.user_id)`;

const MAX_BUFFERED = 20_000;

/**
 * Buffers log entries and writes them in one INSERT every `flushMs` (200 ms) or `maxEntries` (200), and on close.
 * A failed write is logged and tried once more; it never reaches the agent who searched. Entries of a batch that
 * fails twice are dropped (and counted in the log line): the log is for editors' statistics, not an audit trail.
 */
export class SearchLog {
  private buffer: SearchLogEntry[] = [];
  private dropped = 0;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly maxEntries: number;

  constructor(
    private readonly db: DataSource,
    private readonly logger: Logger,
    options: SearchLogOptions = {},
  ) {
    this.flushMs = options.flushMs ?? 200;
    this.maxEntries = options.maxEntries ?? 200;
  }

  record(entry: SearchLogEntry): void {
    // A database that hangs rather than fails would let unwritten batches pile up; the log is not worth the memory.
    if (this.pending.size >= MAX_BUFFERED) {
      this.dropped++;
      if (this.dropped % 1_000 === 1) this.logger.error({ dropped: this.dropped }, 'search log buffer full; dropping');
      return;
    }
    this.buffer.push(entry);
    this.pending.add(entry.id);
    if (this.buffer.length >= this.maxEntries) void this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref();
    }
  }

  /** True while the entry waits in this process's buffer or is being written. */
  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  /** Writes what is buffered now; resolves when it and every earlier batch are written (or given up). Never throws. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  /** Flushes on shutdown. */
  close(): Promise<void> {
    return this.flush();
  }

  private async write(batch: SearchLogEntry[]): Promise<void> {
    if (batch.length === 0) return;
    const records = JSON.stringify(
      batch.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        user_id: e.userId,
        query: e.query,
        results_count: e.resultsCount,
        engine: e.engine,
        filters: e.filters,
      })),
    );
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await this.db.query(INSERT_BATCH, [records]);
          return;
        } catch (err) {
          if (attempt >= 2) {
            this.logger.error({ err: String(err), dropped: batch.length }, 'search log batch not written; dropped');
            return;
          }
          this.logger.warn({ err: String(err), entries: batch.length }, 'search log batch not written; retrying once');
          await new Promise((resolve) => setTimeout(resolve, this.flushMs));
        }
      }
    } finally {
      for (const e of batch) this.pending.delete(e.id);
    }
  }
}

/**
 * Records the article the agent opened from a search. Works before the search's batch is written: a search still
 * in this process's buffer is flushed first, and one unknown here (another process's, not yet written) gets its row
 * now, which the batch then fills in. Only the person who searched may record the choice.
 */
export async function recordSearchChoice(
  db: DataSource,
  log: SearchLog,
  actorId: string,
  searchId: string,
  articleId: string,
): Promise<void> {
  if (log.isPending(searchId)) await log.flush();
  const article: unknown[] = await db.query(`SELECT 1 FROM article WHERE id = $1`, [articleId]);
  if (article.length === 0) throw badField('articleId', 'no article has this id');
  const rows: unknown[] = await db.query(
    `INSERT INTO knowledge_search (id, user_id, query, chosen_article_id, chosen_at) VALUES ($1, $2, '', $3, now())
     ON CONFLICT (id) DO UPDATE SET chosen_article_id = EXCLUDED.chosen_article_id, chosen_at = now()
       WHERE knowledge_search.user_id IS NOT DISTINCT FROM EXCLUDED.user_id
     RETURNING id`,
    [searchId, actorId, articleId],
  );
  if (rows.length === 0) throw notFound('Search');
}

const DAY_MS = 86_400_000;
/** `column` falls on the days $1…$2 (dates in Kraków). */
const inPeriod = (column: string) =>
  `${column} >= ($1::date::timestamp AT TIME ZONE 'Europe/Warsaw')
   AND ${column} < (($2::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw')`;
const DEFAULT_PERIOD_DAYS = 30;

/** Zero-result queries (grouped by their folded form: case, Polish letters and punctuation aside) and top articles. */
export async function knowledgeGaps(
  db: DataSource,
  log: SearchLog,
  query: { from?: string; to?: string; limit: number },
): Promise<KnowledgeGapsDto> {
  const to = query.to ?? warsawDate();
  const from = query.from ?? warsawDate(new Date(Date.parse(`${to}T12:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
  if (from > to) throw badField('from', 'from must not be after to');
  // The report should include the searches of the last 200 ms too.
  await log.flush();
  const [counts]: { searches: number; zero: number }[] = await db.query(
    `SELECT count(*) FILTER (WHERE results_count IS NOT NULL)::int AS searches,
            count(*) FILTER (WHERE results_count = 0)::int AS zero
       FROM knowledge_search WHERE ${inPeriod('at')}`,
    [from, to],
  );
  const zero: { query: string; count: number; last_at: Date }[] = await db.query(
    `SELECT mode() WITHIN GROUP (ORDER BY lower(regexp_replace(btrim(query), '\\s+', ' ', 'g'))) AS query,
            count(*)::int AS count, max(at) AS last_at
       FROM knowledge_search
      WHERE results_count = 0 AND ${inPeriod('at')}
      GROUP BY kb_fold(query)
      ORDER BY count DESC, last_at DESC
      LIMIT $3`,
    [from, to, query.limit],
  );
  // Only choices whose search was logged: a choice for a searchId no search ever had does not count.
  const top: { article_id: string; title: string; chosen: number }[] = await db.query(
    `SELECT s.chosen_article_id AS article_id, a.title, count(*)::int AS chosen
       FROM knowledge_search s JOIN article a ON a.id = s.chosen_article_id
      WHERE ${inPeriod('s.at')} AND s.results_count IS NOT NULL
      GROUP BY s.chosen_article_id, a.title
      ORDER BY chosen DESC, a.title
      LIMIT $3`,
    [from, to, query.limit],
  );
  return {
    from,
    to,
    searches: counts?.searches ?? 0,
    zeroResultSearches: counts?.zero ?? 0,
    zeroResultQueries: zero.map((r) => ({ query: r.query, count: r.count, lastAt: r.last_at.toISOString() })),
    topArticles: top.map((r) => ({ articleId: r.article_id, title: r.title, chosen: r.chosen })),
  };
}
