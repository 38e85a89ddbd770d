// The shape of the generated city: how its 800,000 residents call and write, by weekday, hour and season;
// what they report where; how fast each unit answers. Numbers, not code: the generator draws from them.
import { CALLS_PER_HOUR } from '../cti-sim.ts';

/** Residents per district (Kraków's 18 dzielnice, rounded register figures plus those not registered). */
export const DISTRICT_POPULATION: Record<string, number> = {
  I: 34_000,
  II: 31_000,
  III: 50_000,
  IV: 79_000,
  V: 33_000,
  VI: 25_000,
  VII: 23_000,
  VIII: 68_000,
  IX: 17_500,
  X: 31_000,
  XI: 57_000,
  XII: 71_000,
  XIII: 42_000,
  XIV: 31_000,
  XV: 57_000,
  XVI: 42_000,
  XVII: 22_500,
  XVIII: 56_000,
};

/** Rough centre of each district, for reports that come with a point on the map. */
export const DISTRICT_CENTRES: Record<string, [lat: number, lon: number]> = {
  I: [50.0614, 19.9366],
  II: [50.0589, 19.963],
  III: [50.09, 19.97],
  IV: [50.093, 19.925],
  V: [50.073, 19.912],
  VI: [50.08, 19.885],
  VII: [50.055, 19.87],
  VIII: [50.03, 19.91],
  IX: [50.023, 19.935],
  X: [49.99, 19.94],
  XI: [50.01, 19.96],
  XII: [50.015, 20.01],
  XIII: [50.04, 19.97],
  XIV: [50.07, 20.01],
  XV: [50.095, 20.01],
  XVI: [50.085, 20.03],
  XVII: [50.095, 20.07],
  XVIII: [50.07, 20.08],
};

/** Monday … Sunday share of a normal day's calls (index 0 is Sunday, as Date.getDay). */
export const WEEKDAY_FACTOR = [0.1, 1.15, 1.05, 1.0, 0.98, 0.9, 0.17];
/** Public holidays are as quiet as a Sunday. */
export const HOLIDAY_FACTOR = 0.12;
/** January … December. */
export const MONTH_FACTOR = [1.05, 1.0, 1.02, 0.98, 1.0, 0.95, 0.88, 0.85, 1.02, 1.05, 1.05, 0.92];
/** Over two years the city's channels get known: volume grows by this much from the first day to the last. */
export const GROWTH = 0.08;

/** Calls per hour of a weekday (cti-sim's profile); weekends are flatter and later. */
export const WEEKDAY_HOURS: readonly number[] = CALLS_PER_HOUR;
export const WEEKEND_HOURS = [
  2, 1, 1, 1, 1, 2, 5, 20, 60, 100, 120, 120, 110, 100, 90, 80, 70, 50, 35, 25, 15, 10, 6, 3,
];
/** Web forms, e-mail, Open311 and the portal arrive around the clock, peaking in the evening. */
export const ONLINE_HOURS = [8, 5, 3, 2, 2, 3, 8, 20, 40, 55, 60, 60, 58, 55, 55, 55, 58, 62, 68, 75, 78, 65, 40, 18];
/** Matters for the Mayor are registered in office hours. */
export const OFFICE_HOURS_PROFILE = [0, 0, 0, 0, 0, 0, 0, 20, 60, 80, 80, 75, 70, 65, 50, 20, 0, 0, 0, 0, 0, 0, 0, 0];

/** Channels other than the phone, by weight; a channel contracts add later gets a small share. */
export const CHANNEL_WEIGHTS: Record<string, number> = {
  web_form: 40,
  email: 28,
  open311: 12,
  kpum: 13,
  mayor: 7,
  mayor_office: 7,
};
export const UNKNOWN_CHANNEL_WEIGHT = 3;

/** At most this share of tickets comes from calls, however many calls there are. */
export const PHONE_TICKET_SHARE_CAP = 0.85;
/** About one answered call in three creates a ticket. */
export const CALLS_PER_TICKET = 3;

/** Call topics of calls that give information, by weight (calls that create tickets are problem_report / idea). */
export const INFORMATION_TOPIC_WEIGHTS: Record<string, number> = {
  city_services: 42,
  unit_scope: 20,
  events: 11,
  elections: 1.5,
  other: 12,
};
/** Outcomes of calls that give information. */
export const INFORMATION_OUTCOMES: [outcome: string, weight: number][] = [
  ['information_given', 88],
  ['transferred', 8],
  ['dropped', 4],
];

