// Periods of reports in Kraków's calendar: months, relative periods across year ends, what a schedule reports on,
// and the cron pattern of a cadence; and the CSV's numbers as a Polish spreadsheet reads them.
import { describe, expect, it } from 'vitest';
import { cadencePattern, localToday, monthPeriod, relativePeriod, scheduledPeriod } from './report-periods.ts';
import { csvNumber, sheetName } from './report-render.ts';

describe('report periods', () => {
  it('takes a whole month, leap days included', () => {
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthPeriod('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('reads relative periods from a given day, across the year end', () => {
    expect(relativePeriod('last_month', '2027-01-15')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(relativePeriod('this_month', '2026-11-23')).toEqual({ from: '2026-11-01', to: '2026-11-23' });
    expect(relativePeriod('last_7_days', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    // 2027-01-01 is a Friday: the previous week is Monday 21 – Sunday 27 December.
    expect(relativePeriod('last_week', '2027-01-01')).toEqual({ from: '2026-12-21', to: '2026-12-27' });
    expect(relativePeriod('last_year', '2026-06-01')).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('reports the previous month or week on a scheduled run', () => {
    expect(scheduledPeriod({ every: 'month', day: 2, hour: 7 }, '2026-01-02')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    // A Monday: the week before it.
    expect(scheduledPeriod({ every: 'week', weekday: 1, hour: 7 }, '2026-11-23')).toEqual({
      from: '2026-11-16',
      to: '2026-11-22',
    });
  });

  it('turns a cadence into a cron pattern (Sunday is 0 in cron, 7 in ISO)', () => {
    expect(cadencePattern({ every: 'month', day: 2, hour: 7 })).toBe('0 7 2 * *');
    expect(cadencePattern({ every: 'week', weekday: 7, hour: 18 })).toBe('0 18 * * 0');
    expect(cadencePattern({ every: 'week', weekday: 1, hour: 0 })).toBe('0 0 * * 1');
  });

  it("takes today's date in Kraków, not in UTC", () => {
    // 23:30 UTC on 31 December is already 1 January in Kraków.
    expect(localToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });
});

describe('report files', () => {
  it('writes decimals with a comma and rounds means to what is worth reading', () => {
    expect(csvNumber(12, 'count')).toBe(12);
    expect(csvNumber(0.8333333, 'share')).toBe('0,833');
    expect(csvNumber(26.4567, 'hours')).toBe('26,5');
    expect(csvNumber(183.6, 'seconds')).toBe(184);
  });

  it('names sheets within Excel’s rules: 31 characters, no []:*?/\\, unique', () => {
    const taken = new Set<string>();
    const first = sheetName('Jednostki: przekazanie, załatwienie i dotrzymane terminy', taken);
    const second = sheetName('Jednostki: przekazanie, załatwienie i dotrzymane terminy', taken);
    expect(first.length).toBeLessThanOrEqual(31);
    expect(first).not.toMatch(/[[\]:*?/\\]/);
    expect(second).not.toBe(first);
    expect(second.length).toBeLessThanOrEqual(31);
  });
});
