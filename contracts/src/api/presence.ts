// Agents' presence (available, on call, wrap-up, break, offline) and the supervisor's wallboard.
// Presence changes by the agent's hand or by telephony events; every change is kept for analytics.
import { z } from 'zod';
import { BREAK_REASONS, PRESENCE_STATES, type BreakReason, type PresenceState } from '../domain.ts';

/** What an agent may choose by hand; on_call and wrap_up follow the calls. */
export const MANUAL_PRESENCE_STATES = ['available', 'break', 'offline'] as const satisfies readonly PresenceState[];

export const changePresenceRequest = z
  .object({
    state: z.enum(MANUAL_PRESENCE_STATES),
    reason: z.enum(BREAK_REASONS).optional(),
  })
  .strict()
  .refine((change) => (change.state === 'break') === (change.reason !== undefined), {
    path: ['reason'],
    message: 'a break needs a reason, and only a break has one',
  });
export type ChangePresenceRequest = z.input<typeof changePresenceRequest>;

export interface AgentPresenceDto {
  userId: string;
  displayName: string;
  state: PresenceState;
  reason: BreakReason | null;
  /** When the agent entered this state. */
  since: string;
  /** The call behind on_call and wrap_up. */
  callId: string | null;
}

export const presenceStateSchema = z.enum(PRESENCE_STATES);
