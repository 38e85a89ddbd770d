// HTTP for DK-05's figures: today's live counts, and tickets, calls, backlog and knowledge-base use over a period.
// Unit staff read their own unit's ticket figures and backlog (heads of units); the rest is for analysts.
import { z } from 'zod';
import { callFiguresQuery, knowledgeFiguresQuery, ticketFiguresQuery, type Role } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import type { Actor } from '../auth/actor.ts';
import { defineRoute } from '../platform/http/route.ts';
import { todayFigures } from './analytics.queries.ts';
import { analyticsLimits, backlogByUnit, callFigures, knowledgeFigures, ticketFigures } from './figures.service.ts';

const ANALYSTS = ['analyst', 'supervisor', 'admin'] as const satisfies readonly Role[];
const WITH_UNITS = [...ANALYSTS, 'unit_staff'] as const satisfies readonly Role[];

const backlogQuery = z.object({ unitId: z.uuid('unitId must be a unit id').optional() }).strict();

/** Unit staff see only their own unit, whatever they ask for. */
const ownUnit = (actor: Actor, unitId: string | undefined) =>
  actor.role === 'unit_staff' ? (actor.unitId ?? '00000000-0000-0000-0000-000000000000') : unitId;

export function analyticsRoutes({ db, config }: BackendContext) {
  const limits = analyticsLimits(config);
  return [
    defineRoute({ method: 'get', path: '/api/analytics/today', roles: ANALYSTS }, () => todayFigures(db)),
    defineRoute(
      { method: 'get', path: '/api/analytics/tickets', roles: WITH_UNITS, query: ticketFiguresQuery },
      ({ actor, query }) => ticketFigures(db, { ...query, unitId: ownUnit(actor, query.unitId) }, limits),
    ),
    defineRoute(
      { method: 'get', path: '/api/analytics/calls', roles: ANALYSTS, query: callFiguresQuery },
      ({ query }) => callFigures(db, query, limits),
    ),
    defineRoute(
      { method: 'get', path: '/api/analytics/backlog', roles: WITH_UNITS, query: backlogQuery },
      ({ actor, query }) => backlogByUnit(db, { unitId: ownUnit(actor, query.unitId) }),
    ),
    defineRoute(
      { method: 'get', path: '/api/analytics/knowledge', roles: ANALYSTS, query: knowledgeFiguresQuery },
      ({ query }) => knowledgeFigures(db, query, limits),
    ),
  ];
}
