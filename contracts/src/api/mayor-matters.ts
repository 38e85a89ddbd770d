// KP-02 (Stanowiska ds. Spotkań z Mieszkańcami, Kancelaria Prezydenta): residents' matters addressed to the Mayor.
// A matter is a ticket of channel `mayor`, routed like any other, plus where it came from and the Mayor's deadline.
import { z } from 'zod';
import { TICKET_TYPES } from '../domain.ts';
import { createTicketRequest, type TicketDto } from './tickets.ts';

/** A letter to the Mayor, a meeting of the Mayor with residents, an e-mail to the Mayor (ordinance 2658/2022 § 5). */
export const MAYOR_MATTER_ORIGINS = ['letter', 'meeting', 'email_to_mayor'] as const;
export type MayorMatterOrigin = (typeof MAYOR_MATTER_ORIGINS)[number];

export const MAYOR_MATTER_REFERENCE_MAX = 100;

const matterDate = (field: string) => z.iso.date({ error: `${field} must be a date, YYYY-MM-DD` });

const ticketPart = createTicketRequest.pick({
  categoryId: true,
  districtId: true,
  address: true,
  location: true,
  attributes: true,
  title: true,
  description: true,
  reporter: true,
}).shape;

/**
 * POST /api/mayor-matters. The resident may stay unnamed (a meeting's note need not carry contacts). Dates are
 * calendar days in Kraków; the server also refuses a receipt or a meeting in the future.
 */
export const registerMayorMatterRequest = z
  .object({
    origin: z.enum(MAYOR_MATTER_ORIGINS, { error: `origin is one of ${MAYOR_MATTER_ORIGINS.join(', ')}` }),
    /** The letter's reference (znak pisma) or KP-02's own sign of the matter. */
    reference: z
      .string()
      .trim()
      .max(MAYOR_MATTER_REFERENCE_MAX, `reference has at most ${MAYOR_MATTER_REFERENCE_MAX} characters`)
      .optional(),
    receivedOn: matterDate('receivedOn'),
    /** Required for a matter from a meeting, refused for the others. */
    meetingOn: matterDate('meetingOn').optional(),
    /** A deadline the Mayor set: the ticket is due at the end of that day instead of by the deadline policy. */
    mayorDeadline: matterDate('mayorDeadline').optional(),
    type: z.enum(TICKET_TYPES, { error: `type is one of ${TICKET_TYPES.join(', ')}` }).default('problem'),
    ...ticketPart,
  })
  .strict()
  .superRefine((matter, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (matter.origin === 'meeting' && !matter.meetingOn)
      issue('meetingOn', 'meetingOn is required for a matter raised at a meeting with residents');
    if (matter.origin !== 'meeting' && matter.meetingOn)
      issue('meetingOn', 'meetingOn is given only for a matter raised at a meeting (origin meeting)');
    // ISO dates compare as strings.
    if (matter.meetingOn && matter.meetingOn > matter.receivedOn)
      issue('meetingOn', 'meetingOn cannot be after receivedOn: the matter is received at or after the meeting');
    if (matter.mayorDeadline && matter.mayorDeadline < matter.receivedOn)
      issue('mayorDeadline', 'mayorDeadline cannot be before receivedOn');
  });
export type RegisterMayorMatterRequest = z.infer<typeof registerMayorMatterRequest>;
export type RegisterMayorMatterRequestInput = z.input<typeof registerMayorMatterRequest>;

/** `open`: still being handled; `overdue`: open and past its due date (not while waiting for the resident). */
export const MAYOR_MATTER_STATES = ['open', 'overdue', 'all'] as const;
export type MayorMatterState = (typeof MAYOR_MATTER_STATES)[number];

/** GET /api/mayor-matters: KP-02's list, earliest due date first. */
export const mayorMatterListQuery = z
  .object({
    state: z.enum(MAYOR_MATTER_STATES, { error: `state is one of ${MAYOR_MATTER_STATES.join(', ')}` }).default('open'),
    origin: z.enum(MAYOR_MATTER_ORIGINS, { error: `origin is one of ${MAYOR_MATTER_ORIGINS.join(', ')}` }).optional(),
    /** The unit now responsible for the matter. */
    unitId: z.uuid('unitId must be a unit id').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(200),
  })
  .strict();
export type MayorMatterListQuery = z.infer<typeof mayorMatterListQuery>;
/** What a client sends: every filter optional (the defaults are the server's). */
export type MayorMatterListParams = Partial<MayorMatterListQuery>;

/**
 * A matter with its ticket as it is now (number, status, unit, due date). The matter's own fields are null for a
 * ticket of channel `mayor` written before KP-02 registered matters here (no origin was recorded then).
 */
export interface MayorMatterDto {
  ticket: TicketDto;
  origin: MayorMatterOrigin | null;
  reference: string | null;
  /** `YYYY-MM-DD`. */
  receivedOn: string | null;
  meetingOn: string | null;
  /** Set when the Mayor gave the deadline: the ticket was due at the end of this day, not by the policy. */
  mayorDeadline: string | null;
  registeredByName: string | null;
}
