// Relations between tickets and the commands that make them: merge a duplicate into its main ticket,
// link related tickets, split one report into parts for different units, and a unit's decision on an idea.
import { z } from 'zod';
import { IDEA_DECISIONS } from '../lifecycle.ts';
import type { TicketStatus } from '../domain.ts';
import { TICKET_NUMBER_PATTERN, type TicketDto } from './tickets.ts';

/** Clerks pick the other ticket by the number residents and the phone line use. */
const ticketNumber = (field: string) =>
  z.string().trim().regex(TICKET_NUMBER_PATTERN, `${field} must be a ticket number like KCK/2026/000123`);

const expectedVersion = z.number().int().min(1, 'version is the ticket version you last saw').optional();
const reason = z.string().trim().min(3, 'reason needs at least 3 characters').max(2000);

export const mergeTicketRequest = z
  .object({
    into: ticketNumber('into'),
    reason,
    version: expectedVersion,
    /** Go ahead although another DK-03 person holds a live claim on the ticket (api/triage.ts). */
    takeOver: z.boolean().optional(),
  })
  .strict();
export type MergeTicketRequest = z.infer<typeof mergeTicketRequest>;

export const linkTicketRequest = z
  .object({ other: ticketNumber('other'), reason: reason.optional(), version: expectedVersion })
  .strict();
export type LinkTicketRequest = z.infer<typeof linkTicketRequest>;

export const unlinkTicketRequest = z
  .object({
    otherId: z.uuid('otherId must be a ticket id'),
    reason: reason.optional(),
    version: expectedVersion,
  })
  .strict();
export type UnlinkTicketRequest = z.infer<typeof unlinkTicketRequest>;

export const splitPart = z
  .object({
    title: z.string().trim().min(3, 'title needs at least 3 characters').max(200),
    description: z.string().trim().min(1, 'description is required').max(10_000),
    categoryId: z.uuid('categoryId must be a dictionary entry id'),
    districtId: z.uuid('districtId must be a dictionary entry id').optional(),
    address: z.string().trim().max(300).optional(),
    /** Route this part by hand; without it the routing rules decide, as for any new ticket. */
    unitId: z.uuid('unitId must be a unit id').optional(),
  })
  .strict();
export type SplitPart = z.infer<typeof splitPart>;

export const MAX_SPLIT_PARTS = 10;

export const splitTicketRequest = z
  .object({
    parts: z
      .array(splitPart)
      .min(2, 'a split needs at least 2 parts')
      .max(MAX_SPLIT_PARTS, `at most ${MAX_SPLIT_PARTS} parts`),
    reason,
    version: expectedVersion,
  })
  .strict();
export type SplitTicketRequest = z.infer<typeof splitTicketRequest>;

export const ideaDecisionRequest = z
  .object({
    decision: z.enum(IDEA_DECISIONS, 'decision must be accepted or rejected'),
    justification: z.string().trim().min(3, 'justification for the resident needs at least 3 characters').max(10_000),
    version: expectedVersion,
  })
  .strict();
export type IdeaDecisionRequest = z.infer<typeof ideaDecisionRequest>;

/** Another ticket as the detail lists it; only tickets the reader may see are listed. */
export interface TicketRefDto {
  id: string;
  number: string;
  title: string;
  status: TicketStatus;
  unitCode: string | null;
}

export interface TicketRelationsDto {
  /** The main ticket this one was merged into. */
  duplicateOf: TicketRefDto | null;
  /** Tickets merged into this one. */
  duplicates: TicketRefDto[];
  /** Related tickets (both ways). */
  links: TicketRefDto[];
  /** The report this ticket is a part of. */
  splitFrom: TicketRefDto | null;
  /** The parts this report was split into. */
  parts: TicketRefDto[];
}

/** The answer of a split: the original, closed, and its new parts (numbered at once). */
export interface SplitTicketResult {
  original: TicketDto;
  parts: TicketDto[];
}
