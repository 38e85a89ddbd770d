// A file attached to a ticket: where the store keeps it, what it is (type read from its content) and who added it.
// Rows are written only once the object is stored, in the same transaction as the ticket's history event.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AttachmentContentType } from '@kck/contracts';

@Entity('ticket_attachment')
export class TicketAttachment {
  /** Chosen before the upload, so the object's key can be written first. */
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text', name: 'storage_key', unique: true }) storageKey!: string;
  @Column({ type: 'text', name: 'file_name' }) fileName!: string;
  @Column({ type: 'text', name: 'content_type' }) contentType!: AttachmentContentType;
  /** bigint comes back from pg as a string. */
  @Column({ type: 'bigint', name: 'size_bytes' }) sizeBytes!: string;
  @Column({ type: 'text' }) sha256!: string;
  @Column({ type: 'uuid', name: 'uploaded_by' }) uploadedBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
