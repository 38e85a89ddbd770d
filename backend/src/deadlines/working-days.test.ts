import { describe, expect, it } from 'vitest';
import { addWorkingDays, easterSunday, isWorkingDay, polishHolidays } from './working-days.ts';

describe('working days', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2026).toISOString().slice(0, 10)).toBe('2026-04-05');
    expect(easterSunday(2027).toISOString().slice(0, 10)).toBe('2027-03-28');
  });

  it('knows movable and fixed holidays, including 24 December from 2025', () => {
    const h = polishHolidays(2026);
    expect(h.has('2026-04-06')).toBe(true); // Easter Monday
    expect(h.has('2026-06-04')).toBe(true); // Corpus Christi
    expect(h.has('2026-12-24')).toBe(true);
    expect(polishHolidays(2024).has('2024-12-24')).toBe(false);
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2026-11-11')).toBe(false); // Independence Day, Wednesday
    expect(isWorkingDay('2026-11-21')).toBe(false); // Saturday
    expect(isWorkingDay('2026-11-23')).toBe(true);
  });

  describe('when counting from a Friday before a long weekend', () => {
    it('does not count the day of receipt, the weekend or the holidays', () => {
      // Thu 2026-12-24 and Fri 25, Sat 26 holidays; Sun 27.
      const due = addWorkingDays(new Date('2026-12-23T10:00:00+01:00'), 2);
      expect(due.toISOString()).toBe('2026-12-29T22:59:59.000Z'); // end of Tue 29 Dec in Warsaw (CET)
    });
  });

  it('ends the day in summer time correctly', () => {
    const due = addWorkingDays(new Date('2026-07-01T09:00:00+02:00'), 1);
    expect(due.toISOString()).toBe('2026-07-02T21:59:59.000Z');
  });
});
