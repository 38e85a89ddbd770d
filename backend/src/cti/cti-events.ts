// Telephony events in one shape, whichever format the PBX speaks, and the rule that turns everything known
// about a call into its state. Pure: events arrive late, twice or out of order, so state is never a step.
import type { z } from 'zod';
import type {
  CallDirection,
  CallState,
  CtiEvent,
  CtiEventInput,
  GenericCtiEventRequest,
  genericCtiEventRequest,
} from '@kck/contracts';

export interface CallEvent {
  kind: CtiEvent;
  callId: string;
  direction: CallDirection;
  /** The resident's number (the caller inbound, the number dialled outbound); null when withheld. */
  residentPhone: string | null;
  /** Our side's number. */
  lineNumber: string | null;
  /** How the PBX names the agent: extension, login or user id; then display names (generic `user`). */
  agentRefs: string[];
  agentNames: string[];
  at: Date;
  cause: string | null;
  queue: string | null;
  recordingUrl: string | null;
}

/** A hangup cause that says nobody took the call: it joins the call-back list (Zammad's names, and ours). */
const NOT_ANSWERED_CAUSES = new Set(['busy', 'cancel', 'noanswer', 'congestion', 'notfound', 'abandoned', 'rejected']);
/**
 * Causes that say the call was connected, even if its `answered` event has not arrived (yet). `forwarded`
 * is neither: unanswered, it ends missed, but the caller reached someone, so it is no call-back.
 */
const CONNECTED_CAUSES = new Set(['normalclearing', 'completed']);
export const causeMeansForwarded = (cause: string | null) => normalizedCause(cause) === 'forwarded';

const normalizedCause = (cause: string | null) => (cause ?? '').replace(/[\s_-]/g, '').toLowerCase();
export const causeMeansNotAnswered = (cause: string | null) => NOT_ANSWERED_CAUSES.has(normalizedCause(cause));
const causeMeansConnected = (cause: string | null) => CONNECTED_CAUSES.has(normalizedCause(cause));

/** A number as the PBX sends it, or null for `anonymous`, empty or anything without digits. */
export function phoneOrNull(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return /\d/.test(trimmed) ? trimmed.slice(0, 40) : null;
}

const sides = (direction: CallDirection, from: string, to: string) =>
  direction === 'in'
    ? { residentPhone: phoneOrNull(from), lineNumber: phoneOrNull(to) }
    : { residentPhone: phoneOrNull(to), lineNumber: phoneOrNull(from) };

export function fromKckEvent(input: CtiEventInput): CallEvent {
  return {
    kind: input.event,
    callId: input.callId,
    direction: input.direction,
    ...sides(input.direction, input.from, input.to),
    agentRefs: input.agent ? [input.agent] : [],
    agentNames: [],
    at: new Date(input.at),
    cause: input.cause || null,
    queue: input.queue || null,
    recordingUrl: input.recordingUrl ?? null,
  };
}

const GENERIC_KINDS = { newCall: 'ringing', answer: 'answered', hangup: 'hangup' } as const satisfies Record<
  GenericCtiEventRequest['event'],
  CtiEvent
>;

/**
 * The generic format has no event time: the time we received it stands in. `answeringNumber` names the agent
 * like ours does (extension, login or id); `user` holds whoever the call rings at, and names an agent only when
 * it is one person: by display name as documented, or by extension or login as bridges send it (an Asterisk
 * bridge posts the SIP peer name).
 */
export function fromGenericEvent(input: z.output<typeof genericCtiEventRequest>, receivedAt: Date): CallEvent {
  return {
    kind: GENERIC_KINDS[input.event],
    callId: input.callId,
    direction: input.direction,
    ...sides(input.direction, input.from, input.to),
    agentRefs: [
      ...(input.answeringNumber ? [input.answeringNumber] : []),
      ...(input.user.length === 1 ? input.user : []),
    ],
    agentNames: input.user.length === 1 ? input.user : [],
    at: receivedAt,
    cause: input.cause || null,
    queue: input.queue || null,
    recordingUrl: null,
  };
}

/** Idempotency key of an event within its call: its kind, and for a transfer its target too. */
export const eventKey = (event: CallEvent, agentId: string | null): string =>
  event.kind === 'transfer' ? `transfer>${agentId ?? event.agentRefs[0] ?? ''}` : event.kind;

/** What we know of a call; every event only adds to it. */
export interface CallFacts {
  state: CallState;
  agentId: string | null;
  /** When the answer or transfer that named the agent happened; null while a ringing or hangup named them. */
  agentAssignedAt: Date | null;
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  hangupCause: string | null;
  residentPhone: string | null;
  lineNumber: string | null;
  queue: string | null;
  recordingUrl: string | null;
}

const earliest = (a: Date | null, b: Date): Date => (a && a <= b ? a : b);

/**
 * Folds one event into a call. Times keep the first value reported (a repeat cannot move them) except that
 * the start is the earliest event seen. The agent is whoever answered or took the latest transfer, by the
 * telephony's time, not by arrival; a ringing or a hangup names one only when none is known yet (a ringing
 * at a group must not undo who answered).
 */
export function applyEvent(call: CallFacts, event: CallEvent, agentId: string | null): CallFacts {
  const next: CallFacts = {
    ...call,
    startedAt: earliest(call.startedAt, event.at),
    residentPhone: call.residentPhone ?? event.residentPhone,
    lineNumber: call.lineNumber ?? event.lineNumber,
    queue: call.queue ?? event.queue,
    recordingUrl: event.recordingUrl ?? call.recordingUrl,
  };
  switch (event.kind) {
    case 'ringing':
      next.agentId = call.agentId ?? agentId;
      break;
    case 'answered':
      next.answeredAt = call.answeredAt ?? event.at;
      assignAgent(next, call, agentId, event.at);
      break;
    case 'hangup':
      next.endedAt = call.endedAt ?? event.at;
      next.hangupCause = call.hangupCause ?? event.cause;
      next.agentId = call.agentId ?? agentId;
      break;
    case 'transfer':
      assignAgent(next, call, agentId, event.at);
      break;
  }
  next.state = stateOf(next);
  return next;
}

function assignAgent(next: CallFacts, call: CallFacts, agentId: string | null, at: Date): void {
  if (!agentId || (call.agentAssignedAt && call.agentAssignedAt > at)) return;
  next.agentId = agentId;
  next.agentAssignedAt = at;
}

/**
 * The state everything known implies. Recorded is final. A call that ended was missed unless it was answered
 * or its cause says it was connected; a later `answered` turns a missed call into one to wrap up.
 */
export function stateOf(call: CallFacts): CallState {
  if (call.state === 'recorded') return 'recorded';
  if (!call.endedAt) return call.answeredAt ? 'active' : 'ringing';
  if (call.answeredAt) return 'wrap_up';
  if (causeMeansConnected(call.hangupCause)) return 'wrap_up';
  return 'missed';
}
