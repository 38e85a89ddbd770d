// Calls (interactions): what a hotline agent records for every call, and the tickets created from it.
import { z } from 'zod';
import {
  CALL_DIRECTIONS,
  CALL_OUTCOMES,
  type CallDirection,
  type CallOutcome,
  type CallState,
  type TicketStatus,
  type TicketType,
} from '../domain.ts';
import { createTicketRequest } from './tickets.ts';

/** A ticket created from a call: the channel is the call's (`phone`). */
export const ticketFromCallRequest = createTicketRequest.omit({ channel: true });

export const recordCallRequest = z
  .object({
    startedAt: z.iso.datetime({ offset: true, message: 'startedAt must be an ISO-8601 timestamp' }),
    endedAt: z.iso.datetime({ offset: true, message: 'endedAt must be an ISO-8601 timestamp' }),
    callerPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{3,20}$/, 'callerPhone must be 3-20 digits')
      .optional(),
    topicId: z.uuid('topicId must be a call topic id'),
    outcome: z.enum(CALL_OUTCOMES),
    informationGiven: z.string().trim().max(10_000).default(''),
    notes: z.string().trim().max(10_000).default(''),
    articleIds: z.array(z.uuid('each articleId must be an article id')).max(20).default([]),
    tickets: z.array(ticketFromCallRequest).max(10).default([]),
  })
  .strict()
  .refine((call) => Date.parse(call.endedAt) >= Date.parse(call.startedAt), {
    path: ['endedAt'],
    message: 'endedAt must not be before startedAt',
  });
export type RecordCallRequest = z.input<typeof recordCallRequest>;
/** A call request after parsing, defaults filled in. */
export type RecordCallInput = z.output<typeof recordCallRequest>;

export interface CallDto {
  id: string;
  agentId: string;
  agentName: string;
  callerPhone: string | null;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  topicId: string;
  topicLabel: string;
  outcome: CallOutcome;
  informationGiven: string;
  notes: string;
  articleIds: string[];
  ticketNumbers: string[];
  ticketIds: string[];
}

/**
 * A call while it lives (ringing, active, wrap-up) and after: what the agent's console pops up and the
 * wallboard counts. The recorded fields (topic, outcome…) are in CallDto once the wrap-up is saved.
 */
export interface LiveCallDto {
  id: string;
  state: CallState;
  direction: CallDirection;
  agentId: string | null;
  callerPhone: string | null;
  calledNumber: string | null;
  /** The telephony queue the call came through, when the PBX reports it. */
  queue: string | null;
  startedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  recordedAt: string | null;
  hangupCause: string | null;
  /** The city-wide matter (major event) this call was linked to, if any. */
  cityMatterId: string | null;
  /** The agent's unsaved wrap-up form, kept on the server as they type; null when none. */
  draft: Record<string, unknown> | null;
  draftVersion: number;
  draftSavedAt: string | null;
  /** The PBX sent a recording link; only supervisors and admins may open it (GET /api/calls/:id/recording). */
  hasRecording: boolean;
  /** Set once a missed call was called back (the call-back list shows those still null). */
  callbackDoneAt: string | null;
}

/** The caller's number as the agent types it for a manual call (same rule as recordCallRequest). */
const callerPhone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{3,20}$/, 'callerPhone must be 3-20 digits')
  .optional();

/** `/api/calls/:id/...` */
export const callIdParams = z.object({ id: z.uuid('id must be a call id') });

/**
 * GET /api/calls: recorded calls, newest first. The filters are DK-05's drill-down from the call figures: calls
 * started within local (Kraków) days and hour, of a topic and outcome, with or without a ticket written from them.
 */
export const callListQuery = z
  .object({
    view: z.enum(['mine', 'all']).default('mine'),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    from: z.iso.date('from must be a date (YYYY-MM-DD)').optional(),
    to: z.iso.date('to must be a date (YYYY-MM-DD)').optional(),
    hour: z.coerce.number().int().min(0, 'hour is 0-23').max(23, 'hour is 0-23').optional(),
    topicId: z.uuid('topicId must be a dictionary entry id').optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    withTicket: z.stringbool().optional(),
  })
  .strict();
