// DK-03's triage inbox: a person's claim on a ticket, bulk moves over many tickets at once, and the filters a
// person saves under a name. Who is looking at a ticket right now travels over the socket (socket.ts).
import { z } from 'zod';
import { CHANNELS, type TicketStatus } from '../domain.ts';
import { TICKET_NUMBER_PATTERN, type TicketDto } from './tickets.ts';

/** The statuses of the triage inbox (view `inbox`): a claim lives only while the ticket is in one of them. */
export const TRIAGE_INBOX_STATUSES = [
  'new',
  'triage',
  'returned',
  'reopened',
] as const satisfies readonly TicketStatus[];
export type TriageInboxStatus = (typeof TRIAGE_INBOX_STATUSES)[number];

/**
 * `POST /api/triage/tickets/:id/claim`. Claiming a ticket someone else holds answers 409 naming them, unless
 * `takeOver` says the caller takes it over (the history records from whom). Claiming one's own claim again
 * extends it. `ifFree`: the console's claim when a person starts acting on a ticket: taken only if nobody holds
 * it and it still waits in the inbox; otherwise nothing changes and the ticket comes back as it is (no 409).
 */
export const claimTicketRequest = z
  .object({ takeOver: z.boolean().optional(), ifFree: z.boolean().optional() })
  .strict()
  .refine((body) => !(body.takeOver && body.ifFree), 'takeOver and ifFree exclude each other');
export type ClaimTicketRequest = z.infer<typeof claimTicketRequest>;

export const releaseTicketRequest = z.object({}).strict();

/** A bulk request takes at most this many tickets: a screen's worth, in one transaction. */
export const MAX_BULK_TICKETS = 100;

const ticketIds = z
  .array(z.uuid('each ticket id must be a ticket id'))
  .min(1, 'choose at least one ticket')
  .max(MAX_BULK_TICKETS, `at most ${MAX_BULK_TICKETS} tickets at once`)
  .refine((ids) => new Set(ids.map((id) => id.toLowerCase())).size === ids.length, 'a ticket is listed twice');
const reason = z.string().trim().min(3, 'reason needs at least 3 characters').max(2000);
/** Go ahead although another DK-03 person holds a live claim on some of the tickets (the history says so). */
const takeOver = z.boolean().optional();

export const BULK_TRIAGE_ACTIONS = ['route', 'merge', 'reject'] as const;
export type BulkTriageAction = (typeof BULK_TRIAGE_ACTIONS)[number];

/**
 * `POST /api/triage/bulk`: one move for every ticket listed, all or nothing. `route` to a unit (the rules of
 * routing by hand), `merge` into the ticket numbered `into` (it may be one of those listed; it stays as it is),
 * `reject` as spam or not a city matter (the reason is the resident's to read; a rejection sends no e-mail).
 */
export const bulkTriageRequest = z.discriminatedUnion('action', [
  z
    .object({
      action: z.literal('route'),
      ticketIds,
      unitId: z.uuid('unitId must be a unit id'),
      reason: z.string().trim().max(2000).optional(),
      takeOver,
    })
    .strict(),
  z
    .object({
      action: z.literal('merge'),
      ticketIds,
      into: z.string().trim().regex(TICKET_NUMBER_PATTERN, 'into must be a ticket number like KCK/2026/000123'),
      reason,
      takeOver,
    })
    .strict(),
  z.object({ action: z.literal('reject'), ticketIds, reason, takeOver }).strict(),
]);
export type BulkTriageRequest = z.infer<typeof bulkTriageRequest>;

export interface BulkTriageResult {
  action: BulkTriageAction;
  /** Every ticket listed as it is now (for a merge, the main ticket is left out unless it was listed). */
  tickets: TicketDto[];
}

/** The inbox's claim filter: held by the caller, by nobody (or lapsed), or by someone else. */
export const CLAIM_FILTERS = ['me', 'unclaimed', 'others'] as const;
export type ClaimFilter = (typeof CLAIM_FILTERS)[number];

/**
 * What the inbox can be filtered by, as a saved filter keeps it. The console turns it into the list query
 * (`GET /api/tickets?view=inbox&…`, contracts tickets.ts), whose parameters carry the same names.
 */
export const inboxFilter = z
  .object({
    statuses: z
      .array(z.enum(TRIAGE_INBOX_STATUSES))
      .min(1, 'choose at least one status, or leave statuses out')
      .max(TRIAGE_INBOX_STATUSES.length)
      .optional(),
    channel: z.enum(CHANNELS).optional(),
    /** A parent category takes its children too. */
    categoryId: z.uuid('categoryId must be a dictionary entry id').optional(),
    districtId: z.uuid('districtId must be a dictionary entry id').optional(),
    /** Waiting longer than this many days since it was written. */
    olderThanDays: z.number().int().min(1, 'olderThanDays is at least 1').max(365).optional(),
    /** Past its due date. */
    overdue: z.boolean().optional(),
    claim: z.enum(CLAIM_FILTERS).optional(),
    /** Words in the number, title, description or address. */
    q: z.string().trim().min(1, 'q must not be empty').max(200).optional(),
  })
  .strict();
export type InboxFilter = z.infer<typeof inboxFilter>;

/** The lists a filter can be saved for; each has its own filter schema (the inbox's only, so far). */
export const SAVED_FILTER_VIEWS = ['inbox'] as const;
export type SavedFilterView = (typeof SAVED_FILTER_VIEWS)[number];
/** A person keeps at most this many filters per list. */
export const MAX_SAVED_FILTERS = 50;

const filterName = z.string().trim().min(1, 'name is required').max(80, 'name has at most 80 characters');

export const createSavedFilterRequest = z
  .object({ view: z.enum(SAVED_FILTER_VIEWS), name: filterName, query: inboxFilter })
  .strict();
export type CreateSavedFilterRequest = z.infer<typeof createSavedFilterRequest>;

export const updateSavedFilterRequest = z
  .object({ name: filterName.optional(), query: inboxFilter.optional() })
  .strict()
  .refine((body) => body.name !== undefined || body.query !== undefined, 'send a new name, a new query, or both');
export type UpdateSavedFilterRequest = z.infer<typeof updateSavedFilterRequest>;

export const savedFilterListQuery = z.object({ view: z.enum(SAVED_FILTER_VIEWS).default('inbox') }).strict();
export const savedFilterIdParams = z.object({ id: z.uuid('id must be a saved filter id') });

export interface SavedFilterDto {
  id: string;
  view: SavedFilterView;
  name: string;
  query: InboxFilter;
  createdAt: string;
  updatedAt: string;
}
