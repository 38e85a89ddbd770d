// Agents' presence tables. Reads and writes use plain SQL in presence.service.ts; these keep the schema documented.
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { BreakReason, PresenceState } from '@kck/contracts';

/** The state a hotline agent is in now (no row: offline since the account was created). */
@Entity('agent_presence')
export class AgentPresence {
  @PrimaryColumn({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'text' }) state!: PresenceState;
  @Column({ type: 'text', nullable: true }) reason!: BreakReason | null;
  @Column({ type: 'timestamptz' }) since!: Date;
  @Column({ type: 'uuid', name: 'call_id', nullable: true }) callId!: string | null;
}

/** A stretch of time an agent spent in one state; the open one has no end. Analytics sums them. */
@Entity('presence_interval')
export class PresenceInterval {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'text' }) state!: PresenceState;
  @Column({ type: 'text', nullable: true }) reason!: BreakReason | null;
  @Column({ type: 'uuid', name: 'call_id', nullable: true }) callId!: string | null;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'text' }) source!: 'agent' | 'cti' | 'system';
}