export type CallListQuery = z.infer<typeof callListQuery>;

/** POST /api/calls/start: a call without telephony integration, started by the agent's hand → LiveCallDto (active). */
export const startCallRequest = z
  .object({
    direction: z.enum(CALL_DIRECTIONS).default('in'),
    callerPhone,
  })
  .strict();
export type StartCallRequest = z.input<typeof startCallRequest>;

/** POST /api/calls/:id/end: the agent hangs up by hand (no body) → LiveCallDto (wrap_up). */

/** GET /api/calls/current: the agent's calls still ringing, active or in wrap-up, drafts included. */
export interface CurrentCallsDto {
  calls: LiveCallDto[];
}

/** Largest serialized draft the server keeps (bytes of JSON). */
export const CALL_DRAFT_MAX_BYTES = 64 * 1024;

/**
 * PUT /api/calls/:id/draft → LiveCallDto. `draftVersion` is the version the client last saw (0 for the first
 * save); a stale one answers 409 with `current.version` the server's draftVersion (the client refetches
 * GET /api/calls/current and merges).
 */
export const saveCallDraftRequest = z
  .object({
    draft: z
      .record(z.string(), z.unknown())
      .refine((draft) => new TextEncoder().encode(JSON.stringify(draft)).length <= CALL_DRAFT_MAX_BYTES, {
        message: `draft must be at most ${CALL_DRAFT_MAX_BYTES} bytes of JSON`,
      }),
    draftVersion: z.number().int().min(0),
  })
  .strict();
export type SaveCallDraftRequest = z.input<typeof saveCallDraftRequest>;

/**
 * POST /api/calls/:id/wrap-up → CallDto: the call's record, same rules as POST /api/calls, with its tickets in one
 * transaction; the call becomes `recorded` and the agent available. A call already recorded answers 409.
 */
export const wrapUpCallRequest = z
  .object({
    topicId: z.uuid('topicId must be a call topic id'),
    outcome: z.enum(CALL_OUTCOMES),
    informationGiven: z.string().trim().max(10_000).default(''),
    notes: z.string().trim().max(10_000).default(''),
    articleIds: z.array(z.uuid('each articleId must be an article id')).max(20).default([]),
    tickets: z.array(ticketFromCallRequest).max(10).default([]),
    /** Corrects or adds the caller's number (a withheld number told on the phone). */
    callerPhone,
  })
  .strict();
export type WrapUpCallRequest = z.input<typeof wrapUpCallRequest>;
export type WrapUpCallInput = z.output<typeof wrapUpCallRequest>;

/** GET /api/calls/:id/caller-history: earlier calls and tickets of the same phone number, newest first. */
export interface CallerHistoryDto {
  callerPhone: string | null;
  calls: {
    id: string;
    state: CallState;
    startedAt: string;
    agentName: string | null;
    topicLabel: string | null;
    outcome: CallOutcome | null;
    notes: string;
  }[];
  tickets: {
    id: string;
    number: string | null;
    type: TicketType;
    status: TicketStatus;
    title: string;
    unitName: string | null;
    createdAt: string;
  }[];
}

/** GET /api/calls/callbacks: missed or abandoned calls nobody has called back yet, oldest first. */
export interface CallbackDto {
  id: string;
  callerPhone: string | null;
  calledNumber: string | null;
  queue: string | null;
  startedAt: string;
  endedAt: string | null;
  hangupCause: string | null;
  /** The agent the telephony offered it to, if any. */
  agentId: string | null;
  agentName: string | null;
  /** Earlier missed calls from the same number not yet called back (this one included). */
  attempts: number;
}
export interface CallbacksDto {
  callbacks: CallbackDto[];
}

/** POST /api/calls/:id/callback-done → LiveCallDto: marks a missed call called back, optionally by which call. */
export const callbackDoneRequest = z
  .object({ callbackCallId: z.uuid('callbackCallId must be a call id').optional() })
  .strict();
export type CallbackDoneRequest = z.input<typeof callbackDoneRequest>;

/** GET /api/calls/:id/recording (supervisor, admin): the PBX's link; every call of it is logged. */
export interface CallRecordingDto {
  callId: string;
  url: string;
}
