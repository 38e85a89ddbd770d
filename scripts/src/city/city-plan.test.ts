// The city plan without a database: a reference built from the seed data, a small city planned twice.
// The same seed gives the same city; counts are exact; every history is in time order and ends in the
// ticket's status (each move was checked against contracts' lifecycle while planning).
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '@kck/contracts';
import { DEFAULT_OFFICE_HOURS } from '@kck/backend/deadlines/working-days';
import { CALL_TOPICS, CATEGORIES, DISTRICTS, UNITS } from '../seed-data/index.ts';
import { STREETS } from '../seed-data/streets.ts';
import { Calendar, warsawDateOf } from './calendar.ts';
import { fixTicketCalls, planCalls, recordedCount } from './calls.ts';
import { periodDays } from './days.ts';
import { EventStore, K, KINDS } from './events.ts';
import { LifeContext, STATUSES, planLives } from './life.ts';
import { BY_HAND_UNITS, FALLBACK_UNITS } from './model.ts';
import { ID, uuidFrom, uuidV7 } from './random.ts';
import type { Reference, UserRef } from './reference.ts';
import { planTicketBases } from './tickets.ts';

const id = (n: number) => uuidFrom(1, 99, n);

function seedReference(): Reference {
  const unitIdx = new Map(UNITS.map((u, i) => [u.code, i]));
  const units = UNITS.map((u, i) => ({
    id: id(1000 + i),
    code: u.code,
    name: u.name,
    parentIdx: u.parentCode ? (unitIdx.get(u.parentCode) ?? -1) : -1,
    active: true,
    emails: [`${u.code.toLowerCase()}@krakow.example`],
  }));
  const categoryIdx = new Map(CATEGORIES.map((c, i) => [c.code, i]));
  const categories = CATEGORIES.map((c, i) => ({
    id: id(2000 + i),
    code: c.code,
    labelPl: c.labelPl,
    parentIdx: c.parentCode ? categoryIdx.get(c.parentCode)! : -1,
    leaf: c.parentCode !== null,
    active: true,
  }));
  const districts = DISTRICTS.map((d, i) => ({ id: id(3000 + i), code: d.code }));
  const streets = DISTRICTS.map((d) =>
    STREETS.filter((s) => s.districtCode === d.code).map((s) => `${s.prefix ?? ''} ${s.name}`.trim()),
  );
  const rules = CATEGORIES.flatMap((c) =>
    c.routeToUnitCode
      ? [
          {
            id: id(4000 + categoryIdx.get(c.code)!),
            position: 10 * (categoryIdx.get(c.code)! + 1),
            name: null,
            categoryLabel: c.labelPl,
            unitIdx: unitIdx.get(c.routeToUnitCode)!,
            informedIdx: [],
          },
        ]
      : [],
  );
  const users: UserRef[] = [];
  const add = (role: string, unit: string, count: number) => {
    for (let k = 0; k < count; k++)
      users.push({
        id: id(5000 + users.length),
        login: `${role}-${unit}-${k}`,
        displayName: `${role} ${unit} ${k}`,
        role,
        unitIdx: unitIdx.get(unit)!,
        email: null,
      });
  };
  add('agent', 'DK-02', 12);
  add('triage', 'DK-03', 3);
  add('supervisor', 'DK-02', 1);
  for (const code of new Set([
    ...rules.map((r) => units[r.unitIdx]!.code),
    ...Object.values(BY_HAND_UNITS).flat(),
    ...FALLBACK_UNITS,
  ]))
    add('unit_staff', code, 2);
  const policy = (ticketType: 'problem' | 'idea' | 'information', workingDays: number) => ({
    ticketType,
    categoryId: null,
    priority: null,
    workingDays,
    workingHours: null,
  });
  return {
    units,
    unitIdx,
    categories,
    categoryIdx,
    districts,
    streets,
    topics: CALL_TOPICS.map((t, i) => ({ id: id(6000 + i), code: t.code })),
    articles: [
      { id: id(7000), type: 'service_card', title: 'Wymiana dowodu osobistego' },
      { id: id(7001), type: 'unit_scope', title: 'Zarząd Dróg Miasta Krakowa – zakres działania' },
      { id: id(7002), type: 'procedure', title: 'Zgłoszenie problemu lub pomysłu' },
    ],
    rules,
    ruleIdx: new Map(rules.map((r, i) => [r.id, i])),
    keywordRules: false,
    users,
    attributeRules: new Map(),
    deadlines: {
      policies: [policy('problem', 21), policy('idea', 42), policy('information', 10)],
      parents: new Map(categories.map((c) => [c.id, c.parentIdx >= 0 ? categories[c.parentIdx]!.id : null])),
    },
    channels: [...CHANNELS],
    mayorMatterTable: false,
    survey: null,
  };
}

