// Telephony events into calls: every event is logged (cti_event), applied once per (call id, event), folded
// into the one call of its call id whatever the order, and followed by the agent's presence and the consoles.
import type { DataSource, EntityManager } from 'typeorm';
import {
  ctiEventRequest,
  genericCtiEventRequest,
  type CtiEventResultDto,
  type CallState,
  type CallDirection,
} from '@kck/contracts';
import { followCall, type CallPresence } from '../calls/call-presence.ts';
import { recordEvent } from '../platform/outbox/record-event.ts';
import { applyEvent, eventKey, fromGenericEvent, fromKckEvent, type CallEvent, type CallFacts } from './cti-events.ts';
import { AGENT_LOOKUP, agentLookupParams, findAgent } from './telephony-systems.service.ts';

export type CtiFormat = 'kck' | 'generic';

interface CallRow {
  id: string;
  state: CallState;
  direction: CallDirection;
  agent_id: string | null;
  agent_assigned_at: Date | null;
  started_at: Date;
  answered_at: Date | null;
  ended_at: Date | null;
  hangup_cause: string | null;
  caller_phone: string | null;
  called_number: string | null;
  queue_name: string | null;
  recording_url: string | null;
  created: boolean;
  /** Events of this call kept while it did not exist yet (only a ringing or answer can find them). */
  has_kept: boolean;
}

const CALL_COLUMNS = `id, state, direction, agent_id, agent_assigned_at, started_at, answered_at, ended_at, hangup_cause, caller_phone,
  called_number, queue_name, recording_url`;

/** The reason of an event kept because its call did not exist yet; the prefix finds them again. */
const UNKNOWN_CALL = 'unknown_call';
const KEPT_REASON = `'${UNKNOWN_CALL}:%'`;
const HAS_KEPT = `EXISTS (SELECT 1 FROM cti_event e WHERE e.telephony_system_id = $1 AND e.external_call_id = $2
                            AND e.result = 'ignored' AND e.reason LIKE ${KEPT_REASON}) AS has_kept`;

const factsOf = (row: CallRow): CallFacts => ({
  state: row.state,
  agentId: row.agent_id,
  agentAssignedAt: row.agent_assigned_at,
  startedAt: row.started_at,
  answeredAt: row.answered_at,
  endedAt: row.ended_at,
  hangupCause: row.hangup_cause,
  residentPhone: row.caller_phone,
  lineNumber: row.called_number,
  queue: row.queue_name,
  recordingUrl: row.recording_url,
});

const DUPLICATE = 'this event of this call was received before';

/** An event as it was received, parsed again when a kept event is applied later. */
function parseStored(format: CtiFormat, payload: unknown, receivedAt: Date): CallEvent {
  return format === 'kck'
    ? fromKckEvent(ctiEventRequest.parse(payload))
    : fromGenericEvent(genericCtiEventRequest.parse(payload), receivedAt);
}

/**
 * Receives one event of a telephony system. Events of one call are taken one at a time (a transaction-level
 * advisory lock on the call id), so an event kept for later is always seen by the event that can apply it.
 */
export async function receiveCtiEvent(
  db: DataSource,
  systemId: string,
  format: CtiFormat,
  event: CallEvent,
  payload: unknown,
): Promise<CtiEventResultDto> {
  return db.transaction(async (em) => {
    // The call's lock and the agent's lookup in one round trip (the lookup needs no lock).
    const [{ agent_id: agentId }] = (await em.query(
      `SELECT pg_advisory_xact_lock(hashtextextended($5, 7))::text AS locked, (${AGENT_LOOKUP}) AS agent_id`,
      [...agentLookupParams(event.agentRefs, event.agentNames), `${systemId}/${event.callId}`],
    )) as [{ agent_id: string | null }];
    const named = [...event.agentRefs, ...event.agentNames];
    const unknownAgent =
      named.length > 0 && !agentId ? `no active user with extension, login or name ${named.join(' / ')}` : null;
    const key = eventKey(event, agentId);
    // Logged as applied to the call it names, if there is one yet; corrected below when it is not.
    const [logged] = (await em.query(
      `INSERT INTO cti_event (telephony_system_id, external_call_id, event, event_key, format, occurred_at, payload,
                              result, reason, interaction_id)
       SELECT $1, $2, $3, $4, $5, $6, $7, 'applied', $8,
              (SELECT id FROM interaction WHERE telephony_system_id = $1 AND external_call_id = $2)
       ON CONFLICT (telephony_system_id, external_call_id, event_key) WHERE result <> 'duplicate' DO NOTHING
       RETURNING id, interaction_id`,
      [systemId, event.callId, event.kind, key, format, event.at, payload, unknownAgent],
    )) as { id: string; interaction_id: string | null }[];
    if (!logged) {
      await em.query(
        `INSERT INTO cti_event (telephony_system_id, external_call_id, event, event_key, format, occurred_at, payload,
                                result, reason, interaction_id)
         SELECT $1, $2, $3, $4, $5, $6, $7, 'duplicate', $8,
                (SELECT id FROM interaction WHERE telephony_system_id = $1 AND external_call_id = $2)`,
        [systemId, event.callId, event.kind, key, format, event.at, payload, DUPLICATE],
      );
      return { result: 'duplicate', ignored: 'duplicate', reason: DUPLICATE };
    }

    const call = await callFor(em, systemId, event);
    if (!call) {
      const reason = `${UNKNOWN_CALL}: no call ${event.callId} yet; applied if its ringing or answer arrives`;
      await em.query(`UPDATE cti_event SET result = 'ignored', reason = $2 WHERE id = $1`, [logged.id, reason]);
      return { result: 'ignored', ignored: UNKNOWN_CALL, reason };
    }

    let facts = applyEvent(factsOf(call), event, agentId);
    // Events of this call that came before the call existed (a hangup before its ringing) apply now.
    const kept = call.has_kept ? await keptEvents(em, systemId, event.callId) : [];
    for (const earlier of kept) {
      const earlierAgent = await findAgent(em, earlier.event.agentRefs, earlier.event.agentNames);
      facts = applyEvent(facts, earlier.event, earlierAgent?.id ?? null);
    }
    if (logged.interaction_id !== call.id || kept.length > 0)
      await em.query(
        `UPDATE cti_event SET result = 'applied', interaction_id = $2,
                reason = CASE WHEN id = $3 THEN reason END
          WHERE id = ANY($1::bigint[])`,
        [[logged.id, ...kept.map((k) => k.id)], call.id, logged.id],
      );
    await saveFacts(em, call, facts);
    return {
      result: 'applied',
      interactionId: call.id,
      ...(unknownAgent ? { ignored: 'unknown_agent', reason: `${unknownAgent}: the call is kept without agent` } : {}),
    };
  });
}

