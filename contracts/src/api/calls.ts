// Calls (interactions): what a hotline agent records for every call, and the tickets created from it.
import { z } from 'zod';
import { CALL_OUTCOMES, type CallOutcome } from '../domain.ts';
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
