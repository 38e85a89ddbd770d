// The whole route table, one list per module. A test snapshots `METHOD path → roles` from it.
import type { BackendContext } from './context.ts';
import type { RouteDefinition } from './platform/http/route.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { unitRoutes } from './units/units.routes.ts';
import { dictionaryRoutes } from './dictionaries/dictionaries.routes.ts';
import { ticketRoutes } from './tickets/tickets.routes.ts';
import { deadlineRoutes } from './deadlines/deadlines.routes.ts';
import { deadlinePolicyRoutes } from './deadlines/deadline-policies.routes.ts';
import { attachmentRoutes } from './attachments/attachments.routes.ts';
import { ticketRelationRoutes } from './tickets/ticket-relations.routes.ts';
import { routingRuleRoutes } from './routing/routing-rules.routes.ts';
import { callRoutes } from './calls/calls.routes.ts';
import { ctiRoutes } from './cti/cti.routes.ts';
import { knowledgeRoutes } from './knowledge/knowledge.routes.ts';
import { articleRoutes } from './knowledge/articles.routes.ts';
import { analyticsRoutes } from './analytics/analytics.routes.ts';
import { deliveryRoutes } from './delivery/delivery.routes.ts';
import { redeliveryRoutes } from './delivery/redelivery.routes.ts';
import { monitoringRoutes } from './monitoring/monitoring.routes.ts';
import { adminQueueRoutes } from './admin-queues/queues.routes.ts';
import { workspaceRoutes } from './workspace/workspace.routes.ts';
import { presenceRoutes } from './presence/presence.routes.ts';
import { wallboardRoutes } from './wallboard/wallboard.routes.ts';
import { cityMatterRoutes } from './city-matters/city-matters.routes.ts';
import { incidentRoutes } from './incidents/incidents.routes.ts';

import { surveyRoutes } from './surveys/surveys.routes.ts';
import { streetRoutes } from './streets/streets.routes.ts';
import { categoryAttributeRoutes } from './category-attributes/category-attributes.routes.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { publicIntakeRoutes } from './public-intake/public-intake.routes.ts';
import { accessibilityRoutes } from './accessibility/accessibility.routes.ts';
import { duplicateRoutes } from './duplicates/duplicates.routes.ts';
import { triageRoutes } from './triage/triage.routes.ts';
import { mayorMatterRoutes } from './mayor-matters/mayor-matters.routes.ts';
import { openDataRoutes } from './open-data/open-data.routes.ts';
import { reportRoutes } from './reports/reports.routes.ts';
import { accessLogRoutes } from './access-log/access-log.routes.ts';
import { privacyRoutes } from './privacy/privacy.routes.ts';
import { userRoutes } from './users/users.routes.ts';
export const allRoutes = (ctx: BackendContext): RouteDefinition[] => [
  ...authRoutes(ctx),
  ...unitRoutes(ctx),
  ...dictionaryRoutes(ctx),
  // Before the tickets' own routes: /api/tickets/similar would otherwise be read as /api/tickets/:id.
  ...duplicateRoutes(ctx),
  ...ticketRoutes(ctx),
  ...deadlineRoutes(ctx),
  ...deadlinePolicyRoutes(ctx),
  ...attachmentRoutes(ctx),
  ...ticketRelationRoutes(ctx),
  ...routingRuleRoutes(ctx),
  ...callRoutes(ctx),
  ...ctiRoutes(ctx),
  ...knowledgeRoutes(ctx),
  ...articleRoutes(ctx),
  ...analyticsRoutes(ctx),
  ...monitoringRoutes(ctx),
  ...deliveryRoutes(ctx),
  ...redeliveryRoutes(ctx),
  ...adminQueueRoutes(ctx),
  ...workspaceRoutes(ctx),
  ...presenceRoutes(ctx),
  ...wallboardRoutes(ctx),
  ...cityMatterRoutes(ctx),
  ...incidentRoutes(ctx),
  ...surveyRoutes(ctx),
  ...streetRoutes(ctx),
  ...categoryAttributeRoutes(ctx),
  ...open311Routes(ctx),
  ...publicIntakeRoutes(ctx),
  ...accessibilityRoutes(ctx),
  ...triageRoutes(ctx),
  ...mayorMatterRoutes(ctx),
  ...openDataRoutes(ctx),
  ...reportRoutes(ctx),
  ...accessLogRoutes(ctx),
  ...privacyRoutes(ctx),
  ...userRoutes(ctx),
];
