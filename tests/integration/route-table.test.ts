// Every HTTP route declares who may call it. This snapshot makes any change of access
// visible in review: read a diff here as a permission change.
import { describe, expect, it } from 'vitest';
import { allRoutes } from '../../backend/src/routes.ts';
import type { BackendContext } from '../../backend/src/context.ts';

describe('the route table', () => {
  it('lists every route with the roles it allows', () => {
    const routes = allRoutes({ config: { REDIS_PREFIX: 'x' } } as unknown as BackendContext);
    const table = routes.map(
      (r) => `${r.method.toUpperCase()} ${r.path} → ${typeof r.roles === 'string' ? r.roles : r.roles.join(',')}`,
    );
    expect(table).toMatchInlineSnapshot(`
      [
        "POST /api/auth/login → public",
        "GET /api/auth/me → staff",
        "POST /api/auth/logout → staff",
        "GET /api/units → staff",
        "GET /api/dictionaries/:code → staff",
        "GET /api/tickets → agent,triage,unit_staff,analyst,supervisor,admin",
        "GET /api/tickets/:id → agent,triage,unit_staff,analyst,supervisor,admin",
        "POST /api/tickets → agent,triage,supervisor,admin",
        "POST /api/tickets/:id/route → triage,admin",
        "POST /api/tickets/:id/accept → unit_staff,admin",
        "POST /api/tickets/:id/resolve → unit_staff,admin",
        "POST /api/tickets/:id/start → unit_staff,admin",
        "POST /api/tickets/:id/return → unit_staff,admin",
        "POST /api/tickets/:id/reject → triage,admin",
        "POST /api/tickets/:id/reopen → agent,triage,admin",
        "POST /api/tickets/:id/close → triage,admin",
        "GET /api/events → agent,triage,unit_staff,analyst,supervisor,admin",
        "POST /api/tickets/:id/wait-for-resident → unit_staff,admin",
        "POST /api/tickets/:id/resume → unit_staff,admin",
        "GET /api/deadline-policies → analyst,admin",
        "POST /api/deadline-policies → analyst,admin",
        "PUT /api/deadline-policies/:id → analyst,admin",
        "GET /api/tickets/:id/attachments → agent,triage,unit_staff,analyst,supervisor,admin",
        "POST /api/tickets/:id/attachments → agent,triage,unit_staff,admin",
        "GET /api/tickets/:id/attachments/:attachmentId → agent,triage,unit_staff,analyst,supervisor,admin",
        "GET /api/tickets/:id/relations → agent,triage,unit_staff,analyst,supervisor,admin",
        "POST /api/tickets/:id/merge → triage,admin",
        "POST /api/tickets/:id/links → triage,admin",
        "POST /api/tickets/:id/unlink → triage,admin",
        "POST /api/tickets/:id/split → triage,admin",
        "POST /api/tickets/:id/idea-decision → unit_staff,admin",
        "GET /api/routing-rules → admin,triage,supervisor",
        "POST /api/routing-rules → admin",
        "POST /api/routing-rules/reorder → admin",
        "PUT /api/routing-rules/:id → admin",
        "POST /api/routing-rules/:id/deactivate → admin",
        "POST /api/routing-rules/:id/activate → admin",
        "POST /api/calls → agent,supervisor",
        "GET /api/calls → agent,supervisor,analyst,admin",
        "GET /api/knowledge/search → staff",
        "GET /api/knowledge/articles/:id → staff",
        "GET /api/analytics/today → analyst,supervisor,admin",
        "GET /api/monitoring/units → triage,supervisor,admin,analyst",
        "PUT /api/units/:id/integration → admin",
        "POST /api/units/:id/integration/rotate-token → admin",
        "POST /api/unit-api/tickets/:ticket/accept → unit_token",
        "POST /api/unit-api/tickets/:ticket/comment → unit_token",
        "POST /api/unit-api/tickets/:ticket/resolve → unit_token",
        "POST /api/tickets/:id/delivery/retry → triage,admin",
        "POST /api/tickets/:id/delivery/passed-on → triage,admin",
        "GET /api/admin/queues → admin",
        "GET /api/admin/queues/:queue/failed → admin",
        "POST /api/admin/queues/:queue/jobs/:id/retry → admin",
        "POST /api/tickets/:id/assign → unit_staff,admin",
        "GET /api/tickets/:id/comments → agent,triage,unit_staff,analyst,supervisor,admin",
        "POST /api/tickets/:id/comments → unit_staff,triage,admin",
        "GET /api/tickets/:id/answer-templates → unit_staff,triage,admin",
        "GET /api/presence → unit_staff",
        "PUT /api/presence → unit_staff",
        "GET /api/units/:id/assignment → unit_staff,supervisor,admin",
        "PUT /api/units/:id/assignment → supervisor,admin",
        "GET /api/units/:id/answer-templates → unit_staff,admin",
        "POST /api/units/:id/answer-templates → unit_staff,admin",
        "PUT /api/answer-templates/:id → unit_staff,admin",
        "DELETE /api/answer-templates/:id → unit_staff,admin",
      ]
    `);
  });
});
