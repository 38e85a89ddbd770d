// Tickets (zgłoszenia): request schemas and the DTOs REST and socket payloads share.
import { z } from 'zod';
import {
  CHANNELS,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  TICKET_TYPES,
  type Channel,
  type TicketPriority,
  type TicketStatus,
  type TicketType,
} from '../domain.ts';
import type { IdeaDecision } from '../lifecycle.ts';

/** `KCK/2026/000123`: unique and gap-free per year. */
export const TICKET_NUMBER_PATTERN = /^KCK\/\d{4}\/\d{6}$/;

const reporter = z
  .object({
    name: z.string().trim().max(200).optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, 'phone must be 6-20 digits, optionally with +, spaces, dashes')
      .optional(),
    email: z.email('email is not a valid address').max(254).optional(),
  })
  .strict();

export const ticketLocation = z
  .object({
    latitude: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
    longitude: z
      .number()
      .min(-180, 'longitude must be between -180 and 180')
      .max(180, 'longitude must be between -180 and 180'),
  })
  .strict();
export type TicketLocation = z.infer<typeof ticketLocation>;

/** Attribute code → answer; which codes a category asks is the category's own definition. */
export const ticketAttributes = z.record(
  z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'attribute codes are lower-case letters, digits and _'),
  z.union([
    z.string().trim().max(500),
    z.number().finite(),
    z.boolean(),
    // A multivaluelist's keys (category-attributes.ts).
    z.array(z.string().trim().min(1).max(64)).max(100),
  ]),
);
export type TicketAttributes = z.infer<typeof ticketAttributes>;

export const createTicketRequest = z
  .object({
    type: z.enum(TICKET_TYPES),
    channel: z.enum(CHANNELS),
    categoryId: z.uuid('categoryId must be a dictionary entry id'),
    districtId: z.uuid('districtId must be a dictionary entry id').optional(),
    address: z.string().trim().max(300).optional(),
    /** A map pin (WGS 84): from the web form's map, a photo's GPS or an Open311 report. */
    location: ticketLocation.optional(),
    /** Answers to the category's own questions (Open311 service attributes, e.g. a lamp post number). */
    attributes: ticketAttributes.optional(),
    title: z.string().trim().min(3, 'title needs at least 3 characters').max(200),
    description: z.string().trim().min(1, 'description is required').max(10_000),
    reporter: reporter.optional(),
    /** Default `normal`; with type and category it picks the deadline policy. */
    priority: z.enum(TICKET_PRIORITIES).optional(),
    /**
     * Made once per ticket by the client (a form, an integration): sending it again after a timeout answers the
     * ticket written the first time. The same id with another title, description or category is a 409.
     */
    requestId: z.uuid('requestId must be a UUID the client makes once per ticket').optional(),
  })
  .strict();
export type CreateTicketRequest = z.infer<typeof createTicketRequest>;

/** `/api/tickets/:id/...` */
export const ticketIdParams = z.object({ id: z.uuid('id must be a ticket id') });

