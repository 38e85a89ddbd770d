// The simulated day behind `npm run cti:sim`: the hotline's rates, its faults on purpose, the same day per seed.
import { describe, expect, it } from 'vitest';
import { agentsNeeded, CALLS_PER_HOUR, simulateDay } from './cti-sim.ts';

const extensions = (n: number) => Array.from({ length: n }, (_, i) => String(7000 + i));

describe('simulateDay', () => {
  const options = { hours: 2, startHour: 9, rateMultiplier: 1, seed: 7 };
  const day = simulateDay(options, extensions(agentsNeeded(options)));

  it('arrives at about the peak rate of 600 calls an hour between 9 and 11', () => {
    expect(CALLS_PER_HOUR[9]).toBe(600);
    expect(day.length).toBeGreaterThan(1050);
    expect(day.length).toBeLessThan(1350);
  });

  it('has some abandoned calls, transfers, duplicated and reordered events', () => {
    const missed = day.filter((c) => c.expectedState === 'missed').length / day.length;
    expect(missed).toBeGreaterThan(0.04);
    expect(missed).toBeLessThan(0.15);
    expect(day.some((c) => c.transferred)).toBe(true);
    expect(day.some((c) => c.reordered)).toBe(true);
    expect(day.some((c) => c.sends.some((s) => s.duplicate))).toBe(true);
  });

  it('gives every answered call an answer and a hangup by the agent it ends with', () => {
    for (const call of day.filter((c) => c.expectedState === 'wrap_up')) {
      const kinds = call.sends.filter((s) => !s.duplicate).map((s) => s.body.event);
      expect(kinds).toContain('answered');
      expect(kinds).toContain('hangup');
      const last = call.sends.filter((s) => s.body.agent && s.body.event !== 'ringing').at(-1);
      if (!call.reordered && !call.transferred) expect(last?.body.agent).toBe(call.expectedAgent);
    }
  });

  it('is the same day for the same seed', () => {
    const again = simulateDay(options, extensions(agentsNeeded(options)));
    expect(again.map((c) => [c.expectedState, c.sends.length])).toEqual(
      day.map((c) => [c.expectedState, c.sends.length]),
    );
  });
});
