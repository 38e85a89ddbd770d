// Live updates: socket messages go straight into the TanStack Query cache, so every screen showing
// a ticket or today's figures updates itself; after a reconnect (to this backend process or another) we ask
// the server what we missed.
import { useEffect, useState } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Role, TicketChangedMessage } from '@kck/contracts';
import { fetchMissedEvents } from '../api/events.api';
import { adminQueueKeys, analyticsKeys, monitoringKeys, sessionKey, ticketKeys } from '../api/query-keys';
import { applyTicketRemoval, applyTicketUpdate } from '../api/tickets.api';
import { attachLiveUpdates } from '../features/wallboard/live-updates';
import { attachCallUpdates } from '../api/calls.api';
import { attachViewerUpdates } from '../api/triage.api';
import { attachIncidentUpdates } from '../api/incidents.api';
import { refreshFiguresOfToday } from '../api/analytics.api';
import { SeqCursor } from './seq-cursor';
import { createSocket } from './socket';
import { setRoomSocket, watchRoomsAgain } from './watched-rooms';

/** `connecting` before the first connection, `reconnecting` after losing one. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

const RETRY_AFTER_REJECT_MS = 5_000;
/** Pages of 500 missed events read after a reconnect; past that, refetching what is on screen is cheaper. */
const MAX_CATCH_UP_PAGES = 10;

// Refetch only what is on screen, and never abort a fetch already under way (it is just as fresh).
function refreshEverything(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: ticketKeys.all() }, { cancelRefetch: false });
  void queryClient.invalidateQueries({ queryKey: analyticsKeys.today() }, { cancelRefetch: false });
  void queryClient.invalidateQueries({ queryKey: monitoringKeys.units() }, { cancelRefetch: false });
}

// Any ticket move can change DK-03's monitoring figures; a burst of moves should not cancel each refetch.
const refreshMonitoring = (queryClient: QueryClient) =>
  void queryClient.invalidateQueries({ queryKey: monitoringKeys.units() }, { cancelRefetch: false });

// kb_editor and auditor read no tickets (the server answers 403 to /api/events), so they have nothing to catch up on.
const canReadTickets = (role: Role) => role !== 'kb_editor' && role !== 'auditor';

export function useRealtime(userId: string, role: Role): ConnectionState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState>('connecting');

  useEffect(() => {
    const socket = createSocket();
    // Presence, calls and city-wide matters (wallboard, banners); removeAllListeners below detaches them.
    attachLiveUpdates(socket, queryClient);
    // The agent's live calls (the call screen's pop-up) and the call-back list.
    attachCallUpdates(socket, queryClient, userId);
    // Who is looking at which ticket (DK-03's inbox and a ticket's detail).
    attachViewerUpdates(socket, queryClient, role);
    // Every console's incident banner, and the register where it is open.
    attachIncidentUpdates(socket, queryClient);
    setRoomSocket(socket);
    // The ticket-event sequence ids heard; where GET /api/events?after= resumes.
    const cursor = new SeqCursor();
    const noteSeq = (seq: number) => cursor.note(seq);
    let connectedBefore = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let disposed = false;

    const catchUp = async () => {
      if (!canReadTickets(role)) return;
      let after = cursor.resumeFrom();
      if (after === 0) {
        refreshEverything(queryClient); // no cursor yet: refetching is cheaper than replaying all history
        return;
      }
      try {
        const ticketIds = new Set<string>();
        let complete = false;
        for (let page = 0; page < MAX_CATCH_UP_PAGES && !complete; page++) {
          const missed = await fetchMissedEvents(after);
          if (disposed) return;
          for (const event of missed.events) {
            ticketIds.add(event.ticketId);
            noteSeq(event.seq);
          }
          noteSeq(missed.lastSeq);
          complete = missed.events.length < 500 || missed.lastSeq <= after;
          after = missed.lastSeq;
        }
        if (!complete) return refreshEverything(queryClient);
        for (const ticketId of ticketIds) {
          void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
        }
        if (ticketIds.size > 0) {
          void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
          void queryClient.invalidateQueries({ queryKey: analyticsKeys.today() });
          refreshMonitoring(queryClient);
        }
      } catch {
        if (!disposed) refreshEverything(queryClient);
      }
    };

    socket.on('connect', () => {
      setState('connected');
      // A connection recovered by the server keeps its rooms; a new one (e.g. on another process) has only its own.
      if (!socket.recovered) watchRoomsAgain();
      if (connectedBefore) {
        void catchUp();
      } else {
        connectedBefore = true;
        // Screens fetched before the server joined us to our rooms; anything in between would be lost.
        refreshEverything(queryClient);
      }
    });

    socket.on('disconnect', (reason) => {
      setState(connectedBefore ? 'reconnecting' : 'connecting');
      // The server hung up on purpose (e.g. the session ended): check the session, then try again.
      if (reason === 'io server disconnect') {
        void queryClient.invalidateQueries({ queryKey: sessionKey });
        retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_REJECT_MS);
      }
    });

    socket.on('connect_error', () => {
      setState(connectedBefore ? 'reconnecting' : 'connecting');
      // `active` is false when the server refused the handshake; socket.io will not retry by itself then.
      if (!socket.active) {
        void queryClient.invalidateQueries({ queryKey: sessionKey });
        clearTimeout(retryTimer);
        retryTimer = setTimeout(() => socket.connect(), RETRY_AFTER_REJECT_MS);
      }
    });

    socket.on('ticket.changed', (message: TicketChangedMessage) => {
      noteSeq(message.seq);
      applyTicketUpdate(queryClient, message.ticket);
      refreshMonitoring(queryClient);
    });

    socket.on('ticket.removed', (message) => {
      noteSeq(message.seq);
      applyTicketRemoval(queryClient, message.ticketId);
      refreshMonitoring(queryClient);
    });

    // The admin's queue page shows failed jobs: the worker says when one failed for good.
    socket.on('queue.job_failed', () => {
      void queryClient.invalidateQueries({ queryKey: adminQueueKeys.all() }, { cancelRefetch: false });
    });

    socket.on('dashboard.changed', () => {
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.today() });
      refreshFiguresOfToday(queryClient);
      refreshMonitoring(queryClient);
    });

    socket.connect();
    return () => {
      disposed = true;
      setRoomSocket(undefined);
      clearTimeout(retryTimer);
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [queryClient, userId, role]);

  return state;
}
