// The incident register's commands for people: open, edit, close an incident, add to its timeline and to who was
// told, and keep the list of systems. One transaction each; every change records `incident.changed` for the banners.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  IncidentActionRequest,
  IncidentCreateRequest,
  IncidentDetailDto,
  IncidentEditRequest,
  IncidentNoticeRequest,
  IncidentResolveRequest,
  IncidentSystemDto,
  IncidentSystemRequest,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { badField, conflict, notFound } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { getIncident, getIncidentSystem } from './incidents.queries.ts';

/** Clocks of the browser and the server differ a little; a time further ahead than this is a mistake. */
const FUTURE_SKEW_MS = 60_000;

/** A timestamp from the request, or now; never in the future. */
function pastTime(value: string | undefined, field: string, now: Date): Date {
  if (value === undefined) return now;
  const at = new Date(value);
  if (at.getTime() > now.getTime() + FUTURE_SKEW_MS) throw badField(field, `${field} must not be in the future`);
  return at;
}

/** The system must exist; a deactivated one is refused, unless the incident is already about it. */
async function assertSystem(em: EntityManager, systemId: string, current?: string): Promise<void> {
  const [system] = (await em.query(`SELECT active FROM incident_system WHERE id = $1`, [systemId])) as {
    active: boolean;
  }[];
  if (!system) throw badField('systemId', 'no such affected system');
  if (!system.active && systemId !== current)
    throw badField('systemId', 'the system is deactivated: pick one from the current list');
}

interface LockedIncident {
  status: 'open' | 'resolved';
  version: number;
  started_at: Date;
  ended_at: Date | null;
  system_id: string;
}

async function lockIncident(em: EntityManager, id: string): Promise<LockedIncident> {
  const [row] = (await em.query(
    `SELECT status, version, started_at, ended_at, system_id FROM incident WHERE id = $1 FOR UPDATE`,
    [id],
  )) as LockedIncident[];
  if (!row) throw notFound('Incident');
  return row;
}

function assertVersion(row: LockedIncident, sent: number): void {
  if (row.version !== sent)
    throw conflict(
      `The incident changed since you read it (your version ${sent}, now ${row.version}, ${row.status}); reload and try again`,
    );
}

export async function openIncident(
  db: DataSource,
  actor: Actor,
  body: IncidentCreateRequest,
): Promise<IncidentDetailDto> {
  return db.transaction(async (em) => {
    const now = new Date();
    const startedAt = pastTime(body.startedAt, 'startedAt', now);
    await assertSystem(em, body.systemId);
    const [{ id }] = (await em.query(
      `INSERT INTO incident (system_id, title, impact, severity, status, started_at, opened_automatically, opened_by, updated_by)
       VALUES ($1, $2, $3, $4, 'open', $5, false, $6, $6) RETURNING id`,
      [body.systemId, body.title.trim(), body.impact.trim(), body.severity, startedAt, actor.id],
    )) as [{ id: string }];
    await em.query(
      `INSERT INTO incident_action (incident_id, kind, at, text, author_id) VALUES ($1, 'opened', $2, '', $3)`,
      [id, now, actor.id],
    );
    await recordEvent(em, 'incident.changed', { incidentId: id });
    return getIncident(em, id);
  });
}

export async function editIncident(
  db: DataSource,
  actor: Actor,
  id: string,
  body: IncidentEditRequest,
): Promise<IncidentDetailDto> {
  return db.transaction(async (em) => {
    const row = await lockIncident(em, id);
    assertVersion(row, body.version);
    const now = new Date();
    const startedAt = pastTime(body.startedAt, 'startedAt', now);
    let endedAt: Date | null = row.ended_at;
    if (body.endedAt) {
      if (row.status === 'open')
        throw badField('endedAt', 'the incident is open: close it with resolve to set its end');
      endedAt = pastTime(body.endedAt, 'endedAt', now);
    }
    if (endedAt && endedAt < startedAt)
      throw badField(body.endedAt ? 'endedAt' : 'startedAt', 'the incident cannot end before it started');
    await assertSystem(em, body.systemId, row.system_id);
    await em.query(
      `UPDATE incident SET system_id = $2, title = $3, impact = $4, severity = $5, started_at = $6, ended_at = $7,
              updated_by = $8, updated_at = now(), version = version + 1
        WHERE id = $1`,
      [id, body.systemId, body.title.trim(), body.impact.trim(), body.severity, startedAt, endedAt, actor.id],
    );
    await recordEvent(em, 'incident.changed', { incidentId: id });
    return getIncident(em, id);
  });
}

