// A staff account. Accounts are deactivated, never deleted, so history keeps its names.
// unit_staff is bound to exactly one unit (a check constraint in the migration).
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@kck/contracts';

@Entity('app_user')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text', unique: true }) login!: string;
  @Column({ type: 'text', name: 'display_name' }) displayName!: string;
  /** Null for accounts of the identity provider (auth_source `oidc`). */
  @Column({ type: 'text', name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column({ type: 'text' }) role!: Role;
  @Column({ type: 'uuid', name: 'unit_id', nullable: true }) unitId!: string | null;
  /** Where escalations reach a supervisor in person; optional. */
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'text', name: 'auth_source', default: 'local' }) authSource!: 'local' | 'oidc';
  @Column({ type: 'text', name: 'oidc_issuer', nullable: true }) oidcIssuer!: string | null;
  @Column({ type: 'text', name: 'oidc_subject', nullable: true }) oidcSubject!: string | null;
  /** AES-256-GCM sealed (totp.ts); never logged, never sent. */
  @Column({ type: 'text', name: 'totp_secret', nullable: true }) totpSecret!: string | null;
  @Column({ type: 'timestamptz', name: 'totp_enabled_at', nullable: true }) totpEnabledAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'deactivated_at', nullable: true }) deactivatedAt!: Date | null;
  @Column({ type: 'uuid', name: 'deactivated_by', nullable: true }) deactivatedBy!: string | null;
}
