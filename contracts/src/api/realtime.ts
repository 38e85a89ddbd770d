// Catching up after a reconnect: the events a console missed since its last sequence id.
import { z } from 'zod';
import type { TicketEventDto } from './tickets.ts';

export const missedEventsQuery = z
  .object({ after: z.coerce.number().int().min(0, 'after must be a sequence id (>= 0)') })
  .strict();

export interface MissedEventsDto {
  events: TicketEventDto[];
  /** The highest sequence id the caller may have seen; pass it as `after` next time. */
  lastSeq: number;
}
