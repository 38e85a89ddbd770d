// The soak's pure parts: the seeded chaos plan, which requests fell in a fault's window, latency and memory
// figures, and the checker that compares what the load sent with what PostgreSQL holds at the end.
import { percentile, round } from '../bench-support.ts';

/** Small, seeded and fast (mulberry32): the same seed gives the same chaos plan. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FAULT_KINDS = ['redis', 'redis-kill', 'worker', 'backend'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface PlannedFault {
  /** Seconds after the load started. */
  at: number;
  kind: FaultKind;
}

/**
 * When the chaos loop strikes: about `perMinute` faults a minute (at least one of each kind), at random moments
 * between the end of the warm-up and `quietTailS` before the load stops, at least `minGapS` apart (a fault's
 * restart must be over before the next one), kinds shuffled so every kind comes up in turn.
 */
export function planFaults(
  rnd: () => number,
  options: { durationS: number; warmupS: number; quietTailS: number; minGapS: number; perMinute: number },
): PlannedFault[] {
  const from = options.warmupS;
  const to = options.durationS - options.quietTailS;
  const span = Math.max(0, to - from);
  const wanted = Math.max(FAULT_KINDS.length, Math.round((options.durationS / 60) * options.perMinute));
  const count = Math.min(wanted, Math.floor(span / options.minGapS) + 1);
  if (count <= 0 || span <= 0) return [];
  // Random gaps on top of the minimum ones, scaled to fill the span: sorted and spaced by construction.
  const slack = span - (count - 1) * options.minGapS;
  const cuts = Array.from({ length: count }, () => rnd() * slack).sort((a, b) => a - b);
  const kinds: FaultKind[] = [];
  while (kinds.length < count) {
    const round = [...FAULT_KINDS];
    for (let i = round.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [round[i], round[j]] = [round[j]!, round[i]!];
    }
    kinds.push(...round);
  }
  return cuts.map((cut, i) => ({ at: round(from + cut + i * options.minGapS), kind: kinds[i]! }));
}

/** A fault as it happened: from the action's start until the process was back (ms, any common clock). */
export interface FaultWindow {
  kind: FaultKind;
  startMs: number;
  endMs: number;
}

/** Whether a request that started at `startMs` and ended at `endMs` overlapped a fault or its `afterMs` tail. */
export function duringFault(windows: FaultWindow[], startMs: number, endMs: number, afterMs: number): boolean {
  return windows.some((w) => startMs <= w.endMs + afterMs && endMs >= w.startMs);
}

export interface Sample {
  kind: string;
  startMs: number;
  endMs: number;
}

/** p50/p95 per request kind and over all, split into requests during faults and outside them. */
export function latencyFigures(
  samples: Sample[],
  windows: FaultWindow[],
  afterMs: number,
): {
  all: { during: { n: number; p50: number; p95: number }; outside: { n: number; p50: number; p95: number } };
  byKind: Record<string, { during: { n: number; p95: number }; outside: { n: number; p95: number } }>;
} {
  const split = (list: Sample[]) => {
    const during: number[] = [];
    const outside: number[] = [];
    for (const s of list)
      (duringFault(windows, s.startMs, s.endMs, afterMs) ? during : outside).push(s.endMs - s.startMs);
    during.sort((a, b) => a - b);
    outside.sort((a, b) => a - b);
    return { during, outside };
  };
  const { during, outside } = split(samples);
  const byKind: Record<string, { during: { n: number; p95: number }; outside: { n: number; p95: number } }> = {};
  for (const kind of [...new Set(samples.map((s) => s.kind))].sort()) {
    const parts = split(samples.filter((s) => s.kind === kind));
    byKind[kind] = {
      during: { n: parts.during.length, p95: round(percentile(parts.during, 95)) },
      outside: { n: parts.outside.length, p95: round(percentile(parts.outside, 95)) },
    };
  }
  const summary = (list: number[]) => ({
    n: list.length,
    p50: round(percentile(list, 50)),
    p95: round(percentile(list, 95)),
  });
  return { all: { during: summary(during), outside: summary(outside) }, byKind };
}

