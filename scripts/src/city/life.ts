// Each ticket's life, planned in order of time as the platform would have written it: routing by the rules or
// DK-03 by hand, the unit accepting, working, asking the resident, answering and resolving, reminders and
// escalations by the deadline planner's rules, returns, rejections, merges into a main ticket, reopening, closing,
// ratings, and notes along the way. Every status move is checked against contracts' lifecycle. Whatever would
// happen after the period's end is cut: old tickets end closed, recent ones are still open.
import { TRIAGE_UNIT_CODE, canMoveTicket, type TicketStatus, type TransitionActor } from '@kck/contracts';
import { dueAfterPause } from '@kck/backend/deadlines/deadline-times';
import type { Calendar } from './calendar.ts';
import { CHANGES_FROM_TICKET, type EventStore, type Kind } from './events.ts';
import { BY_HAND_UNITS, DEFAULT_PACE, FALLBACK_UNITS, LIFE, UNIT_PACE } from './model.ts';
import { Random, mixSeed } from './random.ts';
import type { Reference } from './reference.ts';
import {
  ACCEPT_COMMENTS,
  CLOSE_REASONS,
  IDEA_ACCEPTED,
  IDEA_REJECTED,
  MERGE_REASONS,
  PROGRESS_ANSWERS,
  RATING_COMMENTS,
  REJECT_REASONS,
  REOPEN_REASONS,
  RESIDENT_ANSWERS,
  RESIDENT_MESSAGES,
  RETURN_REASONS,
  TRIAGE_NOTES,
  UNIT_NOTES,
  WAITING_QUESTIONS,
} from './texts.ts';
import { REPORTER, TYPES, textsOf, type TicketSet } from './tickets.ts';

export const STATUSES: readonly TicketStatus[] = [
  'new',
  'triage',
  'routed',
  'accepted',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'rejected',
  'duplicate',
  'reopened',
];
const STATUS_CODE = new Map(STATUSES.map((s, i) => [s, i]));
/** deadlines/plan-deadline-alerts.job.ts ALERTING_STATUSES: the unit's clock runs. */
const ALERTING: ReadonlySet<TicketStatus> = new Set(['routed', 'accepted', 'in_progress', 'reopened']);

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface Staff {
  agents: number[];
  triage: number[];
  byUnit: Map<number, number[]>;
}

export interface LifeOptions {
  calendar: Calendar;
  tickets: TicketSet;
  ref: Reference;
  staff: Staff;
  store: EventStore;
  endMs: number;
  seed: number;
  hours: { start: number; end: number };
  /** Notes per ticket besides the moves: Poisson mean per √(active days). */
  notesScale: number;
}

interface Segment {
  from: number;
  /** Who may write a note then: DK-03, the unit's handler, nobody but the resident (waiting, done). */
  kind: 'triage' | 'unit' | 'resident';
  actor: number;
}

const json = JSON.stringify;

/** Everything the planner looks up more than once. */
export class LifeContext {
  readonly triageUnit: number;
  private readonly byHand = new Map<number, number[]>();
  readonly escalation = new Map<number, { to: string; recipients: number; supervisors: string[] }>();
  readonly reminderRecipients = new Map<number, number>();
  /** Recent tickets per category and district, the candidates a duplicate is merged into. */
  readonly recent = new Map<number, number[]>();

  constructor(readonly o: LifeOptions) {
    const triage = o.ref.unitIdx.get(TRIAGE_UNIT_CODE);
    if (triage === undefined) throw new Error(`no unit ${TRIAGE_UNIT_CODE}: seed the database first`);
    this.triageUnit = triage;
  }

