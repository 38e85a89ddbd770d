// Deadlines: the commands that pause a ticket's clock while the unit waits for the resident, and resume it.
import { z } from 'zod';
import {
  CHANNELS,
  TICKET_PRIORITIES,
  TICKET_TYPES,
  type Channel,
  type TicketPriority,
  type TicketType,
} from '../domain.ts';

const expectedVersion = z.number().int().min(1, 'version is the ticket version you last saw').optional();

/** Unit staff asked the resident a question: the deadline's clock stops until the answer. */
export const waitForResidentRequest = z
  .object({
    question: z.string().trim().min(3, 'question needs at least 3 characters').max(2000),
    version: expectedVersion,
  })
  .strict();
export type WaitForResidentRequest = z.infer<typeof waitForResidentRequest>;

/** The resident answered (or staff resume without an answer): the due date moves by the office time waited. */
export const resumeTicketRequest = z
  .object({ answer: z.string().trim().max(2000).optional(), version: expectedVersion })
  .strict();
export type ResumeTicketRequest = z.infer<typeof resumeTicketRequest>;

// Deadline policies: analysts (who own the dictionaries) and admins edit them; the same schema checks the
// console's form and the server. A policy is counted in working days or in office hours, never both.
export const DEADLINE_POLICY_MAX_WORKING_DAYS = 120;
export const DEADLINE_POLICY_MAX_WORKING_HOURS = 400;

export const deadlinePolicyRequest = z
  .object({
    ticketType: z.enum(TICKET_TYPES, { error: `ticketType is one of ${TICKET_TYPES.join(', ')}` }),
    /** Absent or null: any category (the catch-all of its ticket type when priority is null too). */
    categoryId: z.uuid('categoryId must be a category id').nullish(),
    /** Absent or null: any priority. */
    priority: z.enum(TICKET_PRIORITIES, { error: `priority is one of ${TICKET_PRIORITIES.join(', ')}` }).nullish(),
    /** Absent or null: any channel. A policy for one channel (KP-02's `mayor`) beats an otherwise equal one. */
    channel: z.enum(CHANNELS, { error: `channel is one of ${CHANNELS.join(', ')}` }).nullish(),
    workingDays: z
      .number({ error: 'workingDays must be a whole number' })
      .int('workingDays must be a whole number')
      .min(1, `workingDays is 1-${DEADLINE_POLICY_MAX_WORKING_DAYS}`)
      .max(DEADLINE_POLICY_MAX_WORKING_DAYS, `workingDays is 1-${DEADLINE_POLICY_MAX_WORKING_DAYS}`)
      .nullish(),
    workingHours: z
      .number({ error: 'workingHours must be a whole number' })
      .int('workingHours must be a whole number')
      .min(1, `workingHours is 1-${DEADLINE_POLICY_MAX_WORKING_HOURS}`)
      .max(DEADLINE_POLICY_MAX_WORKING_HOURS, `workingHours is 1-${DEADLINE_POLICY_MAX_WORKING_HOURS}`)
      .nullish(),
    note: z.string().trim().max(500, 'note has at most 500 characters').default(''),
    /** Only on PUT matters; a new policy is active. Deactivated, never deleted. */
    active: z.boolean({ error: 'active must be true or false' }).default(true),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const days = policy.workingDays != null;
    const hours = policy.workingHours != null;
    if (days === hours)
      ctx.addIssue({
        code: 'custom',
        path: [days ? 'workingHours' : 'workingDays'],
        message: 'give exactly one of workingDays or workingHours',
      });
  });
export type DeadlinePolicyRequest = z.infer<typeof deadlinePolicyRequest>;
export type DeadlinePolicyRequestInput = z.input<typeof deadlinePolicyRequest>;

export interface DeadlinePolicyDto {
  id: string;
  ticketType: TicketType;
  categoryId: string | null;
  /** Polish, `Parent › Child` for a sub-category; null: any category. */
  categoryLabel: string | null;
  priority: TicketPriority | null;
  /** null: any channel. */
  channel: Channel | null;
  workingDays: number | null;
  workingHours: number | null;
  note: string;
  active: boolean;
  updatedAt: string;
  updatedByName: string | null;
}
