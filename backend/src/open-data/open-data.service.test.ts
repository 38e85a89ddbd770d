// The suppression rule and the period check of the open data, without a database.
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import { cellsToSuppress, openDataPeriod } from './open-data.service.ts';

const cells = (counts: Record<string, number>) => Object.entries(counts).map(([key, tickets]) => ({ key, tickets }));

describe('cellsToSuppress', () => {
  it('hides nothing when every cell has at least the threshold', () => {
    expect(cellsToSuppress(cells({ a: 5, b: 9 }), 5)).toEqual(new Set());
  });

  it('hides a lone small cell together with the next smallest, so the total gives neither back', () => {
    expect(cellsToSuppress(cells({ a: 3, b: 7, c: 12 }), 5)).toEqual(new Set(['a', 'b']));
    // Ties go to the first key, so the answer does not change between requests.
    expect(cellsToSuppress(cells({ z: 1, c: 8, b: 8 }), 5)).toEqual(new Set(['z', 'b']));
  });

  it('adds nothing when two or more cells are small already', () => {
    expect(cellsToSuppress(cells({ a: 1, b: 4, c: 30 }), 5)).toEqual(new Set(['a', 'b']));
  });

  it('follows the configured threshold', () => {
    expect(cellsToSuppress(cells({ a: 9, b: 10, c: 11 }), 10)).toEqual(new Set(['a', 'b']));
  });
});

describe('openDataPeriod', () => {
  const now = new Date('2026-03-15T12:00:00Z');
  const refused = (fn: () => unknown) => {
    try {
      fn();
    } catch (err) {
      return err instanceof AppError ? JSON.stringify(err) + err.message : String(err);
    }
    return 'not refused';
  };

  it('defaults to the last twelve completed months', () => {
    const period = openDataPeriod({}, 36, now);
    expect([period.from, period.to, period.months.length]).toEqual(['2025-03', '2026-02', 12]);
    expect(openDataPeriod({}, 6, now).months).toHaveLength(6);
  });

  it('counts the month in Kraków: 31 December 23:30 UTC is already January there', () => {
    expect(openDataPeriod({}, 36, new Date('2025-12-31T23:30:00Z')).to).toBe('2025-12');
  });

  it('refuses the current month, reversed periods and too long ones', () => {
    expect(refused(() => openDataPeriod({ from: '2026-03', to: '2026-03' }, 36, now))).toMatch(/completed months/);
    expect(refused(() => openDataPeriod({ from: '2026-02', to: '2026-01' }, 36, now))).toMatch(/before it starts/);
    expect(refused(() => openDataPeriod({ from: '2023-01', to: '2026-02' }, 36, now))).toMatch(/at most 36/);
    expect(openDataPeriod({ from: '2023-03', to: '2026-02' }, 36, now).months).toHaveLength(36);
  });
});
