import { describe, expect, it } from 'vitest';
import { checkPeriod, wholeMonths } from './figures.service.ts';

describe('wholeMonths', () => {
  it('takes the months lying wholly inside the period', () => {
    expect(wholeMonths('2025-01-01', '2025-12-31')).toEqual(['2025-01-01', '2026-01-01']);
    expect(wholeMonths('2024-11-24', '2026-11-23')).toEqual(['2024-12-01', '2026-11-01']);
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual(['2024-02-01', '2024-03-01']);
  });

  it('has none when no month is whole', () => {
    expect(wholeMonths('2025-01-02', '2025-01-31')).toBeNull();
    expect(wholeMonths('2025-01-15', '2025-02-14')).toBeNull();
    expect(wholeMonths('2025-03-01', '2025-03-30')).toBeNull();
  });
});

describe('checkPeriod', () => {
  const limits = { maxPeriodDays: 31 };

  it('takes a period of one day up to the limit', () => {
    expect(() => checkPeriod({ from: '2025-01-01', to: '2025-01-01' }, limits)).not.toThrow();
    expect(() => checkPeriod({ from: '2025-01-01', to: '2025-01-31' }, limits)).not.toThrow();
  });

  it('refuses reversed and too long periods, naming `to`', () => {
    expect(() => checkPeriod({ from: '2025-01-02', to: '2025-01-01' }, limits)).toThrow(/before it starts/);
    expect(() => checkPeriod({ from: '2025-01-01', to: '2025-02-01' }, limits)).toThrow(/32 days; at most 31/);
  });
});
