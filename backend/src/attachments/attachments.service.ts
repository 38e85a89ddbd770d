// Adding a file to a ticket: received and checked on local disk, kept in the attachment store, then its row and
// the ticket's history event (with its outbox row) committed together; a failed commit removes the stored object.
// Removing one: the row is marked with who, when and why, then the object is deleted (the sweep retries).
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { RemoveAttachmentRequest, TicketAttachmentDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import type { Logger } from '../platform/logger.ts';
import { notFound } from '../platform/errors.ts';
import { appendTicketEvent, lockTicket } from '../tickets/tickets.service.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { receiveUpload } from './attachment-upload.ts';
import { assertMayAttach, getAttachment } from './attachments.queries.ts';

export interface UploadLimits {
  incomingDir: string;
  maxBytes: number;
  /** The virus scan (CLAMAV_SCAN) every file passes before it is stored. */
  scan?: Parameters<typeof receiveUpload>[1]['scan'];
}

export async function addAttachment(
  db: DataSource,
  store: AttachmentStore,
  actor: Actor,
  ticketId: string,
  req: Request,
  limits: UploadLimits,
): Promise<TicketAttachmentDto> {
  // 404 before reading the body: nobody outside the ticket's scope gets to make us store anything.
  await assertMayAttach(db, actor, ticketId);
  const file = await receiveUpload(req, limits);
  try {
    const id = randomUUID();
    const key = `tickets/${ticketId}/${id}`;
    // The object first, the row second: a crash in between leaves an object no row points to (invisible),
    // never a row without its file.
    await store.put(key, file);
    try {
      await db.transaction(async (em) => {
        // Again, under the ticket's lock: it may have been moved out of the actor's reach meanwhile.
        const ticket = await lockTicket(em, actor, ticketId);
        await em.query(
          `INSERT INTO ticket_attachment (id, ticket_id, storage_key, file_name, content_type, size_bytes, sha256, uploaded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, ticket.id, key, file.fileName, file.contentType, file.sizeBytes, file.sha256, actor.id],
        );
        await appendTicketEvent(em, ticket.id, 'ticket.attachment_added', actor.id, {
          attachment: { from: null, to: file.fileName },
        });
      });
    } catch (err) {
      await store.remove(key).catch(() => undefined); // the original failure is the one to report
      throw err;
    }
    return await getAttachment(db, id);
  } finally {
    await rm(file.path, { force: true });
  }
}

/**
 * Takes a file off a ticket: whoever may add files to it may remove one, with a reason. The row keeps who, when
 * and why, and the history the file's name; the object goes after the commit. If deleting it fails, the file
 * is already unreachable (every read checks the row) and the attachment sweep deletes it later.
 */
export async function removeAttachment(
  db: DataSource,
  store: AttachmentStore,
  logger: Logger,
  actor: Actor,
  ticketId: string,
  attachmentId: string,
  input: RemoveAttachmentRequest,
): Promise<void> {
  const key = await db.transaction(async (em) => {
    const ticket = await lockTicket(em, actor, ticketId);
    const rows: { storage_key: string; file_name: string }[] = await em.query(
      // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
      `WITH removed AS (
         UPDATE ticket_attachment SET removed_at = now(), removed_by = $3, removal_reason = $4
          WHERE id = $1 AND ticket_id = $2 AND removed_at IS NULL
          RETURNING storage_key, file_name)
       SELECT storage_key, file_name FROM removed`,
      [attachmentId, ticket.id, actor.id, input.reason],
    );
    if (!rows[0]) throw notFound('Attachment');
    await appendTicketEvent(
      em,
      ticket.id,
      'ticket.attachment_removed',
      actor.id,
      { attachment: { from: rows[0].file_name, to: null } },
      input.reason,
    );
    return rows[0].storage_key;
  });
  await store.remove(key).catch((err: unknown) => {
    logger.warn({ attachmentId, err: String(err) }, 'attachment object not deleted; the sweep will retry');
  });
}