  unitsFor(category: number): number[] {
    let units = this.byHand.get(category);
    if (!units) {
      const { ref } = this.o;
      const cat = ref.categories[category]!;
      const codes = BY_HAND_UNITS[cat.code] ?? [];
      units = codes.map((c) => ref.unitIdx.get(c)).filter((u): u is number => u !== undefined && this.staffed(u));
      if (units.length === 0) {
        // The unit a rule on the category (or its group) names, then the departments that take anything else.
        const ruled = ref.rules
          .filter((r) => ref.categories[category]!.labelPl === r.categoryLabel)
          .map((r) => r.unitIdx);
        units = [...ruled, ...FALLBACK_UNITS.map((c) => ref.unitIdx.get(c) ?? -1)].filter(
          (u) => u >= 0 && this.staffed(u),
        );
      }
      if (units.length === 0) units = [...this.o.staff.byUnit.keys()].filter((u) => u !== this.triageUnit);
      this.byHand.set(category, units);
    }
    return units;
  }

  staffed(unit: number): boolean {
    return (this.o.staff.byUnit.get(unit)?.length ?? 0) > 0 && this.o.ref.units[unit]!.active;
  }

  escalationOf(unit: number) {
    let e = this.escalation.get(unit);
    if (!e) {
      const { ref, store } = this.o;
      const parent = ref.units[unit]!.parentIdx;
      const to = [parent >= 0 ? ref.units[parent]!.code : null, TRIAGE_UNIT_CODE].filter(Boolean);
      const supervisors = ref.users
        .filter((u) => u.role === 'supervisor' && (u.unitIdx === unit || (parent >= 0 && u.unitIdx === parent)))
        .sort((a, b) => (a.displayName < b.displayName ? -1 : 1));
      const emails = [
        ...new Set([
          ...(parent >= 0 ? ref.units[parent]!.emails : []),
          ...ref.units[this.triageUnit]!.emails,
          ...supervisors.flatMap((s) => (s.email ? [s.email] : [])),
        ]),
      ];
      e = {
        to: json(to),
        recipients: store.texts.id(json(emails)),
        supervisors: supervisors.map((s) => s.displayName),
      };
      this.escalation.set(unit, e);
    }
    return e;
  }

  reminderOf(unit: number): number {
    let r = this.reminderRecipients.get(unit);
    if (r === undefined) {
      r = this.o.store.texts.id(json(this.o.ref.units[unit]!.emails));
      this.reminderRecipients.set(unit, r);
    }
    return r;
  }
}

/** One ticket's life. */
class Life {
  status: TicketStatus = 'new';
  unit = -1;
  rule = -1;
  informed: number[] = [];
  assignee = -1;
  resolution = -1;
  due: number;
  escalatedAt = NaN;
  waitingSince = NaN;
  waitingQuestion = -1;
  version = 1;
  updatedAt: number;
  ideaDecision: 'accepted' | 'rejected' | null = null;
  duplicateOf = -1;
  openUntil = Infinity;
  last: number;
  stopped = false;
  /** Alerts planned for the current due date, and those already recorded per due date. */
  private plan: { reminderAt: number | null; escalationAt: number } | null = null;
  private readonly recorded = new Set<string>();
  readonly segments: Segment[] = [];
  readonly rnd: Random;

  constructor(
    readonly ctx: LifeContext,
    readonly i: number,
  ) {
    const t = ctx.o.tickets;
    this.due = t.dueAtIntake[i]!;
    this.updatedAt = t.created[i]!;
    this.last = t.created[i]!;
    this.rnd = new Random(mixSeed(ctx.o.seed, 0x11fe, i));
  }

  get o() {
    return this.ctx.o;
  }

  /** Office minutes after `at`, drawn around a median. */
  office(at: number, medianMinutes: number, sigma = 1): number {
    return this.o.calendar.addOfficeMinutes(at, Math.max(1, this.rnd.logNormal(medianMinutes, sigma)));
  }

  private unitId(u: number): string | null {
    return u >= 0 ? this.o.ref.units[u]!.id : null;
  }

  private unitCode(u: number): string | null {
    return u >= 0 ? this.o.ref.units[u]!.code : null;
  }

  private ruleId(r: number): string | null {
    return r >= 0 ? this.o.ref.rules[r]!.id : null;
  }

