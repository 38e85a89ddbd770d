// The hotline's calls over the period: arrivals by day and hour, agents on their shifts taking them in turn,
// callers who give up in the queue, talk and wrap-up times by topic, call-backs of missed calls, the articles
// agents used and the searches they made. Kept in typed arrays: three million calls fit in a few hundred MB.
import { CALL_OUTCOMES } from '@kck/contracts';
import type { Calendar } from './calendar.ts';
import { hourWeights, type PeriodDay } from './days.ts';
import {
  ABSENCE_SHARE,
  INFORMATION_OUTCOMES,
  INFORMATION_TOPIC_WEIGHTS,
  OUTBOUND_SHARE,
  PATIENCE_MEAN_S,
  PHONE_IDEA_SHARE,
  PHONE_INFORMATION_SHARE,
  RING_ABANDON_SHARE,
  TALK_MEDIAN_S,
  TALK_SIGMA,
  WEEKDAY_HOURS,
  WEEKDAY_SHIFTS,
  WEEKEND_HOURS,
  WEEKEND_SHIFT,
  WRAP_UP_S,
  WRAP_UP_TICKET_S,
} from './model.ts';
import { Random, apportion, cumulative, mixSeed } from './random.ts';
import type { Reference } from './reference.ts';
import { GAP_QUERIES, INFORMATION_GIVEN, SEARCH_QUERIES } from './texts.ts';

export const OUTCOME = Object.fromEntries(CALL_OUTCOMES.map((o, i) => [o, i])) as Record<
  (typeof CALL_OUTCOMES)[number],
  number
>;
export const NO_OUTCOME = 255;
export const HANGUP_CAUSES = ['normalClearing', 'abandoned', 'cancel', 'noAnswer'] as const;
/** Ticket a call creates: none, or its type. */
export const CALL_TICKET = { none: 0, problem: 1, idea: 2, information: 3 } as const;

export class CallSet {
  readonly started: Float64Array;
  readonly offered: Float64Array;
  readonly answered: Float64Array;
  readonly ended: Float64Array;
  readonly recorded: Float64Array;
  readonly agent: Int32Array;
  /** 0 recorded, 1 missed. */
  readonly missed: Uint8Array;
  /** 0 in, 1 out. */
  readonly outbound: Uint8Array;
  readonly topic: Int16Array;
  readonly outcome: Uint8Array;
  readonly hangup: Uint8Array;
  /** Nine digits of a Polish number; 0: the caller hid it. */
  readonly phone: Int32Array;
  readonly callbackAt: Float64Array;
  readonly callbackBy: Int32Array;
  readonly callbackCall: Int32Array;
  readonly article1: Int16Array;
  readonly article2: Int16Array;
  /** Index into the information-given texts of the call's topic. */
  readonly info: Int16Array;
  readonly ticket: Uint8Array;
  n = 0;

  constructor(readonly capacity: number) {
    this.started = new Float64Array(capacity);
    this.offered = new Float64Array(capacity).fill(NaN);
    this.answered = new Float64Array(capacity).fill(NaN);
    this.ended = new Float64Array(capacity);
    this.recorded = new Float64Array(capacity).fill(NaN);
    this.agent = new Int32Array(capacity).fill(-1);
    this.missed = new Uint8Array(capacity);
    this.outbound = new Uint8Array(capacity);
    this.topic = new Int16Array(capacity).fill(-1);
    this.outcome = new Uint8Array(capacity).fill(NO_OUTCOME);
    this.hangup = new Uint8Array(capacity);
    this.phone = new Int32Array(capacity);
    this.callbackAt = new Float64Array(capacity).fill(NaN);
    this.callbackBy = new Int32Array(capacity).fill(-1);
    this.callbackCall = new Int32Array(capacity).fill(-1);
    this.article1 = new Int16Array(capacity).fill(-1);
    this.article2 = new Int16Array(capacity).fill(-1);
    this.info = new Int16Array(capacity);
    this.ticket = new Uint8Array(capacity);
  }
}

/** Searches agents made in the knowledge base during calls. */
export interface SearchSet {
  n: number;
  call: Int32Array;
  at: Float64Array;
  /** Index into `queries`. */
  query: Int32Array;
  results: Int16Array;
  /** Article index, -1 none. */
  chosen: Int16Array;
  postgres: Uint8Array;
  queries: string[];
}

