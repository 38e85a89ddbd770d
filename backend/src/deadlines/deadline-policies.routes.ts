// HTTP for deadline policies: analysts (who own the dictionaries) and admins list and edit them.
// There is no DELETE: a policy is deactivated with PUT `active: false`.
import { z } from 'zod';
import { deadlinePolicyRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { createDeadlinePolicy, listDeadlinePolicies, updateDeadlinePolicy } from './deadline-policy-editing.service.ts';

const idParams = z.object({ id: z.uuid('id must be a deadline policy id') });

const EDITORS = ['analyst', 'admin'] as const;

export function deadlinePolicyRoutes({ db }: BackendContext) {
  return [
    defineRoute({ method: 'get', path: '/api/deadline-policies', roles: EDITORS }, () => listDeadlinePolicies(db)),
    defineRoute(
      { method: 'post', path: '/api/deadline-policies', roles: EDITORS, body: deadlinePolicyRequest, status: 201 },
      ({ actor, body }) => createDeadlinePolicy(db, actor, body),
    ),
    defineRoute(
      {
        method: 'put',
        path: '/api/deadline-policies/:id',
        roles: EDITORS,
        params: idParams,
        body: deadlinePolicyRequest,
      },
      ({ actor, params, body }) => updateDeadlinePolicy(db, actor, params.id, body),
    ),
  ];
}
