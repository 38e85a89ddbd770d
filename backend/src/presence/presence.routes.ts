// HTTP for hotline agents' presence: an agent reads and sets their own, supervisors list every agent's.
// (GET/PUT /api/presence belong to unit staff's availability for round-robin, workspace/.)
import { changePresenceRequest, type AgentPresenceListDto } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { changePresence, getPresence, listAgentPresence } from './presence.service.ts';

export function presenceRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/presence/me', roles: ['agent'] }, ({ actor }) =>
      getPresence(db, actor.id),
    ),
    defineRoute(
      { method: 'put', path: '/api/presence/me', roles: ['agent'], body: changePresenceRequest },
      ({ actor, body }) =>
        db.transaction((em) =>
          changePresence(em, actor.id, { state: body.state, reason: body.reason, source: 'agent' }),
        ),
    ),
    defineRoute(
      { method: 'get', path: '/api/presence/agents', roles: ['supervisor', 'admin'] },
      async (): Promise<AgentPresenceListDto> => {
        const [agents, [{ at }]] = await Promise.all([
          listAgentPresence(db),
          db.query(`SELECT now() AS at`) as Promise<[{ at: Date }]>,
        ]);
        return { at: at.toISOString(), agents };
      },
    ),
  ];
}
