// Who sees which tickets: one SQL scope used by every list AND every by-id read,
// so a ticket outside the scope answers 404, never 403 (its existence is not disclosed).
import type { Actor } from '../auth/actor.ts';

export interface SqlScope {
  /** A condition on the ticket aliased `t`, with `$n` placeholders numbered from `firstParam`. */
  where: string;
  params: unknown[];
}

export function ticketScope(actor: Actor, firstParam: number): SqlScope {
  switch (actor.role) {
    case 'triage':
    case 'supervisor':
    case 'admin':
    case 'analyst':
      return { where: 'true', params: [] };
    case 'unit_staff':
      return actor.unitId
        ? { where: `t.unit_id = $${firstParam}`, params: [actor.unitId] }
        : { where: 'false', params: [] };
    case 'agent':
      return { where: `t.created_by = $${firstParam}`, params: [actor.id] };
    default:
      return { where: 'false', params: [] };
  }
}

/** Roles that may read tickets at all (kb_editor works on articles only). */
export const TICKET_READERS = ['agent', 'triage', 'unit_staff', 'analyst', 'supervisor', 'admin'] as const;
/** Roles that may write a ticket on a resident's behalf. */
export const TICKET_CREATORS = ['agent', 'triage', 'supervisor', 'admin'] as const;
