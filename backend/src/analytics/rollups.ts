// Keeps the rollup tables (migration 1763800000300) in line with the raw tables, so that figures over two years
// read a few thousand rows instead of millions. A refresh recomputes whole local days, which makes it idempotent.
import type { DataSource, EntityManager } from 'typeorm';

/** Local days are Kraków's: a call at 00:30 on 1 May counts on 1 May, whatever the server's time zone. */
export const ANALYTICS_TIME_ZONE = 'Europe/Warsaw';

/**
 * Ticket-event ids are taken from a sequence before commit, so a slow transaction can commit an id lower than one
 * already read. Each refresh re-reads the events of at least the last MARGIN; recomputing a day twice is harmless.
 */
const EVENT_MARGIN_MS = 2 * 60_000;

/** Any number: only one refresh runs at a time across workers (the job scheduler already makes that rare). */
const REFRESH_LOCK = 7_263_001;

export interface RefreshResult {
  full: boolean;
  /** Whether anything the rollups read changed since the previous refresh (so consoles need to refetch). */
  changed: boolean;
  ticketDays: number;
  callDays: number;
  ms: number;
  refreshedAt: string;
}

interface StateRow {
  signature: string;
  scan_from_event_id: string;
  next_scan_from_event_id: string;
  next_scan_from_since: Date;
}

const dayStart = (dayParam: string) => `(${dayParam}::date::timestamp AT TIME ZONE '${ANALYTICS_TIME_ZONE}')`;
const dayEnd = (dayParam: string) => `((${dayParam}::date + 1)::timestamp AT TIME ZONE '${ANALYTICS_TIME_ZONE}')`;
const localDay = (column: string) => `(${column} AT TIME ZONE '${ANALYTICS_TIME_ZONE}')::date`;

/**
 * Brings the rollups up to date: every day on which a ticket written that day has changed since the last refresh,
 * and always today and yesterday for calls and searches (a call is recorded within minutes of ending). The first
 * refresh, or `full`, rebuilds everything. Runs in one transaction: readers see the old figures or the new ones.
 */
export async function refreshRollups(db: DataSource, options: { full?: boolean } = {}): Promise<RefreshResult> {
  const started = Date.now();
  return db.transaction(async (em) => {
    await em.query(`SELECT pg_advisory_xact_lock($1)`, [REFRESH_LOCK]);
    const [state] = (await em.query(
      `SELECT scan_from_event_id, next_scan_from_event_id, next_scan_from_since, signature
         FROM rollup_state WHERE name = 'main'`,
    )) as StateRow[];
    const [position] = (await em.query(
      `SELECT (SELECT coalesce(max(id), 0) FROM ticket_event)::text AS max_event_id,
              to_char(${localDay('now()')}, 'YYYY-MM-DD') AS today,
              concat_ws('/', (SELECT coalesce(max(id), 0) FROM ticket_event),
                        (SELECT count(*) || ':' || coalesce(max(greatest(started_at, answered_at, ended_at, recorded_at)), 'epoch')
                           FROM interaction WHERE started_at >= now() - interval '2 days'),
                        (SELECT count(*) || ':' || count(results_count) FROM knowledge_search
                          WHERE at >= now() - interval '2 days')) AS signature`,
    )) as { max_event_id: string; today: string; signature: string }[];
    const { max_event_id: maxEventId, today, signature } = position!;
    const full = options.full === true || !state;
    // The planner cannot see that a day holds a few thousand rows, so it would compile each statement (JIT, about half
    // a second apiece); for a few days that costs more than the work.
    if (!full) await em.query(`SET LOCAL jit = off`);

    let ticketDays: string[];
    let callDays: string[];
    if (full) {
      ticketDays = await allDays(em, 'ticket', 'created_at');
      callDays = [
        ...new Set([
          ...(await allDays(em, 'interaction', 'started_at')),
          ...(await allDays(em, 'knowledge_search', 'at')),
        ]),
      ];
    } else {
      const recentDays = [today, previousDay(today)];
      const changed = (await em.query(
        `SELECT DISTINCT to_char(${localDay('t.created_at')}, 'YYYY-MM-DD') AS day
           FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id
          WHERE e.id > $1`,
        [state.scan_from_event_id],
      )) as { day: string }[];
      ticketDays = [...new Set([...recentDays, ...changed.map((r) => r.day)])];
      callDays = recentDays;
    }

    await recomputeTicketDays(em, ticketDays, full);
    await recomputeCallDays(em, callDays, full);
    await recomputeMonths(em, ticketDays, callDays, full);
    // After a rebuild the planner's row counts are stale: the first long-period figures would pick poor plans.
    if (full) await em.query(`ANALYZE rollup_ticket_day, rollup_ticket_month, rollup_call_hour, rollup_call_month`);
    await recomputeKnowledgeDays(em, callDays, full);

    // Move the scan start forward only to an id read at least EVENT_MARGIN_MS ago (see EVENT_MARGIN_MS).
    const now = new Date();
    let scanFrom = state?.scan_from_event_id ?? maxEventId;
    let nextFrom = state?.next_scan_from_event_id ?? maxEventId;
    let nextSince = state?.next_scan_from_since ?? now;
    if (full) [scanFrom, nextFrom, nextSince] = [maxEventId, maxEventId, now];
    else if (now.getTime() - new Date(nextSince).getTime() >= EVENT_MARGIN_MS)
      [scanFrom, nextFrom, nextSince] = [nextFrom, maxEventId, now];
    await em.query(
      `INSERT INTO rollup_state (name, refreshed_at, scan_from_event_id, next_scan_from_event_id, next_scan_from_since,
                                 signature)
       VALUES ('main', $1, $2, $3, $4, $5)
       ON CONFLICT (name) DO UPDATE SET refreshed_at = $1, scan_from_event_id = $2, next_scan_from_event_id = $3,
                                        next_scan_from_since = $4, signature = $5`,
      [now, scanFrom, nextFrom, nextSince, signature],
    );
    return {
      full,
      changed: full || signature !== state.signature,
      ticketDays: ticketDays.length,
      callDays: callDays.length,
      ms: Date.now() - started,
      refreshedAt: now.toISOString(),
    };
  });
}

