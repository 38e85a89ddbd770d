// One street of the street → district dictionary; a street crossing a district boundary has a row per district.
// `name_folded` is computed by PostgreSQL (street_fold), so it is read here and never written.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('street')
export class Street {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', nullable: true }) prefix!: string | null;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'uuid', name: 'district_id' }) districtId!: string;
  @Column({ type: 'text', name: 'name_folded', insert: false, update: false }) nameFolded!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}
