// Reads of KP-02's matters: each ticket of channel `mayor` with its matter's data, always through ticketScope, so
// the list and the single read answer only what the caller may see of the ticket itself (404 otherwise).
import type { DataSource, EntityManager } from 'typeorm';
import type { MayorMatterDto, MayorMatterListQuery, MayorMatterOrigin } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../platform/errors.ts';
import { OPEN_CONDITION, OVERDUE_CONDITION } from '../monitoring/monitoring.conditions.ts';
import { presentTicket, withoutContact, type TicketRow } from '../tickets/tickets.presenter.ts';
import { ticketScope } from '../tickets/tickets.policy.ts';
import { TICKET_SELECT } from '../tickets/tickets.queries.ts';

interface MatterRow extends TicketRow {
  matter_origin: MayorMatterOrigin | null;
  matter_reference: string | null;
  matter_received_on: string | null;
  matter_meeting_on: string | null;
  matter_mayor_deadline: string | null;
  matter_registered_by_name: string | null;
}

// Dates as text: the driver would turn a `date` into a midnight in the server's time zone.
const MATTER_SELECT = `${TICKET_SELECT.replace(
  'SELECT t.id,',
  `SELECT m.origin AS matter_origin, m.reference AS matter_reference, m.received_on::text AS matter_received_on,
          m.meeting_on::text AS matter_meeting_on, m.mayor_deadline::text AS matter_mayor_deadline,
          reg.display_name AS matter_registered_by_name, t.id,`,
)}
    LEFT JOIN mayor_matter m ON m.ticket_id = t.id
    LEFT JOIN app_user reg ON reg.id = m.registered_by`;

// The letter's author is reached through the ticket's detail, where the read is logged.
const present = (row: MatterRow): MayorMatterDto => ({
  ticket: withoutContact(presentTicket(row)),
  origin: row.matter_origin,
  reference: row.matter_reference,
  receivedOn: row.matter_received_on,
  meetingOn: row.matter_meeting_on,
  mayorDeadline: row.matter_mayor_deadline,
  registeredByName: row.matter_registered_by_name,
});

/** KP-02's list: earliest due date first, so what the Mayor is waiting for longest heads it. */
export async function listMayorMatters(
  db: DataSource,
  actor: Actor,
  query: MayorMatterListQuery,
): Promise<MayorMatterDto[]> {
  const scope = ticketScope(actor, 1);
  const params: unknown[] = [...scope.params];
  const filters: string[] = [];
  if (query.state === 'open') filters.push(OPEN_CONDITION);
  if (query.state === 'overdue') filters.push(OVERDUE_CONDITION);
  if (query.origin) {
    params.push(query.origin);
    filters.push(`m.origin = $${params.length}`);
  }
  if (query.unitId) {
    params.push(query.unitId);
    filters.push(`t.unit_id = $${params.length}`);
  }
  params.push(query.limit);
  const rows: MatterRow[] = await db.query(
    `${MATTER_SELECT}
      WHERE t.channel = 'mayor' AND t.number IS NOT NULL AND (${scope.where})
      ${filters.map((f) => `AND ${f}`).join(' ')}
      ORDER BY t.due_at ASC NULLS LAST, t.created_at ASC LIMIT $${params.length}`,
    params,
  );
  return rows.map(present);
}

/** One matter, by its ticket's id; 404 when the caller may not read the ticket or it is no matter for the Mayor. */
export async function getMayorMatter(
  db: DataSource | EntityManager,
  actor: Actor | null,
  ticketId: string,
): Promise<MayorMatterDto> {
  const scope = actor ? ticketScope(actor, 2) : { where: 'true', params: [] };
  const rows: MatterRow[] = await db.query(
    `${MATTER_SELECT} WHERE t.id = $1 AND t.channel = 'mayor' AND t.number IS NOT NULL AND (${scope.where})`,
    [ticketId, ...scope.params],
  );
  if (!rows[0]) throw notFound('Matter for the Mayor');
  return present(rows[0]);
}
