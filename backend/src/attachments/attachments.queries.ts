// Reads of ticket attachments, always through the ticket's own visibility scope: a ticket the reader cannot
// see has no attachments for them (404), exactly as the ticket itself.
import type { DataSource, EntityManager } from 'typeorm';
import type { AttachmentContentType, TicketAttachmentDto, TicketAttachmentsDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { notFound } from '../platform/errors.ts';
import { ticketScope } from '../tickets/tickets.policy.ts';

/** Staff who may add files: the responsible unit, DK-03 triage, admins, and the agent who wrote the ticket. */
export const ATTACHMENT_UPLOADERS = ['agent', 'triage', 'unit_staff', 'admin'] as const;

interface AttachmentRow {
  id: string;
  ticket_id: string;
  storage_key: string;
  file_name: string;
  content_type: AttachmentContentType;
  size_bytes: string;
  sha256: string;
  uploaded_by: string | null;
  uploader_name: string | null;
  created_at: Date;
}

const COLUMNS = `a.id, a.ticket_id, a.storage_key, a.file_name, a.content_type, a.size_bytes, a.sha256,
                 a.uploaded_by, u.display_name AS uploader_name, a.created_at`;

export const presentAttachment = (row: AttachmentRow): TicketAttachmentDto => ({
  id: row.id,
  ticketId: row.ticket_id,
  fileName: row.file_name,
  contentType: row.content_type,
  sizeBytes: Number(row.size_bytes),
  sha256: row.sha256,
  uploadedBy: row.uploaded_by ? { id: row.uploaded_by, name: row.uploader_name ?? '' } : null,
  createdAt: row.created_at.toISOString(),
  downloadUrl: `/api/tickets/${row.ticket_id}/attachments/${row.id}`,
});

export async function getAttachment(db: DataSource | EntityManager, id: string): Promise<TicketAttachmentDto> {
  const rows: AttachmentRow[] = await db.query(
    `SELECT ${COLUMNS} FROM ticket_attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
      WHERE a.id = $1 AND a.removed_at IS NULL`,
    [id],
  );
  if (!rows[0]) throw notFound('Attachment');
  return presentAttachment(rows[0]);
}

export async function listAttachments(
  db: DataSource,
  actor: Actor,
  ticketId: string,
  maxBytes: number,
): Promise<TicketAttachmentsDto> {
  const read = ticketScope(actor, 2, 'read');
  const act = ticketScope(actor, 2 + read.params.length, 'act');
  const tickets: { can_act: boolean }[] = await db.query(
    `SELECT (${act.where}) AS can_act FROM ticket t WHERE t.id = $1 AND t.number IS NOT NULL AND (${read.where})`,
    [ticketId, ...read.params, ...act.params],
  );
  if (!tickets[0]) throw notFound('Ticket');
  const rows: AttachmentRow[] = await db.query(
    `SELECT ${COLUMNS} FROM ticket_attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
      WHERE a.ticket_id = $1 AND a.removed_at IS NULL ORDER BY a.created_at, a.id`,
    [ticketId],
  );
  return {
    attachments: rows.map(presentAttachment),
    maxBytes,
    canUpload: tickets[0].can_act && (ATTACHMENT_UPLOADERS as readonly string[]).includes(actor.role),
  };
}

/** The attachment with where its bytes are, if the reader may read its ticket; 404 otherwise. */
export async function findAttachmentForDownload(
  db: DataSource,
  actor: Actor,
  ticketId: string,
  attachmentId: string,
): Promise<TicketAttachmentDto & { storageKey: string }> {
  const scope = ticketScope(actor, 3, 'read');
  const rows: AttachmentRow[] = await db.query(
    `SELECT ${COLUMNS} FROM ticket_attachment a
       JOIN ticket t ON t.id = a.ticket_id
       LEFT JOIN app_user u ON u.id = a.uploaded_by
      WHERE a.id = $1 AND a.ticket_id = $2 AND a.removed_at IS NULL AND t.number IS NOT NULL AND (${scope.where})`,
    [attachmentId, ticketId, ...scope.params],
  );
  if (!rows[0]) throw notFound('Attachment');
  return { ...presentAttachment(rows[0]), storageKey: rows[0].storage_key };
}

/** Whether the actor may add files to the ticket; checked before a byte of the upload is read. */
export async function assertMayAttach(db: DataSource, actor: Actor, ticketId: string): Promise<void> {
  const scope = ticketScope(actor, 2, 'act');
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM ticket t WHERE t.id = $1 AND t.number IS NOT NULL AND (${scope.where})`,
    [ticketId, ...scope.params],
  );
  if (!rows[0]) throw notFound('Ticket');
}
