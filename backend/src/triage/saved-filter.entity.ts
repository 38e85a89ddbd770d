// A list filter a person saved under a name (the triage inbox's, so far): theirs alone, unique by name per list.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { InboxFilter, SavedFilterView } from '@kck/contracts';

@Entity('saved_filter')
export class SavedFilter {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'text' }) view!: SavedFilterView;
  @Column({ type: 'text' }) name!: string;
  /** Checked against the list's filter schema (contracts api/triage.ts) on every write. */
  @Column({ type: 'jsonb' }) query!: InboxFilter;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
