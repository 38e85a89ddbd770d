// The city's tickets before their lives: when and how each came in (a call, the web form, e-mail, Open311, the
// portal, the Mayor's office), its type, category by season, district by population, street, reporter, the
// category's questions answered, its priority and due date by the deadline policies, and its number.
import { checkAttributeAnswers, type Channel, type TicketPriority, type TicketType } from '@kck/contracts';
import { dueAtUnder, pickPolicy, type DeadlinePolicyRow } from '@kck/backend/deadlines/deadline-policies';
import type { Calendar } from './calendar.ts';
import { CALL_TICKET, formatPhone, type CallSet } from './calls.ts';
import { hourWeights, type PeriodDay } from './days.ts';
import {
  CATEGORY_SHAPES,
  CHANNEL_WEIGHTS,
  DISTRICT_CENTRES,
  DISTRICT_POPULATION,
  IDEA_CATEGORY_WEIGHTS,
  INFORMATION_CATEGORY_WEIGHTS,
  OFFICE_HOURS_PROFILE,
  ONLINE_HOURS,
  TYPE_WEIGHTS,
  UNKNOWN_CATEGORY_SHAPE,
  UNKNOWN_CHANNEL_WEIGHT,
  type CategoryShape,
} from './model.ts';
import { Random, apportion, cumulative, mixSeed } from './random.ts';
import type { Reference } from './reference.ts';
import {
  CATEGORY_TEXTS,
  EXTRA_SENTENCES,
  FEMALE_NAMES,
  GENERIC_TEXTS,
  MALE_NAMES,
  NO_PLACE,
  SURNAMES,
  femaleSurname,
  type CategoryTexts,
} from './texts.ts';
import { Interned } from './events.ts';

