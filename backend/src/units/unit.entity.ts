// A unit: whoever can own a ticket (department, municipal unit, city company, office).
// Units form a tree through parentId (the chain escalation will climb).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OpeningHours, UnitContactDto, UnitKind } from '@kck/contracts';

@Entity('unit')
export class Unit {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) code!: string;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'text' }) kind!: UnitKind;
  @Column({ type: 'uuid', name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) contacts!: UnitContactDto[];
  @Column({ type: 'jsonb', name: 'opening_hours', default: () => "'{}'" }) openingHours!: OpeningHours;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
