// An interaction: one recorded contact (today a phone call), whether or not it made a ticket.
// Tickets created from it point back through ticket.interaction_id.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallOutcome, Channel } from '@kck/contracts';

@Entity('interaction')
export class Interaction {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', default: 'phone' }) channel!: Channel;
  @Column({ type: 'uuid', name: 'agent_id' }) agentId!: string;
  @Column({ type: 'text', name: 'caller_phone', nullable: true }) callerPhone!: string | null;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at' }) endedAt!: Date;
  @Column({ type: 'uuid', name: 'topic_id' }) topicId!: string;
  @Column({ type: 'text' }) outcome!: CallOutcome;
  @Column({ type: 'text', name: 'information_given', default: '' }) informationGiven!: string;
  @Column({ type: 'text', default: '' }) notes!: string;
  @Column({ type: 'uuid', name: 'article_ids', array: true, default: () => "'{}'" }) articleIds!: string[];
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
