// The incident register's tables. Reads and writes use plain SQL in incidents.service.ts and incidents.queries.ts;
// these classes document the schema (migration 1763800000280) for the DataSource.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A system the department uses; DK-05 and admins add to the list, never delete (old incidents point at it). */
@Entity('incident_system')
export class IncidentSystem {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** The platform's own check of it (postgres, redis, meilisearch, queues), if any. */
  @Column({ type: 'text', nullable: true }) probe!: string | null;
  @Column({ type: 'uuid', name: 'created_by', nullable: true }) createdBy!: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}

@Entity('incident')
export class Incident {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'system_id' }) systemId!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) impact!: string;
  @Column({ type: 'text' }) severity!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'timestamptz', name: 'started_at' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  /** Opened by the platform's watcher (opened_by is then null); only these are closed automatically. */
  @Column({ type: 'boolean', name: 'opened_automatically' }) openedAutomatically!: boolean;
  @Column({ type: 'uuid', name: 'opened_by', nullable: true }) openedBy!: string | null;
  @Column({ type: 'uuid', name: 'resolved_by', nullable: true }) resolvedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  /** Optimistic locking: an edit names the version it read; a stale one answers 409. */
  @Column({ type: 'integer', default: 1 }) version!: number;
}

/** The timeline: append-only. */
@Entity('incident_action')
export class IncidentAction {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'incident_id' }) incidentId!: string;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'uuid', name: 'author_id', nullable: true }) authorId!: string | null;
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
}

/** Who was told: append-only. */
@Entity('incident_notice')
export class IncidentNotice {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'incident_id' }) incidentId!: string;
  @Column({ type: 'text' }) recipient!: string;
  @Column({ type: 'text' }) channel!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'text', default: '' }) note!: string;
  @Column({ type: 'uuid', name: 'recorded_by' }) recordedBy!: string;
  @Column({ type: 'timestamptz', name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
}

export const INCIDENT_ENTITIES = [IncidentSystem, Incident, IncidentAction, IncidentNotice];