/** RSS samples of one process (ms since the load started, kB). */
export interface RssSample {
  atMs: number;
  kb: number;
}

/**
 * Memory growth of one process in % of its size after warm-up, per hour: a least-squares slope over the samples
 * taken after `warmupMs` (one reading each end would turn a garbage collection into a trend). Null when fewer
 * than three samples or under a minute of them.
 */
export function rssGrowthPctPerHour(samples: RssSample[], warmupMs: number): number | null {
  const after = samples.filter((s) => s.atMs >= warmupMs);
  if (after.length < 3) return null;
  const spanMs = after[after.length - 1]!.atMs - after[0]!.atMs;
  if (spanMs < 60_000) return null;
  const n = after.length;
  const mx = after.reduce((s, p) => s + p.atMs, 0) / n;
  const my = after.reduce((s, p) => s + p.kb, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of after) {
    num += (p.atMs - mx) * (p.kb - my);
    den += (p.atMs - mx) ** 2;
  }
  const slopeKbPerMs = den === 0 ? 0 : num / den;
  const base = my - slopeKbPerMs * (mx - after[0]!.atMs); // the fitted size at the first sample after warm-up
  if (base <= 0) return null;
  return round(((slopeKbPerMs * 3_600_000) / base) * 100);
}

/** What the load sent: a key of its own per record, and whether the API ever answered it with a 2xx. */
export interface SentRecord {
  key: string;
  acknowledged: boolean;
}

/** What PostgreSQL holds per key at the end: rows found and whether each reached its final state. */
export interface StoredRecord {
  count: number;
  settled: boolean;
}

export interface RecordCheck {
  sent: number;
  /** Answered 2xx (at some attempt) and not in the database. */
  lostAcknowledged: number;
  /** Never answered 2xx after every retry, and not in the database either. */
  neverThrough: number;
  /** Never answered 2xx, yet in the database (a write whose answer was lost): not a loss. */
  storedUnacknowledged: number;
  duplicated: number;
  /** In the database once but not in its final state (e.g. a ticket never routed). */
  stuck: number;
  /** In the database with a key the load never sent. */
  unexpected: number;
  examples: string[];
}

/** Compares sent with stored, key by key. */
export function checkRecords(sent: SentRecord[], stored: Map<string, StoredRecord>): RecordCheck {
  const out: RecordCheck = {
    sent: sent.length,
    lostAcknowledged: 0,
    neverThrough: 0,
    storedUnacknowledged: 0,
    duplicated: 0,
    stuck: 0,
    unexpected: 0,
    examples: [],
  };
  const note = (what: string) => void (out.examples.length < 5 && out.examples.push(what));
  const keys = new Set<string>();
  for (const record of sent) {
    keys.add(record.key);
    const row = stored.get(record.key);
    if (!row || row.count === 0) {
      if (record.acknowledged) {
        out.lostAcknowledged++;
        note(`lost (acknowledged): ${record.key}`);
      } else {
        out.neverThrough++;
        note(`never got through: ${record.key}`);
      }
      continue;
    }
    if (!record.acknowledged) out.storedUnacknowledged++;
    if (row.count > 1) {
      out.duplicated++;
      note(`stored ${row.count} times: ${record.key}`);
    } else if (!row.settled) {
      out.stuck++;
      note(`not in its final state: ${record.key}`);
    }
  }
  for (const key of stored.keys())
    if (!keys.has(key)) {
      out.unexpected++;
      note(`stored but never sent: ${key}`);
    }
  return out;
}

/** Event ids a client should have heard and did not (ascending). */
export function missedEvents(expected: Iterable<number>, heard: ReadonlySet<number>): number[] {
  const missed: number[] = [];
  for (const id of expected) if (!heard.has(id)) missed.push(id);
  return missed.sort((a, b) => a - b);
}
