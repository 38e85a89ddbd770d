// A received e-mail, once per Message-ID, and what became of it: a ticket, a message on a ticket, or ignored
// (auto-reply, bounce, loop). Written by email-intake.service.ts with plain SQL; this keeps the schema documented.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type EmailOutcome = 'ticket' | 'message' | 'ignored';

@Entity('email_message')
export class EmailMessage {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The Message-ID without angle brackets, or `sha256:<hex>` of a message that has none. */
  @Column({ type: 'text', name: 'message_key', unique: true }) messageKey!: string;
  @Column({ type: 'text' }) source!: 'smtp' | 'imap';
  @Column({ type: 'timestamptz', name: 'received_at', default: () => 'now()' }) receivedAt!: Date;
  /** MAIL FROM (or the mailbox's Return-Path); null for the null sender `<>`. */
  @Column({ type: 'text', name: 'envelope_from', nullable: true }) envelopeFrom!: string | null;
  @Column({ type: 'text', name: 'from_address', nullable: true }) fromAddress!: string | null;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  @Column({ type: 'integer', name: 'size_bytes' }) sizeBytes!: number;
  @Column({ type: 'text' }) outcome!: EmailOutcome;
  @Column({ type: 'uuid', name: 'ticket_id', nullable: true }) ticketId!: string | null;
  @Column({ type: 'uuid', name: 'comment_id', nullable: true }) commentId!: string | null;
  /** Why it was ignored, or what could not be taken from it. */
  @Column({ type: 'text', nullable: true }) note!: string | null;
}
