// Hotline agents' presence: the state each agent is in now and every interval spent in a state.
// The agent changes it by hand, the telephony (CTI) by calls, the system at sign-out; all through changePresence.
import type { DataSource, EntityManager } from 'typeorm';
import type { AgentPresenceDto, BreakReason, PresenceState } from '@kck/contracts';
import { conflict, notFound } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';

export type PresenceSource = 'agent' | 'cti' | 'system';

export interface PresenceChange {
  state: PresenceState;
  reason?: BreakReason;
  callId?: string | null;
  source: PresenceSource;
}

interface PresenceRow {
  user_id: string;
  display_name: string;
  state: PresenceState;
  reason: BreakReason | null;
  since: Date;
  call_id: string | null;
}

const toDto = (row: PresenceRow): AgentPresenceDto => ({
  userId: row.user_id,
  displayName: row.display_name,
  state: row.state,
  reason: row.reason,
  since: row.since.toISOString(),
  callId: row.call_id,
});

/**
 * An agent who never had a presence row is offline since their account was created, so a wallboard shows
 * every agent and a first change has something to close.
 */
const PRESENCE_SELECT = `
  SELECT u.id AS user_id, u.display_name, COALESCE(p.state, 'offline') AS state, p.reason,
         COALESCE(p.since, u.created_at) AS since, p.call_id
    FROM app_user u LEFT JOIN agent_presence p ON p.user_id = u.id`;

/**
 * Moves an agent to a new state in the caller's transaction: closes the open interval, opens the next one,
 * and records `presence.changed` for the consoles. A change to the state the agent is already in (a CTI event
 * delivered twice) does nothing. The agent's own choice cannot take them off a live call: on_call and wrap_up
 * follow the call, so a break is refused while either lasts, and becoming available while still connected too.
 */
export async function changePresence(
  em: EntityManager,
  userId: string,
  change: PresenceChange,
): Promise<AgentPresenceDto> {
  const reason = change.state === 'break' ? (change.reason ?? 'other') : null;
  const callId = change.state === 'on_call' || change.state === 'wrap_up' ? (change.callId ?? null) : null;
  // The row lock orders concurrent changes of one agent (a CTI event racing the agent's click).
  await em.query(
    `INSERT INTO agent_presence (user_id, state, since)
     SELECT id, 'offline', created_at FROM app_user WHERE id = $1
     ON CONFLICT (user_id) DO NOTHING`,
    [userId],
  );
  const [current] = (await em.query(
    `SELECT p.user_id, u.display_name, p.state, p.reason, p.since, p.call_id
       FROM agent_presence p JOIN app_user u ON u.id = p.user_id
      WHERE p.user_id = $1 FOR UPDATE OF p`,
    [userId],
  )) as PresenceRow[];
  if (!current) throw notFound('User');
  if (current.state === change.state && current.reason === reason && current.call_id === callId) return toDto(current);
  if (change.source === 'agent') refuseWhileOnCall(current.state, change.state);

  // Taken after the lock, so an interval never starts before the one it closes.
  const [{ at }] = (await em.query(`SELECT GREATEST(clock_timestamp(), $1::timestamptz) AS at`, [current.since])) as [
    { at: Date },
  ];
  await em.query(`UPDATE presence_interval SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL`, [userId, at]);
  await em.query(
    `INSERT INTO presence_interval (user_id, state, reason, call_id, started_at, source)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [userId, change.state, reason, callId, at, change.source],
  );
  await em.query(`UPDATE agent_presence SET state = $2, reason = $3, call_id = $4, since = $5 WHERE user_id = $1`, [
    userId,
    change.state,
    reason,
    callId,
    at,
  ]);
  await recordEvent(em, 'presence.changed', { userId });
  return toDto({ ...current, state: change.state, reason, call_id: callId, since: at });
}

function refuseWhileOnCall(from: PresenceState, to: PresenceState): void {
  if ((from === 'on_call' || from === 'wrap_up') && to === 'break')
    throw conflict(`You are in state ${from}: finish the call before taking a break`);
  if (from === 'on_call' && to !== 'on_call')
    throw conflict(`You are in state ${from}: the state follows the call until it ends`);
}

export async function getPresence(db: DataSource | EntityManager, userId: string): Promise<AgentPresenceDto> {
  const [row] = (await db.query(`${PRESENCE_SELECT} WHERE u.id = $1`, [userId])) as PresenceRow[];
  if (!row) throw notFound('User');
  return toDto(row);
}

/** Every active hotline agent (role agent, unit DK-02) with their state, for supervisors. */
export async function listAgentPresence(db: DataSource | EntityManager): Promise<AgentPresenceDto[]> {
  const rows = (await db.query(
    `${PRESENCE_SELECT}
      JOIN unit un ON un.id = u.unit_id
     WHERE u.role = 'agent' AND u.active AND un.code = 'DK-02'
     ORDER BY u.display_name, u.id`,
  )) as PresenceRow[];
  return rows.map(toDto);
}

/**
 * Sign-out ends the agent's presence. Only agents who have a presence row and are not offline already get an
 * interval, so other roles' sign-outs write nothing.
 */
export async function presenceOnSignOut(em: EntityManager, userId: string): Promise<void> {
  const [row] = (await em.query(`SELECT state FROM agent_presence WHERE user_id = $1`, [userId])) as {
    state: PresenceState;
  }[];
  if (row && row.state !== 'offline') await changePresence(em, userId, { state: 'offline', source: 'system' });
}

/** The presence of the given users as it is now (the fan-out's message). */
export async function getPresenceOf(db: DataSource | EntityManager, userIds: string[]): Promise<AgentPresenceDto[]> {
  const rows = (await db.query(`${PRESENCE_SELECT} WHERE u.id = ANY($1::uuid[])`, [userIds])) as PresenceRow[];
  return rows.map(toDto);
}
