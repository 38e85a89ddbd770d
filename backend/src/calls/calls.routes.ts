// HTTP for calls: an agent records a call (with its tickets) in one go or lives through it (start, end,
// draft, wrap-up), sees the caller's history and the call-back list; supervisors open recordings.
import {
  accessReasonQuery,
  callIdParams,
  callListQuery,
  callbackDoneRequest,
  recordCallRequest,
  saveCallDraftRequest,
  startCallRequest,
  wrapUpCallRequest,
  type CallbacksDto,
  type CurrentCallsDto,
} from '@kck/contracts';
import type { BackendContext } from '../context.ts';
import { defineRoute } from '../platform/http/route.ts';
import { recordAccess } from '../access-log/access-log.service.ts';
import { listCalls, recordCall } from './calls.service.ts';
import {
  callerHistory,
  currentCalls,
  endCall,
  listCallbacks,
  markCallbackDone,
  openRecording,
  saveDraft,
  startCall,
  wrapUpCall,
} from './live-calls.service.ts';

const HOTLINE = ['agent', 'supervisor'] as const;

export function callRoutes({ db }: BackendContext) {
  return [
    defineRoute(
      { method: 'post', path: '/api/calls', roles: HOTLINE, body: recordCallRequest, status: 201 },
      ({ actor, body }) => recordCall(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/calls', roles: ['agent', 'supervisor', 'analyst', 'admin'], query: callListQuery },
      ({ actor, query }) => listCalls(db, actor, query),
    ),
    defineRoute(
      { method: 'post', path: '/api/calls/start', roles: HOTLINE, body: startCallRequest, status: 201 },
      ({ actor, body }) => startCall(db, actor, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/calls/current', roles: HOTLINE },
      async ({ actor }): Promise<CurrentCallsDto> => ({ calls: await currentCalls(db, actor) }),
    ),
    defineRoute({ method: 'get', path: '/api/calls/callbacks', roles: HOTLINE }, async (): Promise<CallbacksDto> => ({
      callbacks: await listCallbacks(db),
    })),
    defineRoute(
      { method: 'post', path: '/api/calls/:id/end', roles: HOTLINE, params: callIdParams },
      ({ actor, params }) => endCall(db, actor, params.id),
    ),
    defineRoute(
      { method: 'put', path: '/api/calls/:id/draft', roles: HOTLINE, params: callIdParams, body: saveCallDraftRequest },
      ({ actor, params, body }) => saveDraft(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'post', path: '/api/calls/:id/wrap-up', roles: HOTLINE, params: callIdParams, body: wrapUpCallRequest },
      ({ actor, params, body }) => wrapUpCall(db, actor, params.id, body),
    ),
    defineRoute(
      { method: 'get', path: '/api/calls/:id/caller-history', roles: HOTLINE, params: callIdParams },
      async ({ actor, params, req }) => {
        const history = await callerHistory(db, actor, params.id);
        // The resident's earlier calls and tickets, found by their number: an access to their data (issue 9).
        if (history.calls.length + history.tickets.length > 0)
          await recordAccess(db, {
            actor,
            action: 'contact_viewed',
            subject: { kind: 'call', id: params.id },
            description: `Historia dzwoniącego: ${history.calls.length} wcześniejszych rozmów, ${history.tickets.length} zgłoszeń`,
            clientAddress: req.ip,
          });
        return history;
      },
    ),
    defineRoute(
      {
        method: 'post',
        path: '/api/calls/:id/callback-done',
        roles: HOTLINE,
        params: callIdParams,
        body: callbackDoneRequest,
      },
      ({ actor, params, body }) => markCallbackDone(db, actor, params.id, body.callbackCallId),
    ),
    defineRoute(
      {
        method: 'get',
        path: '/api/calls/:id/recording',
        roles: ['supervisor', 'admin'],
        params: callIdParams,
        query: accessReasonQuery,
      },
      ({ actor, params, query, req }) =>
        openRecording(db, actor, params.id, { reason: query.reason, clientAddress: req.ip }),
    ),
  ];
}