/** Median talk time in seconds by topic (log-normal, sigma 0.45). */
export const TALK_MEDIAN_S: Record<string, number> = {
  city_services: 190,
  unit_scope: 120,
  events: 110,
  elections: 150,
  problem_report: 260,
  idea: 240,
  survey: 300,
  other: 150,
};
export const TALK_SIGMA = 0.45;
/** Wrap-up after hanging up, seconds; a ticket takes longer to write. */
export const WRAP_UP_S: [number, number] = [15, 75];
export const WRAP_UP_TICKET_S: [number, number] = [40, 150];
/** A caller waits this long on average before giving up in the queue. */
export const PATIENCE_MEAN_S = 90;
/** Share of callers who hang up while it rings at an agent. */
export const RING_ABANDON_SHARE = 0.03;
/** Outbound calls (call-backs and surveys) among all calls. */
export const OUTBOUND_SHARE = 0.04;

/** Agent shifts on weekdays: [start hour, end hour, share of the roster]. */
export const WEEKDAY_SHIFTS: [number, number, number][] = [
  [7, 15, 0.5],
  [9, 17, 0.32],
  [12, 20, 0.18],
];
/** Weekends and holidays: a small team. */
export const WEEKEND_SHIFT: [number, number, number] = [8, 18, 0.16];
export const ABSENCE_SHARE = 0.08;

/**
 * Categories of problems by weight, with seasonal factors by month (January first). Storms raise fallen trees
 * and flooded sewers; snow and thaw raise pavements and potholes.
 */
export interface CategoryShape {
  weight: number;
  months?: number[];
  storm?: number;
  snow?: number;
  /** Share of reports without a place (a timetable, an office). */
  noPlace?: number;
  /** Share of urgent and high-priority reports. */
  urgent?: number;
  high?: number;
}

const WINTER = [1.8, 1.6, 1.2, 1, 1, 1, 1, 1, 1, 1, 1.2, 1.6];
const SPRING_THAW = [1.4, 2, 2, 1.5, 1, 0.8, 0.7, 0.7, 0.8, 0.9, 1, 1.2];
const SUMMER = [0.6, 0.6, 0.8, 1, 1.3, 1.5, 1.6, 1.5, 1.2, 0.9, 0.7, 0.6];
const GROWING = [0.1, 0.1, 0.3, 1.2, 2.5, 2.8, 2.5, 2.2, 1.6, 0.6, 0.1, 0.1];
const DARK = [1.3, 1.2, 1, 0.8, 0.6, 0.5, 0.5, 0.6, 0.9, 1.3, 1.5, 1.5];

export const CATEGORY_SHAPES: Record<string, CategoryShape> = {
  'roads.pothole': { weight: 10, months: SPRING_THAW, snow: 2, urgent: 0.03, high: 0.12 },
  'roads.pavement': { weight: 7, months: WINTER, snow: 4, urgent: 0.02, high: 0.08 },
  'roads.signs': { weight: 4, urgent: 0.03, high: 0.1 },
  'roads.lighting': { weight: 7, months: DARK },
  'greenery.fallen_tree': { weight: 4, months: SUMMER, storm: 6, urgent: 0.15, high: 0.2 },
  'greenery.park': { weight: 4, months: SUMMER },
  'greenery.mowing': { weight: 4, months: GROWING },
  'cleanliness.bins': { weight: 8, months: SUMMER },
  'cleanliness.dumping': { weight: 6, months: SPRING_THAW },
  'cleanliness.missed_collection': { weight: 7, months: [1.5, 1.1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.3] },
  'transport.stop': { weight: 4 },
  'transport.timetable': { weight: 4, months: [1, 1, 1, 1, 1, 0.9, 0.8, 0.9, 1.6, 1.2, 1, 1], noPlace: 0.7 },
  'transport.vehicle': { weight: 3, months: SUMMER, noPlace: 0.75 },
  'water.failure': { weight: 3, months: WINTER, urgent: 0.2, high: 0.2 },
  'water.sewer': { weight: 2, months: SUMMER, storm: 5, urgent: 0.15, high: 0.2 },
  'order.parking': { weight: 9 },
  'order.noise': { weight: 5, months: SUMMER },
  'order.vandalism': { weight: 3 },
  'housing.repair': { weight: 4, months: WINTER, high: 0.1 },
  'animals.stray': { weight: 3, months: SUMMER },
  'city_hall.service_quality': { weight: 2, noPlace: 0.9 },
  'other.other': { weight: 4, noPlace: 0.3 },
};
/** Categories an admin added: a small even share. */
export const UNKNOWN_CATEGORY_SHAPE: CategoryShape = { weight: 1 };