function planCity(seed: number) {
  const ref = seedReference();
  const end = Date.parse('2026-06-15T10:00:00Z');
  const start = Date.parse('2026-02-15T10:00:00Z');
  const calendar = new Calendar(warsawDateOf(start - 2 * 86_400_000), DEFAULT_OFFICE_HOURS);
  const days = periodDays(calendar, start, end, seed);
  const agents = ref.users.flatMap((u, i) => (u.role === 'agent' ? [i] : []));
  const triage = ref.users.flatMap((u, i) => (u.role === 'triage' ? [i] : []));
  const byUnit = new Map<number, number[]>();
  ref.users.forEach((u, i) => {
    if (u.role === 'unit_staff') byUnit.set(u.unitIdx, [...(byUnit.get(u.unitIdx) ?? []), i]);
  });
  const { calls, searches } = planCalls({
    calendar,
    days,
    total: 3000,
    agents,
    ref,
    seed,
    ticketShare: 0.3,
    endMs: end,
  });
  fixTicketCalls(calls, Math.min(Math.round(recordedCount(calls) / 3), 850), ref, seed);
  const tickets = planTicketBases({
    calendar,
    days,
    total: 1000,
    calls,
    ref,
    mayorStaff: [],
    takenNumbers: new Map([[2026, 41]]),
    hours: DEFAULT_OFFICE_HOURS,
    seed,
  });
  // The seed's rules route by category alone.
  for (let i = 0; i < tickets.n; i++)
    tickets.rule[i] = ref.rules.findIndex((r) => r.categoryLabel === ref.categories[tickets.category[i]!]!.labelPl);
  const store = new EventStore(1000);
  const staff = { agents, triage, byUnit };
  planLives(
    new LifeContext({
      calendar,
      tickets,
      ref,
      staff,
      store,
      endMs: end,
      seed,
      hours: DEFAULT_OFFICE_HOURS,
      notesScale: 2,
    }),
  );
  return { ref, calls, searches, tickets, store, start, end };
}

const digest = (...arrays: ArrayLike<number>[]) =>
  arrays.map((a) => Array.from(a).reduce((h, x) => (Math.imul(h, 31) + (Number.isNaN(x) ? 7 : Math.round(x))) | 0, 0));