  /** Records an event unless it falls after the period's end, from which point nothing more happens. */
  private emit(at: number, kind: Kind, actor: number, changes: string | number, reason: string | null, aux = -1) {
    if (this.stopped) return false;
    at = Math.max(at, this.last);
    this.fireAlerts(at);
    if (at > this.o.endMs) {
      this.stopped = true;
      return false;
    }
    this.last = at;
    this.o.store.push(this.i, at, kind, actor, changes, reason, aux);
    return true;
  }

  created(): void {
    const t = this.o.tickets;
    this.emit(t.created[this.i]!, 'ticket.created', t.createdBy[this.i]!, CHANGES_FROM_TICKET, null);
    this.segments.push({ from: t.created[this.i]!, kind: 'triage', actor: -1 });
  }

  /** moveTicket: the lifecycle check, the changed columns and their history, the deadline planner's replan. */
  move(
    at: number,
    to: TicketStatus,
    kind: Kind,
    by: TransitionActor,
    actor: number,
    set: { unit?: number; rule?: number; informed?: number[]; resolution?: number } = {},
    reason: string | null = null,
    extra = '',
  ): boolean {
    const t = this.o.tickets;
    const type = TYPES[t.type[this.i]!]!;
    if (!canMoveTicket({ type, status: this.status }, to, by, kind))
      throw new Error(`generator bug: ${kind} ${this.status} → ${to} by ${by} is not in the lifecycle`);
    const parts = [`"status":${json({ from: this.status, to })}`];
    const unitChanges = set.unit !== undefined && set.unit !== this.unit;
    if (unitChanges) {
      parts.push(`"unitId":${json({ from: this.unitId(this.unit), to: this.unitId(set.unit!) })}`);
      parts.push(`"unit":${json({ from: this.unitCode(this.unit), to: this.unitCode(set.unit!) })}`);
    }
    if (set.rule !== undefined && set.rule !== this.rule)
      parts.push(`"routingRuleId":${json({ from: this.ruleId(this.rule), to: this.ruleId(set.rule) })}`);
    const texts = this.o.store.texts.values;
    if (set.resolution !== undefined && set.resolution !== this.resolution)
      parts.push(
        `"resolution":${json({ from: this.resolution >= 0 ? texts[this.resolution] : null, to: texts[set.resolution] })}`,
      );
    if (set.informed !== undefined && json(set.informed) !== json(this.informed)) {
      const [before, after] = [this.informed, set.informed];
      parts.push(
        `"informedUnitIds":${json({ from: before.map(this.unitId, this), to: after.map(this.unitId, this) })}`,
      );
      parts.push(
        `"informedUnits":${json({ from: before.map(this.unitCode, this), to: after.map(this.unitCode, this) })}`,
      );
    }
    if (extra) parts.push(extra);
    if (!this.emit(at, kind, actor, `{${parts.join(',')}}`, reason, kind === 'ticket.merged' ? this.duplicateOf : -1))
      return false;
    this.status = to;
    if (unitChanges) {
      this.unit = set.unit!;
      // moveTicket: a new unit starts without an assignee and without the old unit's escalation.
      this.assignee = -1;
      this.escalatedAt = NaN;
    }
    if (set.rule !== undefined) this.rule = set.rule;
    if (set.informed !== undefined) this.informed = set.informed;
    if (set.resolution !== undefined) this.resolution = set.resolution;
    this.version++;
    this.updatedAt = this.last;
    if (['resolved', 'closed', 'rejected', 'duplicate'].includes(to) && this.openUntil === Infinity)
      this.openUntil = this.last;
    this.replan();
    return true;
  }

  /** plan-deadline-alerts.job.ts after each change: alerts run while the unit's clock runs. */
  private replan(): void {
    this.plan =
      ALERTING.has(this.status) && this.unit >= 0 && Number.isNaN(this.waitingSince)
        ? this.o.calendar.alertTimes(this.o.tickets.created[this.i]!, this.due, this.last)
        : null;
  }