export const TYPES = ['problem', 'idea', 'information'] as const satisfies readonly TicketType[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
/** Reporter data a ticket carries, as bits. */
export const REPORTER = { name: 1, phone: 2, email: 4 } as const;

export const textsOf = (code: string): CategoryTexts => CATEGORY_TEXTS[code] ?? GENERIC_TEXTS;

export class TicketSet {
  readonly created: Float64Array;
  /** Index into Reference.channels. */
  readonly channel: Uint8Array;
  readonly type: Uint8Array;
  readonly category: Int16Array;
  readonly district: Int16Array;
  /** Index into the district's streets, -1 none. */
  readonly street: Int16Array;
  readonly house: Int16Array;
  readonly located: Uint8Array;
  readonly priority: Uint8Array;
  readonly title: Uint8Array;
  readonly description: Uint8Array;
  readonly extra: Int8Array;
  readonly call: Int32Array;
  readonly createdBy: Int32Array;
  readonly reporter: Uint8Array;
  /** Index into `attributes`, -1: none. */
  readonly attributeId: Int32Array;
  readonly attributes = new Interned();
  /** Due date by the policies at intake. */
  readonly dueAtIntake: Float64Array;
  /** The routing rule that matches (index into Reference.rules), -1: triage. */
  readonly rule: Int16Array;
  readonly ruleKeyword: (string | null)[];
  /** The number's place in its year. */
  readonly sequence: Int32Array;
  readonly year: Int16Array;

  // The ticket as it is at the end of the period, written by life.ts.
  readonly status: Uint8Array;
  readonly unit: Int16Array;
  readonly finalRule: Int16Array;
  readonly informed: Uint8Array;
  readonly assignee: Int32Array;
  readonly resolution: Int32Array;
  readonly due: Float64Array;
  readonly escalatedAt: Float64Array;
  readonly waitingSince: Float64Array;
  readonly waitingQuestion: Int32Array;
  readonly updatedAt: Float64Array;
  readonly version: Int32Array;
  readonly duplicateOf: Int32Array;
  readonly ideaDecision: Uint8Array;
  /** When the ticket first stopped taking duplicates (resolved, rejected, merged, closed). */
  readonly openUntil: Float64Array;

  constructor(readonly n: number) {
    this.created = new Float64Array(n);
    this.channel = new Uint8Array(n);
    this.type = new Uint8Array(n);
    this.category = new Int16Array(n);
    this.district = new Int16Array(n).fill(-1);
    this.street = new Int16Array(n).fill(-1);
    this.house = new Int16Array(n);
    this.located = new Uint8Array(n);
    this.priority = new Uint8Array(n);
    this.title = new Uint8Array(n);
    this.description = new Uint8Array(n);
    this.extra = new Int8Array(n).fill(-1);
    this.call = new Int32Array(n).fill(-1);
    this.createdBy = new Int32Array(n).fill(-1);
    this.reporter = new Uint8Array(n);
    this.attributeId = new Int32Array(n).fill(-1);
    this.dueAtIntake = new Float64Array(n);
    this.rule = new Int16Array(n).fill(-1);
    this.ruleKeyword = new Array<string | null>(n).fill(null);
    this.sequence = new Int32Array(n);
    this.year = new Int16Array(n);
    this.status = new Uint8Array(n);
    this.unit = new Int16Array(n).fill(-1);
    this.finalRule = new Int16Array(n).fill(-1);
    this.informed = new Uint8Array(n);
    this.assignee = new Int32Array(n).fill(-1);
    this.resolution = new Int32Array(n).fill(-1);
    this.due = new Float64Array(n);
    this.escalatedAt = new Float64Array(n).fill(NaN);
    this.waitingSince = new Float64Array(n).fill(NaN);
    this.waitingQuestion = new Int32Array(n).fill(-1);
    this.updatedAt = new Float64Array(n);
    this.version = new Int32Array(n).fill(1);
    this.duplicateOf = new Int32Array(n).fill(-1);
    this.ideaDecision = new Uint8Array(n);
    this.openUntil = new Float64Array(n).fill(Infinity);
  }

  number(i: number): string {
    return `KCK/${this.year[i]}/${String(this.sequence[i]).padStart(6, '0')}`;
  }
}

export interface TicketPlanOptions {
  calendar: Calendar;
  days: PeriodDay[];
  total: number;
  calls: CallSet;
  ref: Reference;
  /** User indices of KP-02's staff, who register matters for the Mayor. */
  mayorStaff: number[];
  /** Numbers already taken per year (ticket_number_counter), so the generated ones follow them. */
  takenNumbers: Map<number, number>;
  hours: { start: number; end: number };
  seed: number;
}

const isMayor = (channel: string) => channel === 'mayor' || channel === 'mayor_office';

/** When each non-phone ticket came in: channels split the count, days by their weight, hours by the channel. */
function arrivals(options: TicketPlanOptions, count: number): { at: number; channel: number }[] {
  const { ref, days, calendar, seed } = options;
  const channels = ref.channels.flatMap((c, i) => (c === 'phone' ? [] : [i]));
  if (count > 0 && channels.length === 0) throw new Error('no channel besides the phone to receive tickets by');
  const perChannel = apportion(
    count,
    channels.map((c) => CHANNEL_WEIGHTS[ref.channels[c]!] ?? UNKNOWN_CHANNEL_WEIGHT),
  );
  const out: { at: number; channel: number }[] = [];
  for (const [k, channel] of channels.entries()) {
    const code = ref.channels[channel]!;
    const profile = isMayor(code) ? OFFICE_HOURS_PROFILE : ONLINE_HOURS;
    // Online channels are used at weekends too; the Mayor's office registers matters on working days.
    const weights = days.map((d) => {
      const cut = hourWeights(profile, d.startHour, d.endHour).reduce((a, b) => a + b, 0);
      const base = d.working ? d.weight : isMayor(code) ? 0 : 0.55;
      return base * cut;
    });
    const perDay = apportion(perChannel[k]!, weights.some((w) => w > 0) ? weights : days.map(() => 1));
    for (const [j, day] of days.entries()) {
      if (perDay[j] === 0) continue;
      const rnd = new Random(mixSeed(seed, 0xa77, channel, day.d));
      const hours = hourWeights(profile, day.startHour, day.endHour);
      const cdf = cumulative(hours.some((w) => w > 0) ? hours : hours.map(() => 1));
      for (let i = 0; i < perDay[j]!; i++) {
        const h = rnd.weighted(cdf);
        const from = Math.max(h, day.startHour);
        const to = Math.min(h + 1, day.endHour);
        out.push({ at: calendar.dayStart(day.d) + (from + (to - from) * rnd.next()) * 3_600_000, channel });
      }
    }
  }
  return out;
}

export function planTicketBases(options: TicketPlanOptions): TicketSet {
  const { calls, ref, calendar, seed } = options;
  const phone = ref.channels.indexOf('phone');
  const sources: { at: number; channel: number; call: number }[] = [];
  for (let c = 0; c < calls.n; c++) {
    if (calls.ticket[c]) sources.push({ at: calls.recorded[c]!, channel: phone, call: c });
  }
  for (const a of arrivals(options, options.total - sources.length)) sources.push({ ...a, call: -1 });
  // Whole milliseconds, as the history's times (events.ts).
  for (const source of sources) source.at = Math.round(source.at);
  sources.sort((a, b) => a.at - b.at || a.call - b.call);
  const tickets = new TicketSet(sources.length);

  const leaves = ref.categories.flatMap((c, i) => (c.leaf && c.active && c.parentIdx >= 0 ? [i] : []));
  const shapeOf = (i: number): CategoryShape => CATEGORY_SHAPES[ref.categories[i]!.code] ?? UNKNOWN_CATEGORY_SHAPE;
  const problemLeaves = leaves.filter((i) => !ref.categories[i]!.code.startsWith('ideas.'));
  const fromWeights = (weights: Record<string, number>) => {
    const found = Object.entries(weights).flatMap(([code, w]) => {
      const i = ref.categoryIdx.get(code);
      return i !== undefined && ref.categories[i]!.active ? [[i, w] as const] : [];
    });
    return found.length > 0 ? { items: found.map(([i]) => i), cdf: cumulative(found.map(([, w]) => w)) } : null;
  };
  const ideaCategories = fromWeights(IDEA_CATEGORY_WEIGHTS);
  const informationCategories = fromWeights(INFORMATION_CATEGORY_WEIGHTS);
  const seasonal = new Map<string, Float64Array>();
  const problemCdf = (month: number, storm: boolean, snow: boolean) => {
    const key = `${month}|${storm}|${snow}`;
    let cdf = seasonal.get(key);
    if (!cdf) {
      cdf = cumulative(
        problemLeaves.map((i) => {
          const s = shapeOf(i);
          return s.weight * (s.months?.[month - 1] ?? 1) * (storm ? (s.storm ?? 1) : 1) * (snow ? (s.snow ?? 1) : 1);
        }),
      );
      seasonal.set(key, cdf);
    }
    return cdf;
  };
  const districtCdf = cumulative(ref.districts.map((d) => DISTRICT_POPULATION[d.code] ?? 40_000));
  const typeCdfs = new Map<string, Float64Array>();
  const typeCdf = (channel: string) => {
    let cdf = typeCdfs.get(channel);
    if (!cdf) typeCdfs.set(channel, (cdf = cumulative(TYPE_WEIGHTS[channel] ?? TYPE_WEIGHTS.default!)));
    return cdf;
  };
  const policies = new Map<string, DeadlinePolicyRow | null>();
  const dues = new Map<string, number>();
  const dayOfPeriod = new Map(options.days.map((d) => [d.d, d]));
  const years = new Map(options.takenNumbers);

  for (const [i, source] of sources.entries()) {
    const rnd = new Random(mixSeed(seed, 0x71c, i));
    const channel = ref.channels[source.channel]!;
    tickets.created[i] = source.at;
    tickets.channel[i] = source.channel;
    tickets.call[i] = source.call;
    const d = calendar.dayOf(source.at);
    const day = dayOfPeriod.get(d);
    const month = Number(calendar.dates[d]!.slice(5, 7));

    let type: number;
    if (source.call >= 0) {
      const t = calls.ticket[source.call]!;
      type = t === CALL_TICKET.idea ? 1 : t === CALL_TICKET.information ? 2 : 0;
      tickets.createdBy[i] = calls.agent[source.call]!;
    } else {
      type = rnd.weighted(typeCdf(channel));
      if (isMayor(channel) && options.mayorStaff.length > 0) tickets.createdBy[i] = rnd.pick(options.mayorStaff);
    }
    tickets.type[i] = type;

    let category: number;
    const special = type === 1 ? ideaCategories : type === 2 ? informationCategories : null;
    if (special && rnd.chance(0.9)) category = special.items[rnd.weighted(special.cdf)]!;
    else category = problemLeaves[rnd.weighted(problemCdf(month, day?.storm ?? false, day?.snow ?? false))]!;
    tickets.category[i] = category;
    const categoryCode = ref.categories[category]!.code;
    const shape = shapeOf(category);

    if (ref.districts.length > 0 && !rnd.chance(shape.noPlace ?? 0.03)) {
      const district = rnd.weighted(districtCdf);
      tickets.district[i] = district;
      const streets = ref.streets[district]!;
      if (streets.length > 0 && !rnd.chance(0.05)) {
        tickets.street[i] = rnd.int(streets.length);
        tickets.house[i] = 1 + Math.floor(rnd.exponential(25));
      }
      const locatedShare = { open311: 0.95, web_form: 0.7, kpum: 0.5, phone: 0.15 }[channel] ?? 0.1;
      tickets.located[i] = rnd.chance(locatedShare) ? 1 : 0;
    }

    let priority = 1;
    if (type === 0) {
      const r = rnd.next();
      if (r < (shape.urgent ?? 0.01)) priority = 3;
      else if (r < (shape.urgent ?? 0.01) + (shape.high ?? 0.06)) priority = 2;
      else if (r > 0.96) priority = 0;
    } else if (isMayor(channel) && rnd.chance(0.1)) priority = 2;
    else if (type === 2 && rnd.chance(0.02)) priority = 3;
    tickets.priority[i] = priority;

    const texts = textsOf(categoryCode);
    tickets.title[i] = rnd.int(texts.titles.length);
    tickets.description[i] = rnd.int(texts.descriptions.length);
    if (rnd.chance(0.3)) tickets.extra[i] = rnd.int(EXTRA_SENTENCES.length);

    const shares: Record<string, [name: number, phone: number, email: number]> = {
      phone: [0.6, 1, 0.2],
      web_form: [0.85, 0.3, 0.95],
      email: [0.7, 0.15, 1],
      open311: [0.3, 0.1, 0.6],
      kpum: [1, 0.4, 1],
    };
    const [name, phoneShare, email] = shares[channel] ?? (isMayor(channel) ? [1, 0.5, 0.5] : [0.7, 0.3, 0.7]);
    let reporter = 0;
    if (rnd.chance(name)) reporter |= REPORTER.name;
    if (source.call >= 0 ? calls.phone[source.call] !== 0 : rnd.chance(phoneShare)) reporter |= REPORTER.phone;
    if (rnd.chance(email)) reporter |= REPORTER.email;
    tickets.reporter[i] = reporter;

    const rules = ref.attributeRules.get(ref.categories[category]!.id);
    if (rules && rules.length > 0) {
      const answers: Record<string, unknown> = {};
      for (const rule of rules) {
        if (!rule.active || (!rule.required && rnd.chance(0.4))) continue;
        const offered = rule.values.filter((v) => v.active).map((v) => v.key);
        if (rule.datatype === 'singlevaluelist' && offered.length > 0) answers[rule.code] = rnd.pick(offered);
        else if (rule.datatype === 'multivaluelist' && offered.length > 0)
          answers[rule.code] = [...new Set([rnd.pick(offered), rnd.pick(offered)])];
        else if (rule.datatype === 'number') answers[rule.code] = 1 + rnd.int(50);
        else if (rule.datatype === 'datetime') answers[rule.code] = new Date(source.at).toISOString();
        else if (rule.datatype === 'string') answers[rule.code] = `L-${1000 + rnd.int(9000)}`;
        else if (rule.required) answers[rule.code] = 'Brak dodatkowych informacji';
      }
      const checked = checkAttributeAnswers(rules, answers);
      if (checked.problems.length === 0 && Object.keys(checked.answers).length > 0)
        tickets.attributeId[i] = tickets.attributes.id(JSON.stringify(checked.answers));
    }

    const key = `${type}|${category}|${priority}|${channel}`;
    let policy = policies.get(key);
    if (policy === undefined) {
      policy = pickPolicy(ref.deadlines, {
        type: TYPES[type]!,
        categoryId: ref.categories[category]!.id,
        priority: PRIORITIES[priority]!,
        channel: channel as Channel,
      });
      policies.set(key, policy);
    }
    // A policy in days gives every ticket of a day the same due date: computed once per policy and day.
    if (policy?.workingHours) tickets.dueAtIntake[i] = dueAtUnder(policy, new Date(source.at), options.hours).getTime();
    else {
      const dueKey = `${key}|${d}`;
      let due = dues.get(dueKey);
      if (due === undefined) dues.set(dueKey, (due = dueAtUnder(policy, new Date(source.at), options.hours).getTime()));
      tickets.dueAtIntake[i] = due;
    }

    // Numbered in creation order within each year in Kraków, after the numbers already taken.
    const year = Number(calendar.dates[d]!.slice(0, 4));
    const next = (years.get(year) ?? 0) + 1;
    if (next > 999_999) throw new Error(`more than 999,999 tickets in ${year}: the number format has six digits`);
    years.set(year, next);
    tickets.year[i] = year;
    tickets.sequence[i] = next;
  }
  return tickets;
}

const mailboxes = new Map<string, string>();

/** jan.kowalski for Jan Kowalski, ł and accents dropped; a few hundred names, so kept once each. */
function mailboxOf(first: string, last: string): string {
  const name = `${first}.${last}`;
  let mailbox = mailboxes.get(name);
  if (mailbox === undefined) {
    mailbox = name
      .toLowerCase()
      .replace(/ł/g, 'l')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '');
    mailboxes.set(name, mailbox);
  }
  return mailbox;
}

