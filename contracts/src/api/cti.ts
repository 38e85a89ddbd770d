// Telephony (CTI): the events a call-centre system posts about its calls, in our format and in the generic
// PBX-bridge format helpdesks already accept (Zammad's), and the admin API for telephony systems.
import { z } from 'zod';
import { CALL_DIRECTIONS } from '../domain.ts';

export const CTI_EVENTS = ['ringing', 'answered', 'hangup', 'transfer'] as const;
export type CtiEvent = (typeof CTI_EVENTS)[number];

/** What became of one event: changed the call, was seen before, or was kept but changed nothing. */
export const CTI_EVENT_RESULTS = ['applied', 'duplicate', 'ignored'] as const;
export type CtiEventResult = (typeof CTI_EVENT_RESULTS)[number];

const text = (name: string, max: number) =>
  z
    .string({ message: `${name} must be a string` })
    .trim()
    .min(1, `${name} is required`)
    .max(max, `${name} must be at most ${max} characters`);

/**
 * POST /api/cti/events with `Authorization: Bearer <system token>`. `agent` is the agent's phone extension or
 * login; `at` when it happened at the PBX (events may arrive late or out of order). `queue` and `recordingUrl`
 * are optional extras; `cause` is the hangup cause (Zammad's names: normalClearing, busy, cancel, noAnswer,
 * congestion, notFound, forwarded; also abandoned).
 */
export const ctiEventRequest = z
  .object({
    event: z.enum(CTI_EVENTS, { message: `event must be one of ${CTI_EVENTS.join(', ')}` }),
    callId: text('callId', 200),
    from: z.string().trim().max(100).default(''),
    to: z.string().trim().max(100).default(''),
    direction: z.enum(CALL_DIRECTIONS, { message: 'direction must be in or out' }),
    agent: z.string().trim().max(200).optional(),
    at: z.iso.datetime({ offset: true, message: 'at must be an ISO-8601 timestamp' }),
    cause: z.string().trim().max(100).optional(),
    queue: z.string().trim().max(200).optional(),
    recordingUrl: z
      .url({ protocol: /^https?$/, message: 'recordingUrl must be an http(s) URL' })
      .max(2000)
      .optional(),
  })
  .strict();
export type CtiEventRequest = z.input<typeof ctiEventRequest>;
export type CtiEventInput = z.output<typeof ctiEventRequest>;

export const GENERIC_CTI_EVENTS = ['newCall', 'answer', 'hangup'] as const;

/**
 * POST /api/cti/generic/:token: the generic CTI format PBX bridges send (JSON, form-urlencoded or multipart;
 * `user` may be `user[]`). Unknown extra fields are kept in the raw payload and otherwise ignored, as bridges
 * send more than the documented ones.
 */
export const genericCtiEventRequest = z.object({
  event: z.enum(GENERIC_CTI_EVENTS, { message: `event must be one of ${GENERIC_CTI_EVENTS.join(', ')}` }),
  callId: text('callId', 200),
  from: z.string().trim().max(100).default(''),
  to: z.string().trim().max(100).default(''),
  direction: z.enum(CALL_DIRECTIONS, { message: 'direction must be in or out' }),
  user: z
    .union([z.string().trim().max(200), z.array(z.string().trim().max(200)).max(50)])
    .optional()
    .transform((user) => (user === undefined ? [] : (Array.isArray(user) ? user : [user]).filter(Boolean))),
  queue: z.string().trim().max(200).optional(),
  answeringNumber: z.string().trim().max(200).optional(),
  cause: z.string().trim().max(100).optional(),
});
export type GenericCtiEventRequest = z.input<typeof genericCtiEventRequest>;

/** 202 for every event accepted by the webhook, whatever it did to the call. */
export interface CtiEventResultDto {
  result: CtiEventResult;
  /** The call this event belongs to (absent when the event was ignored before any call existed). */
  interactionId?: string;
  /** Why an event changed nothing, or what was left out (an unknown agent): `duplicate`, `unknown_call`… */
  ignored?: string;
  reason?: string;
}

export const createTelephonySystemRequest = z.object({ name: text('name', 100) }).strict();
export type CreateTelephonySystemRequest = z.input<typeof createTelephonySystemRequest>;

export interface TelephonySystemDto {
  id: string;
  name: string;
  active: boolean;
  createdAt: string;
  /** Events received and when the last one came, to see that the PBX is talking to us. */
  eventCount: number;
  lastEventAt: string | null;
}

/** Answer of POST /api/cti/systems: the token is shown this once; only its SHA-256 is stored. */
export interface CreatedTelephonySystemDto extends TelephonySystemDto {
  token: string;
  /** Where a generic (Zammad-format) bridge posts: the token is part of the path. */
  genericPath: string;
}

export const telephonySystemIdParams = z.object({ id: z.uuid('id must be a telephony system id') });

/** PUT /api/users/:id/phone-extension: the extension the PBX reports as `agent`; null removes it. */
export const setPhoneExtensionRequest = z
  .object({
    phoneExtension: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z*#+._-]{1,32}$/, 'phoneExtension must be 1-32 digits or letters')
      .nullable(),
  })
  .strict();
export type SetPhoneExtensionRequest = z.input<typeof setPhoneExtensionRequest>;

export interface UserPhoneExtensionDto {
  userId: string;
  login: string;
  phoneExtension: string | null;
}
