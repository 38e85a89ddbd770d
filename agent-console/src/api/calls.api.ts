// Calls as the hotline agent lives them: the live calls the telephony (or the agent's own start) opened, kept in
// the query cache and patched by `call.changed` messages; the wrap-up draft saved as the agent types; the wrap-up
// that records the call with its tickets; the caller's history and the team's call-back list.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import {
  CSRF_HEADER,
  type CallbackDoneRequest,
  type CallbacksDto,
  type CallDto,
  type CallerHistoryDto,
  type CurrentCallsDto,
  type LiveCallDto,
  type Role,
  type SaveCallDraftRequest,
  type StartCallRequest,
  type WrapUpCallRequest,
} from '@kck/contracts';
import type { ConsoleSocket } from '../realtime/socket';
import { currentCsrfToken, http } from './http';
import { analyticsKeys, callKeys, ticketKeys } from './query-keys';

/** States in which a call is still the agent's to handle (and has a wrap-up form). */
export const LIVE_CALL_STATES: readonly LiveCallDto['state'][] = ['ringing', 'active', 'wrap_up'];
const isLive = (call: LiveCallDto) => LIVE_CALL_STATES.includes(call.state);

const PRIORITY: Record<string, number> = { active: 0, wrap_up: 1, ringing: 2 };

/**
 * The call the agent works on: the one they picked if it is still live, else a connected one, then one in
 * wrap-up, then one ringing (oldest first within each).
 */
export function pickCall(calls: readonly LiveCallDto[], chosenId: string | null): LiveCallDto | null {
  const chosen = chosenId ? calls.find((c) => c.id === chosenId) : undefined;
  if (chosen) return chosen;
  const ranked = calls
    .filter(isLive)
    .sort((a, b) => (PRIORITY[a.state] ?? 9) - (PRIORITY[b.state] ?? 9) || a.startedAt.localeCompare(b.startedAt));
  return ranked[0] ?? null;
}

/** The call a hotline user is on now, wherever they are in the console (the city-matter banner links it). */
export function useCurrentCallId(role: Role): string | null {
  const hotline = role === 'agent' || role === 'supervisor';
  const current = useCurrentCalls(hotline);
  return hotline ? (pickCall(current.data?.calls ?? [], null)?.id ?? null) : null;
}

export function useMyCalls(limit = 20) {
  return useQuery({
    queryKey: callKeys.mine(limit),
    queryFn: ({ signal }) => http.get<CallDto[]>('/api/calls', { view: 'mine', limit }, signal),
  });
}

/** The agent's live calls; after a reload this brings back the call and its draft. */
export function useCurrentCalls(enabled: boolean) {
  return useQuery({
    queryKey: callKeys.current(),
    queryFn: ({ signal }) => http.get<CurrentCallsDto>('/api/calls/current', undefined, signal),
    enabled,
    // The socket keeps it current; a refetch on focus would only repeat what the socket said.
    refetchOnWindowFocus: false,
  });
}

/**
 * Puts a call as the server sent it into the agent's list of live calls, or takes it out once it is recorded,
 * missed or another agent's. Only a list already loaded is touched (supervisors hear every call, hold no list).
 */
export function applyLiveCall(queryClient: QueryClient, userId: string, call: LiveCallDto): void {
  queryClient.setQueryData<CurrentCallsDto>(callKeys.current(), (old) => {
    if (!old) return old;
    const others = old.calls.filter((c) => c.id !== call.id);
    if (!isLive(call) || call.agentId !== userId) return { calls: others };
    const known = old.calls.find((c) => c.id === call.id);
    // A message about the call's state may carry an older draft than one this console saved since.
    const merged =
      known && known.draftVersion > call.draftVersion
        ? { ...call, draft: known.draft, draftVersion: known.draftVersion }
        : call;
    return { calls: [...others, merged].sort((a, b) => a.startedAt.localeCompare(b.startedAt)) };
  });
}

/** Subscribes the call screens to `call.changed`; a (re)connection reloads what may have been missed. */
export function attachCallUpdates(socket: ConsoleSocket, queryClient: QueryClient, userId: string): () => void {
  const onCall = (call: LiveCallDto) => {
    applyLiveCall(queryClient, userId, call);
    if (call.state === 'missed') void queryClient.invalidateQueries({ queryKey: callKeys.callbacks() });
    if (call.state === 'recorded' && call.agentId === userId)
      void queryClient.invalidateQueries({ queryKey: ['calls', 'mine'] });
  };
  const onConnect = () => {
    void queryClient.invalidateQueries({ queryKey: callKeys.current() }, { cancelRefetch: false });
    void queryClient.invalidateQueries({ queryKey: callKeys.callbacks() }, { cancelRefetch: false });
  };
  socket.on('call.changed', onCall);
  socket.on('connect', onConnect);
  return () => {
    socket.off('call.changed', onCall);
    socket.off('connect', onConnect);
  };
}

export function useStartCall(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StartCallRequest) => http.post<LiveCallDto>('/api/calls/start', body),
    onSuccess: (call) => applyLiveCall(queryClient, userId, call),
  });
}

export function useEndCall(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (callId: string) => http.post<LiveCallDto>(`/api/calls/${callId}/end`),
    onSuccess: (call) => applyLiveCall(queryClient, userId, call),
  });
}

export const saveCallDraft = (callId: string, body: SaveCallDraftRequest) =>
  http.put<LiveCallDto>(`/api/calls/${callId}/draft`, body);

/**
 * The last save while the page is closing or reloading: a keepalive request outlives the page, which an
 * ordinary fetch (cancelled on unload) does not. Its answer is never read.
 */
export function saveCallDraftOnUnload(callId: string, body: SaveCallDraftRequest): void {
  const token = currentCsrfToken();
  try {
    void fetch(`/api/calls/${callId}/draft`, {
      method: 'PUT',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...(token ? { [CSRF_HEADER]: token } : {}) },
      body: JSON.stringify(body),
    }).catch(() => undefined);
  } catch {
    // A body over the keepalive limit (64 KB) throws at once; the debounced saves already sent most of it.
  }
}

export function useWrapUpCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ callId, body }: { callId: string; body: WrapUpCallRequest }) =>
      http.post<CallDto>(`/api/calls/${callId}/wrap-up`, body),
    onSuccess: (call) => {
      queryClient.setQueryData<CurrentCallsDto>(callKeys.current(), (old) =>
        old ? { calls: old.calls.filter((c) => c.id !== call.id) } : old,
      );
      void queryClient.invalidateQueries({ queryKey: ['calls', 'mine'] });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.today() });
    },
  });
}

export function useCallerHistory(callId: string | null, callerPhone: string | null) {
  return useQuery({
    // The number is part of the key: a number told on the phone and corrected by the agent asks again.
    queryKey: [...callKeys.callerHistory(callId ?? ''), callerPhone],
    queryFn: ({ signal }) => http.get<CallerHistoryDto>(`/api/calls/${callId}/caller-history`, undefined, signal),
    enabled: Boolean(callId && callerPhone),
  });
}

export function useCallbacks(enabled: boolean) {
  return useQuery({
    queryKey: callKeys.callbacks(),
    queryFn: ({ signal }) => http.get<CallbacksDto>('/api/calls/callbacks', undefined, signal),
    enabled,
  });
}

export function useCallbackDone() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ callId, body }: { callId: string; body: CallbackDoneRequest }) =>
      http.post<LiveCallDto>(`/api/calls/${callId}/callback-done`, body),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: callKeys.callbacks() }),
  });
}