  /** deadline-alert.job.ts: records each alert whose time has come, once per kind and due date. */
  private fireAlerts(upTo: number): void {
    while (this.plan && !this.stopped) {
      const key = (k: string) => `${k}@${this.due}`;
      const reminder = this.plan.reminderAt !== null && !this.recorded.has(key('r')) ? this.plan.reminderAt : Infinity;
      const escalation = !this.recorded.has(key('e')) ? this.plan.escalationAt : Infinity;
      const at = Math.min(reminder, escalation);
      if (at > upTo || at > this.o.endMs) return;
      const { store } = this.o;
      const dueIso = new Date(this.due).toISOString();
      const code = this.unitCode(this.unit);
      let event: number;
      if (at === reminder) {
        this.recorded.add(key('r'));
        event = store.push(
          this.i,
          at,
          'ticket.deadline_reminded',
          -1,
          `{"reminded":${json({ from: null, to: code })}}`,
          `Przypomnienie o terminie ${dueIso}`,
          this.ctx.reminderOf(this.unit),
        );
      } else {
        this.recorded.add(key('e'));
        const e = this.ctx.escalationOf(this.unit);
        event = store.push(
          this.i,
          at,
          'ticket.escalated',
          -1,
          `{"escalatedTo":{"from":null,"to":${e.to}},"supervisors":${json({ from: null, to: e.supervisors })}}`,
          `Termin minął ${dueIso}`,
          e.recipients,
        );
        this.escalatedAt = store.at[event]!;
      }
      store.alertDue.set(event, this.due);
      this.last = Math.max(this.last, store.at[event]!);
    }
  }

  /** Nothing more happens before the end: the alerts still due by then. */
  finish(): void {
    if (!this.stopped) this.fireAlerts(this.o.endMs);
  }

  assign(at: number, user: number): boolean {
    const names = (u: number) => (u >= 0 ? this.o.ref.users[u]!.displayName : null);
    const ids = (u: number) => (u >= 0 ? this.o.ref.users[u]!.id : null);
    const changes = `{"assignee":${json({ from: names(this.assignee), to: names(user) })},"assigneeId":${json({
      from: ids(this.assignee),
      to: ids(user),
    })}}`;
    if (!this.emit(at, 'ticket.assigned', user, changes, 'Wzięte do pracy')) return false;
    this.assignee = user;
    this.version++;
    this.updatedAt = this.last;
    return true;
  }

  waitForResident(at: number, actor: number): boolean {
    const question = this.rnd.pick(WAITING_QUESTIONS);
    if (
      !this.emit(at, 'ticket.waiting_for_resident', actor, '{"waitingForResident":{"from":false,"to":true}}', question)
    )
      return false;
    this.waitingSince = this.last;
    this.waitingQuestion = this.o.store.texts.id(question);
    this.version++;
    this.updatedAt = this.last;
    this.replan();
    return true;
  }

  resume(at: number, actor: number): boolean {
    const from = this.due;
    const to = dueAfterPause(new Date(from), new Date(this.waitingSince), new Date(at), this.o.hours).getTime();
    const changes = `{"waitingForResident":{"from":true,"to":false},"dueAt":${json({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
    })}}`;
    if (!this.emit(at, 'ticket.resumed', actor, changes, this.rnd.pick(RESIDENT_ANSWERS))) return false;
    this.waitingSince = NaN;
    this.waitingQuestion = -1;
    if (to !== from) this.escalatedAt = NaN;
    this.due = to;
    this.version++;
    this.updatedAt = this.last;
    this.replan();
    return true;
  }

  note(
    at: number,
    kind: 'ticket.commented' | 'ticket.answered' | 'ticket.resident_message',
    actor: number,
    body: string,
  ) {
    const resident = kind === 'ticket.resident_message';
    return this.emit(
      at,
      kind,
      resident ? -1 : actor,
      resident ? '{"author":{"from":null,"to":"resident"}}' : '{}',
      body,
    );
  }

  segment(from: number, kind: Segment['kind'], actor: number): void {
    this.segments.push({ from, kind, actor });
  }
}

