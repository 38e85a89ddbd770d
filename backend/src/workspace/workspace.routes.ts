// HTTP for the unit workspace: assignment and presence, each unit's automatic assignment, comments and
// answers on a ticket, and answer templates.
import { z } from 'zod';
import {
  addCommentRequest,
  answerTemplateRequest,
  assignTicketRequest,
  presenceRequest,
  ticketIdParams,
  unitAssignmentRequest,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { sessionLimits } from '../auth/sessions.ts';
import { defineRoute } from '../platform/http/route.ts';
import { TICKET_READERS, UNIT_ACTORS } from '../tickets/tickets.policy.ts';
import { assignTicket, getPresence, getUnitAssignment, putUnitAssignment, setPresence } from './assignment.service.ts';
import { addComment, listComments } from './comments.service.ts';
import {
  createTemplate,
  deleteTemplate,
  listUnitTemplates,
  templatesForTicket,
  updateTemplate,
} from './answer-templates.service.ts';

const unitParams = z.object({ id: z.uuid('id must be a unit id') });
const templateParams = z.object({ id: z.uuid('id must be an answer template id') });

/** Who may write on a ticket they may act on: its unit, DK-03 (which also answers residents), admins. */
const COMMENTERS = ['unit_staff', 'triage', 'admin'] as const;

export function workspaceRoutes({ db, config }: BackendContext) {
  const limits = sessionLimits(config);
  return [
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/assign',
        roles: UNIT_ACTORS,
        params: ticketIdParams,
        body: assignTicketRequest,
      },
      ({ actor, params, body }) => assignTicket(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/comments', roles: TICKET_READERS, params: ticketIdParams },
      ({ actor, params }) => listComments(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/tickets/:id/comments',
        roles: COMMENTERS,
        params: ticketIdParams,
        body: addCommentRequest,
        status: 201,
      },
      ({ actor, params, body }) => addComment(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/tickets/:id/answer-templates', roles: COMMENTERS, params: ticketIdParams },
      ({ actor, params }) => templatesForTicket(db, actor, params.id),
    ),
    defineRoute({ method: 'get', path: '/api/presence', roles: ['unit_staff'] }, ({ actor }) => getPresence(db, actor)),
    defineRoute(
      { method: 'put', path: '/api/presence', roles: ['unit_staff'], body: presenceRequest },
      ({ actor, body }) => setPresence(db, actor, body.available),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/units/:id/assignment',
        roles: ['unit_staff', 'supervisor', 'admin'],
        params: unitParams,
      },
      ({ actor, params }) => getUnitAssignment(db, actor, params.id, limits),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/units/:id/assignment',
        roles: ['supervisor', 'admin'],
        params: unitParams,
        body: unitAssignmentRequest,
      },
      ({ actor, params, body }) => putUnitAssignment(db, actor, params.id, body.mode, limits),
    ),
    defineRoute(
      { method: 'get', path: '/api/units/:id/answer-templates', roles: UNIT_ACTORS, params: unitParams },
      ({ actor, params }) => listUnitTemplates(db, actor, params.id),
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/units/:id/answer-templates',
        roles: UNIT_ACTORS,
        params: unitParams,
        body: answerTemplateRequest,
        status: 201,
      },
      ({ actor, params, body }) => createTemplate(db, actor, params.id, body),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/answer-templates/:id',
        roles: UNIT_ACTORS,
        params: templateParams,
        body: answerTemplateRequest,
      },
      ({ actor, params, body }) => updateTemplate(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'delete', path: '/api/answer-templates/:id', roles: UNIT_ACTORS, params: templateParams },
      ({ actor, params }) => deleteTemplate(db, actor, params.id),
    ),
  ];
}
