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
  name: string | null;
  unit_id: string;
  unit_code: string;
  category_label: string;
  /** The first of the rule's keywords found in the ticket; null for a rule without keywords. */
  matched_keyword: string | null;
  /** Only the informed units still active, so a retired unit is not kept informed of new tickets. */
  informed_unit_ids: string[];
  informed_unit_codes: string[];
}

/**
 * The active rule for a ticket, most specific first: a rule on the leaf category beats one on its parent,
 * then a rule for the ticket's district beats one for every district, then a rule with keywords (one of
 * which occurs in the ticket) beats one without; among equals the lowest position decides.
 *
 * Keywords match when, folded like the knowledge base folds text (kb_fold: lower case, no diacritics,
 * punctuation to spaces), one of them starts a word of the ticket's title or description: Polish inflects
 * by endings, so `tramwaj` must find `tramwajowych` and `Tramwaje`, yet not the middle of another word.
 * A keyword of several words is a phrase whose last word may go on (`plac centralny` finds `Plac Centralny`).
 */
async function findRule(
  db: EntityManager,
  ticketId: string,
  categoryId: string,
  districtId: string | null,
): Promise<RuleMatch | undefined> {
  const rows: RuleMatch[] = await db.query(
    `WITH category AS (
       SELECT id, 0 AS depth FROM dictionary_entry WHERE id = $1
       UNION ALL
       SELECT parent_id, 1 FROM dictionary_entry WHERE id = $1 AND parent_id IS NOT NULL
     ),
     -- Folded once per ticket; the leading space lets every keyword be looked up as ' ' || word.
     tt AS (SELECT ' ' || kb_fold(title || ' ' || description) AS folded FROM ticket WHERE id = $3)
     SELECT r.id, r.position, r.name, r.unit_id, u.code AS unit_code, c.label_pl AS category_label,
            matched.word AS matched_keyword,
            COALESCE(informed.ids, '{}') AS informed_unit_ids, COALESCE(informed.codes, '{}') AS informed_unit_codes
       FROM routing_rule r
       JOIN category ON category.id = r.category_id
       JOIN unit u ON u.id = r.unit_id AND u.active
       JOIN dictionary_entry c ON c.id = r.category_id
       CROSS JOIN tt
       LEFT JOIN LATERAL (
         SELECT kw.word FROM unnest(r.keywords) WITH ORDINALITY AS kw(word, n)
          WHERE kb_fold(kw.word) <> '' AND strpos(tt.folded, ' ' || kb_fold(kw.word)) > 0
          ORDER BY kw.n LIMIT 1
       ) matched ON true
       LEFT JOIN LATERAL (
         SELECT array_agg(iu.id ORDER BY iu.code) AS ids, array_agg(iu.code ORDER BY iu.code) AS codes
           FROM unit iu WHERE iu.id = ANY (r.informed_unit_ids) AND iu.active AND iu.id <> r.unit_id
       ) informed ON true
      WHERE r.active AND (r.district_id IS NULL OR r.district_id = $2)
        AND (cardinality(r.keywords) = 0 OR matched.word IS NOT NULL)
      ORDER BY category.depth, (r.district_id IS NULL), (cardinality(r.keywords) = 0), r.position, r.created_at, r.id
      LIMIT 1`,
    [categoryId, districtId, ticketId],
  );
  return rows[0];
}

/** History is read by Polish staff (and later residents): reasons are written in Polish. */
function ruleReason(rule: RuleMatch): string {
  let reason = `Reguła routingu #${rule.position}: ${rule.category_label} → ${rule.unit_code}`;
  if (rule.name) reason += ` („${rule.name}”)`;
  if (rule.matched_keyword) reason += `, słowo kluczowe „${rule.matched_keyword}”`;
  if (rule.informed_unit_codes.length > 0) reason += `; do wiadomości: ${rule.informed_unit_codes.join(', ')}`;
  return reason;
}

export async function routeNewTicket(db: DataSource, ticketId: string): Promise<RoutingDecision> {
  return db.transaction(async (em) => {
    const ticket = await lockTicket(em, null, ticketId);
    // At-least-once delivery: a second run finds the ticket already moved on.
    if (ticket.status !== 'new')
      return { outcome: 'skipped', unitId: ticket.unitId, ruleId: ticket.routingRuleId, seq: null };
    // An idea is assessed by DK-03 before anyone forwards it (the idea path in contracts/lifecycle.ts).
    const rule =
      ticket.type === 'idea' ? undefined : await findRule(em, ticket.id, ticket.categoryId, ticket.districtId);
    if (rule) {
      const seq = await moveTicket(em, ticket, 'system', null, {
        to: 'routed',
        kind: 'ticket.routed',
        set: { unitId: rule.unit_id, routingRuleId: rule.id, informedUnitIds: rule.informed_unit_ids },
        reason: ruleReason(rule),
      });
      return { outcome: 'routed', unitId: rule.unit_id, ruleId: rule.id, seq };
    }
    const triageUnitId = await unitIdByCode(em, TRIAGE_UNIT_CODE);
    const seq = await moveTicket(em, ticket, 'system', null, {
      to: 'triage',
      kind: 'ticket.sent_to_triage',
      set: { unitId: triageUnitId },
      reason:
        ticket.type === 'idea'
          ? 'Pomysł: ocena w DK-03 przed przekazaniem do komórki'
          : 'Żadna reguła routingu nie pasuje do kategorii, dzielnicy i treści tego zgłoszenia',
    });
    return { outcome: 'triage', unitId: triageUnitId, ruleId: null, seq };
  });
}
