// Live calls from the agent's side: a call started and ended by hand (no telephony), the wrap-up form's
// draft kept on the server, the wrap-up that records the call with its tickets, the caller's history, the
// call-back list of missed calls, and recordings (each listen logged).
import type { DataSource, EntityManager } from 'typeorm';
import type {
  CallDto,
  CallRecordingDto,
  CallbackDto,
  CallerHistoryDto,
  LiveCallDto,
  WrapUpCallInput,
} from '@kck/contracts';
import type { Actor } from '../auth/actor.ts';
import { AppError, badField, conflict, notFound } from '../platform/errors.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { numberPendingTickets } from '../tickets/ticket-number.ts';
import { assertCallRecord, getCall, insertCallTickets } from './calls.service.ts';
import { followCall } from './call-presence.ts';
import {
  getLiveCall,
  LIVE_CALL_COLUMNS,
  LIVE_CALL_SELECT,
  presentLiveCall,
  type LiveCallRow,
} from './live-calls.presenter.ts';
import { recordAccess } from '../access-log/access-log.service.ts';

const LIVE_STATES = `('ringing', 'active', 'wrap_up')`;

/** The call locked for a change by its agent; another agent's call is 404 (nobody else's calls are visible). */
async function lockOwnCall(em: EntityManager, actor: Actor, id: string): Promise<LiveCallRow> {
  const rows: LiveCallRow[] = await em.query(`${LIVE_CALL_SELECT} WHERE i.id = $1 AND i.agent_id = $2 FOR UPDATE`, [
    id,
    actor.id,
  ]);
  if (!rows[0]) throw notFound('Call');
  return rows[0];
}

async function liveCall(em: EntityManager, id: string): Promise<LiveCallDto> {
  const call = await getLiveCall(em, id);
  if (!call) throw notFound('Call');
  return call;
}

/** A call without telephony: the agent picks up (or dials) and presses start. */
export async function startCall(
  db: DataSource,
  actor: Actor,
  input: { direction: 'in' | 'out'; callerPhone?: string },
): Promise<LiveCallDto> {
  return db.transaction(async (em) => {
    const busy: { id: string }[] = await em.query(
      `SELECT id FROM interaction WHERE agent_id = $1 AND state = 'active' LIMIT 1 FOR UPDATE`,
      [actor.id],
    );
    if (busy[0]) throw conflict(`You are on call ${busy[0].id}: end it before starting another`);
    const rows: { id: string }[] = await em.query(
      `INSERT INTO interaction (channel, state, direction, agent_id, caller_phone, started_at, answered_at)
       VALUES ('phone', 'active', $1, $2, $3, now(), now()) RETURNING id`,
      [input.direction, actor.id, input.callerPhone ?? null],
    );
    const id = rows[0]!.id;
    await followCall(em, actor.id, id, 'on_call', 'agent');
    await recordEvent(em, 'call.changed', { callId: id });
    return liveCall(em, id);
  });
}

/** The agent hangs up by hand: also for a telephony call whose hangup never arrived. */
export async function endCall(db: DataSource, actor: Actor, id: string): Promise<LiveCallDto> {
  return db.transaction(async (em) => {
    const call = await lockOwnCall(em, actor, id);
    if (call.state !== 'active')
      throw conflict(
        call.state === 'ringing' ? 'The call was not answered yet' : `The call has already ended (${call.state})`,
      );
    await em.query(
      `UPDATE interaction SET state = 'wrap_up', ended_at = GREATEST(now(), started_at), version = version + 1
        WHERE id = $1`,
      [id],
    );
    await followCall(em, actor.id, id, 'wrap_up', 'agent');
    await recordEvent(em, 'call.changed', { callId: id });
    return liveCall(em, id);
  });
}

/** The agent's calls that are not finished, with their drafts: a reload of the console restores them. */
export async function currentCalls(db: DataSource, actor: Actor): Promise<LiveCallDto[]> {
  const rows: LiveCallRow[] = await db.query(
    `${LIVE_CALL_SELECT} WHERE i.agent_id = $1 AND i.state IN ${LIVE_STATES} ORDER BY i.started_at, i.id`,
    [actor.id],
  );
  return rows.map(presentLiveCall);
}

/**
 * Saves the wrap-up form as the agent types. The version makes two tabs (or a slow request overtaken by a
 * newer one) visible: a stale version is 409 with the current one, and nothing is overwritten.
 */
export async function saveDraft(
  db: DataSource,
  actor: Actor,
  id: string,
  input: { draft: Record<string, unknown>; draftVersion: number },
): Promise<LiveCallDto> {
  // Through a CTE, so the answer is the rows (an UPDATE's own RETURNING comes back with its count).
  const saved: LiveCallRow[] = await db.query(
    `WITH i AS (
       UPDATE interaction SET draft = $3, draft_version = draft_version + 1, draft_saved_at = now()
        WHERE id = $1 AND agent_id = $2 AND state IN ${LIVE_STATES} AND draft_version = $4
        RETURNING *)
     SELECT ${LIVE_CALL_COLUMNS} FROM i`,
    [id, actor.id, JSON.stringify(input.draft), input.draftVersion],
  );
  if (saved[0]) return presentLiveCall(saved[0]);
  const [call] = (await db.query(`${LIVE_CALL_SELECT} WHERE i.id = $1 AND i.agent_id = $2`, [
    id,
    actor.id,
  ])) as LiveCallRow[];
  if (!call) throw notFound('Call');
  if (!['ringing', 'active', 'wrap_up'].includes(call.state))
    throw conflict(`The call is ${call.state}: there is no form to keep a draft of`);
  throw new AppError(
    409,
    'conflict',
    `The draft changed since you read it (your version ${input.draftVersion}, now ${call.draft_version}); reload it`,
    undefined,
    undefined,
    { status: call.state, version: call.draft_version },
  );
}