describe('the city plan', () => {
  const first = planCity(7);

  it('is the same for the same seed, and another for another seed', () => {
    const again = planCity(7);
    const other = planCity(8);
    const of = (p: typeof first) => [
      ...digest(p.calls.started, p.calls.agent, p.calls.topic, p.calls.outcome),
      ...digest(p.tickets.created, p.tickets.category, p.tickets.status, p.tickets.due),
      ...digest(p.store.at.subarray(0, p.store.n), p.store.kind.subarray(0, p.store.n)),
      p.store.n,
    ];
    expect(of(again)).toEqual(of(first));
    expect(of(other)).not.toEqual(of(first));
    expect(uuidFrom(7, ID.survey, 1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Rows' ids are UUIDv7 in the order of their times, never the same for two numbers of a tag.
    const at = Date.parse('2026-03-01T10:00:00Z');
    const ids = [uuidV7(at, 7, ID.ticket, 2), uuidV7(at, 7, ID.ticket, 1), uuidV7(at + 1, 7, ID.ticket, 0)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]! > ids[0]! && ids[2]! > ids[1]!).toBe(true);
    expect(ids[0]!.replace(/-/g, '').slice(0, 12)).toBe(at.toString(16).padStart(12, '0'));
  });

  it('makes exactly the calls and tickets asked for, a third of answered calls creating one', () => {
    const { calls, tickets } = first;
    expect(calls.n).toBe(3000);
    expect(tickets.n).toBe(1000);
    let fromCalls = 0;
    for (let i = 0; i < tickets.n; i++) if (tickets.call[i]! >= 0) fromCalls++;
    expect(fromCalls).toBe(Math.min(Math.round(recordedCount(calls) / 3), 850));
    for (let c = 0; c < calls.n; c++) {
      if (calls.missed[c]) continue;
      expect(calls.answered[c]!).toBeGreaterThanOrEqual(calls.started[c]!);
      expect(calls.ended[c]!).toBeGreaterThanOrEqual(calls.answered[c]!);
      expect(calls.recorded[c]!).toBeGreaterThanOrEqual(calls.ended[c]!);
    }
  });

  it('numbers tickets in creation order after the numbers already taken, due after their creation', () => {
    const { tickets } = first;
    for (let i = 1; i < tickets.n; i++) expect(tickets.created[i]!).toBeGreaterThanOrEqual(tickets.created[i - 1]!);
    expect(tickets.number(0)).toBe('KCK/2026/000042');
    expect(tickets.number(tickets.n - 1)).toBe(`KCK/2026/${String(41 + tickets.n).padStart(6, '0')}`);
    for (let i = 0; i < tickets.n; i++) expect(tickets.due[i]!).toBeGreaterThan(tickets.created[i]!);
  });

  it("writes each ticket's history in time order, ending in the ticket's status", () => {
    const { store, tickets, end } = first;
    const last = new Map<number, { at: number; status: string | null }>();
    for (let e = 0; e < store.n; e++) {
      const t = store.ticket[e]!;
      expect(store.at[e]!).toBeLessThanOrEqual(end);
      expect(store.at[e]!).toBeGreaterThanOrEqual(tickets.created[t]!);
      const changes = store.changesId[e]! >= 0 ? store.changes.values[store.changesId[e]!]! : '{}';
      const moved = /"status":\{"from":"?[a-z_]*"?,"to":"([a-z_]+)"\}/.exec(changes)?.[1];
      const previous = last.get(t);
      if (store.kind[e] === K['ticket.created']) expect(previous).toBeUndefined();
      if (moved) last.set(t, { at: store.at[e]!, status: moved });
      else if (store.kind[e] === K['ticket.created']) last.set(t, { at: store.at[e]!, status: 'new' });
    }
    for (let i = 0; i < tickets.n; i++) expect(last.get(i)?.status).toBe(STATUSES[tickets.status[i]!]);
    const order = store.timeOrder(first.start);
    for (let k = 1; k < order.length; k++)
      expect(store.at[order[k]!]!).toBeGreaterThanOrEqual(store.at[order[k - 1]!]!);
  });

  it('closes old tickets and leaves recent ones open; some are merged, returned, reopened or escalated', () => {
    const { store, tickets, end } = first;
    const statuses = (fromDay: number, toDay: number) => {
      const out: Record<string, number> = {};
      for (let i = 0; i < tickets.n; i++) {
        const age = (end - tickets.created[i]!) / 86_400_000;
        if (age >= fromDay && age < toDay)
          out[STATUSES[tickets.status[i]!]!] = (out[STATUSES[tickets.status[i]!]!] ?? 0) + 1;
      }
      return out;
    };
    const old = statuses(60, 1000);
    const total = Object.values(old).reduce((a, b) => a + b, 0);
    expect((old.closed ?? 0) / total).toBeGreaterThan(0.7);
    const recent = statuses(0, 3);
    expect(
      (recent.routed ?? 0) + (recent.accepted ?? 0) + (recent.in_progress ?? 0) + (recent.triage ?? 0),
    ).toBeGreaterThan(0);
    const kinds = new Set(Array.from(store.kind.subarray(0, store.n)).map((k) => KINDS[k]));
    for (const kind of [
      'ticket.merged',
      'ticket.linked',
      'ticket.returned',
      'ticket.escalated',
      'ticket.commented',
    ] as const)
      expect(kinds).toContain(kind);
  });
});
