// The dashboard's periods: presets counted from a given day, time keys for charts, and filters read from a URL.
import { describe, expect, it } from 'vitest';
import { daysOf, fillTime, filtersFrom, presetPeriod, timeGrain, timeKeys } from './dashboard-filters';

describe('the dashboard periods', () => {
  it('counts the presets from today', () => {
    expect(presetPeriod('today', '2026-03-15')).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(presetPeriod('thisMonth', '2026-03-15')).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetPeriod('lastMonth', '2026-03-15')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetPeriod('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetPeriod('thisYear', '2026-03-15')).toEqual({ from: '2026-01-01', to: '2026-03-15' });
    expect(presetPeriod('last12Months', '2026-03-15')).toEqual({ from: '2025-04-01', to: '2026-03-15' });
    expect(presetPeriod('last12Months', '2026-12-05')).toEqual({ from: '2026-01-01', to: '2026-12-05' });
  });

  it('reads filters from the URL, dropping what it cannot use', () => {
    const id = '0c53209b-f49f-4e44-b63c-fe0f791e091f';
    const filters = filtersFrom(
      new URLSearchParams(`period=lastMonth&unitId=${id}&channel=fax&districtId=x`),
      '2026-03-15',
    );
    expect(filters).toMatchObject({ preset: 'lastMonth', from: '2026-02-01', unitId: id, periodError: null });
    expect(filters.channel).toBeUndefined();
    expect(filters.districtId).toBeUndefined();
    expect(filtersFrom(new URLSearchParams('period=custom&from=2026-03-02&to=2026-03-01')).periodError).toBe(
      'reversed',
    );
    expect(filtersFrom(new URLSearchParams('period=custom&from=2026-03-02')).periodError).toBe('missing');
    expect(filtersFrom(new URLSearchParams(''), '2026-03-15').preset).toBe('thisMonth');
  });

  it('charts by day up to two months, then by month, with every key of the period', () => {
    expect(timeGrain('2026-01-01', '2026-03-03')).toBe('day');
    expect(timeGrain('2026-01-01', '2026-03-04')).toBe('month');
    expect(timeKeys('2026-02-27', '2026-03-02', 'day')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(timeKeys('2025-11-15', '2026-02-01', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(daysOf('2025-11', { from: '2025-11-15', to: '2026-02-01' })).toEqual({
      from: '2025-11-15',
      to: '2025-11-30',
    });
    expect(
      fillTime([{ id: '2026-03-01', n: 2 }], ['2026-02-28', '2026-03-01'], (id) => ({ id, n: 0 })).map((r) => r.n),
    ).toEqual([0, 2]);
  });
});
