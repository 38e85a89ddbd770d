// The platform's own writes to the incident register: it opens an incident for a dependency down too long, and
// records the recovery and closes it. Every backend process may try at once; the database decides who writes.
import type { DataSource, EntityManager } from 'typeorm';
import type { IncidentProbe, IncidentSeverity } from '@kck/contracts';
import { recordEvent } from '../platform/outbox/record-event.ts';

/** What the platform writes for each of its checks; DK-05 may edit any of it afterwards. */
const WHAT_IT_MEANS: Record<IncidentProbe, { impact: string; severity: IncidentSeverity }> = {
  postgres: {
    impact: 'Platforma nie zapisywała ani nie odczytywała danych: konsole i API odpowiadały błędem.',
    severity: 'critical',
  },
  redis: {
    impact:
      'Kolejki zadań i powiadomienia na żywo wstrzymane: zgłoszenia czekają w bazie i trafią do komórek po powrocie Redis.',
    severity: 'major',
  },
  meilisearch: {
    impact: 'Wyszukiwanie w Bazie Wiedzy działa na zapasowym silniku (PostgreSQL); trafność wyników może być niższa.',
    severity: 'minor',
  },
  queues: {
    impact:
      'Zgłoszenia nie są kierowane do komórek, a wiadomości do mieszkańców nie wychodzą, dopóki zadania nie ruszą.',
    severity: 'major',
  },
};

/**
 * Serialises the platform's writes for one system across processes, so an opening and a closing decide in turn.
 * Two-key advisory lock: the first key names this use, the second the system's check.
 */
async function lockProbe(em: EntityManager, probe: IncidentProbe): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('kck-incident-auto'), hashtext($1))`, [probe]);
}

/**
 * Opens the system's automatic incident, starting at the first failed check, unless one is open already (another
 * process was first: the partial unique index and ON CONFLICT DO NOTHING) or someone closed one covering this
 * outage (a person's decision stands). Returns the new incident's id, or null when nothing was written.
 */
export async function openAutomaticIncident(
  db: DataSource,
  probe: IncidentProbe,
  since: Date,
  detail: string,
): Promise<string | null> {
  return db.transaction(async (em) => {
    await lockProbe(em, probe);
    const { impact, severity } = WHAT_IT_MEANS[probe];
    const [row] = (await em.query(
      `INSERT INTO incident (system_id, title, impact, severity, status, started_at, opened_automatically)
       SELECT s.id, s.name || ' — brak odpowiedzi', $2, $3, 'open', $4, true
         FROM incident_system s
        WHERE s.probe = $1
          AND NOT EXISTS (SELECT 1 FROM incident x
                           WHERE x.system_id = s.id AND x.opened_automatically AND x.ended_at >= $4)
       ON CONFLICT (system_id) WHERE status = 'open' AND opened_automatically DO NOTHING
       RETURNING id`,
      [probe, impact, severity, since],
    )) as { id: string }[];
    if (!row) return null;
    await em.query(
      `INSERT INTO incident_action (incident_id, kind, at, text, author_id) VALUES ($1, 'opened', $2, $3, NULL)`,
      [row.id, since, detail],
    );
    await recordEvent(em, 'incident.changed', { incidentId: row.id });
    return row.id;
  });
}

export interface RecordedRecovery {
  incidentId: string;
  /** The incident was written only now, whole: PostgreSQL itself was down, so nobody could open it at the time. */
  retrospective: boolean;
}

/**
 * The system answered again at `to` after failing from `from`: closes its open automatic incident with the
 * recovery in the timeline. With none open and the outage at least `openAfterMs` long, records it whole (start,
 * end, both entries) unless an automatic incident already covers that time. Never touches incidents people opened.
 */
export async function recordRecovery(
  db: DataSource,
  outage: { probe: IncidentProbe; from: Date; to: Date; detail: string },
  openAfterMs: number,
): Promise<RecordedRecovery | null> {
  const { probe, from, to, detail } = outage;
  return db.transaction(async (em) => {
    await lockProbe(em, probe);
    const [closed] = (
      (await em.query(
        `UPDATE incident SET status = 'resolved', ended_at = greatest($2::timestamptz, started_at), updated_at = now(),
                version = version + 1
          WHERE system_id = (SELECT id FROM incident_system WHERE probe = $1)
            AND status = 'open' AND opened_automatically
          RETURNING id, ended_at`,
        [probe, to],
      )) as [{ id: string; ended_at: Date }[], number]
    )[0];
    if (closed) {
      await em.query(
        `INSERT INTO incident_action (incident_id, kind, at, text, author_id) VALUES ($1, 'recovered', $2, '', NULL)`,
        [closed.id, closed.ended_at],
      );
      await recordEvent(em, 'incident.changed', { incidentId: closed.id });
      return { incidentId: closed.id, retrospective: false };
    }
    if (to.getTime() - from.getTime() < openAfterMs) return null;
    const { impact, severity } = WHAT_IT_MEANS[probe];
    const [row] = (await em.query(
      `INSERT INTO incident (system_id, title, impact, severity, status, started_at, ended_at, opened_automatically)
       SELECT s.id, s.name || ' — brak odpowiedzi', $2, $3, 'resolved', $4, $5, true
         FROM incident_system s
        WHERE s.probe = $1
          AND NOT EXISTS (SELECT 1 FROM incident x
                           WHERE x.system_id = s.id AND x.opened_automatically
                             AND x.started_at <= $5 AND coalesce(x.ended_at, 'infinity') >= $4)
       RETURNING id`,
      [probe, impact, severity, from, to],
    )) as { id: string }[];
    if (!row) return null;
    await em.query(
      `INSERT INTO incident_action (incident_id, kind, at, text, author_id)
       VALUES ($1, 'opened', $2, $3, NULL), ($1, 'recovered', $4, '', NULL)`,
      [row.id, from, detail, to],
    );
    await recordEvent(em, 'incident.changed', { incidentId: row.id });
    return { incidentId: row.id, retrospective: true };
  });
}

/** The automatic incidents open now, by the check of their system. */
export async function openAutomaticIncidents(
  db: DataSource,
): Promise<{ id: string; probe: IncidentProbe; startedAt: Date }[]> {
  const rows = (await db.query(
    `SELECT i.id, s.probe, i.started_at FROM incident i JOIN incident_system s ON s.id = i.system_id
      WHERE i.status = 'open' AND i.opened_automatically AND s.probe IS NOT NULL`,
  )) as { id: string; probe: IncidentProbe; started_at: Date }[];
  return rows.map((row) => ({ id: row.id, probe: row.probe, startedAt: row.started_at }));
}