/**
 * Records the call: topic, outcome, articles, notes and its tickets in one transaction, as POST /api/calls
 * does for a call recorded in one go. A connected call is ended by it; the draft goes, the agent is available.
 */
export async function wrapUpCall(db: DataSource, actor: Actor, id: string, input: WrapUpCallInput): Promise<CallDto> {
  await db.transaction(async (em) => {
    const call = await lockOwnCall(em, actor, id);
    if (call.state === 'recorded') throw conflict('The call is already recorded');
    if (call.state !== 'active' && call.state !== 'wrap_up')
      throw conflict(`A ${call.state} call was never connected: there is nothing to record`);
    await assertCallRecord(em, input);
    const callerPhone = input.callerPhone ?? call.caller_phone;
    await em.query(
      `UPDATE interaction
          SET state = 'recorded', topic_id = $2, outcome = $3, information_given = $4, notes = $5, article_ids = $6,
              caller_phone = $7, ended_at = COALESCE(ended_at, GREATEST(now(), started_at)),
              recorded_at = GREATEST(now(), COALESCE(ended_at, started_at)),
              answered_at = COALESCE(answered_at, started_at),
              draft = NULL, draft_saved_at = NULL, draft_version = draft_version + 1, version = version + 1
        WHERE id = $1`,
      [
        id,
        input.topicId,
        input.outcome,
        input.informationGiven,
        input.notes,
        [...new Set(input.articleIds)],
        callerPhone,
      ],
    );
    await insertCallTickets(em, actor, id, input.tickets, callerPhone);
    await followCall(em, actor.id, id, 'available', 'agent');
    await recordEvent(em, 'interaction.recorded', { interactionId: id });
    await recordEvent(em, 'call.changed', { callId: id });
  });
  if (input.tickets.length > 0) await numberPendingTickets(db);
  return getCall(db, id);
}

/** Agents see the history behind their own calls and behind the call-back list; supervisors behind any. */
async function assertMayReadCall(db: DataSource, actor: Actor, id: string): Promise<LiveCallRow> {
  const [call] = (await db.query(`${LIVE_CALL_SELECT} WHERE i.id = $1`, [id])) as LiveCallRow[];
  if (!call) throw notFound('Call');
  if (actor.role === 'agent' && call.agent_id !== actor.id && call.state !== 'missed') throw notFound('Call');
  return call;
}

const HISTORY_LIMIT = 20;

/**
 * Digits only, so `+48 600 100 200` and `600100200` are the same number (the last nine digits in Poland).
 * Both columns have an index on exactly this expression (migration 130).
 */
const PHONE_KEY = (column: string) => `right(regexp_replace(${column}, '[^0-9]', '', 'g'), 9)`;

export async function callerHistory(db: DataSource, actor: Actor, id: string): Promise<CallerHistoryDto> {
  const call = await assertMayReadCall(db, actor, id);
  const phone = call.caller_phone;
  if (!phone || phone.replace(/\D/g, '').length < 3) return { callerPhone: phone, calls: [], tickets: [] };
  const [calls, tickets] = await Promise.all([
    db.query(
      `SELECT i.id, i.state, i.started_at, a.display_name AS agent_name, tp.label_pl AS topic_label, i.outcome, i.notes
         FROM interaction i
         LEFT JOIN app_user a ON a.id = i.agent_id
         LEFT JOIN dictionary_entry tp ON tp.id = i.topic_id
        WHERE i.caller_phone IS NOT NULL AND ${PHONE_KEY('i.caller_phone')} = ${PHONE_KEY('$1')} AND i.id <> $2
        ORDER BY i.started_at DESC LIMIT $3`,
      [phone, id, HISTORY_LIMIT],
    ) as Promise<
      {
        id: string;
        state: LiveCallDto['state'];
        started_at: Date;
        agent_name: string | null;
        topic_label: string | null;
        outcome: CallDto['outcome'] | null;
        notes: string;
      }[]
    >,
    db.query(
      `SELECT t.id, t.number, t.type, t.status, t.title, u.name AS unit_name, t.created_at
         FROM ticket t LEFT JOIN unit u ON u.id = t.unit_id
        WHERE t.reporter_phone IS NOT NULL AND ${PHONE_KEY('t.reporter_phone')} = ${PHONE_KEY('$1')}
          AND t.number IS NOT NULL
        ORDER BY t.created_at DESC LIMIT $2`,
      [phone, HISTORY_LIMIT],
    ) as Promise<
      {
        id: string;
        number: string | null;
        type: CallerHistoryDto['tickets'][number]['type'];
        status: CallerHistoryDto['tickets'][number]['status'];
        title: string;
        unit_name: string | null;
        created_at: Date;
      }[]
    >,
  ]);
  return {
    callerPhone: phone,
    calls: calls.map((c) => ({
      id: c.id,
      state: c.state,
      startedAt: c.started_at.toISOString(),
      agentName: c.agent_name,
      topicLabel: c.topic_label,
      outcome: c.outcome,
      notes: c.notes,
    })),
    tickets: tickets.map((t) => ({
      id: t.id,
      number: t.number,
      type: t.type,
      status: t.status,
      title: t.title,
      unitName: t.unit_name,
      createdAt: t.created_at.toISOString(),
    })),
  };
}

