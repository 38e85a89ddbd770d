// DK-03's monitoring of how reports are handled (seed 004 §6.3): open tickets per unit, overdue,
// returned and not yet picked up. Each figure has a matching filter on GET /api/tickets.
import { z } from 'zod';
import type { TicketStatus } from '../domain.ts';

/**
 * A ticket counts as "not picked up" when it is open with no unit at all, or has sat `routed`
 * (sent to a unit, not yet accepted) for more than this many hours. Plain clock hours, not working
 * hours: a simple, explainable threshold until DK-03 asks for a working-time one.
 */
export const NOT_PICKED_UP_AFTER_HOURS = 24;

/** No parameters yet; strict so a typo answers 400 naming the key instead of being ignored. */
export const monitoringUnitsQuery = z.object({}).strict();
export type MonitoringUnitsQuery = z.infer<typeof monitoringUnitsQuery>;

/** Open statuses counted per unit (the same list as OPEN_TICKET_STATUSES). */
export type OpenTicketStatus = Extract<
  TicketStatus,
  'new' | 'triage' | 'routed' | 'accepted' | 'in_progress' | 'returned' | 'reopened'
>;

export interface MonitoringUnitDto {
  unitId: string;
  unitCode: string;
  unitName: string;
  byStatus: Record<OpenTicketStatus, number>;
  open: number;
  /** Open with due_at in the past. */
  overdue: number;
  /** Age of the oldest open ticket, hours since it was created (one decimal). */
  oldestAgeHours: number;
  medianAgeHours: number;
}

export interface MonitoringTotalsDto {
  open: number;
  overdue: number;
  returned: number;
  /** Open with no unit, or routed and not accepted for more than NOT_PICKED_UP_AFTER_HOURS. */
  notPickedUp: number;
  /** Open, clock running, due within DUE_SOON_WORKING_HOURS office hours (the ticket list's dueSoon filter). */
  dueSoon: number;
}

export interface MonitoringUnitsDto {
  /** When the figures were read (server clock, ISO). */
  at: string;
  notPickedUpAfterHours: number;
  totals: MonitoringTotalsDto;
  /** Units with at least one open ticket, most overdue first. */
  units: MonitoringUnitDto[];
}
