// The reports' tables. Reads and writes use plain SQL in the reports services; these classes document the schema
// (migration 1763800000320) for the DataSource.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportTableDefinition } from '@kck/contracts';

/** An analyst's own table: a figures query (zod-checked `definition`), shared with all analysts or private. */
@Entity('report_table')
export class ReportTable {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId!: string;
  @Column({ type: 'boolean', default: false }) shared!: boolean;
  @Column({ type: 'jsonb' }) definition!: ReportTableDefinition;
  /** Optimistic locking: an edit names the version it read; a stale one answers 409. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** A report (monthly, or a unit's) or a saved table, e-mailed as XLSX on a BullMQ job scheduler of its own. */
@Entity('report_schedule')
export class ReportSchedule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text', name: 'report_kind', nullable: true }) reportKind!: string | null;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'uuid', name: 'table_id', nullable: true }) tableId!: string | null;
  @Column({ type: 'jsonb' }) cadence!: unknown;
  @Column({ type: 'text', array: true }) recipients!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'uuid', name: 'owner_id' }) ownerId!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

/** One run of a schedule (one BullMQ job, its retries included) and how it ended. */
@Entity('report_run')
export class ReportRun {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'schedule_id' }) scheduleId!: string;
  @Column({ type: 'text', name: 'job_id' }) jobId!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'date', name: 'period_from' }) periodFrom!: string;
  @Column({ type: 'date', name: 'period_to' }) periodTo!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'sent_to', array: true, default: () => "'{}'" }) sentTo!: string[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
  @Column({ type: 'timestamptz', name: 'started_at', default: () => 'now()' }) startedAt!: Date;
  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true }) finishedAt!: Date | null;
}

export const REPORT_ENTITIES = [ReportTable, ReportSchedule, ReportRun];
