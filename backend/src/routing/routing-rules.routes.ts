// HTTP for routing rules: triage and supervisors read them (to understand where tickets went),
// admins edit them. There is no DELETE: tickets keep the id of the rule that routed them.
import { z } from 'zod';
import { reorderRoutingRulesRequest, routingRuleRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import {
  createRoutingRule,
  listRoutingRules,
  reorderRoutingRules,
  setRoutingRuleActive,
  updateRoutingRule,
} from './routing-rules.service.ts';

const idParams = z.object({ id: z.uuid('id must be a routing rule id') });

const READERS = ['admin', 'triage', 'supervisor'] as const;
const EDITORS = ['admin'] as const;

export function routingRuleRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/routing-rules', roles: READERS }, () => listRoutingRules(db)),
    defineRoute(
      { method: 'post', path: '/api/routing-rules', roles: EDITORS, body: routingRuleRequest, status: 201 },
      ({ actor, body }) => createRoutingRule(db, actor, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/routing-rules/reorder', roles: EDITORS, body: reorderRoutingRulesRequest },
      ({ actor, body }) => reorderRoutingRules(db, actor, body),
    ),
    defineRoute(
      { method: 'put', path: '/api/routing-rules/:id', roles: EDITORS, params: idParams, body: routingRuleRequest },
      ({ actor, params, body }) => updateRoutingRule(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/routing-rules/:id/deactivate', roles: EDITORS, params: idParams },
      ({ actor, params }) => setRoutingRuleActive(db, actor, params.id, false),
    ),
    defineRoute(
      { method: 'post', path: '/api/routing-rules/:id/activate', roles: EDITORS, params: idParams },
      ({ actor, params }) => setRoutingRuleActive(db, actor, params.id, true),
    ),
  ];
}
