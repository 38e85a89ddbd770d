// Ticket attachments: the list (with the server's size limit and whether the user may add files), the upload and
// the removal with a reason.
// The list lives under the ticket's detail key, so every refresh of the ticket refreshes it too.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ATTACHMENT_FILE_FIELD,
  type RemoveAttachmentRequest,
  type TicketAttachmentDto,
  type TicketAttachmentsDto,
} from '@kck/contracts';
import { http } from './http';
import { ticketKeys } from './query-keys';

const attachmentsPath = (ticketId: string) => `/api/tickets/${encodeURIComponent(ticketId)}/attachments`;

export function useTicketAttachments(ticketId: string) {
  return useQuery({
    queryKey: ticketKeys.attachments(ticketId),
    queryFn: ({ signal }) => http.get<TicketAttachmentsDto>(attachmentsPath(ticketId), undefined, signal),
  });
}

export function useUploadAttachment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append(ATTACHMENT_FILE_FIELD, file, file.name);
      return http.upload<TicketAttachmentDto>(attachmentsPath(ticketId), form);
    },
    // The detail's history gains the upload's event; the list under it is refetched with it.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
  });
}

export function useRemoveAttachment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attachmentId, ...body }: RemoveAttachmentRequest & { attachmentId: string }) =>
      http.delete<void>(`${attachmentsPath(ticketId)}/${encodeURIComponent(attachmentId)}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
  });
}
