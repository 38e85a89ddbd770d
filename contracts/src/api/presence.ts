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

/** GET /api/presence/agents: every hotline agent of DK-02 with their state, for supervisors. */
export interface AgentPresenceListDto {
  /** Server clock when read (ISO): the console counts time in state from it, whatever its own clock says. */
  at: string;
  agents: AgentPresenceDto[];
}

/** A wallboard row: the agent's presence and the calls they answered today. */
export interface WallboardAgentDto extends AgentPresenceDto {
  callsToday: number;
  /**
   * A session that has not ended by the idle or absolute limit. An agent who closed the browser without
   * signing out keeps their last state; the wallboard marks them instead of guessing a state change.
   */
  signedIn: boolean;
}

export interface WallboardCallsDto {
  /** Calls that started today (Europe/Warsaw), every state. */
  today: number;
  /** Calls that started in the last 60 minutes. */
  lastHour: number;
  answeredToday: number;
  missedToday: number;
  /** Calls ringing with no agent yet, as the telephony reports them. */
  waiting: number;
  oldestWaitingSince: string | null;
  /** Mean of answered → ended over today's ended calls, in seconds; null with none. */
  averageHandlingSeconds: number | null;
  /** Mean of ended → recorded over today's recorded calls, in seconds; null with none. */
  averageWrapUpSeconds: number | null;
}

/** A unit's queue: its open tickets and the overdue among them (the monitoring figures). */
export interface WallboardQueueDto {
  unitId: string;
  unitCode: string;
  unitName: string;
  open: number;
  overdue: number;
}

/** An open city-wide matter and the calls linked to it. */
export interface WallboardCityMatterDto {
  id: string;
  title: string;
  declaredAt: string;
  callsToday: number;
  callsTotal: number;
}

/** GET /api/wallboard (supervisor, admin). */
export interface WallboardDto {
  /** Server clock when read (ISO). */
  at: string;
  agents: WallboardAgentDto[];
  calls: WallboardCallsDto;
  tickets: { open: number; overdue: number; queues: WallboardQueueDto[] };
  cityMatters: WallboardCityMatterDto[];
}