/** The call of the event, locked; ringing and answered create it (one per call id), others only find it. */
async function callFor(em: EntityManager, systemId: string, event: CallEvent): Promise<CallRow | undefined> {
  if (event.kind === 'ringing' || event.kind === 'answered') {
    // The no-op update on conflict locks and returns the existing row in the same statement.
    const rows: CallRow[] = await em.query(
      `INSERT INTO interaction (channel, state, direction, started_at, telephony_system_id, external_call_id)
       VALUES ('phone', 'ringing', $3, $4, $1, $2)
       ON CONFLICT (telephony_system_id, external_call_id) DO UPDATE SET version = interaction.version
       RETURNING ${CALL_COLUMNS}, (xmax = 0) AS created, ${HAS_KEPT}`,
      [systemId, event.callId, event.direction, event.at],
    );
    return rows[0];
  }
  const rows: CallRow[] = await em.query(
    `SELECT ${CALL_COLUMNS}, false AS created, false AS has_kept FROM interaction
      WHERE telephony_system_id = $1 AND external_call_id = $2 FOR UPDATE`,
    [systemId, event.callId],
  );
  return rows[0];
}

async function keptEvents(
  em: EntityManager,
  systemId: string,
  callId: string,
): Promise<{ id: string; event: CallEvent }[]> {
  const rows: { id: string; format: CtiFormat; payload: unknown; received_at: Date }[] = await em.query(
    `SELECT id, format, payload, received_at FROM cti_event
      WHERE telephony_system_id = $1 AND external_call_id = $2 AND result = 'ignored' AND reason LIKE ${KEPT_REASON}
      ORDER BY occurred_at, id`,
    [systemId, callId],
  );
  return rows.map((row) => ({ id: row.id, event: parseStored(row.format, row.payload, row.received_at) }));
}

const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Writes the call's new facts; when anything changed, the agents' presence follows and consoles hear it. */
async function saveFacts(em: EntityManager, call: CallRow, next: CallFacts): Promise<void> {
  const before = factsOf(call);
  const changed =
    call.created ||
    before.state !== next.state ||
    before.agentId !== next.agentId ||
    !same(before.agentAssignedAt, next.agentAssignedAt) ||
    !same(before.startedAt, next.startedAt) ||
    !same(before.answeredAt, next.answeredAt) ||
    !same(before.endedAt, next.endedAt) ||
    before.hangupCause !== next.hangupCause ||
    before.residentPhone !== next.residentPhone ||
    before.lineNumber !== next.lineNumber ||
    before.queue !== next.queue ||
    before.recordingUrl !== next.recordingUrl;
  if (!changed) return;
  await em.query(
    `UPDATE interaction
        SET state = $2, agent_id = $3, started_at = $4, answered_at = $5, ended_at = $6, hangup_cause = $7,
            caller_phone = $8, called_number = $9, queue_name = $10, recording_url = $11, agent_assigned_at = $12,
            version = version + 1
      WHERE id = $1`,
    [
      call.id,
      next.state,
      next.agentId,
      next.startedAt,
      next.answeredAt,
      next.endedAt,
      next.hangupCause,
      next.residentPhone,
      next.lineNumber,
      next.queue,
      next.recordingUrl,
      next.agentAssignedAt,
    ],
  );
  const formerAgentId = before.agentId && before.agentId !== next.agentId ? before.agentId : undefined;
  const changes: [string, CallPresence][] = [];
  if (formerAgentId) changes.push([formerAgentId, 'available']);
  const presenceNow: Partial<Record<CallState, CallPresence>> = {
    active: 'on_call',
    wrap_up: 'wrap_up',
    missed: 'available',
  };
  const target = next.agentId ? presenceNow[next.state] : undefined;
  if (next.agentId && target && (next.state !== before.state || formerAgentId)) changes.push([next.agentId, target]);
  // In the order of the agents' ids, so two transfers between the same agents cannot deadlock on their rows.
  for (const [agentId, state] of changes.sort(([a], [b]) => a.localeCompare(b)))
    await followCall(em, agentId, call.id, state, 'cti');
  await recordEvent(em, 'call.changed', { callId: call.id, ...(formerAgentId ? { formerAgentId } : {}) });
}