export async function resolveIncident(
  db: DataSource,
  actor: Actor,
  id: string,
  body: IncidentResolveRequest,
): Promise<IncidentDetailDto> {
  return db.transaction(async (em) => {
    const row = await lockIncident(em, id);
    assertVersion(row, body.version);
    if (row.status === 'resolved')
      throw conflict(`The incident was already resolved at ${row.ended_at?.toISOString() ?? '?'}`);
    const endedAt = pastTime(body.endedAt, 'endedAt', new Date());
    if (endedAt < row.started_at)
      throw badField('endedAt', `endedAt must not be before the start (${row.started_at.toISOString()})`);
    await em.query(
      `UPDATE incident SET status = 'resolved', ended_at = $2, resolved_by = $3, updated_by = $3, updated_at = now(),
              version = version + 1
        WHERE id = $1`,
      [id, endedAt, actor.id],
    );
    await em.query(
      `INSERT INTO incident_action (incident_id, kind, at, text, author_id) VALUES ($1, 'resolved', $2, $3, $4)`,
      [id, endedAt, body.note?.trim() ?? '', actor.id],
    );
    await recordEvent(em, 'incident.changed', { incidentId: id });
    return getIncident(em, id);
  });
}

/** Appending needs no version: two people recording actions at once both keep theirs. */
async function touchIncident(em: EntityManager, id: string, actor: Actor): Promise<void> {
  const touched = (await em.query(
    `UPDATE incident SET updated_at = now(), updated_by = $2 WHERE id = $1 RETURNING id`,
    [id, actor.id],
  )) as [unknown[], number];
  if (touched[1] === 0) throw notFound('Incident');
}

export async function recordIncidentAction(
  db: DataSource,
  actor: Actor,
  id: string,
  body: IncidentActionRequest,
): Promise<IncidentDetailDto> {
  return db.transaction(async (em) => {
    const at = pastTime(body.at, 'at', new Date());
    await touchIncident(em, id, actor);
    await em.query(
      `INSERT INTO incident_action (incident_id, kind, at, text, author_id) VALUES ($1, 'note', $2, $3, $4)`,
      [id, at, body.text.trim(), actor.id],
    );
    await recordEvent(em, 'incident.changed', { incidentId: id });
    return getIncident(em, id);
  });
}

export async function recordIncidentNotice(
  db: DataSource,
  actor: Actor,
  id: string,
  body: IncidentNoticeRequest,
): Promise<IncidentDetailDto> {
  return db.transaction(async (em) => {
    const at = pastTime(body.at, 'at', new Date());
    await touchIncident(em, id, actor);
    await em.query(
      `INSERT INTO incident_notice (incident_id, recipient, channel, at, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, body.recipient.trim(), body.channel, at, body.note?.trim() ?? '', actor.id],
    );
    await recordEvent(em, 'incident.changed', { incidentId: id });
    return getIncident(em, id);
  });
}

const sameName = (err: unknown) =>
  (err as { driverError?: { code?: string; constraint?: string } }).driverError?.constraint ===
  'incident_system_name_idx';

export async function addIncidentSystem(
  db: DataSource,
  actor: Actor,
  body: IncidentSystemRequest,
): Promise<IncidentSystemDto> {
  const name = body.name.trim();
  try {
    const [{ id }] = (await db.query(
      `INSERT INTO incident_system (name, active, created_by) VALUES ($1, $2, $3) RETURNING id`,
      [name, body.active ?? true, actor.id],
    )) as [{ id: string }];
    return getIncidentSystem(db, id);
  } catch (err) {
    if (sameName(err)) throw conflict(`A system named "${name}" is already on the list`);
    throw err;
  }
}

export async function editIncidentSystem(
  db: DataSource,
  id: string,
  body: IncidentSystemRequest,
): Promise<IncidentSystemDto> {
  const name = body.name.trim();
  try {
    const updated = (await db.query(`UPDATE incident_system SET name = $2, active = $3 WHERE id = $1 RETURNING id`, [
      id,
      name,
      body.active ?? true,
    ])) as [unknown[], number];
    if (updated[1] === 0) throw notFound('Affected system');
    return getIncidentSystem(db, id);
  } catch (err) {
    if (sameName(err)) throw conflict(`A system named "${name}" is already on the list`);
    throw err;
  }
}