export interface TicketWords {
  title: string;
  description: string;
  address: string | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  latitude: number | null;
  longitude: number | null;
}

/**
 * A ticket's words and reporter, the same every time they are asked for (routing reads them before they are
 * written): drawn from the ticket's own generator.
 */
export function describeTicket(
  tickets: TicketSet,
  ref: Reference,
  calls: CallSet,
  seed: number,
  i: number,
): TicketWords {
  const rnd = new Random(mixSeed(seed, 0x4e7, i));
  const texts = textsOf(ref.categories[tickets.category[i]!]!.code);
  const district = tickets.district[i]!;
  const street = tickets.street[i]!;
  const address = street >= 0 ? `${ref.streets[district]![street]} ${tickets.house[i]}` : null;
  const place = address ?? rnd.pick(NO_PLACE);
  let description = texts.descriptions[tickets.description[i]!]!.replace('{place}', place);
  if (tickets.extra[i]! >= 0) description += ` ${EXTRA_SENTENCES[tickets.extra[i]!]}`;
  const reporter = tickets.reporter[i]!;
  const female = rnd.chance(0.55);
  const surname = rnd.pick(SURNAMES);
  const first = rnd.pick(female ? FEMALE_NAMES : MALE_NAMES);
  const last = female ? femaleSurname(surname) : surname;
  const call = tickets.call[i]!;
  const ownPhone = formatPhone((5 + rnd.int(4)) * 100_000_000 + rnd.int(100_000_000));
  const phone = reporter & REPORTER.phone ? (call >= 0 ? formatPhone(calls.phone[call]!) : ownPhone) : null;
  const mailbox = mailboxOf(first, last);
  const email = `${mailbox}${rnd.int(100)}@poczta.example`;
  const centre = district >= 0 ? DISTRICT_CENTRES[ref.districts[district]!.code] : undefined;
  const located = tickets.located[i] === 1 && centre !== undefined;
  const latitude = located ? Math.round((centre[0] + rnd.between(-0.012, 0.012)) * 1e6) / 1e6 : null;
  const longitude = located ? Math.round((centre[1] + rnd.between(-0.018, 0.018)) * 1e6) / 1e6 : null;
  return {
    title: texts.titles[tickets.title[i]!]!,
    description,
    address,
    name: reporter & REPORTER.name ? `${first} ${last}` : null,
    phone,
    email: reporter & REPORTER.email ? email : null,
    latitude,
    longitude,
  };
}