export const ticketListQuery = z
  .object({
    /** `inbox`: DK-03's triage inbox; `unit`: the caller's unit queue; `mine`: created by the caller; `all`: everything visible. */
    view: z.enum(['inbox', 'unit', 'mine', 'all']).default('all'),
    status: z.enum(TICKET_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    // Filters behind DK-03's monitoring figures (see api/monitoring.ts): each number links to its list.
    unitId: z.uuid('unitId must be a unit id').optional(),
    /** `a,b,c`: any of these statuses. */
    statuses: z
      .string()
      .transform((value) => value.split(',').map((s) => s.trim()))
      .pipe(z.array(z.enum(TICKET_STATUSES)).min(1))
      .optional(),
    /** Open and past its due date. */
    overdue: z.stringbool().optional(),
    /** Open with no unit, or routed and not accepted for more than NOT_PICKED_UP_AFTER_HOURS. */
    notPickedUp: z.stringbool().optional(),
    /** The unit's own system never received it (every webhook attempt failed): DK-03 must pass it on another way. */
    deliveryFailed: z.stringbool().optional(),
    /** The unit queue's filter on who works on it: `me` (the caller), `unassigned`, or `any` (default). */
    assignee: z.enum(['me', 'unassigned', 'any']).optional(),
    /** Open, not waiting for the resident, and due within DUE_SOON_WORKING_HOURS office hours (not yet overdue). */
    dueSoon: z.stringbool().optional(),
    /** Open, and its missed deadline was escalated to the unit's supervisor and DK-03 (see ESCALATED_CONDITION). */
    escalated: z.stringbool().optional(),
    /** Default newest first; `age`: oldest first; `due`: earliest due date first. */
    sort: z.enum(['age', 'due']).optional(),
    // DK-03's inbox filters (api/triage.ts, inboxFilter: a saved filter keeps them under these names).
    channel: z.enum(CHANNELS).optional(),
    /** A parent category takes its children too. */
    categoryId: z.uuid('categoryId must be a dictionary entry id').optional(),
    districtId: z.uuid('districtId must be a dictionary entry id').optional(),
    /** Written more than this many days ago. */
    olderThanDays: z.coerce.number().int().min(1, 'olderThanDays is at least 1').max(365).optional(),
    /** DK-03's claims: held by the caller, by nobody (or lapsed), or by someone else. */
    claim: z.enum(['me', 'unclaimed', 'others']).optional(),
    /** Words in the number, title, description or address (case and Polish letters as typed). */
    q: z.string().trim().min(1, 'q must not be empty').max(200).optional(),
    // DK-05's dashboard drills down here: the tickets behind a figure, written in a period of local (Kraków) days.
    /** Written on or after this local day (YYYY-MM-DD). */
    createdFrom: z.iso.date('createdFrom must be a date (YYYY-MM-DD)').optional(),
    /** Written on or before this local day (YYYY-MM-DD), inclusive. */
    createdTo: z.iso.date('createdTo must be a date (YYYY-MM-DD)').optional(),
    type: z.enum(TICKET_TYPES).optional(),
    /** Closed for this reason (dictionary closure_reason). */
    closureReasonId: z.uuid('closureReasonId must be a closure reason id').optional(),
  })
  .strict();
export type TicketListQuery = z.infer<typeof ticketListQuery>;

/**
 * Optimistic locking: a client that sends the `version` it saw gets 409 when someone changed
 * the ticket in between, instead of overwriting their change.
 */
const expectedVersion = z.number().int().min(1, 'version is the ticket version you last saw').optional();

const reason = z.string().trim().min(3, 'reason needs at least 3 characters').max(2000);

/** Go ahead although another DK-03 person holds a live claim on the ticket (api/triage.ts); the history says so. */
const takeOver = z.boolean().optional();

export const routeTicketRequest = z
  .object({
    unitId: z.uuid('unitId must be a unit id'),
    reason: z.string().trim().max(2000).optional(),
    version: expectedVersion,
    takeOver,
  })
  .strict();
export type RouteTicketRequest = z.infer<typeof routeTicketRequest>;

export const acceptTicketRequest = z
  .object({ comment: z.string().trim().max(2000).optional(), version: expectedVersion })
  .strict();
export type AcceptTicketRequest = z.infer<typeof acceptTicketRequest>;

export const resolveTicketRequest = z
  .object({
    answer: z.string().trim().min(3, 'answer to the resident needs at least 3 characters').max(10_000),
    version: expectedVersion,
  })
  .strict();
export type ResolveTicketRequest = z.infer<typeof resolveTicketRequest>;

/** Start work, return, reject, reopen, close: moves that carry at most a reason. */
export const startTicketRequest = z.object({ version: expectedVersion }).strict();
export const reasonedMoveRequest = z.object({ reason, version: expectedVersion, takeOver }).strict();
/** DK-03 closes with a reason from the closure_reason dictionary (DK-05 counts closures by it) and an optional note. */
export const closeTicketRequest = z
  .object({
    closureReasonId: z.uuid('closureReasonId must be a closure reason id (dictionary closure_reason)'),
    reason: reason.optional(),
    version: expectedVersion,
  })
  .strict();
export type ReasonedMoveRequest = z.infer<typeof reasonedMoveRequest>;
export type CloseTicketRequest = z.infer<typeof closeTicketRequest>;

export const DUE_STATES = ['on_time', 'due_soon', 'overdue', 'paused'] as const;
export type DueState = (typeof DUE_STATES)[number];

export interface TicketDto {
  id: string;
  number: string;
  type: TicketType;
  channel: Channel;
  status: TicketStatus;
  title: string;
  description: string;
  categoryId: string;
  categoryLabel: string;
  districtId: string | null;
  districtLabel: string | null;
  address: string | null;
  location: TicketLocation | null;
  attributes: TicketAttributes;
  /** All null in lists (GET /api/tickets): the contact is read in the detail, which the access log records. */
  reporter: { name: string | null; phone: string | null; email: string | null };
  unitId: string | null;
  unitCode: string | null;
  unitName: string | null;
  /** The unit's staff member working on it (unit workspace); cleared when the ticket changes unit. */
  assigneeId: string | null;
  assigneeName: string | null;
  /** Units the routing rule keeps informed: their staff may read the ticket, not act on it. */
  informedUnitIds: string[];
  /** Every webhook delivery to the unit's system failed; DK-03 should pass the ticket on another way. */
  deliveryFailed: boolean;
  dueAt: string | null;
  priority: TicketPriority;
  /** Set while the unit waits for the resident's answer: the deadline's clock stands still. */
  waitingForResident: { since: string; question: string } | null;
  /** When the missed deadline was escalated to the unit's supervisor and DK-03. */
  escalatedAt: string | null;
  /** Open tickets only, when read: `overdue` red, `due_soon` amber (the dueSoon filter's rule), `paused` waiting. */
  dueState: DueState | null;
  resolution: string | null;
  /** Why DK-03 closed it (dictionary closure_reason, its current label); null while open and for older closures. */
  closureReason: { id: string; label: string } | null;
  /** Ideas only: the unit's decision; `resolution` holds its justification. */
  ideaDecision: IdeaDecision | null;
  interactionId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * DK-03's live claim while the ticket waits in the triage inbox: who works on it, since when, and when the claim
   * lapses (TRIAGE_CLAIM_MINUTES after it was taken). Null when nobody holds one, or it lapsed.
   */
  claimedBy: { id: string; displayName: string } | null;
  claimedAt: string | null;
  claimExpiresAt: string | null;
}

export interface TicketEventDto {
  /** Sequence id, increasing across all tickets: the realtime cursor. */
  seq: number;
  ticketId: string;
  kind: string;
  actorId: string | null;
  actorName: string | null;
  at: string;
  changes: Record<string, { from: unknown; to: unknown }>;
  reason: string | null;
}

export interface TicketDetailDto extends TicketDto {
  events: TicketEventDto[];
  /**
   * The category and district as the dictionaries named them when the ticket was written (analysts may have
   * relabelled them since; `categoryLabel` and `districtLabel` are today's).
   */
  labelsWhenWritten: { category: string; district: string | null };
}
