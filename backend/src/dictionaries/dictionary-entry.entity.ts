// One entry of a central dictionary (category, call topic, channel, district, closure reason, call outcome).
// Entries are deactivated, never deleted: old tickets keep pointing at them; triggers version every change.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { EntryDictionaryCode } from '@kck/contracts';

@Entity('dictionary_entry')
export class DictionaryEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) dictionary!: EntryDictionaryCode;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', name: 'label_pl' }) labelPl!: string;
  @Column({ type: 'text', name: 'label_en' }) labelEn!: string;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'integer', name: 'sort_order', default: 0 }) sortOrder!: number;
  @Column({ type: 'date', name: 'valid_from', nullable: true }) validFrom!: string | null;
  @Column({ type: 'date', name: 'valid_to', nullable: true }) validTo!: string | null;
  /** Set by the dictionary_entry_bump trigger; never written by the application. */
  @Column({ type: 'integer', insert: false, update: false }) version!: number;
  @Column({ type: 'timestamptz', name: 'updated_at', insert: false, update: false }) updatedAt!: Date;
}
