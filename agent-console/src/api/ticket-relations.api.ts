// Relations between tickets and the commands beyond plain moves: merge a duplicate, link and unlink,
// split a report into parts, a unit's decision on an idea. Each answer refreshes the tickets it touched.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IdeaDecisionRequest,
  LinkTicketRequest,
  MergeTicketRequest,
  SplitTicketRequest,
  SplitTicketResult,
  TicketDto,
  TicketRelationsDto,
  UnlinkTicketRequest,
} from '@kck/contracts';
import { http, isApiError } from './http';
import { ticketKeys } from './query-keys';
import { applyTicketUpdate } from './tickets.api';

/** Under the ticket's detail key, so whatever refreshes the detail (a socket event, a move) refreshes this too. */
export const relationsKey = (id: string) => [...ticketKeys.detail(id), 'relations'] as const;

const path = (id: string, command: string) => `/api/tickets/${encodeURIComponent(id)}/${command}`;

export function useTicketRelations(id: string) {
  return useQuery({
    queryKey: relationsKey(id),
    queryFn: ({ signal }) => http.get<TicketRelationsDto>(path(id, 'relations'), undefined, signal),
  });
}

/** Every command here may change other tickets too (the main ticket, the linked one, the parts): lists refetch. */
function useTicketCommand<Body, Result>(id: string, command: string, onResult: (result: Result) => TicketDto[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Body) => http.post<Result>(path(id, command), body),
    onSuccess: (result) => {
      for (const ticket of onResult(result)) applyTicketUpdate(queryClient, ticket);
      void queryClient.invalidateQueries({ queryKey: ticketKeys.details() });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
    onError: (error) => {
      // The ticket changed under the user (409): show where it stands now.
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(id) });
    },
  });
}

export const useMergeTicket = (id: string) =>
  useTicketCommand<MergeTicketRequest, TicketDto>(id, 'merge', (ticket) => [ticket]);

export const useLinkTicket = (id: string) =>
  useTicketCommand<LinkTicketRequest, TicketRelationsDto>(id, 'links', () => []);

export const useUnlinkTicket = (id: string) =>
  useTicketCommand<UnlinkTicketRequest, TicketRelationsDto>(id, 'unlink', () => []);

export const useSplitTicket = (id: string) =>
  useTicketCommand<SplitTicketRequest, SplitTicketResult>(id, 'split', (result) => [result.original]);

export const useIdeaDecision = (id: string) =>
  useTicketCommand<IdeaDecisionRequest, TicketDto>(id, 'idea-decision', (ticket) => [ticket]);
