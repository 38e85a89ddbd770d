// A hotline agent's own presence (the app bar's selector) and supervisors' list of agents. `presence.changed`
// on the socket writes into the same cache (features/wallboard/live-updates.ts), so every view follows it.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AgentPresenceDto, ChangePresenceRequest } from '@kck/contracts';
import { http } from './http';

// Not under ['presence']: that key is unit staff's availability (workspace.api.ts).
export const presenceKeys = {
  all: () => ['agent-presence'] as const,
  me: () => ['agent-presence', 'me'] as const,
};

export function useMyPresence(enabled: boolean) {
  return useQuery({
    queryKey: presenceKeys.me(),
    queryFn: ({ signal }) => http.get<AgentPresenceDto>('/api/presence/me', undefined, signal),
    enabled,
    staleTime: Infinity,
  });
}

export function useChangePresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePresenceRequest) => http.put<AgentPresenceDto>('/api/presence/me', body),
    onSuccess: (presence) => applyOwnPresence(queryClient, presence),
  });
}

/** The signed-in agent's own row, when a message or an answer is about them and newer than what we hold. */
export function applyOwnPresence(queryClient: QueryClient, presence: AgentPresenceDto): void {
  queryClient.setQueryData<AgentPresenceDto>(presenceKeys.me(), (old) =>
    !old || old.userId !== presence.userId || old.since > presence.since ? old : presence,
  );
}
