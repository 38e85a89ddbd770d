// The transactional outbox: events written in the same transaction as the change they describe.
// The relay moves them to BullMQ; a row stays until it has been queued.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventName } from '@kck/contracts';

@Entity('outbox')
export class OutboxMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) event!: DomainEventName;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'published_at', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
}
