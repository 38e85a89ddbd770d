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

describe('pickPolicy with a channel', () => {
  // KP-02's policy for matters addressed to the Mayor, beside the general rules above.
  const withMayor: DeadlineRules = {
    ...rules,
    policies: [
      ...rules.policies,
      policy({ channel: 'mayor', workingDays: 14 }),
      policy({ ticketType: 'idea', channel: 'mayor', workingDays: 14 }),
      policy({ categoryId: 'roads.signs', channel: 'mayor', workingDays: 3 }),
    ],
  };
  const pickFrom = (
    categoryId: string,
    priority: 'normal' | 'urgent',
    channel: 'mayor' | 'phone' | undefined,
    type: 'problem' | 'idea' = 'problem',
  ) => pickPolicy(withMayor, { type, categoryId, priority, channel });

  it("replaces the type's general rule for the channel it names, and only for that channel", () => {
    expect(pickFrom('roads.pothole', 'normal', 'mayor')?.workingDays).toBe(14);
    expect(pickFrom('other.other', 'normal', 'mayor', 'idea')?.workingDays).toBe(14);
    expect(pickFrom('roads.pothole', 'normal', 'phone')?.workingDays).toBe(21);
    expect(pickFrom('roads.pothole', 'normal', undefined)?.workingDays).toBe(21);
  });

  it("never beats a category's or a priority's own rule, which stay as they are for the channel", () => {
    expect(pickFrom('roads.pothole', 'urgent', 'mayor')?.workingHours).toBe(8);
    expect(pickFrom('other.other', 'urgent', 'mayor')?.workingDays).toBe(2);
  });

  it('is the most specific when it names the category too', () => {
    expect(pickFrom('roads.signs', 'normal', 'mayor')?.workingDays).toBe(3);
    expect(pickFrom('roads.signs', 'normal', 'phone')?.workingDays).toBe(5);
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