export interface CallPlanOptions {
  calendar: Calendar;
  days: PeriodDay[];
  total: number;
  /** User indices of the hotline's agents. */
  agents: number[];
  ref: Reference;
  seed: number;
  /** Estimated share of answered calls that create a ticket (made exact by fixTicketCalls). */
  ticketShare: number;
  endMs: number;
}

/** Articles an agent would open for a call about each topic. */
function articlesByTopic(ref: Reference): Map<string, number[]> {
  const ofType = (...types: string[]) =>
    ref.articles.flatMap((a, i) => (types.includes(a.type) ? [i] : [])).slice(0, 32000);
  const fallback = ofType('service_card', 'procedure');
  const pick = (...types: string[]) => {
    const found = ofType(...types);
    return found.length > 0 ? found : fallback;
  };
  return new Map([
    ['city_services', pick('service_card')],
    ['unit_scope', pick('unit_scope')],
    ['events', pick('event')],
    ['elections', pick('election')],
    ['problem_report', pick('procedure')],
    ['idea', pick('procedure')],
    ['survey', pick('procedure')],
    ['other', fallback],
  ]);
}

interface OnDuty {
  user: number;
  from: number;
  to: number;
  free: number;
}

/** Who answers on a day: shifts rotate weekly through the roster; a few are away each day. */
function dutyRoster(day: PeriodDay, calendar: Calendar, agents: number[], seed: number): OnDuty[] {
  const rnd = new Random(mixSeed(seed, 0xd07, day.d));
  const week = Math.floor(day.d / 7);
  const roster: OnDuty[] = [];
  const at = (hour: number) => calendar.at(day.d, hour * 60);
  if (day.working) {
    const cdf = cumulative(WEEKDAY_SHIFTS.map((s) => s[2]));
    agents.forEach((user, i) => {
      if (rnd.chance(ABSENCE_SHARE)) return;
      // The same person keeps a shift for a week, then moves on to the next one.
      const slot = ((i + week * 7) % agents.length) / agents.length;
      let shift = 0;
      while (shift < cdf.length - 1 && slot * cdf[cdf.length - 1]! >= cdf[shift]!) shift++;
      const [from, to] = WEEKDAY_SHIFTS[shift]!;
      roster.push({ user, from: at(from), to: at(to), free: 0 });
    });
  } else {
    const team = Math.max(2, Math.ceil(agents.length * WEEKEND_SHIFT[2]));
    for (let k = 0; k < team; k++) {
      const user = agents[(day.d * team + k) % agents.length]!;
      if (!roster.some((r) => r.user === user))
        roster.push({ user, from: at(WEEKEND_SHIFT[0]), to: at(WEEKEND_SHIFT[1]), free: 0 });
    }
  }
  if (roster.length === 0 && agents.length > 0)
    roster.push({ user: agents[day.d % agents.length]!, from: at(8), to: at(16), free: 0 });
  return roster;
}

function phoneNumber(rnd: Random, regulars: Int32Array): number {
  const r = rnd.next();
  if (r < 0.02) return 0;
  if (r < 0.08) return regulars[rnd.int(regulars.length)]!;
  if (r < 0.3) return 120_000_000 + rnd.int(10_000_000);
  return (5 + rnd.int(4)) * 100_000_000 + rnd.int(100_000_000);
}

