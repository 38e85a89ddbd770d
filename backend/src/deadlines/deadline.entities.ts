// The deadline policies (type, category, priority, channel -> working days or hours) and the alerts sent about due dates.
// Read and written with plain SQL in this module; the entities document the tables for TypeORM.
import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { Channel, TicketPriority, TicketType } from '@kck/contracts';

/** The most specific matching policy wins: leaf category, then its group, then any; a priority, then a channel. */
@Entity('deadline_policy')
export class DeadlinePolicy {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', name: 'ticket_type' }) ticketType!: TicketType;
  @Column({ type: 'uuid', name: 'category_id', nullable: true }) categoryId!: string | null;
  @Column({ type: 'text', nullable: true }) priority!: TicketPriority | null;
  /** null: any channel; a named one (KP-02's `mayor`) beats an otherwise equally specific policy. */
  @Column({ type: 'text', nullable: true }) channel!: Channel | null;
  @Column({ type: 'integer', name: 'working_days', nullable: true }) workingDays!: number | null;
  @Column({ type: 'integer', name: 'working_hours', nullable: true }) workingHours!: number | null;
  @Column({ type: 'text', default: '' }) note!: string;
  /** Deactivated, never deleted; at most one active policy per type, category, priority and channel. */
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
}

export type DeadlineAlertKind = 'reminder' | 'escalation';

/** One reminder or escalation about one due date; the unique key makes the alert consumer idempotent. */
@Entity('deadline_alert')
@Unique(['ticketId', 'kind', 'dueAt'])
export class DeadlineAlert {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text' }) kind!: DeadlineAlertKind;
  @Column({ type: 'timestamptz', name: 'due_at' }) dueAt!: Date;
  @Column({ type: 'bigint', name: 'event_seq' }) eventSeq!: string;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) recipients!: string[];
  @Column({ type: 'text', default: 'pending' }) status!: 'pending' | 'sent' | 'skipped' | 'failed';
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
