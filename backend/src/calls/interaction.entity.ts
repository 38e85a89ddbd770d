// An interaction: one contact (today a phone call) from its first ringing to its record, whether or not it
// made a ticket. Tickets created from it point back through ticket.interaction_id.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallDirection, CallOutcome, CallState, Channel } from '@kck/contracts';

@Entity('interaction')
export class Interaction {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', default: 'phone' }) channel!: Channel;
  /** Null while a queue's call was never offered to a known agent (a missed call, an unknown extension). */
  @Column({ type: 'uuid', name: 'agent_id', nullable: true }) agentId!: string | null;
  @Column({ type: 'text', default: 'recorded' }) state!: CallState;
  @Column({ type: 'text', default: 'in' }) direction!: CallDirection;
  /** The resident's number: the caller of an inbound call, the number dialled on an outbound one. */
  @Column({ type: 'text', name: 'caller_phone', nullable: true }) callerPhone!: string | null;
  /** Our side's number (the hotline line called, or the caller id used for an outbound call). */
  @Column({ type: 'text', name: 'called_number', nullable: true }) calledNumber!: string | null;
  @Column({ type: 'text', name: 'queue_name', nullable: true }) queueName!: string | null;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'answered_at', nullable: true }) answeredAt!: Date | null;
  /** Telephony time of the answer or transfer that named the agent: a late answer must not undo a transfer. */
  @Column({ type: 'timestamptz', name: 'agent_assigned_at', nullable: true }) agentAssignedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  /** When the wrap-up was saved: wrap-up time is recorded_at - ended_at. */
  @Column({ type: 'timestamptz', name: 'recorded_at', nullable: true }) recordedAt!: Date | null;
  @Column({ type: 'text', name: 'hangup_cause', nullable: true }) hangupCause!: string | null;
  @Column({ type: 'uuid', name: 'telephony_system_id', nullable: true }) telephonySystemId!: string | null;
  @Column({ type: 'text', name: 'external_call_id', nullable: true }) externalCallId!: string | null;
  @Column({ type: 'text', name: 'recording_url', nullable: true }) recordingUrl!: string | null;
  @Column({ type: 'uuid', name: 'topic_id', nullable: true }) topicId!: string | null;
  @Column({ type: 'text', nullable: true }) outcome!: CallOutcome | null;
  @Column({ type: 'text', name: 'information_given', default: '' }) informationGiven!: string;
  @Column({ type: 'text', default: '' }) notes!: string;
  @Column({ type: 'uuid', name: 'article_ids', array: true, default: () => "'{}'" }) articleIds!: string[];
  @Column({ type: 'jsonb', nullable: true }) draft!: Record<string, unknown> | null;
  @Column({ type: 'integer', name: 'draft_version', default: 0 }) draftVersion!: number;
  @Column({ type: 'timestamptz', name: 'draft_saved_at', nullable: true }) draftSavedAt!: Date | null;
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', name: 'callback_done_at', nullable: true }) callbackDoneAt!: Date | null;
  @Column({ type: 'uuid', name: 'callback_done_by', nullable: true }) callbackDoneBy!: string | null;
  @Column({ type: 'uuid', name: 'callback_call_id', nullable: true }) callbackCallId!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
