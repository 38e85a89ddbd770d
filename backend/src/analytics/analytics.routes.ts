// HTTP for the dashboard figures.
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { todayFigures } from './analytics.queries.ts';

export function analyticsRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/analytics/today', roles: ['analyst', 'supervisor', 'admin'] }, () =>
      todayFigures(db),
    ),
  ];
}