/** The whole life of ticket i. */
function live(ctx: LifeContext, i: number): Life {
  const { tickets: t, ref, staff } = ctx.o;
  const life = new Life(ctx, i);
  const rnd = life.rnd;
  const type = TYPES[t.type[i]!]!;
  const category = t.category[i]!;
  const triager = () => rnd.pick(staff.triage);
  const texts = ctx.o.store.texts;
  life.created();

  // The worker routes within seconds: by the rule, or to DK-03's triage.
  let at = t.created[i]! + rnd.between(1.5, 6) * 1000;
  const rule = t.rule[i]!;
  if (rule >= 0 && type !== 'idea') {
    const r = ref.rules[rule]!;
    let reason = `Reguła routingu #${r.position}: ${r.categoryLabel} → ${ref.units[r.unitIdx]!.code}`;
    if (r.name) reason += ` („${r.name}”)`;
    if (t.ruleKeyword[i]) reason += `, słowo kluczowe „${t.ruleKeyword[i]}”`;
    if (r.informedIdx.length) reason += `; do wiadomości: ${r.informedIdx.map((u) => ref.units[u]!.code).join(', ')}`;
    life.move(at, 'routed', 'ticket.routed', 'system', -1, { unit: r.unitIdx, rule, informed: r.informedIdx }, reason);
  } else {
    life.move(
      at,
      'triage',
      'ticket.sent_to_triage',
      'system',
      -1,
      { unit: ctx.triageUnit },
      type === 'idea'
        ? 'Pomysł: ocena w DK-03 przed przekazaniem do komórki'
        : 'Żadna reguła routingu nie pasuje do kategorii, dzielnicy i treści tego zgłoszenia',
    );
  }
  at = life.last;

  // A matter already reported and still open: DK-03 merges this report into it.
  const district = t.district[i]!;
  const key = category * 64 + (district + 1);
  const recent = ctx.recent.get(key) ?? [];
  while (recent.length > 0 && t.created[recent[0]!]! < t.created[i]! - 7 * DAY) recent.shift();
  if (district >= 0 && type !== 'idea' && rnd.chance(LIFE.duplicate) && recent.length > 0) {
    const main = recent[recent.length - 1 - rnd.int(Math.min(3, recent.length))]!;
    const mergeAt = life.office(at, 90);
    if (t.openUntil[main]! > mergeAt && t.duplicateOf[main] === -1 && mergeAt <= ctx.o.endMs) {
      const by = triager();
      const reason = rnd.pick(MERGE_REASONS);
      life.duplicateOf = main;
      if (life.move(mergeAt, 'duplicate', 'ticket.merged', 'triage', by, {}, reason)) {
        ctx.o.store.push(main, life.last, 'ticket.linked', by, CHANGES_FROM_TICKET, reason, i);
        return done(life);
      }
      life.duplicateOf = -1;
    }
  }
  if (district >= 0) {
    recent.push(i);
    ctx.recent.set(key, recent);
  }

  // DK-03: rejects, or forwards by hand what no rule routed.
  const categoryCode = ref.categories[category]!.code;
  if (life.status === 'triage') {
    const rejectShare =
      type === 'idea' ? LIFE.rejectIdea : LIFE.rejectInTriage * (categoryCode === 'other.other' ? 2.5 : 1);
    const by = triager();
    life.segment(at, 'triage', by);
    if (rnd.chance(rejectShare)) {
      const reason = rnd.pick(REJECT_REASONS);
      life.move(
        life.office(at, 180),
        'rejected',
        'ticket.rejected',
        'triage',
        by,
        { resolution: texts.id(reason) },
        reason,
      );
      return done(life);
    }
    const target = rnd.pick(ctx.unitsFor(category));
    life.move(
      life.office(at, type === 'idea' ? 600 : 75),
      'routed',
      'ticket.routed',
      'triage',
      by,
      { unit: target, rule: -1, informed: [] },
      `Przekazane ręcznie: ${ref.users[by]!.displayName}`,
    );
  } else if (rnd.chance(LIFE.rejectRouted)) {
    const by = triager();
    const reason = rnd.pick(REJECT_REASONS);
    life.move(
      life.office(at, 120),
      'rejected',
      'ticket.rejected',
      'triage',
      by,
      { resolution: texts.id(reason) },
      reason,
    );
    return done(life);
  }

  unitStage(ctx, life, true);
  return done(life);
}

