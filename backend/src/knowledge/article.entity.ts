// A knowledge-base (Baza Wiedzy) article; PostgreSQL is its source of truth,
// the search engines hold copies built from it (published articles only).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ArticleStatus, ArticleType } from '@kck/contracts';

@Entity('article')
export class Article {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) slug!: string;
  /** The key of the source the article was imported from (the slug for articles written here). */
  @Column({ type: 'text', name: 'external_id', unique: true }) externalId!: string;
  @Column({ type: 'text' }) type!: ArticleType;
  @Column({ type: 'text' }) status!: ArticleStatus;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) body!: string;
  /** The type's structured fields (ARTICLE_FIELD_SCHEMAS in contracts). */
  @Column({ type: 'jsonb', default: () => "'{}'" }) fields!: unknown;
  /** The responsible unit. */
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  @Column({ type: 'text', array: true, default: () => "'{}'" }) tags!: string[];
  @Column({ type: 'date', name: 'valid_from', nullable: true }) validFrom!: string | null;
  @Column({ type: 'date', name: 'valid_to', nullable: true }) validTo!: string | null;
  /** Raised by every saved change; article_version keeps each one. */
  @Column({ type: 'integer', default: 1 }) version!: number;
  @Column({ type: 'timestamptz', name: 'last_reviewed_at', nullable: true }) lastReviewedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
}
