// Socket messages for presence, calls and city-wide matters, applied to the TanStack Query cache: an agent's
// row is patched in place, the wallboard's figures and the banners are refetched. No screen polls for these.
import type { QueryClient } from '@tanstack/react-query';
import type { AgentPresenceDto } from '@kck/contracts';
import { refreshCityMatters } from '../../api/city-matters.api';
import { applyOwnPresence, presenceKeys } from '../../api/presence.api';
import { applyPresenceToWallboard, refreshWallboardSoon, wallboardKeys } from '../../api/wallboard.api';
import type { ConsoleSocket } from '../../realtime/socket';

/** Subscribes to the socket's messages for these features; returns the unsubscribe. */
export function attachLiveUpdates(socket: ConsoleSocket, queryClient: QueryClient): () => void {
  const onPresence = (presence: AgentPresenceDto) => {
    applyOwnPresence(queryClient, presence);
    // An agent the board does not list yet (a new account): the next fetch brings the row.
    if (!applyPresenceToWallboard(queryClient, presence)) refreshWallboardSoon(queryClient);
  };
  const onFiguresMoved = () => refreshWallboardSoon(queryClient);
  const onCityMatter = () => {
    refreshCityMatters(queryClient);
    refreshWallboardSoon(queryClient);
  };
  // Messages sent while this console was away are not replayed: read everything again.
  const onConnect = () => {
    for (const queryKey of [presenceKeys.all(), wallboardKeys.all()])
      void queryClient.invalidateQueries({ queryKey }, { cancelRefetch: false });
    refreshCityMatters(queryClient);
  };

  socket.on('presence.changed', onPresence);
  socket.on('call.changed', onFiguresMoved);
  socket.on('dashboard.changed', onFiguresMoved);
  socket.on('city_matter.changed', onCityMatter);
  socket.on('connect', onConnect);
  return () => {
    socket.off('presence.changed', onPresence);
    socket.off('call.changed', onFiguresMoved);
    socket.off('dashboard.changed', onFiguresMoved);
    socket.off('city_matter.changed', onCityMatter);
    socket.off('connect', onConnect);
  };
}
