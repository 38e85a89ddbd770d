// A ticket (zgłoszenie): one resident matter, from any channel, owned by one unit at a time.
// `version` guards against two people changing the same ticket at once (409).
import { Column, Entity, PrimaryGeneratedColumn, VersionColumn } from 'typeorm';
import type { Channel, TicketStatus, TicketType } from '@kck/contracts';

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
  /** Units the deciding rule keeps informed: their staff may read the ticket, not act on it. */
  @Column({ type: 'uuid', name: 'informed_unit_ids', array: true, default: () => "'{}'" }) informedUnitIds!: string[];
  @Column({ type: 'timestamptz', name: 'due_at', nullable: true }) dueAt!: Date | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
  @Column({ type: 'uuid', name: 'interaction_id', nullable: true }) interactionId!: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
