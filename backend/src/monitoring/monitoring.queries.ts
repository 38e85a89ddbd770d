// DK-03's monitoring figures: open tickets per unit by status and age, overdue, returned, not picked up.
// Read straight from the ticket table (open tickets are few), through ticketScope like every ticket read.
import type { DataSource } from 'typeorm';
import {
  NOT_PICKED_UP_AFTER_HOURS,
  OPEN_TICKET_STATUSES,
  type MonitoringUnitsDto,
  type OpenTicketStatus,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { ticketScope } from '../tickets/tickets.policy.ts';
import { NOT_PICKED_UP_CONDITION, OPEN_CONDITION, OVERDUE_CONDITION } from './monitoring.conditions.ts';
import { dueSoonCondition, dueSoonLimit } from '../deadlines/deadline-conditions.ts';

const OPEN = OPEN_TICKET_STATUSES as readonly OpenTicketStatus[];
const HOURS = (interval: string) => `round((extract(epoch FROM ${interval}) / 3600)::numeric, 1)::float8`;

type UnitRow = Record<OpenTicketStatus, number> & {
  unit_id: string;
  unit_code: string;
  unit_name: string;
  open: number;
  overdue: number;
  oldest_age_hours: number;
  median_age_hours: number;
};

export async function monitoringUnits(db: DataSource, actor: Actor): Promise<MonitoringUnitsDto> {
  const scope = ticketScope(actor, 1);
  const [units, totals, at] = await Promise.all([
    db.query(
      `SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name,
              ${OPEN.map((s) => `count(*) FILTER (WHERE t.status = '${s}')::int AS "${s}"`).join(', ')},
              count(*)::int AS open,
              count(*) FILTER (WHERE t.due_at < now() AND t.waiting_since IS NULL)::int AS overdue,
              ${HOURS('now() - min(t.created_at)')} AS oldest_age_hours,
              ${HOURS(`percentile_cont(0.5) WITHIN GROUP (ORDER BY now() - t.created_at)`)} AS median_age_hours
         FROM ticket t JOIN unit u ON u.id = t.unit_id
        WHERE t.number IS NOT NULL AND ${OPEN_CONDITION} AND (${scope.where})
        GROUP BY u.id, u.code, u.name
        ORDER BY overdue DESC, open DESC, u.code`,
      scope.params,
    ) as Promise<UnitRow[]>,
    db.query(
      `SELECT count(*) FILTER (WHERE ${OPEN_CONDITION})::int AS open,
              count(*) FILTER (WHERE ${OVERDUE_CONDITION})::int AS overdue,
              count(*) FILTER (WHERE t.status = 'returned')::int AS returned,
              count(*) FILTER (WHERE ${NOT_PICKED_UP_CONDITION})::int AS not_picked_up,
              count(*) FILTER (WHERE ${dueSoonCondition(`$${scope.params.length + 1}::timestamptz`)})::int AS due_soon
         FROM ticket t WHERE t.number IS NOT NULL AND (${scope.where})`,
      [...scope.params, dueSoonLimit()],
    ) as Promise<{ open: number; overdue: number; returned: number; not_picked_up: number; due_soon: number }[]>,
    db.query(`SELECT now() AS at`) as Promise<{ at: Date }[]>,
  ]);
  const total = totals[0]!;
  return {
    at: at[0]!.at.toISOString(),
    notPickedUpAfterHours: NOT_PICKED_UP_AFTER_HOURS,
    totals: {
      open: total.open,
      overdue: total.overdue,
      returned: total.returned,
      notPickedUp: total.not_picked_up,
      dueSoon: total.due_soon,
    },
    units: units.map((r) => ({
      unitId: r.unit_id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      byStatus: Object.fromEntries(OPEN.map((s) => [s, r[s]])) as Record<OpenTicketStatus, number>,
      open: r.open,
      overdue: r.overdue,
      oldestAgeHours: r.oldest_age_hours,
      medianAgeHours: r.median_age_hours,
    })),
  };
}
