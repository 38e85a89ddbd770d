// The append-only history of a ticket: who, when, what changed, why.
// A trigger in the migration refuses UPDATE and DELETE; its id is the realtime sequence.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TicketEventKind } from '@kck/contracts';

export type TicketChanges = Record<string, { from: unknown; to: unknown }>;

@Entity('ticket_event')
export class TicketEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text' }) kind!: TicketEventKind;
  @Column({ type: 'uuid', name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at!: Date;
  @Column({ type: 'jsonb', default: () => "'{}'" }) changes!: TicketChanges;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
}
