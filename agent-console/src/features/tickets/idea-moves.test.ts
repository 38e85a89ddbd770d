// The console offers an idea no plain "resolve": the unit ends it with a decision (IdeaDecisionForm) instead.
import { describe, expect, it } from 'vitest';
import { availableActions } from './ticket-moves';

describe('availableActions for an idea', () => {
  it('leaves out resolve, which the lifecycle refuses for ideas, and keeps every other move', () => {
    expect(availableActions('accepted', 'unit_staff', 'idea')).toEqual(['start', 'return']);
    expect(availableActions('in_progress', 'unit_staff', 'idea')).toEqual(['return']);
    expect(availableActions('accepted', 'unit_staff', 'problem')).toEqual(['start', 'resolve', 'return']);
    expect(availableActions('triage', 'triage', 'idea')).toEqual(['route', 'reject']);
  });
});
