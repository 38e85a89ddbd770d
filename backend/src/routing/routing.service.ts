// Routing: picks the responsible unit of a new ticket from the routing rules (data, not code).
// No matching rule sends the ticket to DK-03's triage inbox. Idempotent: a routed ticket is left alone.
import type { DataSource, EntityManager } from 'typeorm';
import { TRIAGE_UNIT_CODE } from '@kck/contracts';
import { lockTicket, moveTicket } from '../tickets/tickets.service.ts';
import { unitIdByCode } from '../units/units.service.ts';

export interface RoutingDecision {
  outcome: 'routed' | 'triage' | 'skipped';
  unitId: string | null;
  ruleId: string | null;
  seq: number | null;
}

interface RuleMatch {
  id: string;
  position: number;
  unit_id: string;
  unit_code: string;
  category_label: string;
}

/**
 * The first active rule, by position, matching the ticket's category (or its parent category)
 * and its district; a rule with a district beats one without, a leaf category beats its parent.
 */
async function findRule(
  db: EntityManager,
  categoryId: string,
  districtId: string | null,
): Promise<RuleMatch | undefined> {
  const rows: RuleMatch[] = await db.query(
    `WITH category AS (
       SELECT id, 0 AS depth FROM dictionary_entry WHERE id = $1
       UNION ALL
       SELECT parent_id, 1 FROM dictionary_entry WHERE id = $1 AND parent_id IS NOT NULL
     )
     SELECT r.id, r.position, r.unit_id, u.code AS unit_code, c.label_pl AS category_label
       FROM routing_rule r
       JOIN category ON category.id = r.category_id
       JOIN unit u ON u.id = r.unit_id AND u.active
       JOIN dictionary_entry c ON c.id = r.category_id
      WHERE r.active AND (r.district_id IS NULL OR r.district_id = $2)
      ORDER BY category.depth, (r.district_id IS NULL), r.position
      LIMIT 1`,
    [categoryId, districtId],
  );
  return rows[0];
}

export async function routeNewTicket(db: DataSource, ticketId: string): Promise<RoutingDecision> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, null, ticketId);
    // At-least-once delivery: a second run finds the ticket already moved on.
    if (ticket.status !== 'new')
      return { outcome: 'skipped', unitId: ticket.unitId, ruleId: ticket.routingRuleId, seq: null };
    const rule = await findRule(em, ticket.categoryId, ticket.districtId);
    if (rule) {
      const seq = await moveTicket(em, ticket, 'system', null, {
        to: 'routed',
        kind: 'ticket.routed',
        set: { unitId: rule.unit_id, routingRuleId: rule.id },
        // History is read by Polish staff (and later residents): reasons are written in Polish.
        reason: `Reguła routingu #${rule.position}: ${rule.category_label} → ${rule.unit_code}`,
      });
      return { outcome: 'routed', unitId: rule.unit_id, ruleId: rule.id, seq };
    }
    const triageUnitId = await unitIdByCode(em, TRIAGE_UNIT_CODE);
    const seq = await moveTicket(em, ticket, 'system', null, {
      to: 'triage',
      kind: 'ticket.sent_to_triage',
      set: { unitId: triageUnitId },
      reason: 'Żadna reguła routingu nie pasuje do tej kategorii i dzielnicy',
    });
    return { outcome: 'triage', unitId: triageUnitId, ruleId: null, seq };
  });
}
