// The soak's pure parts: its seeded chaos plan, which requests count as during a fault, the latency and memory
// figures, and the checker that compares what the load sent with what PostgreSQL holds.
import { describe, expect, it } from 'vitest';
import {
  FAULT_KINDS,
  checkRecords,
  duringFault,
  latencyFigures,
  missedEvents,
  planFaults,
  rssGrowthPctPerHour,
  seededRandom,
  type FaultWindow,
} from './soak/maths.ts';

const planOptions = { durationS: 120, warmupS: 20, quietTailS: 15, minGapS: 10, perMinute: 2 };

describe('soak chaos plan', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(planFaults(seededRandom(42), planOptions)).toEqual(planFaults(seededRandom(42), planOptions));
    expect(planFaults(seededRandom(42), planOptions)).not.toEqual(planFaults(seededRandom(43), planOptions));
  });

  it('strikes every kind once in two minutes, after the warm-up, spaced, and ends before the quiet tail', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const plan = planFaults(seededRandom(seed), planOptions);
      expect(plan.map((f) => f.kind).sort()).toEqual([...FAULT_KINDS].sort());
      for (const [i, fault] of plan.entries()) {
        expect(fault.at).toBeGreaterThanOrEqual(20);
        expect(fault.at).toBeLessThanOrEqual(105);
        if (i > 0) expect(fault.at - plan[i - 1]!.at).toBeGreaterThanOrEqual(9.9);
      }
    }
  });

  it('fits fewer faults when the span is short, and none when there is no span', () => {
    expect(planFaults(seededRandom(1), { ...planOptions, durationS: 60 })).toHaveLength(3);
    expect(planFaults(seededRandom(1), { ...planOptions, durationS: 30 })).toEqual([]);
    expect(planFaults(seededRandom(1), { ...planOptions, durationS: 1800 })).toHaveLength(60);
  });
});

describe('soak fault windows', () => {
  const windows: FaultWindow[] = [{ kind: 'redis', startMs: 10_000, endMs: 11_000 }];

  it('counts a request as during a fault when it overlaps the fault or the seconds after it', () => {
    expect(duringFault(windows, 9_000, 9_500, 5_000)).toBe(false); // ended before
    expect(duringFault(windows, 9_000, 10_000, 5_000)).toBe(true); // ended as it began
    expect(duringFault(windows, 10_500, 10_600, 5_000)).toBe(true); // inside
    expect(duringFault(windows, 15_900, 16_000, 5_000)).toBe(true); // in the tail
    expect(duringFault(windows, 16_001, 16_100, 5_000)).toBe(false); // after the tail
    expect(duringFault(windows, 1_000, 30_000, 0)).toBe(true); // spans it
  });

  it('splits latencies by kind into during and outside', () => {
    const samples = [
      ...Array.from({ length: 20 }, (_, i) => ({ kind: 'ticket', startMs: i * 100, endMs: i * 100 + 10 + i })),
      { kind: 'ticket', startMs: 10_200, endMs: 14_200 },
      { kind: 'search', startMs: 30_000, endMs: 30_005 },
    ];
    const figures = latencyFigures(samples, windows, 5_000);
    expect(figures.all.outside).toEqual({ n: 21, p50: 19, p95: 28 }); // with the search's 5 ms
    expect(figures.all.during).toEqual({ n: 1, p50: 4000, p95: 4000 });
    expect(figures.byKind.ticket).toEqual({ during: { n: 1, p95: 4000 }, outside: { n: 20, p95: 29 } });
    expect(figures.byKind.search).toEqual({ during: { n: 0, p95: 0 }, outside: { n: 1, p95: 5 } });
  });
});

describe('soak memory growth', () => {
  it('is the fitted slope after warm-up in % an hour of the size after warm-up', () => {
    // 100 MB at warm-up, +1 MB over 10 minutes: 6 % an hour; the warm-up's climb is left out.
    const samples = [
      { atMs: 0, kb: 10_000 },
      ...Array.from({ length: 61 }, (_, i) => ({ atMs: 60_000 + i * 10_000, kb: 100_000 + (1_000 * i) / 60 })),
    ];
    expect(rssGrowthPctPerHour(samples, 60_000)).toBe(6);
  });

  it('is not fooled by one garbage collection at the end, and says nothing on too few samples', () => {
    const flat = Array.from({ length: 60 }, (_, i) => ({ atMs: i * 10_000, kb: 100_000 }));
    flat.push({ atMs: 600_000, kb: 95_000 });
    expect(Math.abs(rssGrowthPctPerHour(flat, 0)!)).toBeLessThan(15);
    expect(rssGrowthPctPerHour([{ atMs: 0, kb: 1 }], 0)).toBeNull();
    expect(rssGrowthPctPerHour(flat.slice(0, 5), 0)).toBeNull(); // under a minute
  });
});

describe('soak record checker', () => {
  it('tells lost, never through, duplicated, stuck, unexpected and stored-without-an-answer apart', () => {
    const sent = [
      { key: 'ok', acknowledged: true },
      { key: 'lost', acknowledged: true },
      { key: 'never', acknowledged: false },
      { key: 'late', acknowledged: false },
      { key: 'twice', acknowledged: true },
      { key: 'stuck', acknowledged: true },
    ];
    const stored = new Map([
      ['ok', { count: 1, settled: true }],
      ['late', { count: 1, settled: true }],
      ['twice', { count: 2, settled: true }],
      ['stuck', { count: 1, settled: false }],
      ['ghost', { count: 1, settled: true }],
    ]);
    const check = checkRecords(sent, stored);
    expect(check).toMatchObject({
      sent: 6,
      lostAcknowledged: 1,
      neverThrough: 1,
      storedUnacknowledged: 1,
      duplicated: 1,
      stuck: 1,
      unexpected: 1,
    });
    expect(check.examples).toContain('lost (acknowledged): lost');
  });

  it('is clean when everything sent is stored once and settled', () => {
    const check = checkRecords([{ key: 'a', acknowledged: true }], new Map([['a', { count: 1, settled: true }]]));
    expect(check).toMatchObject({ lostAcknowledged: 0, neverThrough: 0, duplicated: 0, stuck: 0, unexpected: 0 });
  });

  it('lists the events a console did not hear', () => {
    expect(missedEvents([5, 3, 4, 7], new Set([3, 7]))).toEqual([4, 5]);
    expect(missedEvents([], new Set([1]))).toEqual([]);
  });
});
