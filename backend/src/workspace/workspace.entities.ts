// The unit workspace's tables: presence, each unit's automatic assignment, comments and their e-mails,
// answer templates. Reads and writes use plain SQL in the services; these keep the schema documented.
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AssignmentMode, TicketCommentKind } from '@kck/contracts';

/** Whether a staff member says they are available for new tickets; present = available and signed in. */
@Entity('staff_presence')
export class StaffPresence {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'boolean' }) available!: boolean;
  @Column({ type: 'timestamptz', name: 'changed_at', default: () => 'now()' }) changedAt!: Date;
}

/** A unit's automatic assignment setting and its round-robin pointer (no row: `off`). */
@Entity('unit_assignment')
export class UnitAssignment {
  @PrimaryColumn({ type: 'uuid', name: 'unit_id' }) unitId!: string;
  @Column({ type: 'text', default: 'off' }) mode!: AssignmentMode;
  @Column({ type: 'uuid', name: 'last_assignee_id', nullable: true }) lastAssigneeId!: string | null;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** A routing event the automatic assignment has handled (with whoever it picked, or nobody present). */
@Entity('auto_assignment_run')
export class AutoAssignmentRun {
  @PrimaryColumn({ type: 'bigint', name: 'routed_seq' }) routedSeq!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'uuid', name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
}

/**
 * An internal comment (staff only), an answer to the resident or the resident's own message; its history event is
 * `event_seq`.
 */
@Entity('ticket_comment')
export class TicketComment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text' }) kind!: TicketCommentKind;
  @Column({ type: 'uuid', name: 'author_id', nullable: true }) authorId!: string | null;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'bigint', name: 'event_seq', unique: true }) eventSeq!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

/** The e-mail of one answer to the reporter; the primary key keeps a re-run job from mailing twice. */
@Entity('answer_mail')
export class AnswerMail {
  @PrimaryColumn({ type: 'uuid', name: 'comment_id' }) commentId!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text', default: 'pending' }) status!: 'pending' | 'sent' | 'skipped' | 'failed';
  @Column({ type: 'text', name: 'message_id', nullable: true }) messageId!: string | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'sent_at', nullable: true }) sentAt!: Date | null;
}

/** A unit's answer template; `{{placeholders}}` are filled by contracts' fillAnswerTemplate. */
@Entity('answer_template')
@Unique(['unitId', 'name'])
export class AnswerTemplate {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

export const WORKSPACE_ENTITIES = [
  StaffPresence,
  UnitAssignment,
  AutoAssignmentRun,
  TicketComment,
  AnswerMail,
  AnswerTemplate,
];
