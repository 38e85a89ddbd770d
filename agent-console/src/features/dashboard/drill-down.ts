// Where a dashboard figure leads: the ticket list (/tickets, AllTicketsPage) or the call list (/dashboard/calls)
// filtered to exactly what the figure counts, with the dashboard's filters carried along.
import { OPEN_TICKET_STATUSES, type TicketDimension, type TicketMeasure } from '@kck/contracts';
import type { CallListFilters } from '../../api/analytics.api';
import type { DashboardFilters } from './dashboard-filters';

/** Which ticket-list parameter a figure's dimension filters by; time dimensions set the period instead. */
const DIMENSION_PARAM: Partial<Record<TicketDimension, string>> = {
  channel: 'channel',
  type: 'type',
  category: 'categoryId',
  unit: 'unitId',
  district: 'districtId',
  status: 'status',
  closureReason: 'closureReasonId',
};

/** The tickets a measure counts, as list filters; means and shares lead to the tickets they are taken over. */
const MEASURE_PARAMS: Partial<Record<TicketMeasure, Record<string, string>>> = {
  open: { statuses: OPEN_TICKET_STATUSES.join(',') },
  resolved: { statuses: 'resolved,closed' },
  avgResolveHours: { statuses: 'resolved,closed' },
  withDeadline: { statuses: 'resolved,closed' },
  deadlineKept: { statuses: 'resolved,closed' },
  deadlineKeptShare: { statuses: 'resolved,closed' },
};

/**
 * The ticket list behind a figure: the dashboard's filters and period (or `days`, a day or month of it), plus the
 * figure's dimension value. Null when the value cannot be filtered by (tickets with no unit or no district).
 */
export function ticketsLink(
  filters: DashboardFilters,
  figure: {
    dimension?: TicketDimension;
    key?: string | number | null;
    measure?: TicketMeasure;
    days?: { from: string; to: string };
  },
): string | null {
  const params = new URLSearchParams();
  const period = figure.days ?? filters;
  params.set('createdFrom', period.from);
  params.set('createdTo', period.to);
  for (const key of ['unitId', 'districtId', 'channel', 'categoryId'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (figure.dimension && DIMENSION_PARAM[figure.dimension]) {
    if (figure.key === null || figure.key === undefined) return null;
    params.set(DIMENSION_PARAM[figure.dimension]!, String(figure.key));
  }
  for (const [key, value] of Object.entries(MEASURE_PARAMS[figure.measure ?? 'tickets'] ?? {})) {
    // A status dimension already names one status; the measure's list of statuses would only narrow it further.
    if (!(key === 'statuses' && params.has('status'))) params.set(key, value);
  }
  return `/tickets?${params.toString()}`;
}

/** The recorded calls behind a call figure. */
export function callsLink(filters: CallListFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters) as [string, string | undefined][])
    if (value !== undefined && value !== '') params.set(key, value);
  return `/dashboard/calls?${params.toString()}`;
}
