// The unit workspace: assigning tickets, presence, the unit's automatic assignment, comments and answers,
// answer templates. Keys for one ticket sit under its detail key, so a live update of the ticket refreshes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddCommentRequest,
  AnswerTemplateDto,
  AnswerTemplateRequest,
  AssignmentMode,
  FilledAnswerTemplateDto,
  PresenceDto,
  TicketCommentDto,
  TicketDto,
  UnitAssignmentDto,
} from '@kck/contracts';
import { http, isApiError } from './http';
import { applyTicketUpdate } from './tickets.api';
import { ticketKeys, workspaceKeys } from './query-keys';

const ticketPath = (id: string) => `/api/tickets/${encodeURIComponent(id)}`;

export function useAssignTicket(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { assigneeId: string | null; version: number }) =>
      http.post<TicketDto>(`${ticketPath(ticketId)}/assign`, body),
    onSuccess: (ticket) => applyTicketUpdate(queryClient, ticket),
    onError: (error) => {
      // Someone changed the ticket meanwhile: show where it stands now.
      if (isApiError(error) && error.status === 409)
        void queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) });
    },
  });
}

export function useAddComment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddCommentRequest) => http.post<TicketCommentDto>(`${ticketPath(ticketId)}/comments`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
  });
}

export function useTicketTemplates(ticketId: string, enabled: boolean) {
  return useQuery({
    queryKey: workspaceKeys.ticketTemplates(ticketId),
    queryFn: ({ signal }) =>
      http.get<FilledAnswerTemplateDto[]>(`${ticketPath(ticketId)}/answer-templates`, undefined, signal),
    enabled,
  });
}

export function useUnitAssignment(unitId: string | null | undefined) {
  return useQuery({
    queryKey: workspaceKeys.assignment(unitId ?? ''),
    queryFn: ({ signal }) =>
      http.get<UnitAssignmentDto>(`/api/units/${encodeURIComponent(unitId ?? '')}/assignment`, undefined, signal),
    enabled: Boolean(unitId),
  });
}

export function useSetAssignmentMode(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mode: AssignmentMode) =>
      http.put<UnitAssignmentDto>(`/api/units/${encodeURIComponent(unitId)}/assignment`, { mode }),
    onSuccess: (data) => queryClient.setQueryData(workspaceKeys.assignment(unitId), data),
  });
}

export function usePresence(enabled: boolean) {
  return useQuery({
    queryKey: workspaceKeys.presence(),
    queryFn: ({ signal }) => http.get<PresenceDto>('/api/presence', undefined, signal),
    enabled,
  });
}

export function useSetPresence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (available: boolean) => http.put<PresenceDto>('/api/presence', { available }),
    onSuccess: (data) => {
      queryClient.setQueryData(workspaceKeys.presence(), data);
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.assignments() });
    },
  });
}

export function useUnitTemplates(unitId: string | null | undefined) {
  return useQuery({
    queryKey: workspaceKeys.unitTemplates(unitId ?? ''),
    queryFn: ({ signal }) =>
      http.get<AnswerTemplateDto[]>(
        `/api/units/${encodeURIComponent(unitId ?? '')}/answer-templates`,
        undefined,
        signal,
      ),
    enabled: Boolean(unitId),
  });
}

/** Create (no id), update (id) or delete (id, body null) a template; every ticket's template list refetches. */
export function useSaveTemplate(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: AnswerTemplateRequest | null }): Promise<unknown> =>
      !id
        ? http.post<AnswerTemplateDto>(`/api/units/${encodeURIComponent(unitId)}/answer-templates`, body)
        : body
          ? http.put<AnswerTemplateDto>(`/api/answer-templates/${encodeURIComponent(id)}`, body)
          : http.delete<void>(`/api/answer-templates/${encodeURIComponent(id)}`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: workspaceKeys.unitTemplates(unitId) });
      void queryClient.invalidateQueries({ queryKey: ticketKeys.details() });
    },
  });
}
