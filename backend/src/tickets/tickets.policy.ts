// Who sees which tickets: one SQL scope used by every list AND every by-id read,
// so a ticket outside the scope answers 404, never 403 (its existence is not disclosed).
import type { Actor } from '../auth/actor.ts';

export interface SqlScope {
  /** A condition on the ticket aliased `t`, with `$n` placeholders numbered from `firstParam`. */
  where: string;
  params: unknown[];
}

/**
 * `read`: lists, detail, history, missed events. `act`: commands that change the ticket (lockTicket).
 * They differ for unit staff only: a unit kept informed by the routing rule reads the ticket but may not act on it.
 */
export type ScopePurpose = 'read' | 'act';

export function ticketScope(actor: Actor, firstParam: number, purpose: ScopePurpose = 'read'): SqlScope {
  switch (actor.role) {
    case 'triage':
    case 'supervisor':
    case 'admin':
    case 'analyst':
      return { where: 'true', params: [] };
    case 'unit_staff':
      if (!actor.unitId) return { where: 'false', params: [] };
      return purpose === 'act'
        ? { where: `t.unit_id = $${firstParam}`, params: [actor.unitId] }
        : {
            // `@>` rather than `= ANY` so the GIN index on informed_unit_ids can answer it.
            where: `(t.unit_id = $${firstParam} OR t.informed_unit_ids @> ARRAY[$${firstParam}]::uuid[])`,
            params: [actor.unitId],
          };
    case 'agent':
      return { where: `t.created_by = $${firstParam}`, params: [actor.id] };
    // KP-02 follows every matter addressed to the Mayor wherever it is, and nothing else.
    case 'mayor_office':
      return { where: `t.channel = 'mayor'`, params: [] };
    default:
      return { where: 'false', params: [] };
  }
}

/** Roles that may read tickets at all (kb_editor works on articles only). */
export const TICKET_READERS = [
  'agent',
  'triage',
  'unit_staff',
  'analyst',
  'supervisor',
  'admin',
  'mayor_office',
] as const;
/** Roles that may write a ticket on a resident's behalf. */
export const TICKET_CREATORS = ['agent', 'triage', 'supervisor', 'admin'] as const;
/** Who may ask for a unit's moves and for DK-03's; the lifecycle table then checks the move itself. */
export const UNIT_ACTORS = ['unit_staff', 'admin'] as const;
export const TRIAGE_ACTORS = ['triage', 'admin'] as const;
/** Who routes by hand: DK-03, and KP-02 its own matters (its scope holds only those). */
export const TICKET_ROUTERS = ['triage', 'admin', 'mayor_office'] as const;
