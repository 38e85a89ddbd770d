// A matter addressed to the Mayor (KP-02), one row beside its ticket of channel `mayor`. Read and written with plain
// SQL in this module; the entity documents the table for TypeORM.
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MayorMatterOrigin } from '@kck/contracts';

@Entity('mayor_matter')
export class MayorMatter {
  @PrimaryColumn({ type: 'uuid', name: 'ticket_id' }) ticketId!: string;
  @Column({ type: 'text' }) origin!: MayorMatterOrigin;
  /** The letter's reference (znak pisma) or KP-02's own sign. */
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  /** Calendar days in Kraków, `YYYY-MM-DD`. */
  @Column({ type: 'date', name: 'received_on' }) receivedOn!: string;
  /** Set exactly when the origin is a meeting with residents. */
  @Column({ type: 'date', name: 'meeting_on', nullable: true }) meetingOn!: string | null;
  /** The Mayor's deadline: the ticket's due date was the end of this day instead of the policy's. */
  @Column({ type: 'date', name: 'mayor_deadline', nullable: true }) mayorDeadline!: string | null;
  @Column({ type: 'uuid', name: 'registered_by' }) registeredBy!: string;
}
