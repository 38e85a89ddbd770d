// The moves beyond the plain table: a split closes the original, ideas follow their own path (assessment,
// forwarded, accepted or rejected) and end only with a unit's decision; what the console shows for each stage.
import { describe, expect, it } from 'vitest';
import { canMoveTicket, ideaStage, type TicketStatus } from '@kck/contracts';
import type { AppError } from '../platform/errors.ts';
import { assertMove } from './ticket-lifecycle.ts';

const problem = (status: TicketStatus) => ({ type: 'problem' as const, status, version: 3 });
const idea = (status: TicketStatus) => ({ type: 'idea' as const, status, version: 3 });

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a refusal');
}

describe('a split', () => {
  it('closes an open original for DK-03, from any status before a unit took it on', () => {
    for (const status of ['new', 'triage', 'routed', 'returned', 'reopened'] as const) {
      expect(canMoveTicket(problem(status), 'closed', 'triage', 'ticket.split'), status).toBe(true);
    }
    expect(canMoveTicket(problem('accepted'), 'closed', 'triage', 'ticket.split')).toBe(false);
    expect(canMoveTicket(problem('new'), 'closed', 'unit_staff', 'ticket.split')).toBe(false);
  });

  it('does not open the plain close to unresolved tickets', () => {
    expect(canMoveTicket(problem('triage'), 'closed', 'triage', 'ticket.closed')).toBe(false);
  });
});

describe('the idea path', () => {
  it('never lets routing rules forward an idea, but lets DK-03 forward it after assessment', () => {
    expect(canMoveTicket(idea('new'), 'routed', 'system', 'ticket.routed')).toBe(false);
    expect(canMoveTicket(idea('new'), 'triage', 'system', 'ticket.sent_to_triage')).toBe(true);
    expect(canMoveTicket(idea('triage'), 'routed', 'triage', 'ticket.routed')).toBe(true);
    expect(canMoveTicket(problem('new'), 'routed', 'system', 'ticket.routed')).toBe(true);
  });

  it('ends an idea only with a decision by the unit, and a problem never with one', () => {
    expect(canMoveTicket(idea('accepted'), 'resolved', 'unit_staff', 'ticket.resolved')).toBe(false);
    expect(canMoveTicket(idea('accepted'), 'resolved', 'unit_staff', 'ticket.idea_decided')).toBe(true);
    expect(canMoveTicket(idea('in_progress'), 'resolved', 'admin', 'ticket.idea_decided')).toBe(true);
    expect(canMoveTicket(idea('accepted'), 'resolved', 'triage', 'ticket.idea_decided')).toBe(false);
    expect(canMoveTicket(idea('routed'), 'resolved', 'unit_staff', 'ticket.idea_decided')).toBe(false);
    expect(canMoveTicket(problem('accepted'), 'resolved', 'unit_staff', 'ticket.idea_decided')).toBe(false);
  });

  it('names each refusal with a 409 carrying the current status and version', () => {
    const plain = refusal(() => assertMove(idea('accepted'), 'resolved', 'unit_staff', 'ticket.resolved'));
    expect(plain).toMatchObject({
      status: 409,
      code: 'invalid_transition',
      current: { status: 'accepted', version: 3 },
    });
    expect(plain.message).toMatch(/idea ends with a decision/);
    expect(
      refusal(() => assertMove(problem('accepted'), 'resolved', 'unit_staff', 'ticket.idea_decided')).message,
    ).toMatch(/Only a ticket of type idea/);
    expect(refusal(() => assertMove(idea('new'), 'routed', 'system', 'ticket.routed')).message).toMatch(
      /DK-03 assesses it first/,
    );
    expect(() => assertMove(problem('accepted'), 'resolved', 'unit_staff', 'ticket.resolved')).not.toThrow();
  });

  it('shows the stage of each status: Ocena, Przekazany, Przyjęty or Odrzucony', () => {
    expect(ideaStage('new', null)).toBe('assessment');
    expect(ideaStage('triage', null)).toBe('assessment');
    expect(ideaStage('returned', null)).toBe('assessment');
    expect(ideaStage('routed', null)).toBe('forwarded');
    expect(ideaStage('in_progress', null)).toBe('forwarded');
    expect(ideaStage('resolved', 'accepted')).toBe('accepted');
    expect(ideaStage('closed', 'rejected')).toBe('rejected');
    expect(ideaStage('rejected', null)).toBe('rejected');
    expect(ideaStage('duplicate', null)).toBeNull();
  });
});
