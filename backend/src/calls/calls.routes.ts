// HTTP for calls: an agent records a call (with its tickets) and lists recent calls.
import { z } from 'zod';
import { recordCallRequest } from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { listCalls, recordCall } from './calls.service.ts';

const listQuery = z
  .object({ view: z.enum(['mine', 'all']).default('mine'), limit: z.coerce.number().int().min(1).max(200).default(20) })
  .strict();

export function callRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'post', path: '/api/calls', roles: ['agent', 'supervisor'], body: recordCallRequest, status: 201 },
      ({ actor, body }) => recordCall(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/calls', roles: ['agent', 'supervisor', 'analyst', 'admin'], query: listQuery },
      ({ actor, query }) => listCalls(db, actor, query.view, query.limit),
    ),
  ];
}
