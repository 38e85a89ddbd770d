// A routing rule: tickets of this category (and district, when set) go to this unit.
// Rules are data; the lowest position among matching rules decides.
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('routing_rule')
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'uuid', name: 'category_id' }) categoryId!: string;
  @Column({ type: 'uuid', name: 'district_id', nullable: true }) districtId!: string | null;
  @Column({ type: 'uuid', name: 'unit_id' }) unitId!: string;
  @Column({ type: 'boolean', default: true }) active!: boolean;
}