/** The unit's part: accept (or return), work, ask, answer, resolve; then rating, reopening and closing. */
function unitStage(ctx: LifeContext, life: Life, first: boolean): void {
  const { tickets: t, ref, staff, calendar } = ctx.o;
  const { rnd, i } = life;
  const type = TYPES[t.type[i]!]!;
  const texts = ctx.o.store.texts;
  if (life.stopped || life.status !== 'routed') return;
  const unit = life.unit;
  const pace = UNIT_PACE[ref.units[unit]!.code] ?? DEFAULT_PACE;
  const people = staff.byUnit.get(unit) ?? [];
  if (people.length === 0) return;
  const handler = rnd.pick(people);
  life.segment(life.last, 'unit', handler);

  if (first && type !== 'idea' && rnd.chance(LIFE.returned)) {
    const returnAt = life.office(life.last, pace.acceptMedianMin * 0.8);
    const reason = rnd.pick(RETURN_REASONS);
    if (
      !life.move(
        returnAt,
        'returned',
        'ticket.returned',
        'unit_staff',
        handler,
        { unit: ctx.triageUnit, rule: -1, informed: [] },
        reason,
      )
    )
      return;
    const by = rnd.pick(staff.triage);
    life.segment(life.last, 'triage', by);
    if (rnd.chance(0.15)) {
      const why = rnd.pick(REJECT_REASONS);
      life.move(
        life.office(life.last, 120),
        'rejected',
        'ticket.rejected',
        'triage',
        by,
        { resolution: texts.id(why) },
        why,
      );
      return;
    }
    const others = ctx.unitsFor(t.category[i]!).filter((u) => u !== unit);
    const target = others.length > 0 ? rnd.pick(others) : unit;
    if (
      life.move(
        life.office(life.last, 120),
        'routed',
        'ticket.routed',
        'triage',
        by,
        { unit: target, rule: -1, informed: [] },
        `Przekazane ręcznie: ${ref.users[by]!.displayName}`,
      )
    )
      unitStage(ctx, life, false);
    return;
  }

  const acceptAt = life.office(life.last, pace.acceptMedianMin);
  if (rnd.chance(LIFE.taken) && !life.assign(acceptAt - rnd.between(20, 300) * 1000, handler)) return;
  const comment = rnd.chance(LIFE.acceptComment) ? rnd.pick(ACCEPT_COMMENTS) : null;
  if (!life.move(acceptAt, 'accepted', 'ticket.accepted', 'unit_staff', handler, {}, comment)) return;
  if (
    rnd.chance(LIFE.started) &&
    !life.move(life.office(life.last, 60, 1.1), 'in_progress', 'ticket.started', 'unit_staff', handler)
  )
    return;

  // (The status moved above: read it afresh, not as narrowed by the guard at the top.)
  if ((life.status as TicketStatus) === 'in_progress' && rnd.chance(LIFE.waitingForResident)) {
    if (!life.waitForResident(life.office(life.last, 120), handler)) return;
    life.segment(life.last, 'resident', -1);
    const replyAt = life.last + rnd.logNormal(2 * DAY, 0.8);
    if (!life.note(replyAt, 'ticket.resident_message', -1, rnd.pick(RESIDENT_MESSAGES))) return;
    if (!life.resume(life.office(life.last, 60), handler)) return;
    life.segment(life.last, 'unit', handler);
  }

  // Most units answer well within the deadline; the slow tail is what analysts see as overdue.
  const created = t.created[i]!;
  const allowed = Math.max(30, calendar.officeMinutesBetween(created, life.due));
  const target = calendar.addOfficeMinutes(created, rnd.logNormal(pace.resolveShare * allowed, 0.75));
  let resolveAt = Math.max(target, life.office(life.last, 30, 0.8));
  const email = (t.reporter[i]! & REPORTER.email) !== 0;
  if (email && rnd.chance(LIFE.answered)) {
    const answerAt = resolveAt - rnd.between(2, 20) * MINUTE;
    if (answerAt > life.last && !life.note(answerAt, 'ticket.answered', handler, rnd.pick(PROGRESS_ANSWERS))) return;
    resolveAt = Math.max(resolveAt, life.last + MINUTE);
  }
  if (!resolve(life, resolveAt, handler)) return;
  life.segment(life.last, 'resident', -1);
  const resolvedAt = life.last;

  const reopenAt = type !== 'idea' && rnd.chance(LIFE.reopened) ? resolvedAt + rnd.between(1, 10) * DAY : Infinity;
  if (email && rnd.chance(LIFE.rated)) {
    const ratedAt = resolvedAt + rnd.logNormal(1.5 * DAY, 0.8);
    if (ratedAt < reopenAt) {
      const score = Math.min(5, Math.max(1, Math.round(rnd.normal() * 1.2 + 3.8)));
      const said = rnd.chance(0.3) ? rnd.pick(RATING_COMMENTS) : null;
      // Rated on the status page: a rating row beside the event (writer.ts).
      if (ratedAt < closeEstimate(life, resolvedAt))
        life.o.store.push(
          i,
          Math.max(ratedAt, life.last),
          'ticket.rated',
          -1,
          `{"rating":{"from":null,"to":${score}},"author":{"from":null,"to":"resident"}}`,
          said,
          score,
        );
    }
  }
  if (reopenAt !== Infinity) {
    const who = rnd.next();
    const by: TransitionActor =
      who < 0.5 || (who >= 0.8 && staff.agents.length === 0) ? 'resident' : who < 0.8 ? 'triage' : 'agent';
    const actor =
      by === 'triage'
        ? rnd.pick(staff.triage)
        : by === 'agent' && staff.agents.length > 0
          ? rnd.pick(staff.agents)
          : -1;
    const at = by === 'resident' ? reopenAt : calendar.clampToOffice(reopenAt);
    const extra = by === 'resident' ? '"author":{"from":null,"to":"resident"}' : '';
    if (!life.move(at, 'reopened', 'ticket.reopened', by, actor, {}, rnd.pick(REOPEN_REASONS), extra)) return;
    life.segment(life.last, 'unit', handler);
    if (!life.move(life.office(life.last, pace.acceptMedianMin), 'accepted', 'ticket.accepted', 'unit_staff', handler))
      return;
    if (
      rnd.chance(0.5) &&
      !life.move(life.office(life.last, 60), 'in_progress', 'ticket.started', 'unit_staff', handler)
    )
      return;
    if (!resolve(life, life.office(life.last, 600), handler)) return;
    life.segment(life.last, 'resident', -1);
  }
  const by = rnd.pick(staff.triage);
  const closeAt = calendar.clampToOffice(life.last + rnd.logNormal(7 * DAY, 0.5));
  life.move(closeAt, 'closed', 'ticket.closed', 'triage', by, {}, rnd.chance(0.3) ? rnd.pick(CLOSE_REASONS) : null);
}

