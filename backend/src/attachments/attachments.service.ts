// Adding a file to a ticket: received and checked on local disk, kept in the attachment store, then its row and
// the ticket's history event (with its outbox row) committed together; a failed commit removes the stored object.
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { TicketAttachmentDto } from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { appendTicketEvent, lockTicket } from '../tickets/tickets.service.ts';
import type { AttachmentStore } from './attachment-store.ts';
import { receiveUpload } from './attachment-upload.ts';
import { assertMayAttach, getAttachment } from './attachments.queries.ts';

export interface UploadLimits {
  incomingDir: string;
  maxBytes: number;
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
