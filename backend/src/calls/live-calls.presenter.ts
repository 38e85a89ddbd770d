// A call as the agent's console and the wallboard see it while it lives (LiveCallDto): one select list,
// one presenter, used by REST answers and socket messages alike.
import type { DataSource, EntityManager } from 'typeorm';
import type { CallDirection, CallState, LiveCallDto } from '@kck/contracts';

/** Columns of LiveCallRow, of `interaction i` (also a RETURNING list). */
export const LIVE_CALL_COLUMNS = `
  i.id, i.state, i.direction, i.agent_id, i.caller_phone, i.called_number, i.queue_name, i.started_at,
  i.answered_at, i.ended_at, i.recorded_at, i.hangup_cause, i.city_matter_id, i.draft, i.draft_version,
  i.draft_saved_at, i.recording_url IS NOT NULL AS has_recording, i.callback_done_at`;

export const LIVE_CALL_SELECT = `SELECT ${LIVE_CALL_COLUMNS} FROM interaction i`;

export interface LiveCallRow {
  id: string;
  state: CallState;
  direction: CallDirection;
  agent_id: string | null;
  caller_phone: string | null;
  called_number: string | null;
  queue_name: string | null;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  recorded_at: Date | null;
  hangup_cause: string | null;
  city_matter_id: string | null;
  draft: Record<string, unknown> | null;
  draft_version: number;
  draft_saved_at: Date | null;
  has_recording: boolean;
  callback_done_at: Date | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const presentLiveCall = (r: LiveCallRow): LiveCallDto => ({
  id: r.id,
  state: r.state,
  direction: r.direction,
  agentId: r.agent_id,
  callerPhone: r.caller_phone,
  calledNumber: r.called_number,
  queue: r.queue_name,
  startedAt: r.started_at.toISOString(),
  answeredAt: iso(r.answered_at),
  endedAt: iso(r.ended_at),
  recordedAt: iso(r.recorded_at),
  hangupCause: r.hangup_cause,
  cityMatterId: r.city_matter_id,
  draft: r.draft,
  draftVersion: r.draft_version,
  draftSavedAt: iso(r.draft_saved_at),
  hasRecording: r.has_recording,
  callbackDoneAt: iso(r.callback_done_at),
});

export async function getLiveCalls(db: DataSource | EntityManager, ids: string[]): Promise<LiveCallDto[]> {
  const rows: LiveCallRow[] = await db.query(`${LIVE_CALL_SELECT} WHERE i.id = ANY($1::uuid[])`, [ids]);
  return rows.map(presentLiveCall);
}

export async function getLiveCall(db: DataSource | EntityManager, id: string): Promise<LiveCallDto | undefined> {
  const [call] = await getLiveCalls(db, [id]);
  return call;
}