/** Ideas go mostly to the ideas category; some are filed under the matter they improve. */
export const IDEA_CATEGORY_WEIGHTS: Record<string, number> = {
  'ideas.improvement': 70,
  'greenery.park': 8,
  'transport.timetable': 8,
  'roads.signs': 6,
  'cleanliness.bins': 4,
  'order.parking': 4,
};
/** Requests for a written answer. */
export const INFORMATION_CATEGORY_WEIGHTS: Record<string, number> = {
  'other.other': 50,
  'city_hall.service_quality': 20,
  'transport.timetable': 15,
  'housing.repair': 15,
};

/** Ticket types of channels other than the phone: [problem, idea, information]. */
export const TYPE_WEIGHTS: Record<string, [number, number, number]> = {
  default: [86, 6, 8],
  mayor: [70, 15, 15],
  mayor_office: [70, 15, 15],
  open311: [97, 1, 2],
};
/** A problem-report call creates a problem, sometimes a request for a written answer. */
export const PHONE_INFORMATION_SHARE = 0.05;
/** Calls that create a ticket: ideas among them. */
export const PHONE_IDEA_SHARE = 0.05;

/** Where DK-03 forwards what no rule routes, by category; ideas by the unit that decides them. */
export const BY_HAND_UNITS: Record<string, string[]> = {
  'ideas.improvement': ['DK-04', 'ZZM', 'ZDMK', 'ZTP', 'WS'],
  'city_hall.service_quality': ['DK-01', 'KP-04', 'DK'],
  'other.other': ['WS', 'SZ', 'ZBK', 'ZDMK', 'SMMK', 'PP-SEN', 'DK-04'],
};
/** Any other category with no unit for it: one of these. */
export const FALLBACK_UNITS = ['WS', 'SZ', 'DK-04'];

/** Staff per unit receiving tickets (besides DK-03's triage team). */
export const STAFF_PER_UNIT: [minimum: number, per10kTicketsPerYear: number] = [3, 1.2];
export const TRIAGE_STAFF = 8;
export const MAYOR_OFFICE_STAFF = 3;

/** How a unit answers: office minutes until it accepts, and how fast it resolves against its deadline. */
export interface UnitPace {
  acceptMedianMin: number;
  /** Median share of the deadline used (0.45: most answer in under half the time). */
  resolveShare: number;
}
export const UNIT_PACE: Record<string, UnitPace> = {
  ZDMK: { acceptMedianMin: 240, resolveShare: 0.55 },
  ZZM: { acceptMedianMin: 200, resolveShare: 0.45 },
  MPO: { acceptMedianMin: 90, resolveShare: 0.3 },
  ZTP: { acceptMedianMin: 300, resolveShare: 0.5 },
  MPK: { acceptMedianMin: 180, resolveShare: 0.35 },
  WMK: { acceptMedianMin: 45, resolveShare: 0.25 },
  SMMK: { acceptMedianMin: 60, resolveShare: 0.3 },
  ZBK: { acceptMedianMin: 420, resolveShare: 0.7 },
  KTOZ: { acceptMedianMin: 60, resolveShare: 0.25 },
};
export const DEFAULT_PACE: UnitPace = { acceptMedianMin: 360, resolveShare: 0.6 };

/** How tickets' lives go, as shares. */
export const LIFE = {
  /** Merged by DK-03 into an open ticket on the same matter (same category and district, a few days apart). */
  duplicate: 0.035,
  /** Rejected by DK-03 in triage (spam, not a city matter): of tickets in triage, of other routed tickets. */
  rejectInTriage: 0.08,
  rejectRouted: 0.008,
  /** Ideas DK-03 rejects at assessment. */
  rejectIdea: 0.15,
  /** Returned by the unit as not its matter (once per ticket). */
  returned: 0.06,
  /** Accepted ideas, of decided ones. */
  ideaAccepted: 0.35,
  /** Started before resolving (the rest are resolved straight from accepted). */
  started: 0.82,
  waitingForResident: 0.04,
  /** Reopened after the answer (problems and requests only). */
  reopened: 0.03,
  /** Rated by the resident on the status page, of resolved tickets with an e-mail address. */
  rated: 0.12,
  /** Taken by a person (ticket.assigned) before accepting. */
  taken: 0.6,
  /** An answer to the resident written as a comment before resolving. */
  answered: 0.4,
  acceptComment: 0.2,
};