/** +48 12 345 67 89 for Kraków's landlines, +48 601 234 567 for mobiles. */
export function formatPhone(digits: number): string | null {
  if (digits === 0) return null;
  const s = String(digits);
  return s.startsWith('12')
    ? `+48 12 ${s.slice(2, 5)} ${s.slice(5, 7)} ${s.slice(7)}`
    : `+48 ${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
}

export function planCalls(options: CallPlanOptions): { calls: CallSet; searches: SearchSet } {
  const { calendar, days, total, agents, ref, seed, endMs } = options;
  const calls = new CallSet(total);
  const rndGlobal = new Random(mixSeed(seed, 0xca11));
  const regulars = Int32Array.from({ length: 400 }, () => (5 + rndGlobal.int(4)) * 100_000_000 + rndGlobal.int(1e8));
  const topicIdx = new Map(ref.topics.map((t, i) => [t.code, i]));
  const topicCode = (i: number) => ref.topics[i]?.code ?? 'other';
  const fallbackTopic = topicIdx.get('other') ?? 0;
  const problemTopic = topicIdx.get('problem_report') ?? fallbackTopic;
  const ideaTopic = topicIdx.get('idea') ?? fallbackTopic;
  const surveyTopic = topicIdx.get('survey') ?? fallbackTopic;
  const infoTopics = ref.topics.flatMap((t, i) => (['problem_report', 'idea', 'survey'].includes(t.code) ? [] : [i]));
  const articles = articlesByTopic(ref);
  const outcomeCdf = cumulative(INFORMATION_OUTCOMES.map(([, w]) => w));
  const outcomeCodes = INFORMATION_OUTCOMES.map(([o]) => OUTCOME[o as keyof typeof OUTCOME]);
  const searches: SearchSet = {
    n: 0,
    call: new Int32Array(Math.ceil(total * 1.1) + 16),
    at: new Float64Array(Math.ceil(total * 1.1) + 16),
    query: new Int32Array(Math.ceil(total * 1.1) + 16),
    results: new Int16Array(Math.ceil(total * 1.1) + 16),
    chosen: new Int16Array(Math.ceil(total * 1.1) + 16),
    postgres: new Uint8Array(Math.ceil(total * 1.1) + 16),
    queries: [],
  };
  const queryIdx = new Map<string, number>();
  const intern = (q: string) => {
    let i = queryIdx.get(q);
    if (i === undefined) {
      i = searches.queries.length;
      searches.queries.push(q);
      queryIdx.set(q, i);
    }
    return i;
  };

  const outboundTotal = Math.round(total * OUTBOUND_SHARE);
  const inboundPerDay = apportion(
    total - outboundTotal,
    days.map((d) => d.weight),
  );
  const outboundPerDay = apportion(
    outboundTotal,
    days.map((d) => (d.working && d.endHour > 9 && d.startHour < 16 ? d.weight : 0)),
  );
  /** Missed calls waiting for a call-back, oldest first. */
  let pending: number[] = [];

  const search = (call: number, at: number, query: string, results: number, chosen: number, rnd: Random) => {
    const k = searches.n++;
    searches.call[k] = call;
    searches.at[k] = at;
    searches.query[k] = intern(query);
    searches.results[k] = results;
    searches.chosen[k] = chosen;
    searches.postgres[k] = rnd.chance(0.08) ? 1 : 0;
  };

  /** Topic, outcome, articles and searches of an answered call; returns its talk time in ms. */
  const answer = (c: number, rnd: Random, day: PeriodDay, survey: boolean): { talk: number; wrap: number } => {
    let topic: number;
    if (survey) {
      topic = surveyTopic;
      calls.outcome[c] = OUTCOME.survey;
    } else if (rnd.chance(options.ticketShare)) {
      const idea = rnd.chance(PHONE_IDEA_SHARE);
      topic = idea ? ideaTopic : problemTopic;
      calls.outcome[c] = idea ? OUTCOME.idea : OUTCOME.problem;
      calls.ticket[c] = idea
        ? CALL_TICKET.idea
        : rnd.chance(PHONE_INFORMATION_SHARE)
          ? CALL_TICKET.information
          : CALL_TICKET.problem;
    } else {
      const weights = infoTopics.map((t) => {
        const code = topicCode(t);
        let w = INFORMATION_TOPIC_WEIGHTS[code] ?? 1;
        if (code === 'elections' && day.election) w *= 15;
        if (code === 'events' && (day.month === 12 || (day.month >= 6 && day.month <= 8))) w *= 1.6;
        return w;
      });
      topic = infoTopics.length > 0 ? infoTopics[rnd.weighted(cumulative(weights))]! : fallbackTopic;
      calls.outcome[c] = outcomeCodes[rnd.weighted(outcomeCdf)]!;
    }
    calls.topic[c] = topic;
    const code = topicCode(topic);
    const pool = articles.get(code) ?? articles.get('other')!;
    const given = calls.outcome[c] === OUTCOME.information_given;
    const used =
      pool.length === 0 ? 0 : given ? (rnd.chance(0.12) ? 0 : rnd.chance(0.2) ? 2 : 1) : rnd.chance(0.3) ? 1 : 0;
    if (used >= 1) calls.article1[c] = pool[rnd.int(pool.length)]!;
    if (used >= 2) {
      const second = pool[rnd.int(pool.length)]!;
      if (second !== calls.article1[c]) calls.article2[c] = second;
    }
    calls.info[c] = rnd.int((INFORMATION_GIVEN[code] ?? INFORMATION_GIVEN.other!).length);
    const talk = Math.round(Math.min(1800, Math.max(20, rnd.logNormal(TALK_MEDIAN_S[code] ?? 150, TALK_SIGMA))) * 1000);
    const wrap = Math.round((calls.ticket[c] ? rnd.between(...WRAP_UP_TICKET_S) : rnd.between(...WRAP_UP_S)) * 1000);
    // The agent searched for each article used, and now and then for something the knowledge base lacks.
    const answeredAt = calls.answered[c]!;
    for (const article of [calls.article1[c]!, calls.article2[c]!]) {
      if (article < 0) continue;
      const title = ref.articles[article]!.title.toLowerCase().split(/\s+/).slice(0, 3).join(' ');
      const queries = SEARCH_QUERIES[code] ?? SEARCH_QUERIES.other!;
      const query = rnd.chance(0.5) ? title : rnd.pick(queries);
      const at = answeredAt + rnd.between(0.1, 0.6) * talk;
      search(c, at, query, 1 + rnd.int(15), article, rnd);
    }
    if (given && rnd.chance(0.06))
      search(c, answeredAt + rnd.between(0.1, 0.5) * talk, rnd.pick(GAP_QUERIES), 0, -1, rnd);
    return { talk, wrap };
  };

  /** A missed call nobody called back: an agent ticks it off the list (tried, or the caller rang again). */
  const tickOff = (m: number, rnd: Random) => {
    if (agents.length === 0) return;
    calls.callbackAt[m] = Math.round(
      Math.min(calendar.addOfficeMinutes(calls.started[m]!, rnd.between(5, 240)), endMs),
    );
    calls.callbackBy[m] = agents[rnd.int(agents.length)]!;
  };

  for (const [k, day] of days.entries()) {
    const rnd = new Random(mixSeed(seed, 0xca1, day.d));
    const roster = dutyRoster(day, calendar, agents, seed);
    const profile = hourWeights(day.working ? WEEKDAY_HOURS : WEEKEND_HOURS, day.startHour, day.endHour);
    const cdf = cumulative(profile.some((w) => w > 0) ? profile : profile.map(() => 1));
    const start = calendar.dayStart(day.d);
    const arrivals: number[] = [];
    const drawIn = (from: number, to: number) => Math.round(start + (from + (to - from) * rnd.next()) * 3_600_000);
    for (let i = 0; i < inboundPerDay[k]!; i++) {
      const h = rnd.weighted(cdf);
      arrivals.push(drawIn(Math.max(h, day.startHour), Math.min(h + 1, day.endHour)));
    }
    const outFrom = Math.max(9, day.startHour);
    const outTo = Math.min(16, day.endHour);
    // Outbound calls are marked by a negative time until sorted in.
    for (let i = 0; i < outboundPerDay[k]!; i++) arrivals.push(-drawIn(outFrom, Math.max(outFrom, outTo)));
    arrivals.sort((a, b) => Math.abs(a) - Math.abs(b));

    for (const arrival of arrivals) {
      const c = calls.n++;
      const t = Math.abs(arrival);
      calls.started[c] = t;
      const out = arrival < 0;
      calls.outbound[c] = out ? 1 : 0;
      // The agent free first among those on shift now.
      let best: OnDuty | undefined;
      for (const a of roster) if (a.from <= t && t < a.to && (!best || a.free < best.free)) best = a;
      if (out) {
        const agent = best ?? roster.reduce((x, y) => (y.free < x.free ? y : x));
        const startAt = Math.max(t, agent.free);
        calls.started[c] = startAt;
        calls.agent[c] = agent.user;
        calls.offered[c] = startAt;
        // A call-back of the oldest missed call of the last two days, else a phone survey.
        while (pending.length > 0 && calls.started[pending[0]!]! < startAt - 2 * 86_400_000)
          tickOff(pending.shift()!, rnd);
        const missed = pending.shift();
        calls.phone[c] = missed !== undefined ? calls.phone[missed]! : phoneNumber(rnd, regulars);
        if (missed !== undefined) {
          calls.callbackAt[missed] = startAt;
          calls.callbackBy[missed] = agent.user;
          calls.callbackCall[missed] = c;
        }
        const ring = Math.round(rnd.between(5, 25) * 1000);
        if (rnd.chance(0.2)) {
          calls.missed[c] = 1;
          calls.hangup[c] = 3;
          calls.ended[c] = startAt + ring;
          agent.free = startAt + ring + 10_000;
          continue;
        }
        calls.answered[c] = startAt + ring;
        const { talk, wrap } = answer(c, rnd, day, missed === undefined);
        calls.ended[c] = calls.answered[c]! + talk;
        calls.recorded[c] = calls.ended[c]! + wrap;
        agent.free = calls.recorded[c]!;
        continue;
      }
      calls.phone[c] = phoneNumber(rnd, regulars);
      const patience = Math.round(rnd.exponential(PATIENCE_MEAN_S) * 1000);
      if (!best || best.free - t > patience) {
        // Nobody on shift, or everybody busy longer than the caller waits.
        calls.missed[c] = 1;
        calls.hangup[c] = 1;
        calls.ended[c] = t + (best ? patience : Math.min(patience, 30_000));
        pending.push(c);
        continue;
      }
      const offered = Math.round(Math.max(t, best.free) + rnd.between(1, 4) * 1000);
      const ring = Math.round(rnd.between(3, 12) * 1000);
      calls.offered[c] = offered;
      calls.agent[c] = best.user;
      if (rnd.chance(RING_ABANDON_SHARE)) {
        calls.missed[c] = 1;
        calls.hangup[c] = 2;
        calls.ended[c] = Math.round(offered + ring * rnd.between(0.3, 1));
        best.free = calls.ended[c]!;
        pending.push(c);
        continue;
      }
      calls.answered[c] = offered + ring;
      const { talk, wrap } = answer(c, rnd, day, false);
      calls.ended[c] = calls.answered[c]! + talk;
      calls.recorded[c] = calls.ended[c]! + wrap;
      best.free = calls.recorded[c]!;
    }
    // Hidden numbers cannot be called back; missed calls older than a day are ticked off as handled.
    pending = pending.filter((m) => {
      if (calls.phone[m] !== 0 && calls.started[m]! > start - 86_400_000) return true;
      tickOff(m, rnd);
      return false;
    });
  }
  // Calls still going at the end are cut there (their tickets are written at the last moment, not yet routed); the
  // last day's missed calls stay on the call-back list, as they would at this moment.
  for (let c = 0; c < calls.n; c++) {
    if (calls.started[c]! <= endMs && calls.ended[c]! <= endMs && !(calls.recorded[c]! > endMs)) continue;
    for (const times of [calls.started, calls.offered, calls.answered, calls.ended, calls.recorded])
      if (times[c]! > endMs) times[c] = endMs;
  }
  for (let k = 0; k < searches.n; k++) searches.at[k] = Math.min(Math.round(searches.at[k]!), endMs);
  return { calls, searches };
}

/**
 * Makes the number of calls that create a ticket exactly `target`: extra ones are recorded as information given
 * (the matter was already reported), missing ones are turned into problem reports.
 */
export function fixTicketCalls(calls: CallSet, target: number, ref: Reference, seed: number): void {
  const rnd = new Random(mixSeed(seed, 0xf1c));
  const withTicket: number[] = [];
  const without: number[] = [];
  for (let c = 0; c < calls.n; c++) {
    if (calls.missed[c] || calls.outcome[c] === OUTCOME.survey) continue;
    (calls.ticket[c] ? withTicket : without).push(c);
  }
  const shuffleTake = (list: number[], count: number) => {
    for (let i = 0; i < count; i++) {
      const j = i + rnd.int(list.length - i);
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list.slice(0, count);
  };
  if (withTicket.length > target) {
    for (const c of shuffleTake(withTicket, withTicket.length - target)) {
      calls.ticket[c] = CALL_TICKET.none;
      calls.outcome[c] = OUTCOME.information_given;
    }
  } else if (withTicket.length < target) {
    const problemTopic = ref.topics.findIndex((t) => t.code === 'problem_report');
    for (const c of shuffleTake(without, Math.min(without.length, target - withTicket.length))) {
      calls.ticket[c] = CALL_TICKET.problem;
      calls.outcome[c] = OUTCOME.problem;
      if (problemTopic >= 0) calls.topic[c] = problemTopic;
    }
  }
}

/** Calls answered by an agent and recorded, the pool tickets from calls come from. */
export function recordedCount(calls: CallSet): number {
  let n = 0;
  for (let c = 0; c < calls.n; c++) if (!calls.missed[c] && calls.outcome[c] !== OUTCOME.survey) n++;
  return n;
}
