// Ticket attachments (załączniki): the types we accept, judged by the file's content, and the DTOs.
// The console reads the same list for its file picker; the server decides on the bytes it received.
import { z } from 'zod';

/** Content types an attachment may have: images, PDF, common office documents, plain text. */
export const ATTACHMENT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'image/heif',
  'image/tiff',
  'image/bmp',
  'application/pdf',
  'application/rtf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'text/plain',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

/** For the file picker only (a hint to the person); the server checks the content whatever the name says. */
export const ATTACHMENT_EXTENSIONS = [
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.webp',
  '.heic',
  '.heif',
  '.tif',
  '.tiff',
  '.bmp',
  '.pdf',
  '.rtf',
  '.docx',
  '.xlsx',
  '.pptx',
  '.odt',
  '.ods',
  '.odp',
  '.txt',
  '.csv',
] as const;

/** The multipart field that carries the file in `POST /api/tickets/:id/attachments`. */
export const ATTACHMENT_FILE_FIELD = 'file';

export interface TicketAttachmentDto {
  id: string;
  ticketId: string;
  /** The name the uploader's file had, made safe (no path, no control characters). */
  fileName: string;
  /** Detected from the content, not taken from the uploader. */
  contentType: AttachmentContentType;
  sizeBytes: number;
  sha256: string;
  /** Null for a file the resident sent (web form, status page, e-mail). */
  uploadedBy: { id: string; name: string } | null;
  createdAt: string;
  /** `GET` it to download (same visibility as the ticket). */
  downloadUrl: string;
}

export interface TicketAttachmentsDto {
  attachments: TicketAttachmentDto[];
  /** The largest file the server takes, so the console can warn before sending. */
  maxBytes: number;
  /** Whether the caller may attach files to this ticket (a unit kept informed may read, not add). */
  canUpload: boolean;
}

/** `DELETE /api/tickets/:id/attachments/:attachmentId`: the reason stays in the ticket's history. */
export const removeAttachmentRequest = z
  .object({ reason: z.string().trim().min(3, 'reason must say why the file is removed').max(500) })
  .strict();
export type RemoveAttachmentRequest = z.infer<typeof removeAttachmentRequest>;