/** When the rollups were last brought up to date, or null before the first refresh. */
export async function rollupsRefreshedAt(db: DataSource | EntityManager): Promise<string | null> {
  const rows = (await db.query(`SELECT refreshed_at FROM rollup_state WHERE name = 'main'`)) as {
    refreshed_at: Date;
  }[];
  return rows[0] ? new Date(rows[0].refreshed_at).toISOString() : null;
}

function previousDay(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

async function allDays(em: EntityManager, table: string, column: string): Promise<string[]> {
  const rows = (await em.query(
    `SELECT to_char(d, 'YYYY-MM-DD') AS day
       FROM (SELECT min(${localDay(column)}) AS first, max(${localDay(column)}) AS last FROM ${table}) span,
            generate_series(span.first, span.last, interval '1 day') AS d
      WHERE span.first IS NOT NULL`,
  )) as { day: string }[];
  return rows.map((r) => r.day);
}

/**
 * Replaces the given days' rows. A full rebuild truncates first and reads the events of all tickets in one pass
 * (a hash join over ticket_event); a few days look up each ticket's events through the (ticket_id, id) index.
 */
async function recomputeTicketDays(em: EntityManager, days: string[], full: boolean): Promise<void> {
  if (days.length === 0) return;
  if (full) await em.query(`TRUNCATE rollup_ticket_day`);
  else await em.query(`DELETE FROM rollup_ticket_day WHERE day = ANY($1::date[])`, [days]);
  // Time to resolve runs to the last resolution (a reopened ticket resolved again took that long); a ticket counts
  // as resolved while it is resolved or closed with a resolution, so a reopened one is open again.
  const milestones = full
    ? `LEFT JOIN (SELECT ticket_id,
                         min(at) FILTER (WHERE kind = 'ticket.routed') AS routed_at,
                         max(at) FILTER (WHERE kind IN ('ticket.resolved', 'ticket.idea_decided')) AS resolved_at
                    FROM ticket_event WHERE kind IN ('ticket.routed', 'ticket.resolved', 'ticket.idea_decided')
                   GROUP BY ticket_id) m ON m.ticket_id = t.id`
    : `LEFT JOIN LATERAL (SELECT min(at) FILTER (WHERE kind = 'ticket.routed') AS routed_at,
                                 max(at) FILTER (WHERE kind IN ('ticket.resolved', 'ticket.idea_decided')) AS resolved_at
                            FROM ticket_event WHERE ticket_id = t.id) m ON true`;
  const which = full
    ? ''
    : `JOIN unnest($1::date[]) AS d(day) ON t.created_at >= ${dayStart('d.day')} AND t.created_at < ${dayEnd('d.day')}`;
  await em.query(
    `INSERT INTO rollup_ticket_day (day, channel, type, category_id, unit_id, district_id, status, priority,
                                    closure_reason_id, tickets, routed, route_seconds, resolved, resolve_seconds,
                                    with_deadline, deadline_kept, duplicates)
     SELECT day, channel, type, category_id, unit_id, district_id, status, priority, closure_reason_id,
            count(*),
            count(routed_at),
            coalesce(sum(extract(epoch FROM routed_at - created_at)), 0),
            count(*) FILTER (WHERE is_resolved),
            coalesce(sum(extract(epoch FROM resolved_at - created_at)) FILTER (WHERE is_resolved), 0),
            count(*) FILTER (WHERE is_resolved AND due_at IS NOT NULL),
            count(*) FILTER (WHERE is_resolved AND resolved_at <= due_at),
            count(*) FILTER (WHERE status = 'duplicate')
       FROM (SELECT ${localDay('t.created_at')} AS day, t.channel, t.type, t.category_id, t.unit_id, t.district_id,
                    t.status, t.priority, t.closure_reason_id, t.created_at, t.due_at, m.routed_at, m.resolved_at,
                    (t.status IN ('resolved', 'closed') AND m.resolved_at IS NOT NULL) AS is_resolved
               FROM ticket t ${which} ${milestones}) facts
      GROUP BY day, channel, type, category_id, unit_id, district_id, status, priority, closure_reason_id
      ORDER BY day`,
    full ? [] : [days],
  );
}

async function recomputeCallDays(em: EntityManager, days: string[], full: boolean): Promise<void> {
  if (days.length === 0) return;
  if (full) await em.query(`TRUNCATE rollup_call_hour`);
  else await em.query(`DELETE FROM rollup_call_hour WHERE day = ANY($1::date[])`, [days]);
  const which = full
    ? ''
    : `JOIN unnest($1::date[]) AS d(day) ON i.started_at >= ${dayStart('d.day')} AND i.started_at < ${dayEnd('d.day')}`;
  await em.query(
    `INSERT INTO rollup_call_hour (day, hour, topic_id, outcome, direction, calls, answered, missed, talked, talk_seconds,
                                   wrapped, wrap_seconds, information_only, with_ticket)
     SELECT ${localDay('i.started_at')},
            extract(hour FROM i.started_at AT TIME ZONE '${ANALYTICS_TIME_ZONE}')::smallint,
            i.topic_id, i.outcome, i.direction,
            count(*),
            count(i.answered_at),
            count(*) FILTER (WHERE i.state = 'missed'),
            count(*) FILTER (WHERE i.answered_at IS NOT NULL AND i.ended_at IS NOT NULL),
            coalesce(sum(extract(epoch FROM i.ended_at - i.answered_at))
                       FILTER (WHERE i.answered_at IS NOT NULL AND i.ended_at IS NOT NULL), 0),
            count(*) FILTER (WHERE i.state = 'recorded' AND i.recorded_at IS NOT NULL AND i.ended_at IS NOT NULL),
            coalesce(sum(extract(epoch FROM i.recorded_at - i.ended_at))
                       FILTER (WHERE i.state = 'recorded' AND i.recorded_at IS NOT NULL AND i.ended_at IS NOT NULL),
                     0),
            count(*) FILTER (WHERE i.state = 'recorded' AND i.outcome = 'information_given' AND NOT tk.has_ticket),
            count(*) FILTER (WHERE tk.has_ticket)
       FROM interaction i ${which}
       CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM ticket t WHERE t.interaction_id = i.id) AS has_ticket) tk
      GROUP BY 1, 2, i.topic_id, i.outcome, i.direction
      ORDER BY 1`,
    full ? [] : [days],
  );
}

async function recomputeKnowledgeDays(em: EntityManager, days: string[], full: boolean): Promise<void> {
  if (days.length === 0) return;
  for (const table of ['rollup_search_day', 'rollup_search_gap_day', 'rollup_article_day']) {
    if (full) await em.query(`TRUNCATE ${table}`);
    else await em.query(`DELETE FROM ${table} WHERE day = ANY($1::date[])`, [days]);
  }
  const params = full ? [] : [days];
  const searches = full
    ? 'knowledge_search s'
    : `knowledge_search s JOIN unnest($1::date[]) AS d(day) ON s.at >= ${dayStart('d.day')} AND s.at < ${dayEnd('d.day')}`;
  // A search whose batch is not yet logged has no results_count: it is counted once it is.
  await em.query(
    `INSERT INTO rollup_search_day (day, searches, without_result)
     SELECT ${localDay('s.at')}, count(*), count(*) FILTER (WHERE s.results_count = 0)
       FROM ${searches} WHERE s.results_count IS NOT NULL GROUP BY 1`,
    params,
  );
  await em.query(
    `INSERT INTO rollup_search_gap_day (day, query, searches)
     SELECT ${localDay('s.at')}, lower(btrim(s.query)), count(*)
       FROM ${searches} WHERE s.results_count = 0 AND btrim(s.query) <> '' GROUP BY 1, 2`,
    params,
  );
  const calls = full
    ? 'interaction i'
    : `interaction i JOIN unnest($1::date[]) AS d(day) ON i.started_at >= ${dayStart('d.day')} AND i.started_at < ${dayEnd('d.day')}`;
  await em.query(
    `INSERT INTO rollup_article_day (day, article_id, used_in_calls)
     SELECT ${localDay('i.started_at')}, a.article_id, count(DISTINCT i.id)
       FROM ${calls} CROSS JOIN LATERAL unnest(i.article_ids) AS a(article_id)
      GROUP BY 1, 2`,
    params,
  );
}

/**
 * Month rollups are sums of the day rollups: the months holding a recomputed day are summed again (the current month
 * every time, some tens of milliseconds at Kraków's size).
 */
async function recomputeMonths(em: EntityManager, ticketDays: string[], callDays: string[], full: boolean) {
  const months = (days: string[]) => [...new Set(days.map((day) => `${day.slice(0, 7)}-01`))];
  const ticketMonths = months(ticketDays);
  if (ticketMonths.length) {
    if (full) await em.query(`TRUNCATE rollup_ticket_month`);
    else await em.query(`DELETE FROM rollup_ticket_month WHERE month = ANY($1::date[])`, [ticketMonths]);
    await em.query(
      `INSERT INTO rollup_ticket_month (month, channel, type, category_id, unit_id, district_id, status,
                                        closure_reason_id, tickets, routed, route_seconds, resolved, resolve_seconds,
                                        with_deadline, deadline_kept, duplicates)
       SELECT date_trunc('month', r.day)::date, r.channel, r.type, r.category_id, r.unit_id, r.district_id, r.status,
              r.closure_reason_id,
              sum(r.tickets), sum(r.routed), sum(r.route_seconds), sum(r.resolved), sum(r.resolve_seconds),
              sum(r.with_deadline), sum(r.deadline_kept), sum(r.duplicates)
         FROM rollup_ticket_day r
         ${full ? '' : `JOIN unnest($1::date[]) AS m(month) ON r.day >= m.month AND r.day < m.month + interval '1 month'`}
        GROUP BY 1, r.channel, r.type, r.category_id, r.unit_id, r.district_id, r.status, r.closure_reason_id
        ORDER BY 1`,
      full ? [] : [ticketMonths],
    );
  }
  const callMonths = months(callDays);
  if (callMonths.length) {
    if (full) await em.query(`TRUNCATE rollup_call_month`);
    else await em.query(`DELETE FROM rollup_call_month WHERE month = ANY($1::date[])`, [callMonths]);
    await em.query(
      `INSERT INTO rollup_call_month (month, hour, topic_id, outcome, direction, calls, answered, missed, talked,
                                      talk_seconds, wrapped, wrap_seconds, information_only, with_ticket)
       SELECT date_trunc('month', r.day)::date, r.hour, r.topic_id, r.outcome, r.direction,
              sum(r.calls), sum(r.answered), sum(r.missed), sum(r.talked), sum(r.talk_seconds), sum(r.wrapped),
              sum(r.wrap_seconds), sum(r.information_only), sum(r.with_ticket)
         FROM rollup_call_hour r
         ${full ? '' : `JOIN unnest($1::date[]) AS m(month) ON r.day >= m.month AND r.day < m.month + interval '1 month'`}
        GROUP BY 1, r.hour, r.topic_id, r.outcome, r.direction
        ORDER BY 1`,
      full ? [] : [callMonths],
    );
  }
}
