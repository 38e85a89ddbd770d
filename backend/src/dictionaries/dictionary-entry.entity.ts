// One entry of a central dictionary (category, call topic, channel, district).
// Entries are deactivated, never deleted: old tickets keep pointing at their labels.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DictionaryCode } from '@kck/contracts';

@Entity('dictionary_entry')
export class DictionaryEntry {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) dictionary!: DictionaryCode;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text', name: 'label_pl' }) labelPl!: string;
  @Column({ type: 'text', name: 'label_en' }) labelEn!: string;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'integer', name: 'sort_order', default: 0 }) sortOrder!: number;
}
