// A routing rule: tickets of this category (and district, and keywords, when set) go to this unit,
// with other units kept informed. Rules are data admins edit; the most specific match decides (routing.service.ts).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('routing_rule')
export class RoutingRule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'integer' }) position!: number;
  @Column({ type: 'text', nullable: true }) name!: string | null;
  @Column({ type: 'uuid', name: 'category_id' }) categoryId!: string;
  @Column({ type: 'uuid', name: 'district_id', nullable: true }) districtId!: string | null;
  /** Matched, folded (lower case, no diacritics), as word prefixes of the ticket's title and description. */
  @Column({ type: 'text', array: true, default: () => "'{}'" }) keywords!: string[];
  @Column({ type: 'uuid', name: 'unit_id' }) unitId!: string;
  @Column({ type: 'uuid', name: 'informed_unit_ids', array: true, default: () => "'{}'" }) informedUnitIds!: string[];
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'uuid', name: 'updated_by', nullable: true }) updatedBy!: string | null;
}
