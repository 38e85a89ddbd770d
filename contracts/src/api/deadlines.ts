// Deadlines: the commands that pause a ticket's clock while the unit waits for the resident, and resume it.
import { z } from 'zod';

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
