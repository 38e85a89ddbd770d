// A staff account. Accounts are deactivated, never deleted, so history keeps its names.
// unit_staff is bound to exactly one unit (a check constraint in the migration).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@kck/contracts';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) login!: string;
  @Column({ type: 'text', name: 'display_name' }) displayName!: string;
  @Column({ type: 'text', name: 'password_hash' }) passwordHash!: string;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  /** Where escalations reach a supervisor in person; optional. */
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
