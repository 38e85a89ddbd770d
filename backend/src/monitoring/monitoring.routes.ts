// HTTP for DK-03's monitoring view; the lists behind its figures are GET /api/tickets with filters.
// Unit staff and agents are left out: the figures span every unit.
import { monitoringUnitsQuery } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { monitoringUnits } from './monitoring.queries.ts';

export function monitoringRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      {
        method: 'get',
        path: '/api/monitoring/units',
        roles: ['triage', 'supervisor', 'admin', 'analyst'],
        query: monitoringUnitsQuery,
      },
      ({ actor }) => monitoringUnits(db, actor),
    ),
  ];
}
