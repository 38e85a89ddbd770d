import { describe, expect, it } from 'vitest';
import { canTransition, TICKET_STATUSES, TRANSITIONS } from '@kck/contracts';
import { AppError } from '../platform/errors.ts';
import { assertTransition } from './ticket-lifecycle.ts';

describe('ticket lifecycle', () => {
  it('lists every status as a source', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...TICKET_STATUSES].sort());
  });

  it('lets routing send a new ticket to a unit or to triage', () => {
    expect(canTransition('new', 'routed', 'system')).toBe(true);
    expect(canTransition('new', 'triage', 'system')).toBe(true);
  });

  it('lets only unit staff accept and resolve', () => {
    expect(canTransition('routed', 'accepted', 'unit_staff')).toBe(true);
    expect(canTransition('routed', 'accepted', 'agent')).toBe(false);
    expect(canTransition('accepted', 'resolved', 'unit_staff')).toBe(true);
    expect(canTransition('accepted', 'resolved', 'triage')).toBe(false);
  });

  describe('when the move does not exist', () => {
    it('throws invalid_transition naming both statuses', () => {
      expect(() => assertTransition('new', 'resolved', 'admin')).toThrowError(/new cannot become resolved/);
    });
  });

  describe('when the role may not make the move', () => {
    it('throws a 409 naming the role', () => {
      try {
        assertTransition('triage', 'routed', 'agent');
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(AppError);
        expect((err as AppError).status).toBe(409);
        expect((err as AppError).message).toMatch(/agent/);
      }
    });
  });

  it('has no way out of rejected and duplicate', () => {
    expect(TRANSITIONS.rejected).toEqual({});
    expect(TRANSITIONS.duplicate).toEqual({});
  });
});
