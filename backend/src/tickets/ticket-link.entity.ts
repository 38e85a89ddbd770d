// Two related tickets (not duplicates): one row per pair, the smaller id first, shown on both details.
// Written and removed by ticket-relations.service.ts; each change is a history event on both tickets.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('ticket_link')
export class TicketLink {
  @PrimaryColumn({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'linked_id' }) linkedId!: string;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
