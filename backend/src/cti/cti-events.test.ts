// The rule that folds telephony events into a call: any order of the same events gives the same call.
import { describe, expect, it } from 'vitest';
import { genericCtiEventRequest } from '@kck/contracts';
import {
  applyEvent,
  eventKey,
  fromGenericEvent,
  fromKckEvent,
  phoneOrNull,
  stateOf,
  type CallEvent,
  type CallFacts,
} from './cti-events.ts';

const t = (s: number) => new Date(Date.UTC(2026, 10, 23, 9, 0, s));

const ev = (kind: CallEvent['kind'], s: number, cause: string | null = null): CallEvent => ({
  kind,
  callId: 'c1',
  direction: 'in',
  residentPhone: '600100200',
  lineNumber: '126161200',
  agentRefs: [],
  agentNames: [],
  at: t(s),
  cause,
  queue: null,
  recordingUrl: null,
});

const fresh = (at: Date): CallFacts => ({
  state: 'ringing',
  agentId: null,
  agentAssignedAt: null,
  startedAt: at,
  answeredAt: null,
  endedAt: null,
  hangupCause: null,
  residentPhone: null,
  lineNumber: null,
  queue: null,
  recordingUrl: null,
});

const fold = (events: [CallEvent, string | null][]) =>
  events.reduce((call, [event, agent]) => applyEvent(call, event, agent), fresh(events[0]![0].at));

describe('applyEvent', () => {
  const ringing = ev('ringing', 0);
  const answered = ev('answered', 5);
  const hangup = ev('hangup', 125, 'normalClearing');

  it('gives the same call for every order of ringing, answered and hangup', () => {
    const orders: CallEvent[][] = [
      [ringing, answered, hangup],
      [hangup, answered, ringing],
      [answered, ringing, hangup],
      [hangup, ringing, answered],
    ];
    const calls = orders.map((order) => fold(order.map((e) => [e, e === ringing ? 'offered' : 'taker'])));
    for (const call of calls) expect(call).toEqual(calls[0]);
    expect(calls[0]).toMatchObject({ state: 'wrap_up', agentId: 'taker', startedAt: t(0), answeredAt: t(5) });
  });

  it('keeps the first time reported when an event comes again with another one', () => {
    const call = fold([
      [answered, 'a'],
      [ev('answered', 50), 'a'],
    ]);
    expect(call.answeredAt).toEqual(t(5));
  });

  it('lets a transfer change the agent, but not a late ringing', () => {
    const call = fold([
      [answered, 'first'],
      [ev('transfer', 30), 'second'],
      [ringing, 'someone-else'],
    ]);
    expect(call).toMatchObject({ agentId: 'second', state: 'active' });
  });

  it('does not let an answer that arrives after a later transfer undo it', () => {
    const call = fold([
      [ringing, null],
      [ev('transfer', 30), 'second'],
      [answered, 'first'],
    ]);
    expect(call).toMatchObject({ agentId: 'second', state: 'active', answeredAt: t(5) });
  });

  it('never moves a recorded call', () => {
    const recorded = { ...fold([[answered, 'a']]), state: 'recorded' as const };
    expect(applyEvent(recorded, hangup, 'a').state).toBe('recorded');
  });
});

describe('stateOf', () => {
  const ended = (cause: string | null, answered = false): CallFacts => ({
    ...fresh(t(0)),
    endedAt: t(30),
    hangupCause: cause,
    answeredAt: answered ? t(3) : null,
  });

  it.each([['cancel'], ['noAnswer'], ['busy'], ['abandoned'], ['no_answer'], [null], ['forwarded']])(
    'makes an unanswered call ended with cause %s missed',
    (cause) => expect(stateOf(ended(cause))).toBe('missed'),
  );

  it('takes normalClearing as connected even before the answer arrives', () => {
    expect(stateOf(ended('normalClearing'))).toBe('wrap_up');
  });

  it('takes an answer over a cause that says otherwise', () => {
    expect(stateOf(ended('noAnswer', true))).toBe('wrap_up');
  });
});

describe('formats', () => {
  it('reads the generic format: outbound numbers swapped, one user named, no time of its own', () => {
    const received = t(9);
    const input = genericCtiEventRequest.parse({
      event: 'newCall',
      from: '4912616',
      to: '48600100200',
      direction: 'out',
      callId: 'x',
      user: 'Anna Konsultantka',
    });
    expect(fromGenericEvent(input, received)).toMatchObject({
      kind: 'ringing',
      residentPhone: '48600100200',
      lineNumber: '4912616',
      agentNames: ['Anna Konsultantka'],
      at: received,
    });
    const group = genericCtiEventRequest.parse({ event: 'answer', direction: 'in', callId: 'x', user: ['A', 'B'] });
    expect(fromGenericEvent(group, received).agentNames).toEqual([]);
  });

  it('reads ours, with an anonymous caller as no number', () => {
    const event = fromKckEvent({
      event: 'hangup',
      callId: 'x',
      from: 'anonymous',
      to: '126161200',
      direction: 'in',
      at: t(1).toISOString(),
      cause: 'cancel',
    });
    expect(event).toMatchObject({ residentPhone: null, cause: 'cancel', at: t(1) });
    expect(phoneOrNull('+48 600 100 200')).toBe('+48 600 100 200');
  });

  it('keys transfers by their target, other events by kind', () => {
    expect(eventKey(ev('hangup', 1), 'u1')).toBe('hangup');
    expect(eventKey(ev('transfer', 1), 'u1')).toBe('transfer>u1');
  });
});
