// The open-data page's cells: "<5" for suppressed ones whatever the measure, "–" for a month without tickets.
import { describe, expect, it } from 'vitest';
import type { OpenDataCellDto } from '@kck/contracts';
import { cellText, monthLabel } from './open-data-format';

const cell: OpenDataCellDto = {
  month: '2025-04',
  suppressed: false,
  tickets: 1234,
  resolved: 6,
  deadlineKeptShare: 0.5,
  meanDaysToResolve: 3,
  openShare: null,
};

describe('cellText', () => {
  it('writes a suppressed cell as the threshold, for every measure', () => {
    const hidden = { ...cell, suppressed: true, tickets: null, resolved: null, deadlineKeptShare: null };
    for (const measure of ['tickets', 'resolved', 'deadlineKeptShare'] as const)
      expect(cellText(hidden, measure, 5, 'pl')).toEqual({ text: '<5', kind: 'suppressed' });
  });

  it('writes no cell as a dash and a measure over nothing as a dot', () => {
    expect(cellText(undefined, 'tickets', 5, 'pl')).toEqual({ text: '–', kind: 'none' });
    expect(cellText(cell, 'openShare', 5, 'pl')).toEqual({ text: '·', kind: 'empty' });
  });

  it('formats counts, shares and days in the page language', () => {
    expect(cellText(cell, 'tickets', 5, 'en').text).toBe('1,234');
    expect(cellText(cell, 'deadlineKeptShare', 5, 'en').text).toBe('50%');
    expect(cellText(cell, 'meanDaysToResolve', 5, 'pl').text).toBe('3,0');
    expect(monthLabel('2025-04', 'en')).toBe('Apr 2025');
  });
});
