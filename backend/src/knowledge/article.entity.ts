// A knowledge-base (Baza Wiedzy) article; PostgreSQL is its source of truth,
// the search engines hold copies built from it.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ArticleType } from '@kck/contracts';

@Entity('article')
export class Article {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) slug!: string;
  @Column({ type: 'text' }) type!: ArticleType;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
