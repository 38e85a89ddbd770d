// A city-wide matter (major event). Reads and writes use plain SQL in city-matters.service.ts; this keeps the
// schema documented. Calls point at it through interaction.city_matter_id.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('city_matter')
export class CityMatter {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) title!: string;
  /** What agents say on the phone, shown in every console's banner while the matter is open. */
  @Column({ type: 'text' }) script!: string;
  @Column({ type: 'uuid', name: 'article_id', nullable: true }) articleId!: string | null;
  @Column({ type: 'uuid', name: 'declared_by' }) declaredBy!: string;
  @Column({ type: 'timestamptz', name: 'declared_at', default: () => 'now()' }) declaredAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'uuid', name: 'ended_by', nullable: true }) endedBy!: string | null;
}
