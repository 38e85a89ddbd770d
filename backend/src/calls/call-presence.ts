// An agent's presence follows their calls: on_call while connected, wrap_up until the call is recorded,
// available after. A late event about one call must never take the agent off another one.
import type { EntityManager } from 'typeorm';
import type { PresenceState } from '@kck/contracts';
import { changePresence } from '../presence/presence.service.ts';

export type CallPresence = Extract<PresenceState, 'on_call' | 'wrap_up' | 'available'>;

/**
 * Moves the agent to `state` for call `callId` when their presence is free or already bound to this call;
 * `available` only releases this call's hold. A change made by the agent's own call action (manual end,
 * wrap-up) is the call's lifecycle, not the presence switch, so leaving on_call is recorded as `system`
 * (the switch refuses an agent leaving on_call by hand).
 */
export async function followCall(
  em: EntityManager,
  agentId: string,
  callId: string,
  state: CallPresence,
  source: 'agent' | 'cti',
): Promise<void> {
  // The same row changePresence locks: taken first, so this check and the change see one state.
  const rows: { state: PresenceState; call_id: string | null }[] = await em.query(
    `SELECT state, call_id FROM agent_presence WHERE user_id = $1 FOR UPDATE`,
    [agentId],
  );
  const current = rows[0] ?? { state: 'offline' as PresenceState, call_id: null };
  const mine = current.call_id === callId;
  if (state === 'available' && !mine) return;
  if (state === 'wrap_up' && !mine && current.call_id !== null) return;
  if (state === 'on_call' && !mine && current.state === 'on_call') return;
  const leavingCall = current.state === 'on_call' && state !== 'on_call';
  await changePresence(em, agentId, {
    state,
    callId: state === 'available' ? null : callId,
    source: source === 'agent' && leavingCall ? 'system' : source,
  });
}