const CALLBACK_CONDITION = `i.state = 'missed' AND i.direction = 'in' AND i.callback_done_at IS NULL
  AND lower(COALESCE(i.hangup_cause, '')) <> 'forwarded'`;

/** Missed inbound calls nobody has called back, oldest first (the longest wait on top). */
export async function listCallbacks(db: DataSource): Promise<CallbackDto[]> {
  const rows: {
    id: string;
    caller_phone: string | null;
    called_number: string | null;
    queue_name: string | null;
    started_at: Date;
    ended_at: Date | null;
    hangup_cause: string | null;
    agent_id: string | null;
    agent_name: string | null;
    attempts: number;
  }[] = await db.query(
    `SELECT i.id, i.caller_phone, i.called_number, i.queue_name, i.started_at, i.ended_at, i.hangup_cause,
            i.agent_id, a.display_name AS agent_name,
            count(*) OVER (PARTITION BY COALESCE(i.caller_phone, i.id::text))::int AS attempts
       FROM interaction i LEFT JOIN app_user a ON a.id = i.agent_id
      WHERE ${CALLBACK_CONDITION}
      ORDER BY i.started_at, i.id LIMIT 500`,
  );
  return rows.map((r) => ({
    id: r.id,
    callerPhone: r.caller_phone,
    calledNumber: r.called_number,
    queue: r.queue_name,
    startedAt: r.started_at.toISOString(),
    endedAt: r.ended_at?.toISOString() ?? null,
    hangupCause: r.hangup_cause,
    agentId: r.agent_id,
    agentName: r.agent_name,
    attempts: r.attempts,
  }));
}

/** Marks a missed call called back (by whoever did it, with the call they made if they say which). */
export async function markCallbackDone(
  db: DataSource,
  actor: Actor,
  id: string,
  callbackCallId: string | undefined,
): Promise<LiveCallDto> {
  return db.transaction(async (em) => {
    const rows: LiveCallRow[] = await em.query(`${LIVE_CALL_SELECT} WHERE i.id = $1 FOR UPDATE`, [id]);
    const call = rows[0];
    if (!call) throw notFound('Call');
    if (call.state !== 'missed') throw conflict(`The call is ${call.state}, not missed: there is no call-back to do`);
    if (call.callback_done_at) throw conflict('The call was already called back');
    if (callbackCallId) {
      const found: unknown[] = await em.query(`SELECT 1 FROM interaction WHERE id = $1 AND id <> $2`, [
        callbackCallId,
        id,
      ]);
      if (found.length === 0) throw badField('callbackCallId', `no other call with id ${callbackCallId}`);
    }
    await em.query(
      `UPDATE interaction SET callback_done_at = now(), callback_done_by = $2, callback_call_id = $3,
              version = version + 1
        WHERE id = $1`,
      [id, actor.id, callbackCallId ?? null],
    );
    await recordEvent(em, 'call.changed', { callId: id });
    return liveCall(em, id);
  });
}

/**
 * The PBX's recording link, for roles allowed to listen (the route says which); every answer is logged twice:
 * recording_listen (the calls module's own per-call list) and the tamper-evident access log with the reason given.
 */
export async function openRecording(
  db: DataSource,
  actor: Actor,
  id: string,
  access: { reason?: string | undefined; clientAddress?: string | undefined } = {},
): Promise<CallRecordingDto> {
  return db.transaction(async (em) => {
    const rows: { recording_url: string | null; started_at: Date }[] = await em.query(
      `SELECT recording_url, started_at FROM interaction WHERE id = $1`,
      [id],
    );
    if (!rows[0]) throw notFound('Call');
    if (!rows[0].recording_url) throw notFound('Recording of this call');
    await em.query(`INSERT INTO recording_listen (interaction_id, user_id) VALUES ($1, $2)`, [id, actor.id]);
    // Last in the transaction: the access log's chain lock is held until the commit.
    await recordAccess(em, {
      actor,
      action: 'recording_listened',
      subject: {
        kind: 'call',
        id,
        label: `Rozmowa z ${rows[0].started_at.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
      },
      description: 'Odsłuchanie nagrania rozmowy',
      reason: access.reason ?? null,
      clientAddress: access.clientAddress ?? null,
    });
    return { callId: id, url: rows[0].recording_url };
  });
}
