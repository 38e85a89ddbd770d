// An e-mail owed to a resident about a ticket, and what became of it; at most one per ticket and kind.
// Written by the `notifications` queue consumer; the unique key makes that consumer idempotent.
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const NOTIFICATION_KINDS = [
  'ticket_acknowledged',
  'ticket_answered',
  // Relations (tickets/ticket-relations, ticket-split, idea-decision): see resident-notices.ts.
  'ticket_merged',
  'ticket_split',
  'idea_decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export type NotificationStatus = 'pending' | 'sent' | 'skipped' | 'failed';

@Entity('notification')
@Unique(['ticketId', 'kind'])
export class Notification {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text' }) kind!: NotificationKind;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text', default: 'pending' }) status!: NotificationStatus;
  @Column({ type: 'text', name: 'message_id', nullable: true }) messageId!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
