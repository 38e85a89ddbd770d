// The supervisor's wallboard. No polling: `presence.changed` patches an agent's row in the cache, and calls,
// tickets and city matters changing refetch the figures, debounced (features/wallboard/live-updates.ts).
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { AgentPresenceDto, WallboardDto } from '@kck/contracts';
import { http } from './http';

export const wallboardKeys = {
  all: () => ['wallboard'] as const,
};

export function useWallboard() {
  return useQuery({
    queryKey: wallboardKeys.all(),
    queryFn: ({ signal }) => http.get<WallboardDto>('/api/wallboard', undefined, signal),
  });
}

/**
 * Puts an agent's new presence in their wallboard row; a message older than the row (they can arrive out of
 * order after a reconnect) is dropped. An agent the board does not list yet comes with the next refetch.
 */
export function applyPresenceToWallboard(queryClient: QueryClient, presence: AgentPresenceDto): boolean {
  let found = false;
  // The fetch time stays: the page reads the server clock's offset from it and the board's `at`.
  const fetchedAt = queryClient.getQueryState(wallboardKeys.all())?.dataUpdatedAt;
  queryClient.setQueryData<WallboardDto>(
    wallboardKeys.all(),
    (board) => {
      if (!board) return board;
      const agents = board.agents.map((agent) => {
        if (agent.userId !== presence.userId) return agent;
        found = true;
        if (agent.since > presence.since) return agent;
        // Changing one's state by hand or taking a call takes a session; going offline may be the sign-out.
        return { ...agent, ...presence, signedIn: presence.state === 'offline' ? agent.signedIn : true };
      });
      return found ? { ...board, agents } : board;
    },
    { updatedAt: fetchedAt },
  );
  return found;
}

const REFETCH_DEBOUNCE_MS = 1_000;
const pending = new WeakMap<QueryClient, ReturnType<typeof setTimeout>>();

/** A burst of call events (ten calls ringing at once) refetches the figures once, a second after the last. */
export function refreshWallboardSoon(queryClient: QueryClient): void {
  clearTimeout(pending.get(queryClient));
  pending.set(
    queryClient,
    setTimeout(() => {
      pending.delete(queryClient);
      void queryClient.invalidateQueries({ queryKey: wallboardKeys.all() }, { cancelRefetch: false });
    }, REFETCH_DEBOUNCE_MS),
  );
}
