// HTTP for DK-02's supervisor wallboard; the console keeps it live from socket messages, never by polling.
// Agents and unit staff are left out: it shows every agent's state and every unit's queue.
import type { BackendContext } from '../context.ts';
import { sessionLimits } from '../auth/sessions.ts';
import { defineRoute } from '../platform/http/route.ts';
import { wallboard } from './wallboard.queries.ts';

export function wallboardRoutes({ db, config }: BackendContext) {
  const limits = sessionLimits(config);
  return [
    defineRoute({ method: 'get', path: '/api/wallboard', roles: ['supervisor', 'admin'] }, ({ actor }) =>
      wallboard(db, actor, limits),
    ),
  ];
}