/** Rough time the ticket will be closed, so a rating planned later does not come after the period's end. */
function closeEstimate(life: Life, resolvedAt: number): number {
  return Math.min(life.o.endMs, resolvedAt + 60 * DAY);
}

function resolve(life: Life, at: number, handler: number): boolean {
  const { tickets: t, ref, store } = life.o;
  const i = life.i;
  const rnd = life.rnd;
  if (TYPES[t.type[i]!] === 'idea') {
    const accepted = rnd.chance(LIFE.ideaAccepted);
    const decision = accepted ? 'accepted' : 'rejected';
    const justification = rnd.pick(accepted ? IDEA_ACCEPTED : IDEA_REJECTED);
    const ok = life.move(
      at,
      'resolved',
      'ticket.idea_decided',
      'unit_staff',
      handler,
      { resolution: store.texts.id(justification) },
      null,
      `"ideaDecision":${json({ from: life.ideaDecision, to: decision })}`,
    );
    if (ok) life.ideaDecision = decision;
    return ok;
  }
  const answer = rnd.pick(textsOf(ref.categories[t.category[i]!]!.code).resolutions);
  return life.move(at, 'resolved', 'ticket.resolved', 'unit_staff', handler, { resolution: store.texts.id(answer) });
}

/** Notes along the way, then the ticket as it stands at the end. */
function done(life: Life): Life {
  life.finish();
  const { tickets: t, store, notesScale, calendar, endMs } = life.o;
  const i = life.i;
  const rnd = life.rnd;
  const created = t.created[i]!;
  const segments = life.segments;
  const finished = ['resolved', 'closed', 'rejected', 'duplicate'].includes(life.status);
  const activeEnd = Math.min(endMs, finished ? life.last : endMs);
  const activeDays = Math.max(0, (activeEnd - created) / DAY);
  const notes = rnd.poisson(notesScale * Math.sqrt(Math.min(activeDays, 60) + 0.1));
  for (let k = 0; k < notes; k++) {
    const at = created + 5 * MINUTE + rnd.next() * (activeEnd - created - 5 * MINUTE);
    if (!(at > created) || at > endMs) continue;
    let s = segments.length - 1;
    while (s > 0 && segments[s]!.from > at) s--;
    const seg = segments[s]!;
    const segEnd = s + 1 < segments.length ? segments[s + 1]!.from : Infinity;
    const staffAt = calendar.clampToOffice(at);
    const byStaff =
      seg.kind !== 'resident' && seg.actor >= 0 && staffAt < segEnd && staffAt <= endMs && !rnd.chance(0.25);
    if (!byStaff) {
      store.push(
        i,
        at,
        'ticket.resident_message',
        -1,
        '{"author":{"from":null,"to":"resident"}}',
        rnd.pick(RESIDENT_MESSAGES),
      );
    } else if (seg.kind === 'unit' && rnd.chance(0.2)) {
      store.push(i, staffAt, 'ticket.answered', seg.actor, '{}', rnd.pick(PROGRESS_ANSWERS));
    } else {
      store.push(
        i,
        staffAt,
        'ticket.commented',
        seg.actor,
        '{}',
        rnd.pick(seg.kind === 'unit' ? UNIT_NOTES : TRIAGE_NOTES),
      );
    }
  }

  t.status[i] = STATUS_CODE.get(life.status)!;
  t.unit[i] = life.unit;
  t.finalRule[i] = life.rule;
  t.informed[i] = life.informed.length > 0 ? 1 : 0;
  t.assignee[i] = life.assignee;
  t.resolution[i] = life.resolution;
  t.due[i] = life.due;
  t.escalatedAt[i] = life.escalatedAt;
  t.waitingSince[i] = life.waitingSince;
  t.waitingQuestion[i] = life.waitingQuestion;
  t.updatedAt[i] = life.updatedAt;
  t.version[i] = life.version;
  t.duplicateOf[i] = life.duplicateOf;
  t.ideaDecision[i] = life.ideaDecision === 'accepted' ? 1 : life.ideaDecision === 'rejected' ? 2 : 0;
  t.openUntil[i] = life.openUntil;
  return life;
}

/** Plans tickets [from, to) (every `stride`-th one when sampling). */
export function planLives(
  ctx: LifeContext,
  from = 0,
  to = ctx.o.tickets.n,
  stride = 1,
  onProgress?: (done: number) => void,
) {
  for (let i = from; i < to; i += stride) {
    live(ctx, i);
    if (onProgress && i % 50_000 === 0) onProgress(i);
  }
}
