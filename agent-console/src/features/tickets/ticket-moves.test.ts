// Pins which buttons each role gets on each status, derived from the contracts' lifecycle table;
// a change to TRANSITIONS that changes what staff see shows up here as a readable diff.
import { describe, expect, it } from 'vitest';
import { ROLES, TICKET_STATUSES, canTransition } from '@kck/contracts';
import { availableActions } from './ticket-moves';

describe('availableActions', () => {
  it('offers the unit its own work and nothing of triage', () => {
    expect(availableActions('routed', 'unit_staff')).toEqual(['accept', 'return']);
    expect(availableActions('accepted', 'unit_staff')).toEqual(['start', 'resolve', 'return']);
    expect(availableActions('in_progress', 'unit_staff')).toEqual(['resolve', 'return']);
    expect(availableActions('reopened', 'unit_staff')).toEqual(['accept', 'return']);
    expect(availableActions('resolved', 'unit_staff')).toEqual([]);
  });

  it('offers triage routing, rejection, closing and reopening', () => {
    expect(availableActions('returned', 'triage')).toEqual(['route', 'reject']);
    expect(availableActions('new', 'triage')).toEqual(['route', 'reject']);
    expect(availableActions('resolved', 'triage')).toEqual(['close', 'reopen']);
    expect(availableActions('closed', 'triage')).toEqual(['reopen']);
    expect(availableActions('rejected', 'triage')).toEqual([]);
  });

  it('lets the hotline only reopen, and read-only roles nothing', () => {
    expect(availableActions('resolved', 'agent')).toEqual(['reopen']);
    expect(availableActions('closed', 'agent')).toEqual([]);
    for (const status of TICKET_STATUSES) {
      expect(availableActions(status, 'analyst')).toEqual([]);
      expect(availableActions(status, 'supervisor')).toEqual([]);
    }
  });

  it('never offers a move the lifecycle refuses', () => {
    const target = { route: 'routed', accept: 'accepted', start: 'in_progress', resolve: 'resolved' } as const;
    const others = { return: 'returned', reject: 'rejected', reopen: 'reopened', close: 'closed' } as const;
    const targets = { ...target, ...others };
    for (const status of TICKET_STATUSES) {
      for (const role of ROLES) {
        for (const action of availableActions(status, role)) {
          expect(canTransition(status, targets[action], role)).toBe(true);
        }
      }
    }
  });
});
