// A signed-in session. Only the SHA-256 of the cookie token is stored, so a database read
// does not hand out live sessions.
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('user_session')
export class Session {
  @PrimaryColumn({ type: 'text', name: 'token_hash' }) tokenHash!: string;
  @Column({ type: 'uuid', name: 'user_id' }) userId!: string;
  @Column({ type: 'text', name: 'csrf_token' }) csrfToken!: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'last_seen_at' }) lastSeenAt!: Date;
  @Column({ type: 'text', name: 'client_address', nullable: true }) clientAddress!: string | null;
  @Column({ type: 'text', name: 'user_agent', nullable: true }) userAgent!: string | null;
}
