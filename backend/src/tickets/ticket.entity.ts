// A ticket (zgłoszenie): one resident matter, from any channel, owned by one unit at a time.
// `version` guards against two people changing the same ticket at once (409).
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Channel, IdeaDecision, TicketPriority, TicketStatus, TicketType } from '@kck/contracts';

@Entity('ticket')
export class Ticket {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) number!: string;
  @Column({ type: 'text' }) type!: TicketType;
  @Column({ type: 'text' }) channel!: Channel;
  @Column({ type: 'text' }) status!: TicketStatus;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'uuid', name: 'category_id' }) categoryId!: string;
  @Column({ type: 'uuid', name: 'district_id', nullable: true }) districtId!: string | null;
  @Column({ type: 'text', nullable: true }) address!: string | null;
  @Column({ type: 'text', name: 'reporter_name', nullable: true }) reporterName!: string | null;
  @Column({ type: 'text', name: 'reporter_phone', nullable: true }) reporterPhone!: string | null;
  @Column({ type: 'text', name: 'reporter_email', nullable: true }) reporterEmail!: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'uuid', name: 'routing_rule_id', nullable: true }) routingRuleId!: string | null;
  /** The unit's staff member working on it; cleared when the ticket changes unit. */
  @Column({ type: 'uuid', name: 'assignee_id', nullable: true }) assigneeId!: string | null;
  /** Units the deciding rule keeps informed: their staff may read the ticket, not act on it. */
  @Column({ type: 'uuid', name: 'informed_unit_ids', array: true, default: () => "'{}'" }) informedUnitIds!: string[];
  @Column({ type: 'timestamptz', name: 'due_at', nullable: true }) dueAt!: Date | null;
  /** low, normal, high, urgent: with type and category it picks the deadline policy. */
  @Column({ type: 'text', default: 'normal' }) priority!: TicketPriority;
  /** Set while the unit waits for the resident's answer (the deadline's clock stands still); with the question asked. */
  @Column({ type: 'timestamptz', name: 'waiting_since', nullable: true }) waitingSince!: Date | null;
  @Column({ type: 'text', name: 'waiting_question', nullable: true }) waitingQuestion!: string | null;
  /** When the missed deadline was escalated to the unit's supervisor and DK-03 (the latest time). */
  @Column({ type: 'timestamptz', name: 'escalated_at', nullable: true }) escalatedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  /** Ideas only: the unit's decision, whose justification is `resolution`. */
  @Column({ type: 'text', name: 'idea_decision', nullable: true }) ideaDecision!: IdeaDecision | null;
  /** Set when DK-03 merged this ticket (status `duplicate`) into its main ticket. */
  @Column({ type: 'uuid', name: 'duplicate_of_id', nullable: true }) duplicateOfId!: string | null;
  /** Set on each part of a report DK-03 split into tickets for different units. */
  @Column({ type: 'uuid', name: 'split_from_id', nullable: true }) splitFromId!: string | null;
  @Column({ type: 'uuid', name: 'interaction_id', nullable: true }) interactionId!: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @VersionColumn() version!: number;
  /** DK-03's claim in the triage inbox (triage/triage-claims.service.ts); taking it leaves `version` alone. */
  @Column({ type: 'uuid', name: 'claimed_by', nullable: true }) claimedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'claimed_at', nullable: true }) claimedAt!: Date | null;
  /** The claim lapses then (TRIAGE_CLAIM_MINUTES after it was taken); it also ends when the ticket leaves the inbox. */
  @Column({ type: 'timestamptz', name: 'claim_expires_at', nullable: true }) claimExpiresAt!: Date | null;
}
