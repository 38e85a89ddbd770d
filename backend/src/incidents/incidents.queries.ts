// Reads of the incident register and the presenters its answers and socket-driven refetches share.
// Everyone signed in reads the open incidents (the banner); the register's keepers read the rest too.
import type { DataSource, EntityManager } from 'typeorm';
import type {
  IncidentActionDto,
  IncidentActionKind,
  IncidentDetailDto,
  IncidentDto,
  IncidentListDto,
  IncidentListQuery,
  IncidentNoticeChannel,
  IncidentNoticeDto,
  IncidentProbe,
  IncidentSeverity,
  IncidentStatus,
  IncidentSystemDto,
  IncidentSystemListDto,
  Role,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../platform/errors.ts';

/** Who keeps the register: DK-05 analysts (who own the applications), supervisors and admins. */
export const INCIDENT_KEEPERS = ['analyst', 'supervisor', 'admin'] as const satisfies readonly Role[];
export const isIncidentKeeper = (actor: Actor): boolean => (INCIDENT_KEEPERS as readonly Role[]).includes(actor.role);

/** The register lists at most this many; a period or a system narrows it. */
export const INCIDENT_LIST_LIMIT = 500;

type Db = DataSource | EntityManager;

interface IncidentRow {
  id: string;
  system_id: string;
  system_name: string;
  title: string;
  impact: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  started_at: Date;
  ended_at: Date | null;
  opened_automatically: boolean;
  opened_by: string | null;
  opened_by_name: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  recorded_at: Date;
  updated_at: Date;
  version: number;
}

const INCIDENT_SELECT = `
  SELECT i.id, i.system_id, s.name AS system_name, i.title, i.impact, i.severity, i.status, i.started_at, i.ended_at,
         i.opened_automatically, i.opened_by, ob.display_name AS opened_by_name,
         i.resolved_by, rb.display_name AS resolved_by_name, i.recorded_at, i.updated_at, i.version
    FROM incident i
    JOIN incident_system s ON s.id = i.system_id
    LEFT JOIN app_user ob ON ob.id = i.opened_by
    LEFT JOIN app_user rb ON rb.id = i.resolved_by`;

const person = (id: string | null, name: string | null) => (id ? { id, displayName: name ?? '' } : null);

export const presentIncident = (row: IncidentRow): IncidentDto => ({
  id: row.id,
  system: { id: row.system_id, name: row.system_name },
  title: row.title,
  impact: row.impact,
  severity: row.severity,
  status: row.status,
  startedAt: row.started_at.toISOString(),
  endedAt: row.ended_at?.toISOString() ?? null,
  openedBy: person(row.opened_by, row.opened_by_name),
  openedAutomatically: row.opened_automatically,
  recordedAt: row.recorded_at.toISOString(),
  resolvedBy: person(row.resolved_by, row.resolved_by_name),
  updatedAt: row.updated_at.toISOString(),
  version: row.version,
});

/** Open incidents for every console's banner: the worst first, then the oldest. */
export async function listOpenIncidents(db: Db): Promise<IncidentListDto> {
  const rows = (await db.query(
    `${INCIDENT_SELECT} WHERE i.status = 'open'
      ORDER BY array_position(ARRAY['critical', 'major', 'minor'], i.severity), i.started_at, i.id`,
  )) as IncidentRow[];
  return { incidents: rows.map(presentIncident), limit: INCIDENT_LIST_LIMIT };
}

/** The register: open ones first, then by start, newest first; a period keeps the incidents that overlap it. */
export async function listIncidents(db: Db, query: IncidentListQuery): Promise<IncidentListDto> {
  const where: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.status) where.push(`i.status = ${param(query.status)}`);
  if (query.systemId) where.push(`i.system_id = ${param(query.systemId)}`);
  // Days are Kraków's: `to` includes its whole day.
  if (query.from)
    where.push(
      `coalesce(i.ended_at, 'infinity') >= (${param(query.from)}::date)::timestamp AT TIME ZONE 'Europe/Warsaw'`,
    );
  if (query.to) where.push(`i.started_at < (${param(query.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Warsaw'`);
  const rows = (await db.query(
    `${INCIDENT_SELECT} ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY i.status = 'open' DESC, i.started_at DESC, i.id LIMIT ${INCIDENT_LIST_LIMIT}`,
    params,
  )) as IncidentRow[];
  return { incidents: rows.map(presentIncident), limit: INCIDENT_LIST_LIMIT };
}

async function incidentRow(db: Db, id: string): Promise<IncidentRow | undefined> {
  const [row] = (await db.query(`${INCIDENT_SELECT} WHERE i.id = $1`, [id])) as IncidentRow[];
  return row;
}

/** One incident with its timeline and notices. Outside the keepers, only an open incident is there to read. */
export async function getIncident(db: Db, id: string, actor?: Actor): Promise<IncidentDetailDto> {
  const row = await incidentRow(db, id);
  if (!row || (actor && !isIncidentKeeper(actor) && row.status !== 'open')) throw notFound('Incident');
  const [actions, notices] = await Promise.all([
    db.query(
      `SELECT a.id::text AS id, a.kind, a.at, a.text, a.author_id, u.display_name AS author_name
         FROM incident_action a LEFT JOIN app_user u ON u.id = a.author_id
        WHERE a.incident_id = $1 ORDER BY a.at, a.id`,
      [id],
    ) as Promise<
      {
        id: string;
        kind: IncidentActionKind;
        at: Date;
        text: string;
        author_id: string | null;
        author_name: string | null;
      }[]
    >,
    db.query(
      `SELECT n.id::text AS id, n.recipient, n.channel, n.at, n.note, n.recorded_by, u.display_name AS recorded_by_name
         FROM incident_notice n JOIN app_user u ON u.id = n.recorded_by
        WHERE n.incident_id = $1 ORDER BY n.at, n.id`,
      [id],
    ) as Promise<
      {
        id: string;
        recipient: string;
        channel: IncidentNoticeChannel;
        at: Date;
        note: string;
        recorded_by: string;
        recorded_by_name: string;
      }[]
    >,
  ]);
  return {
    ...presentIncident(row),
    actions: actions.map((a): IncidentActionDto => ({
      id: a.id,
      kind: a.kind,
      at: a.at.toISOString(),
      text: a.text,
      author: person(a.author_id, a.author_name),
    })),
    notices: notices.map((n): IncidentNoticeDto => ({
      id: n.id,
      recipient: n.recipient,
      channel: n.channel,
      at: n.at.toISOString(),
      note: n.note,
      recordedBy: { id: n.recorded_by, displayName: n.recorded_by_name },
    })),
  };
}

interface SystemRow {
  id: string;
  name: string;
  active: boolean;
  probe: IncidentProbe | null;
}

const presentSystem = (row: SystemRow): IncidentSystemDto => ({
  id: row.id,
  name: row.name,
  active: row.active,
  probe: row.probe,
});

/** Every system, active ones first (forms offer those; filters and old incidents need the others too). */
export async function listIncidentSystems(db: Db): Promise<IncidentSystemListDto> {
  const rows = (await db.query(
    `SELECT id, name, active, probe FROM incident_system ORDER BY active DESC, lower(name), id`,
  )) as SystemRow[];
  return { systems: rows.map(presentSystem) };
}

export async function getIncidentSystem(db: Db, id: string): Promise<IncidentSystemDto> {
  const [row] = (await db.query(`SELECT id, name, active, probe FROM incident_system WHERE id = $1`, [
    id,
  ])) as SystemRow[];
  if (!row) throw notFound('Affected system');
  return presentSystem(row);
}
