// Which deadline policy a ticket gets: the most specific match wins (leaf category, then group, then any;
// a named priority before any priority), and the due date is counted in its unit.
import { describe, expect, it } from 'vitest';
import { dueAtUnder, pickPolicy, type DeadlinePolicyRow, type DeadlineRules } from './deadline-policies.ts';
import { DEFAULT_OFFICE_HOURS } from './working-days.ts';

const policy = (p: Partial<DeadlinePolicyRow>): DeadlinePolicyRow => ({
  ticketType: 'problem',
  categoryId: null,
  priority: null,
  workingDays: null,
  workingHours: null,
  ...p,
});

const rules: DeadlineRules = {
  policies: [
    policy({ workingDays: 21 }),
    policy({ priority: 'urgent', workingDays: 2 }),
    policy({ categoryId: 'roads', priority: 'urgent', workingHours: 8 }),
    policy({ categoryId: 'roads.signs', workingDays: 5 }),
    policy({ ticketType: 'idea', workingDays: 42 }),
  ],
  parents: new Map([
    ['roads', null],
    ['roads.pothole', 'roads'],
    ['roads.signs', 'roads'],
    ['other.other', 'other'],
  ]),
};

const pick = (categoryId: string, priority: 'normal' | 'urgent', type: 'problem' | 'idea' = 'problem') =>
  pickPolicy(rules, { type, categoryId, priority });

describe('pickPolicy', () => {
  it('prefers the group category with the priority over the type-wide priority rule', () => {
    expect(pick('roads.pothole', 'urgent')?.workingHours).toBe(8);
    expect(pick('other.other', 'urgent')?.workingDays).toBe(2);
  });

  it('prefers the leaf category over the group, even without a priority', () => {
    expect(pick('roads.signs', 'urgent')?.workingDays).toBe(5);
  });

  it('falls back to the type-wide rule, and never takes another type’s', () => {
    expect(pick('roads.pothole', 'normal')?.workingDays).toBe(21);
    expect(pick('roads.pothole', 'normal', 'idea')?.workingDays).toBe(42);
    expect(
      pickPolicy({ policies: [], parents: new Map() }, { type: 'problem', categoryId: 'x', priority: 'low' }),
    ).toBeNull();
  });
});

describe('dueAtUnder', () => {
  const from = new Date('2026-11-23T08:00:00+01:00'); // Monday
  it('counts hours in office time and days to the end of the working day, 21 days without a policy', () => {
    expect(dueAtUnder(policy({ workingHours: 8 }), from, DEFAULT_OFFICE_HOURS).toISOString()).toBe(
      '2026-11-24T07:00:00.000Z',
    );
    expect(dueAtUnder(policy({ workingDays: 2 }), from, DEFAULT_OFFICE_HOURS).toISOString()).toBe(
      '2026-11-25T22:59:59.000Z',
    );
    expect(dueAtUnder(null, from, DEFAULT_OFFICE_HOURS).toISOString()).toBe('2026-12-22T22:59:59.000Z');
  });
});
